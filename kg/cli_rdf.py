"""``kg`` commands registered on :data:`kg.cli.app` (imported at the end of kg/cli.py)."""

from __future__ import annotations

from kg.cli import app

__all__ = ["app"]
