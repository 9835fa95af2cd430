"""Every internal link and anchor in the built site resolves; every dimension page holds its checklist."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pytest
import yaml

from scoring.files import load_checklists

ROOT = Path(__file__).resolve().parent.parent
BASE = "http://site.invalid/"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag in ("link", "script", "img") and (values.get("href") or values.get("src")):
            self.links.append(values.get("href") or values.get("src"))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(site: Path, url: str) -> Path:
    path = unquote(urlparse(url).path)[1:]
    target = site / path
    return target / "index.html" if url.endswith("/") or target.is_dir() else target


def test_internal_links_and_anchors_resolve(site_dir: Path) -> None:
    pages = {p: _parse(p) for p in site_dir.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        here = BASE + path.relative_to(site_dir).as_posix()
        for href in page.links:
            url = urljoin(here, href)
            if not url.startswith(BASE):
                continue  # external links are references, never fetched by the site
            bare, fragment = urldefrag(url)
            target = _target(site_dir, bare)
            if not target.exists():
                broken.append(f"{path.relative_to(site_dir)}: {href} (no {target.relative_to(site_dir)})")
                continue
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(fragment) not in ids:
                    broken.append(f"{path.relative_to(site_dir)}: {href} (no anchor)")
    assert broken == []


def _nav_pages(nav) -> list[str]:
    out: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        out.extend(_nav_pages(value) if isinstance(value, list) else [value])
    return out


def test_every_nav_page_is_built(site_dir: Path) -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    for page in _nav_pages(config["nav"]):
        html = page[:-3] + "/index.html" if not page.endswith("index.md") else page[:-3] + ".html"
        assert (site_dir / html).is_file(), page


model = load_checklists(ROOT / "checklists").model


@pytest.mark.parametrize("dim", model.dimensions, ids=lambda d: d.id)
def test_dimension_page_holds_its_checklist_with_item_anchors(site_dir: Path, dim) -> None:
    page = _parse(site_dir / "dimensions" / dim.page / "index.html")
    html = (site_dir / "dimensions" / dim.page / "index.html").read_text(encoding="utf-8")
    assert f'data-p2p-checklist="{dim.id}"' in html
    for item in dim.items:
        assert item.id in page.ids, item.id
        assert f'data-item="{item.id}"' in html
    for section in ("pilot-vs-production", "why-it-stalls-projects", "how-to-close-it", "checklist",
                    "related-dimensions", "sources"):
        assert section in page.ids, f"{dim.page}: missing section #{section}"


def test_assessment_links_every_item_to_its_guidance(site_dir: Path) -> None:
    page = _parse(site_dir / "assessment" / "index.html")
    for item_id in model.items:
        assert any(link.endswith(f"#{item_id}") for link in page.links), item_id


def test_roadmap_lists_every_item_once(site_dir: Path) -> None:
    page = _parse(site_dir / "roadmap" / "index.html")
    linked = [link.rsplit("#", 1)[1] for link in page.links if "#" in link and "dimensions/" in link]
    assert sorted(linked) == sorted(model.items)
