"""MkDocs hook: every ``mkdocs serve`` rebuild renders with the current code of ``macros/`` and ``scoring/``.

mkdocs.yml watches both folders, so an edit there starts a rebuild; but Python keeps the modules it
has imported, and the macros plugin would go on rendering with the code of the first build. Before
each build, ahead of the macros plugin (a higher priority), this forgets the project's own modules so
that they are imported afresh. The engine archive for the browser is read from the files each build;
``macros/hooks.py`` itself is loaded once per ``mkdocs serve`` (MkDocs caches hooks): restart for an
edit to it. A one-off ``mkdocs build`` imports the modules once either way.
"""

from __future__ import annotations

import sys

from mkdocs.plugins import event_priority

PACKAGES = ("macros", "scoring")


@event_priority(100)
def on_config(config):  # noqa: ANN001, ANN201 - MkDocs hook signature
    for name in [name for name in sys.modules if name.split(".")[0] in PACKAGES]:
        del sys.modules[name]
    return config
