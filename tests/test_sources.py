"""The playbook's figures stay traceable: every reported figure links to docs/sources.md, every study
there says when and how it was checked, untraceable and bolted-on figures stay out, and rules of thumb
say that they are rules of thumb."""

from __future__ import annotations

import re
from pathlib import Path

from markdown.extensions.toc import slugify

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SOURCES = DOCS / "sources.md"
CHECKED_ON = "2026-11-28"
PAGES = sorted(p for p in DOCS.rglob("*.md") if p != SOURCES)

# A sentence that reports a figure: it names a research publisher, or it gives a number together with a
# word that presents the number as someone's finding, forecast, estimate or illustration.
PUBLISHER = re.compile(r"\b(Gartner|McKinsey|BCG|Boston Consulting|MIT|RAND|IDC|Forrester|Deloitte|PwC"
                       r"|Accenture|Capgemini|S&P Global|Stanford)\b")
FIGURE = re.compile(r"\d+(?:\.\d+)?\s*%|\b\d+(?:\.\d+)?\s*[x×](?!\w)"
                    r"|\b(?:two|three)[- ](?:thirds|quarters)\b|\bone in (?:three|four|five|ten)\b"
                    r"|\b\d+\s*(?:to|-|–)\s*\d+\s*(?:months|weeks)\b")
CUE = re.compile(r"\b(found|finds|reports?|reported|surveys?|surveyed|stud(?:y|ies)|research|predict\w*"
                 r"|forecasts?|according to|attribut\w*|cites?|puts?|estimates? (?:of|that)|estimated|illustrat\w*)\b", re.I)
SOURCE_LINK = re.compile(r"\]\((?:\.\./)*sources\.md#([\w-]+)\)")

# Figures from the surveys are quoted once, on "Why pilots stall", and listed on the sources page.
SURVEY_FIGURES = re.compile(r"\b48\s*%|\b74\s*%|two-thirds of (?:companies|organi[sz]ations|respondents|firms)"
                            r"|\b30\s*% of (?:generative|GenAI)", re.I)
SURVEY_PAGES = {DOCS / "why-pilots-stall.md", SOURCES}
BOLT_ON = re.compile(r"\bjoin (?:the \d+\s*%|them)\b|\bland in that group\b", re.I)

# "Gartner attributes 85% of AI failures to data quality": no Gartner text says so.
UNTRACEABLE = re.compile(r"\b85\s*%[^.]*\b(?:fail\w*|data quality)\b|\b(?:fail\w*|data quality)\b[^.]*\b85\s*%", re.I)

LABEL = re.compile(r"rule of thumb|rules of thumb|heuristic", re.I)
HEURISTICS = {
    "PSI above 0.2": re.compile(r"(?:population stability index|\bPSI\b)[^.]*\b0\.2\b", re.I),
    "1-2% live sampling": re.compile(r"\b1\s*[-–]\s*2\s*%"),
    "15-minute rollback": re.compile(r"\b15[- ]minutes?\b", re.I),
    "six weeks of hypercare": re.compile(r"hypercare[^.]*\b(?:six|6) weeks\b|\b(?:six|6) weeks\b[^.]*hypercare",
                                         re.I),
}


def _sections(text: str) -> dict[str, str]:
    """The page's "## " sections by title (the text before the first one under "")."""
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    out = {"": parts[0]}
    for title, body in zip(parts[1::2], parts[2::2], strict=True):
        out[title.strip()] = body
    return out


