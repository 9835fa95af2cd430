"""mkdocs-macros module: registers the page functions; rendering lives in :mod:`macros.render`.

The checklists are loaded once per build from the ``checklists/`` folder beside
``mkdocs.yml`` (never relative to the working directory), with the same loader
and validator as the CLI, so a broken checklist fails the build with
``file:line:col`` errors.
"""

from __future__ import annotations

from pathlib import Path

from scoring.load import LoadError, load_checklists
from scoring.problems import capped
from scoring.model import Model

from . import render

__all__ = ["define_env", "checklists_dir", "load_model"]


def checklists_dir(config_file: str) -> Path:
    return Path(config_file).resolve().parent / "checklists"


def load_model(config_file: str) -> Model:
    directory = checklists_dir(config_file)
    try:
        return load_checklists(directory).model
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
    def cost_calculator() -> str:
        return render.cost_calculator()

    @env.macro
    def latency_calculator() -> str:
        return render.latency_calculator()

    # Escaped: the version is checklist text, written into pages' Markdown.
    env.variables["checklist_version"] = render._md(model.config.version)
    env.variables["item_count"] = len(model.items)
