"""mkdocs-macros module: registers the page functions; rendering lives in :mod:`macros.render`.

The checklists are loaded once per build from the ``checklists/`` folder beside
``mkdocs.yml`` (never relative to the working directory), with the same loader
and validator as the CLI, so a broken checklist fails the build with
``file:line:col`` errors. The site hook (``hooks.py``) uses the same load
(:mod:`macros.checklists`).
"""

from __future__ import annotations

from pathlib import Path

from scoring.answers import Answers
from scoring.compare import compare_answers, compare_text
from scoring.engine import score
from scoring.files import load_answers
from scoring.model import Model
from scoring.parse import LoadError
from scoring.problems import capped

from . import frameworks, render
from .checklists import checklists

__all__ = ["define_env", "checklists_dir", "examples_dir", "load_model", "load_example"]


def checklists_dir(config_file: str) -> Path:
    return Path(config_file).resolve().parent / "checklists"


def examples_dir(config_file: str) -> Path:
    return Path(config_file).resolve().parent / "examples"


def load_example(config_file: str, name: str, model: Model) -> Answers:
    """An answers file from ``examples/``, read and checked as ``pilot2prod score`` reads it."""
    path = examples_dir(config_file) / name
    if path.parent != examples_dir(config_file) or not path.is_file():
        raise RuntimeError(f"no example answers file {name!r} in {examples_dir(config_file)}")
    try:
        return load_answers(path, model)[0]
    except LoadError as exc:
        raise RuntimeError(f"invalid example {name}:\n" + "\n".join(str(p) for p in exc.problems)) from None


def load_model(config_file: str) -> Model:
    directory = checklists_dir(config_file)
    try:
        return checklists(directory).model
    except LoadError as exc:
        raise RuntimeError("invalid checklists:\n" + "\n".join(capped([str(p) for p in exc.problems]))) from None


def define_env(env) -> None:  # noqa: ANN001 - the plugin's object
    model = load_model(env.conf["config_file_path"])

    def page() -> str:
        return env.page.file.src_uri

    @env.macro
    def checklist(dim_id: str) -> str:
        """The live checklist of one dimension."""
        return render.checklist(model, dim_id, page())

    @env.macro
    def assessment() -> str:
        """The assessment: results and every checklist."""
        return render.assessment(model, page())

    @env.macro
    def quick_check() -> str:
        """The quick check: the headline items and the engine's verdict."""
        return render.quick_check(model, page())

    @env.macro
    def dimension_table() -> str:
        return render.dimension_table(model, page())

    @env.macro
    def roadmap() -> str:
        return render.roadmap(model, page())

    @env.macro
    def scoring_rules() -> str:
        return render.scoring_rules(model)

    @env.macro
    def changelog() -> str:
        """Every checklist release, newest first, from checklists/ids.yml."""
        return render.changelog(model, page())

    @env.macro
    def example_assessment(name: str) -> str:
        """One example assessment from examples/, scored at build time by the engine."""
        answers = load_example(env.conf["config_file_path"], name, model)
        return render.example_assessment(model, answers, score(model, answers), page())

    @env.macro
    def example_compare(old: str, new: str) -> str:
        """What `pilot2prod compare examples/OLD examples/NEW` prints, computed at build time."""
        config = env.conf["config_file_path"]
        diff = compare_answers(model, load_example(config, old, model), load_example(config, new, model),
                               files=(f"examples/{old}", f"examples/{new}"))
        return render.example_compare(compare_text(diff), f"pilot2prod compare examples/{old} examples/{new}")

    @env.macro
    def framework_page(framework_id: str) -> str:
        """One framework's page: every reference with the items that map to it, or why none does."""
        return frameworks.framework_page(model, framework_id, page())

    @env.macro
    def frameworks_table() -> str:
        """Every framework with its counts, linked to its page."""
        return frameworks.frameworks_table(model, page())

    @env.macro
    def framework_rules() -> str:
        """The rule that gives each framework reference its status (scoring.coverage)."""
        return frameworks.framework_rules()

    @env.macro
    def cost_calculator() -> str:
        return render.cost_calculator()

    @env.macro
    def latency_calculator() -> str:
        return render.latency_calculator()

    # Escaped: the version is checklist text, written into pages' Markdown.
    env.variables["checklist_version"] = render._md(model.config.version)
    env.variables["item_count"] = len(model.items)
    env.variables["headline_count"] = sum(1 for item in model.items.values() if item.headline)
    env.variables["quick_check_max_unmet"] = model.config.quick_check_max_unmet
