"""The JSONL interchange format: one extracted relation mention per line.

This is a contract with tools outside ``kg`` (``score.py`` among them): the fields of the
README keep their meaning; extra fields may be added.

>>> from kg.examples import toy_events
>>> rec = event_to_record(toy_events()[0])
>>> rec["source"]["label"], rec["relation"], rec["target"]["id"], rec["quad"], rec["polarity"]
('Egypt', 'backs', 'khalifa_haftar', 'verbal_cooperation', 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from kg.datatypes import Event, Mention
from kg.state import dumps_line

__all__ = ["event_to_record", "mention_to_record", "write_jsonl"]


def mention_to_record(m: Mention) -> dict[str, Any]:
    """The ``source``/``target`` object of a line."""
    a = m.actor
    return {
        "id": a.actor_id,
        "label": a.label,
        "text": m.text,
        "type": str(a.type),
        "country": m.actor_country,
        "code": m.actor_code,
        "wikidata": a.wikidata,
        "affiliation": a.affiliation,
        "resolved": a.resolved,
        "start": m.start,
        "end": m.end,
    }


def event_to_record(e: Event) -> dict[str, Any]:
    """One line of the interchange format for ``e``."""
    p = e.provenance
    return {
        "doc": p.doc_id,
        "sentence": p.sentence,
        "start": p.start,
        "end": p.end,
        "source": mention_to_record(e.source),
        "relation": e.relation.name,
        "target": mention_to_record(e.target),
        "negated": e.negated,
        "modality": str(e.modality),
        "date": e.date.isoformat() if e.date else None,
        "date_precision": e.date_precision,
        "confidence": e.confidence,
        "plover": e.plover_type,
        "cameo": e.cameo_code,
        "quad": str(e.quad_class),
        "polarity": e.relation.polarity,
        "symmetric": e.relation.symmetric,
        "participants": [mention_to_record(m) for m in e.participants],
        "trigger": {"text": p.trigger, "start": p.trigger_start, "end": p.trigger_end},
        "rule": p.rule,
        "event_id": e.event_id,
    }


def write_jsonl(events: Iterable[Event], out: TextIO | Path | str) -> int:
    """Write ``events`` as JSONL to a stream or a path; return the number of lines."""
    if isinstance(out, str | Path):
        with Path(out).open("w", encoding="utf-8") as fh:
            return write_jsonl(events, fh)
    n = 0
    for e in events:
        out.write(dumps_line(event_to_record(e)) + "\n")
        n += 1
    return n
