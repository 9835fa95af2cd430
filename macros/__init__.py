"""mkdocs-macros module: registers the page functions; rendering lives in :mod:`macros.render`.

The checklists are loaded once per build from the ``checklists/`` folder beside
``mkdocs.yml`` (never relative to the working directory), with the same loader
and validator as the CLI, so a broken checklist fails the build with
``file:line:col`` errors. The site's asset step (``assets.py``) uses the same load
(:mod:`macros.checklists`).

The macros use only what both MkDocs and Zensical give them (docs/guides/hosting.md): the project
is the folder ``mkdocs.yml`` names, or else the one above this package, and a page is named by
its source path, by whichever of the names the builder's page object has.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scoring.answers import Answers
from scoring.compare import compare_answers, compare_text
from scoring.engine import score
from scoring.files import load_answers
from scoring.model import Model
from scoring.parse import LoadError
from scoring.problems import capped

# Zensical loads this file as a lone module named "macros", not as the package: the project must be
# on the path, and the package's modules are imported by their full names.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import frameworks, render  # noqa: E402
from macros.checklists import checklists  # noqa: E402

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


#: The folder above this package: the project, when the builder does not say where mkdocs.yml is.
PROJECT_FILE = str(Path(__file__).resolve().parent.parent / "mkdocs.yml")


def config_file(env) -> str:  # noqa: ANN001 - the plugin's object
    """The path of mkdocs.yml: as the builder gives it, else beside this package (Zensical gives none)."""
    conf = getattr(env, "conf", None)
    given = conf.get("config_file_path") if hasattr(conf, "get") else None
    return given if isinstance(given, str) and given else PROJECT_FILE


def page_path(page) -> str:  # noqa: ANN001 - the builder's page object
    """The page's source path, relative to docs/ with forward slashes (``dimensions/ownership.md``):
    MkDocs' ``page.file.src_uri`` (``src_path`` before MkDocs 1.5), Zensical's ``page.path``."""
    file = getattr(page, "file", None)
    for value in (getattr(file, "src_uri", None), getattr(file, "src_path", None), getattr(page, "path", None)):
        if isinstance(value, str) and value:
            return value.replace("\\", "/")
    raise RuntimeError(f"the builder's page has no source path ({type(page).__name__}: {page!r})")


def define_env(env) -> None:  # noqa: ANN001 - the plugin's object
    config = config_file(env)
    model = load_model(config)

    def page() -> str:
        return page_path(env.page)

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
        answers = load_example(config, name, model)
        return render.example_assessment(model, answers, score(model, answers), page())

    @env.macro
    def example_compare(old: str, new: str) -> str:
        """What `pilot2prod compare examples/OLD examples/NEW` prints, computed at build time."""
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