def _prose(text: str) -> str:
    """The text a reader reads as sentences: no code blocks, macro calls or HTML comments."""
    text = re.sub(r"^```.*?^```", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S | re.M)
    text = re.sub(r"\{\{.*?\}\}|<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return text


def _sentences(text: str) -> list[tuple[int, str]]:
    """(line, sentence) for each sentence; a table row, heading or list item starts a new block."""
    blocks: list[tuple[int, list[str]]] = []
    for number, line in enumerate(_prose(text).splitlines(), 1):
        stripped = line.strip()
        starts = re.match(r"(\||#|[-*] |\d+\. |!!!)", stripped)
        if not stripped:
            blocks.append((number, []))
        elif starts or not blocks or not blocks[-1][1] or blocks[-1][1][-1].startswith("|"):
            blocks.append((number, [stripped]))
        else:
            blocks[-1][1].append(stripped)
    out = []
    for number, lines in blocks:
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\[*\"(])", " ".join(lines)):
            if sentence:
                out.append((number, sentence))
    return out


def _anchors() -> set[str]:
    return {slugify(title, "-") for title in re.findall(r"^#{2,4} (.+)$", SOURCES.read_text(encoding="utf-8"), re.M)}


def _where(path: Path, line: int, sentence: str) -> str:
    return f"{path.relative_to(ROOT)}:{line}: {sentence}"


def test_every_reported_figure_links_to_its_entry_on_the_sources_page() -> None:
    anchors = _anchors()
    unsourced, checked = [], 0
    for page in PAGES:
        for line, sentence in _sentences(page.read_text(encoding="utf-8")):
            if not (PUBLISHER.search(sentence) or (FIGURE.search(sentence) and CUE.search(sentence))):
                continue
            checked += 1
            links = SOURCE_LINK.findall(sentence)
            if not links or any(anchor not in anchors for anchor in links):
                unsourced.append(_where(page, line, sentence))
    assert checked >= 5, "the rule found no reported figures at all: is the sentence splitter broken?"
    assert unsourced == [], "\n".join(["cite the entry on docs/sources.md in the same sentence:", *unsourced])


def test_every_study_says_what_we_cite_and_how_it_was_checked() -> None:
    studies = re.split(r"^### ", _sections(SOURCES.read_text(encoding="utf-8"))["Studies and reports"], flags=re.M)[1:]
    assert len(studies) >= 5
    for study in studies:
        title = study.splitlines()[0]
        assert "**What we cite:**" in study, title
        checked = re.search(r"^- \*\*Checked (\d{4}-\d\d-\d\d):\*\* (.+)$", study, re.M)
        assert checked, f"{title}: no '- **Checked {CHECKED_ON}:**' line"
        assert checked.group(1) == CHECKED_ON, title
        assert re.match(r"(against the primary source|against reports of the primary source)", checked.group(2)), title
        assert re.search(r"<https://[^>]+>", study), f"{title}: no address of the primary source"


def test_survey_figures_are_quoted_once_and_never_bolted_onto_a_dimension() -> None:
    found = []
    for page in PAGES:
        for line, sentence in _sentences(page.read_text(encoding="utf-8")):
            if BOLT_ON.search(sentence) or (page not in SURVEY_PAGES and SURVEY_FIGURES.search(sentence)):
                found.append(_where(page, line, sentence))
    assert found == [], "\n".join(["quote survey figures on Why pilots stall only, and link there:", *found])


def test_the_untraceable_data_quality_figure_stays_out() -> None:
    sections = _sections(SOURCES.read_text(encoding="utf-8"))
    texts = {path: path.read_text(encoding="utf-8")
             for path in [*PAGES, ROOT / "README.md", *sorted((ROOT / "checklists").glob("*.*"))]}
    texts[SOURCES] = "".join(body for title, body in sections.items() if title != "Figures we no longer cite")
    found = [_where(path, line, sentence) for path, text in texts.items()
             for line, sentence in _sentences(text) if UNTRACEABLE.search(sentence)]
    assert found == []
    assert UNTRACEABLE.search(sections.get("Figures we no longer cite", "")), \
        "the sources page should say, under 'Figures we no longer cite', why the figure was removed"


def test_rules_of_thumb_are_labelled_where_they_appear() -> None:
    unlabelled, seen = [], 0
    for page in PAGES:
        for line, sentence in _sentences(page.read_text(encoding="utf-8")):
            for name, pattern in HEURISTICS.items():
                if pattern.search(sentence):
                    seen += 1
                    if not LABEL.search(sentence):
                        unlabelled.append(f"{name}: {_where(page, line, sentence)}")
    assert seen >= 2, "the playbook's prose no longer states these rules of thumb: update HEURISTICS"
    assert unlabelled == [], "\n".join(["say 'rule of thumb' in the same sentence:", *unlabelled])
    rules = _sections(SOURCES.read_text(encoding="utf-8")).get("Rules of thumb", "")
    for name, pattern in HEURISTICS.items():
        assert pattern.search(rules), f"the sources page's 'Rules of thumb' section does not list: {name}"


def test_the_home_page_says_the_playbook_covers_llm_systems_and_classical_ml() -> None:
    sentences = [s for _, s in _sentences((DOCS / "index.md").read_text(encoding="utf-8"))]
    assert any(re.search(r"\b(LLM|large language model)", s) and re.search(r"classical (ML|machine[- ]learning)", s)
               for s in sentences), "one plain sentence on the home page should name both"
