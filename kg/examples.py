"""Tiny fixed data for doctests, notebooks and tests of the downstream stages.

The events are hand-built (no spaCy needed) and follow the seed article: Egypt and Russia
back Haftar, Russia mediates between Haftar and the Tripoli government, Haftar attacks
Tripoli, and Haftar's signing of the deal is negated.

>>> events = toy_events()
>>> sorted({e.relation.name for e in events})
['agrees_with', 'attacks', 'backs', 'mediates']
"""

from __future__ import annotations

import datetime as dt

from kg.datatypes import (
    Actor,
    ActorType,
    Document,
    Event,
    Mention,
    Modality,
    Provenance,
    RelationType,
)

__all__ = ["toy_actors", "toy_document", "toy_events"]

_TEXT = (
    "Haftar, who is backed by Egypt and Russia, attacked Tripoli on Monday. "
    "Russia mediated between Haftar and the government in Tripoli. "
    "Haftar left without signing the deal."
)


def toy_document() -> Document:
    """A three-sentence document dated 2020-01-14."""
    return Document(doc_id="toy.txt", text=_TEXT, source="toy.txt", date=dt.date(2020, 1, 14))


def toy_actors() -> dict[str, Actor]:
    """Four actors keyed by id."""
    return {
        "khalifa_haftar": Actor(
            "khalifa_haftar",
            "Khalifa Haftar",
            ActorType.PERSON,
            "LBY",
            "LBYMIL",
            "Q1739453",
            affiliation="libyan_national_army",
            aliases=("Haftar",),
        ),
        "egypt": Actor("egypt", "Egypt", ActorType.STATE, "EGY", "EGY", "Q79"),
        "russia": Actor("russia", "Russia", ActorType.STATE, "RUS", "RUS", "Q159"),
        "libya_gov": Actor(
            "libya_gov", "Government of Libya", ActorType.GOVERNMENT, "LBY", "LBYGOV"
        ),
    }


def _relations() -> dict[str, RelationType]:
    from kg.lexicon import load_lexicon

    return dict(load_lexicon().relations)


def _mention(text: str, word: str, actor: Actor, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return Mention(text=word, start=start, end=start + len(word), actor=actor)


def toy_events() -> list[Event]:
    """Six events from :func:`toy_document`, one of them negated."""
    doc = toy_document()
    text = doc.text
    actors = toy_actors()
    rel = _relations()
    sents = [(0, text.index("Russia mediated") - 1)]
    sents.append((sents[0][1] + 1, text.index("Haftar left") - 1))
    sents.append((sents[1][1] + 1, len(text)))

    def prov(i: int, trigger: str, rule: str) -> Provenance:
        s, e = sents[i]
        t = text.index(trigger, s)
        return Provenance(doc.doc_id, text[s:e], s, e, trigger, t, t + len(trigger), rule)

    haftar = _mention(text, "Haftar", actors["khalifa_haftar"])
    tripoli_gov = Actor("libya_gov", "Government of Libya", ActorType.GOVERNMENT, "LBY", "LBYGOV")
    monday = dt.date(2020, 1, 13)
    return [
        Event(
            _mention(text, "Egypt", actors["egypt"]),
            rel["backs"],
            haftar,
            prov(0, "backed", "verb:passive_agent"),
            date=doc.date,
            confidence=0.9,
        ),
        Event(
            _mention(text, "Russia", actors["russia"]),
            rel["backs"],
            haftar,
            prov(0, "backed", "verb:passive_agent"),
            date=doc.date,
            confidence=0.85,
        ),
        Event(
            haftar,
            rel["attacks"],
            _mention(text, "Tripoli", tripoli_gov),
            prov(0, "attacked", "verb:active"),
            date=monday,
            confidence=0.8,
        ),
        Event(
            _mention(text, "Russia", actors["russia"], 1),
            rel["mediates"],
            _mention(text, "Haftar", actors["khalifa_haftar"], 1),
            prov(1, "mediated", "verb:between"),
            date=doc.date,
            confidence=0.8,
            participants=(_mention(text, "the government in Tripoli", tripoli_gov),),
        ),
        Event(
            _mention(text, "Russia", actors["russia"], 1),
            rel["mediates"],
            _mention(text, "the government in Tripoli", tripoli_gov),
            prov(1, "mediated", "verb:between"),
            date=doc.date,
            confidence=0.8,
            participants=(_mention(text, "Haftar", actors["khalifa_haftar"], 1),),
        ),
        Event(
            _mention(text, "Haftar", actors["khalifa_haftar"], 2),
            rel["agrees_with"],
            _mention(text, "the government in Tripoli", tripoli_gov),
            prov(2, "signing", "verb:negated"),
            negated=True,
            modality=Modality.ASSERTED,
            date=doc.date,
            confidence=0.6,
        ),
    ]
