"""kg: conflict-event knowledge graph builder.

Read news about wars and diplomacy, extract who does what to whom, and build a graph:

>>> import kg
>>> doc = kg.Document("d1", "Egypt and Russia backed Haftar.")
>>> sorted((e.source.actor.label, e.relation.name) for e in kg.extract(doc))
[('Egypt', 'backs'), ('Russia', 'backs')]
"""

from __future__ import annotations

from kg.api import BuildResult, BuildStats, Extractor, build, extract
from kg.datatypes import (
    Actor,
    ActorType,
    Document,
    Event,
    GazetteerEntry,
    Mention,
    Modality,
    Provenance,
    QuadClass,
    RelationType,
)
from kg.documents import read_documents
from kg.errors import InputError, KgError, LexiconError, ModelNotInstalledError
from kg.interchange import event_to_record, write_jsonl

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorType",
    "BuildResult",
    "BuildStats",
    "Document",
    "Event",
    "Extractor",
    "GazetteerEntry",
    "InputError",
    "KgError",
    "LexiconError",
    "Mention",
    "Modality",
    "ModelNotInstalledError",
    "Provenance",
    "QuadClass",
    "RelationType",
    "__version__",
    "build",
    "event_to_record",
    "extract",
    "read_documents",
    "write_jsonl",
]
