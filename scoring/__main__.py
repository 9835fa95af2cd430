"""``python -m scoring`` is the ``pilot2prod`` command."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
