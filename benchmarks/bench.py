"""Benchmark: ``python benchmarks/bench.py`` prints, in one run, the figures issue 3 asks for.

- CLI ``score`` wall time, as a ratio to ``python -c pass`` (interpreter start-up);
- scoring time for a synthetic 10,000-item checklist;
- validation time (building the model from plain data) for the same checklist.

Measurements only: nothing here is asserted by the tests, which use :func:`synthetic` for a
checklist of any size. Not part of the installed package.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from a checkout: the engine is the one beside it

from scoring.answers import parse_answers  # noqa: E402
from scoring.engine import score  # noqa: E402
from scoring.files import load_checklists  # noqa: E402
from scoring.validation import build_model  # noqa: E402

CHOICES = ("yes", "partial", "no", "unsure", "yes", "yes")


def _wall(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic(items: int = 10_000, dimensions: int = 10) -> tuple[dict, dict, dict]:
    """A config, dimension documents and answers with ``items`` items in all."""
    prefixes = [f"D{n}" for n in range(dimensions)]
    config = {
        "version": "bench", "dimensions": prefixes,
        "answers": {"yes": 1, "partial": 0.5, "no": 0, "unsure": 0},
        "levels": [{"name": "low", "min": 0, "max": 50}, {"name": "high", "min": 50, "max": 100}],
        "thresholds": {"no_go": 45, "go": 70}, "phases": [{"id": "p", "title": "P"}],
        "owners": [{"id": "o", "title": "O"}],
    }
    dims, answers = {}, {}
    per_dim = items // dimensions
    for d, prefix in enumerate(prefixes):
        entries = []
        for i in range(per_dim):
            item_id = f"{prefix}-{i + 1:05d}"
            entries.append({"id": item_id, "title": f"Item {i}", "question": "Is it done?", "guidance": "Evidence.",
                            "action": "Do it.", "weight": 1 + i % 3, "phase": "p", "owner": "o",
                            "critical": i % 50 == 0, "headline": i == 0,
                            "related": [f"{prefix}-{i:05d}"] if i else []})
            answers[item_id] = CHOICES[(i + d) % len(CHOICES)]
        dims[prefix] = {"id": prefix, "title": prefix, "page": prefix.lower(), "summary": "s", "items": entries}
    return config, dims, {"answers": answers}


def _best(fn, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    runs = 7
    model = load_checklists(ROOT / "checklists").model
    with tempfile.TemporaryDirectory() as tmp:
        answers = Path(tmp) / "answers.yml"
        answers.write_text("answers:\n" + "".join(f"  {i}: yes\n" for i in model.items), encoding="utf-8")
        base = _wall([sys.executable, "-c", "pass"], runs)
        cli = _wall([sys.executable, "-m", "scoring", "score", str(answers), "--checklists",
                     str(ROOT / "checklists")], runs)
    print(f"CLI score ({len(model.items)} items, real checklists): {cli * 1000:.0f} ms wall, "
          f"python -c pass {base * 1000:.0f} ms: ratio {cli / base:.1f}x (median of {runs})")

    config, dims, answer_doc = synthetic()
    validate = _best(lambda: build_model(config, dims), 5)
    big = build_model(config, dims)
    parsed = parse_answers(big, answer_doc)
    scoring = _best(lambda: score(big, parsed), 5)
    check = _best(lambda: parse_answers(big, answer_doc), 5)
    print(f"synthetic checklist: {len(big.items):,} items in {len(big.dimensions)} dimensions")
    print(f"  validation (build_model): {validate * 1000:.1f} ms")
    print(f"  answers check (parse_answers): {check * 1000:.1f} ms")
    print(f"  scoring (score): {scoring * 1000:.1f} ms (best of 5)")
    import json

    with tempfile.TemporaryDirectory() as tmp:
        # JSON is YAML 1.2, and a fast way to write the files; the loader parses them as YAML.
        (Path(tmp) / "scoring.yml").write_text(json.dumps(config), encoding="utf-8")
        for prefix, doc in dims.items():
            (Path(tmp) / f"{prefix.lower()}.yml").write_text(json.dumps(doc, indent=1), encoding="utf-8")
        files = _best(lambda: load_checklists(tmp), 3)
    print(f"  validation from files (parse YAML with positions + build_model): {files * 1000:.0f} ms (best of 3)")


if __name__ == "__main__":
    main()
