"""kg: conflict-event knowledge graph builder."""

from __future__ import annotations

__version__ = "0.1.0"
