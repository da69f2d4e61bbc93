"""The actor multigraph, its derived views, analyses, and GraphML/GEXF/JSON export.

:func:`build_graph` folds :class:`~kg.datatypes.Event` records into a
:class:`networkx.MultiDiGraph` whose nodes are actors and whose edges are *merged* events:
every report of the same event (same source, relation, target, negation and modality) is
one edge that lists all its supporting mentions.

Node attributes (all scalars, so the graph writes to GraphML and GEXF as is):

``label``, ``type``, ``country``, ``code``, ``wikidata``, ``affiliation`` (``str``, ``""``
when unknown), ``aliases`` (``str``, the aliases joined with ``"|"``), ``resolved`` (``bool``).

Edge key::

    relation ["|negated"] ["|" modality]      e.g. "attacks", "agrees_with|negated",
                                                    "attacks|planned", "backs|negated|possible"

``|negated`` is added for negated events and ``|<modality>`` for every modality other than
``asserted``. Symmetric relations (``fights``, ``meets``, ...) are stored once, from the
smaller to the larger actor id.

Edge attributes: ``relation``, ``plover``, ``cameo``, ``quad``, ``modality`` (``str``),
``polarity`` (``int``), ``negated``, ``symmetric`` (``bool``), ``confidence`` (``float``),
``first_date``, ``last_date`` (ISO dates, ``""`` when no mention is dated), ``mentions``
(``int``) and ``provenance``: a JSON string holding the list of supporting mentions, one
object per distinct event id, sorted by date, document and offset, with keys ``event_id``,
``doc``, ``sentence``, ``start``, ``end`` (the sentence span), ``trigger``,
``trigger_start``, ``trigger_end``, ``rule``, ``date``, ``confidence``, ``cameo``,
``source``, ``target`` (actor ids as extracted, before symmetric ordering) and
``participants`` (actor ids of the other parties, for mediation). ``mentions``,
``confidence``, ``cameo`` and the dates are recomputed from ``provenance`` whenever it
changes, so a graph's edges depend only on the set of mentions it has seen.

**Bounded provenance** (``build_graph(..., max_provenance=N)``; :func:`kg.build` keeps
:data:`DEFAULT_MAX_PROVENANCE`): an edge with more than ``N`` mentions keeps only the
first ``N`` records in ``provenance`` (in the order above) and, in ``mention_counts``, a
JSON list of rows ``[date, confidence, cameo, participants, count]`` that counts *every*
mention, so ``mentions``, ``confidence``, ``cameo``, the dates and everything derived
from them (:func:`alliance_graph`, :func:`time_slice`, :func:`rollup`,
:func:`mediators`, :func:`relation_timeline`) still count every mention while the graph
stays the same size however many times an event is reported. Edges with at most ``N``
mentions are exactly those of an unbounded build (no ``mention_counts``). The full
records stay where the events are (``triples.jsonl``, ``BuildResult.events``).

``confidence`` is the *noisy-or* of the mention confidences, ``1 - prod(1 - c_i)``: the
probability that at least one of the independent extractions is right. It grows with
corroboration; the per-mention values stay in ``provenance`` for anyone who prefers the
maximum.

>>> from kg.examples import toy_events
>>> G = build_graph(toy_events())
>>> sorted(G.nodes)
['egypt', 'khalifa_haftar', 'libya_gov', 'russia']
>>> sorted(k for _, _, k in G.edges(keys=True))
['agrees_with|negated', 'attacks', 'backs', 'backs', 'mediates', 'mediates']
>>> sorted(backers(G, "khalifa_haftar"))
['egypt', 'russia']
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, TypeAlias, TypedDict, cast

import networkx as nx

from kg.datatypes import Actor, Event, Modality

__all__ = [
    "BACKING_RELATIONS",
    "DEFAULT_MAX_PROVENANCE",
    "ROLLUP_TYPES",
    "TimelineEntry",
    "alliance_graph",
    "backers",
    "balance",
    "blocs",
    "build_graph",
    "centrality",
    "edge_key",
    "ego_graph",
    "enemies",
    "frustration",
    "mediators",
    "provenance",
    "read_graph",
    "relation_timeline",
    "rollup",
    "time_slice",
    "write_graph",
]

#: Relations that make the source a *backer* of the target (see :func:`backers`).
BACKING_RELATIONS: frozenset[str] = frozenset({"backs", "aids", "allies_with", "cooperates_with"})

#: Mention records an edge of :func:`kg.build`'s graph keeps in ``provenance`` (the others
#: are counted in ``mention_counts``; see the module docstring).
DEFAULT_MAX_PROVENANCE = 20

#: Actor types that :func:`rollup` merges into the actor named by their ``affiliation``.
ROLLUP_TYPES: frozenset[str] = frozenset({"person", "military", "police"})

#: Modalities of ``mediates`` events that make their source a mediator (see :func:`mediators`).
_MEDIATION_MODALITIES = frozenset({Modality.ASSERTED, Modality.ATTEMPTED})

_NODE_FIELDS = ("label", "type", "country", "code", "wikidata", "affiliation", "aliases")

Graph: TypeAlias = "nx.Graph[str]"
MultiDiGraph: TypeAlias = "nx.MultiDiGraph[str]"
MultiGraph: TypeAlias = "nx.MultiGraph[str]"


# --------------------------------------------------------------------------------------------
# building
# --------------------------------------------------------------------------------------------


def edge_key(relation: str, negated: bool = False, modality: str = Modality.ASSERTED) -> str:
    """The key of the merged edge that holds events of this kind.

    Parameters
    ----------
    relation
        Relation name, e.g. ``"attacks"``.
    negated
        Whether the event is negated ("did not attack").
    modality
        A :class:`~kg.datatypes.Modality` value.

    Returns
    -------
    str
        ``relation``, then ``"|negated"`` if negated, then ``"|" + modality`` unless asserted.

    Examples
    --------
    >>> edge_key("attacks"), edge_key("agrees_with", True), edge_key("attacks", False, "planned")
    ('attacks', 'agrees_with|negated', 'attacks|planned')
    """
    key = relation
    if negated:
        key += "|negated"
    if str(modality) != Modality.ASSERTED:
        key += f"|{modality}"
    return key


def _actor_attrs(actor: Actor) -> dict[str, Any]:
    return {
        "label": actor.label,
        "type": str(actor.type),
        "country": actor.country or "",
        "code": actor.code or "",
        "wikidata": actor.wikidata or "",
        "affiliation": actor.affiliation or "",
        "aliases": "|".join(sorted(set(actor.aliases))),
        "resolved": bool(actor.resolved),
    }


def _merge_node(graph: Graph, node: str, attrs: Mapping[str, Any]) -> None:
    """Add ``node`` or fill in what is missing; a resolved record beats an unresolved one."""
    if node not in graph:
        graph.add_node(node, **attrs)
        return
    old = graph.nodes[node]
    aliases = set(filter(None, str(old.get("aliases", "")).split("|")))
    aliases |= set(filter(None, str(attrs.get("aliases", "")).split("|")))
    upgrade = bool(attrs.get("resolved")) and not bool(old.get("resolved", True))
    for name in _NODE_FIELDS:
        new = attrs.get(name, "")
        fill = old.get(name, "") in ("", "unknown", None) and new not in ("", None)
        if fill or (upgrade and new not in ("", "unknown")):
            old[name] = new
    old["aliases"] = "|".join(sorted(aliases))
    old["resolved"] = bool(old.get("resolved", False)) or bool(attrs.get("resolved", False))


def _mention_record(event: Event) -> dict[str, Any]:
    p = event.provenance
    return {
        "event_id": event.event_id,
        "doc": p.doc_id,
        "sentence": p.sentence,
        "start": p.start,
        "end": p.end,
        "trigger": p.trigger,
        "trigger_start": p.trigger_start,
        "trigger_end": p.trigger_end,
        "rule": p.rule,
        "date": event.date.isoformat() if event.date else "",
        "confidence": float(event.confidence),
        "cameo": event.cameo_code,
        "source": event.source.actor.actor_id,
        "target": event.target.actor.actor_id,
        "participants": sorted({m.actor.actor_id for m in event.participants}),
    }


def _sort_key(rec: Mapping[str, Any]) -> tuple[str, str, int, int, str]:
    return (
        str(rec.get("date", "")),
        str(rec.get("doc", "")),
        int(rec.get("start", 0)),
        int(rec.get("trigger_start", 0)),
        str(rec.get("event_id", "")),
    )


def _common_prefix(codes: Iterable[str]) -> str:
    """The most specific CAMEO code shared by ``codes``: their common prefix, or, when they
    share less than a root code (two digits), the most frequent root (ties: the smallest)."""
    codes = [c for c in codes if c]
    if not codes:
        return ""
    prefix = codes[0]
    for c in codes[1:]:
        while not c.startswith(prefix):
            prefix = prefix[:-1]
    if len(prefix) >= 2 or len(codes[0]) < 2:
        return prefix or codes[0]
    roots: dict[str, int] = defaultdict(int)
    for c in codes:
        roots[c[:2]] += 1
    return min(roots, key=lambda r: (-roots[r], r))


#: One row of ``mention_counts``: date, confidence, CAMEO code, participants.
_Row: TypeAlias = "tuple[str, float, str, tuple[str, ...]]"


def _row(rec: Mapping[str, Any]) -> _Row:
    return (
        str(rec.get("date", "")),
        float(rec.get("confidence", 0.0)),
        str(rec.get("cameo", "")),
        tuple(sorted(str(p) for p in rec.get("participants", []))),
    )


def _mention_counts(data: Mapping[str, Any]) -> Counter[_Row] | None:
    """The ``mention_counts`` of an edge with truncated provenance (None for other edges)."""
    raw = data.get("mention_counts", "")
    if not raw:
        return None
    counts: Counter[_Row] = Counter()
    for date, conf, cameo, parts, n in json.loads(raw):
        counts[str(date), float(conf), str(cameo), tuple(str(p) for p in parts)] += int(n)
    return counts


def _all_rows(data: Mapping[str, Any]) -> Counter[_Row]:
    """One row per mention of an edge, truncated or not."""
    counts = _mention_counts(data)
    return counts if counts is not None else Counter(_row(r) for r in provenance(data))


def _provenance_limit(data: Mapping[str, Any]) -> int | None:
    """How many records a truncated edge keeps (None: the edge is complete)."""
    if not data.get("mention_counts"):
        return None
    return len(provenance(data))


def _set_provenance(
    data: dict[str, Any],
    records: Iterable[Mapping[str, Any]],
    limit: int | None = None,
    counts: Counter[_Row] | None = None,
) -> None:
    """Store ``records`` (deduplicated, sorted) and recompute the attributes derived from them.

    ``counts`` holds one row per mention when ``records`` are not all of them (an edge
    with truncated provenance); ``limit`` caps the records kept.
    """
    unique: dict[str, Mapping[str, Any]] = {}
    for rec in records:
        unique.setdefault(str(rec["event_id"]), rec)
    recs = sorted(unique.values(), key=_sort_key)
    complete = counts is None or sum(counts.values()) == len(recs)
    if complete and (limit is None or len(recs) <= limit):
        dates = sorted(str(r["date"]) for r in recs if r.get("date"))
        miss = 1.0
        for r in recs:
            miss *= 1.0 - min(max(float(r.get("confidence", 0.0)), 0.0), 1.0)
        cameo = _common_prefix(str(r.get("cameo", "")) for r in recs)
        total = len(recs)
        data.pop("mention_counts", None)
    else:
        # a summary of every mention; the records kept are the first ``limit`` of them
        if counts is None:
            counts = Counter(_row(r) for r in recs)
        if limit is not None:
            recs = recs[:limit]
        rows = sorted(counts.items())
        dates = [row[0] for row, _ in rows if row[0]]
        miss = 1.0
        for (_, conf, _, _), n in rows:
            miss *= (1.0 - min(max(conf, 0.0), 1.0)) ** n
        first = next((str(r.get("cameo", "")) for r in recs if r.get("cameo")), "")
        cameo = _weighted_prefix(first, Counter({row[2]: n for row, n in rows}))
        total = sum(n for _, n in rows)
        data["mention_counts"] = json.dumps(
            [[d, c, k, list(p), n] for (d, c, k, p), n in rows], ensure_ascii=False
        )
    data["cameo"] = cameo or data.get("cameo", "")
    data["confidence"] = 1.0 - miss
    data["first_date"] = dates[0] if dates else ""
    data["last_date"] = dates[-1] if dates else ""
    data["mentions"] = total
    data["provenance"] = json.dumps(recs, ensure_ascii=False, sort_keys=True)


def _weighted_prefix(first: str, codes: Counter[str]) -> str:
    """:func:`_common_prefix` of a multiset of codes whose first (in mention order) is
    ``first``."""
    distinct = sorted(c for c in codes if c)
    if not distinct:
        return ""
    first = first or distinct[0]
    prefix = first
    for c in distinct:
        while not c.startswith(prefix):
            prefix = prefix[:-1]
    if len(prefix) >= 2 or len(first) < 2:
        return prefix or first
    roots: dict[str, int] = defaultdict(int)
    for c in distinct:
        roots[c[:2]] += codes[c]
    return min(roots, key=lambda r: (-roots[r], r))


def provenance(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The supporting mentions of an edge, decoded from its ``provenance`` attribute.

    Parameters
    ----------
    data
        An edge attribute dict of a graph made by :func:`build_graph`.

    Returns
    -------
    list of dict
        One dict per mention (see the module docstring for the keys); ``[]`` if the edge
        carries no provenance.

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> G = build_graph(toy_events())
    >>> [m["trigger"] for m in provenance(G.edges["khalifa_haftar", "libya_gov", "attacks"])]
    ['attacked']
    """
    raw = data.get("provenance", "")
    if not raw:
        return []
    value = json.loads(raw)
    return list(value) if isinstance(value, list) else []


def build_graph(
    events: Iterable[Event],
    graph: MultiDiGraph | None = None,
    *,
    max_provenance: int | None = None,
) -> MultiDiGraph:
    """Fold events into an actor multigraph (one edge per distinct event, many mentions).

    Parameters
    ----------
    events
        Extracted events, in any order.
    graph
        A graph made earlier by this function; it is updated in place and returned. Builds
        are additive: ``build_graph(a + b) == build_graph(b, build_graph(a))``, and adding
        a mention twice (same ``event_id``) changes nothing.
    max_provenance
        Keep at most this many mention records per edge (the first ones; every mention is
        still counted: see the module docstring), so the graph does not grow with the
        number of reports of the same events. None (the default) keeps them all. With a
        bound, a mention added again after its record was dropped is counted again.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are actor ids, edges are keyed by :func:`edge_key`; see the module docstring
        for the attributes. Participants of an event (the parties a mediator stands
        between) are added as nodes too.

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> events = toy_events()
    >>> G = build_graph(events)
    >>> G.number_of_nodes(), G.number_of_edges()
    (4, 6)
    >>> e = G.edges["khalifa_haftar", "libya_gov", "agrees_with|negated"]
    >>> e["negated"], e["polarity"], e["mentions"], e["first_date"]
    (True, 1, 1, '2020-01-14')
    >>> H = build_graph(events[3:], build_graph(events[:3]))
    >>> nx.utils.graphs_equal(G, H)
    True
    """
    if max_provenance is not None and max_provenance < 1:
        raise ValueError(f"max_provenance must be positive or None, got {max_provenance!r}")
    out: MultiDiGraph = nx.MultiDiGraph() if graph is None else graph
    pending: dict[tuple[str, str, str], dict[str, dict[str, Any]]] = {}
    counts: dict[tuple[str, str, str], Counter[_Row]] = {}
    for event in events:
        rel = event.relation
        u, v = event.source.actor.actor_id, event.target.actor.actor_id
        _merge_node(out, u, _actor_attrs(event.source.actor))
        _merge_node(out, v, _actor_attrs(event.target.actor))
        for m in event.participants:
            _merge_node(out, m.actor.actor_id, _actor_attrs(m.actor))
        if rel.symmetric and v < u:
            u, v = v, u
        key = edge_key(rel.name, event.negated, event.modality)
        recs = pending.get((u, v, key))
        if recs is None:
            if out.has_edge(u, v, key):
                data = out.edges[u, v, key]
                recs = {str(r["event_id"]): r for r in provenance(data)}
                summary = _mention_counts(data)
                if summary is not None:
                    counts[u, v, key] = summary
            else:
                out.add_edge(
                    u,
                    v,
                    key,
                    relation=rel.name,
                    plover=rel.plover,
                    cameo=rel.cameo,
                    quad=str(rel.quad),
                    polarity=int(rel.polarity),
                    alignment=float(rel.alignment),
                    symmetric=bool(rel.symmetric),
                    negated=bool(event.negated),
                    modality=str(event.modality),
                )
                recs = {}
            pending[u, v, key] = recs
        if event.event_id not in recs:
            rec = recs[event.event_id] = _mention_record(event)
            summary = counts.get((u, v, key))
            if summary is not None:
                summary[_row(rec)] += 1
    for (u, v, key), recs in pending.items():
        _set_provenance(
            out.edges[u, v, key], recs.values(), max_provenance, counts.get((u, v, key))
        )
    return out


# --------------------------------------------------------------------------------------------
# derived views
# --------------------------------------------------------------------------------------------


def _counts(data: Mapping[str, Any]) -> bool:
    """Whether an edge is a plain asserted, non-negated event (the ones that shape alliances)."""
    return not bool(data.get("negated", False)) and (
        str(data.get("modality", Modality.ASSERTED)) == Modality.ASSERTED
    )


def _mention_dates(data: Mapping[str, Any]) -> list[str]:
    """One ISO date (or ``""``) per supporting mention of an edge."""
    counts = _mention_counts(data)
    if counts is not None:
        return [row[0] for row, n in sorted(counts.items()) for _ in range(n)]
    recs = provenance(data)
    if recs:
        return [str(r.get("date", "")) for r in recs]
    n = int(data.get("mentions", 1))
    return [str(data.get("last_date", ""))] * n


def _in_window(date: str, start: dt.date | None, end: dt.date | None) -> bool:
    if start is None and end is None:
        return True
    if not date:
        return False
    d = dt.date.fromisoformat(date)
    return (start is None or d >= start) and (end is None or d <= end)


def alliance_graph(
    graph: Graph,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    half_life_days: float | None = None,
) -> Graph:
    """The signed alliance graph: actor pairs weighted by cooperation minus conflict.

    Every asserted, non-negated mention between two different actors contributes its
    relation's ``alignment`` (``kg/data/relations.json``: +1 for backing, -1 for fighting,
    0 for talks, mediation and agreements, which say nothing about sides), whatever its
    direction. Edges of graphs saved without ``alignment`` use ``polarity``. Negated
    and non-asserted (planned, possible, requested, ...) events are left out.

    Parameters
    ----------
    graph
        out graph made by :func:`build_graph` (or :func:`rollup`, :func:`time_slice`).
    start, end
        Optional inclusive date window. When either is given, undated mentions are left out.
    half_life_days
        Optional exponential decay: a mention ``d`` days older than the reference date counts
        ``0.5 ** (d / half_life_days)``. The reference date is ``end`` if given, else the
        latest mention date that passes the window. Undated mentions count 1.

    Returns
    -------
    networkx.Graph
        Nodes are the actors with at least one counted mention (attributes copied from
        ``graph``). Edge attributes: ``weight`` (``cooperation - conflict``), ``cooperation``
        and ``conflict`` (non-negative sums), ``sign`` (+1, -1 or 0), ``mentions`` (counted
        mentions) and ``relations`` (the relation names, sorted, joined with ``"|"``).

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> A = alliance_graph(build_graph(toy_events()))
    >>> A.edges["khalifa_haftar", "russia"]["weight"]  # backs (mediation is neutral)
    1.0
    >>> A.edges["khalifa_haftar", "libya_gov"]["weight"]
    -1.0
    >>> A.edges["khalifa_haftar", "libya_gov"]["relations"]  # the negated "agrees_with" is left out
    'attacks'
    """
    if half_life_days is not None and half_life_days <= 0:
        raise ValueError(f"half_life_days must be positive, got {half_life_days!r}")
    items: list[tuple[str, str, float, str, list[str]]] = []
    latest = ""
    for u, v, data in graph.edges(data=True):
        if u == v or not _counts(data):
            continue
        dates = [d for d in _mention_dates(data) if _in_window(d, start, end)]
        if not dates:
            continue
        latest = max([latest, *dates])
        sign = float(data.get("alignment", data.get("polarity", 0)))
        if sign == 0:
            continue  # talks, mediation, agreements: no side taken
        items.append((u, v, sign, str(data.get("relation", "")), dates))
    ref: dt.date | None = end
    if ref is None and latest:
        ref = dt.date.fromisoformat(latest)

    def weight(date: str) -> float:
        if half_life_days is None or not date or ref is None:
            return 1.0
        age = (ref - dt.date.fromisoformat(date)).days
        return float(0.5 ** (age / half_life_days))

    acc: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, polarity, relation, dates in sorted(items, key=lambda t: (t[0], t[1], t[3])):
        a, b = (u, v) if u <= v else (v, u)
        slot = acc.setdefault(
            (a, b), {"cooperation": 0.0, "conflict": 0.0, "mentions": 0, "relations": set()}
        )
        w = math.fsum(weight(d) for d in dates) * abs(polarity)
        if polarity > 0:
            slot["cooperation"] += w
        elif polarity < 0:
            slot["conflict"] += w
        slot["mentions"] += len(dates)
        slot["relations"].add(relation)
    out: Graph = nx.Graph()
    for a, b in sorted(acc):
        slot = acc[a, b]
        for n in (a, b):
            if n not in out:
                out.add_node(n, **dict(graph.nodes[n]))
        w = slot["cooperation"] - slot["conflict"]
        out.add_edge(
            a,
            b,
            weight=w,
            cooperation=slot["cooperation"],
            conflict=slot["conflict"],
            sign=(w > 0) - (w < 0),
            mentions=slot["mentions"],
            relations="|".join(sorted(slot["relations"])),
        )
    return out


_SMALL_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"})


def _label_from_id(actor_id: str) -> str:
    """A readable label for an actor known only by id: ``government_of_national_accord`` ->
    ``Government of National Accord``."""
    words = actor_id.removeprefix("ner:").replace("_", " ").split()
    return " ".join(
        w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def _default_node(actor_id: str) -> dict[str, Any]:
    return {
        "label": _label_from_id(actor_id),
        "type": "unknown",
        "country": "",
        "code": "",
        "wikidata": "",
        "affiliation": "",
        "aliases": "",
        "resolved": False,
    }


def rollup(
    graph: MultiDiGraph,
    *,
    actors: Mapping[str, Actor] | None = None,
    types: Collection[str] = ROLLUP_TYPES,
) -> MultiDiGraph:
    """Merge persons and units into the organisation or state they belong to.

    A node whose ``type`` is in ``types`` and whose ``affiliation`` names another actor is
    replaced by that actor, following chains (a commander -> his army -> ...) until an actor
    of another type or one without affiliation (members of an affiliation cycle all go to
    the cycle's smallest id). Edges are re-attached, edges that become identical are merged
    (their mentions pooled) and symmetric edges re-ordered.
    Events between two members of the same organisation become self-loops.

    Parameters
    ----------
    graph
        A graph made by :func:`build_graph`.
    actors
        Optional records of actors that are affiliations but not nodes of ``graph`` (e.g. from
        the gazetteer), used for their attributes and to follow chains through them. An
        affiliation found in neither gets a placeholder node (``type`` ``"unknown"``,
        label made from the id).
    types
        The actor types to merge (default :data:`ROLLUP_TYPES`).

    Returns
    -------
    networkx.MultiDiGraph
        A new graph; every node has a ``members`` attribute, the merged actor ids joined with
        ``"|"`` (``""`` when none).

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> R = rollup(build_graph(toy_events()))
    >>> sorted(R.nodes)
    ['egypt', 'libya_gov', 'libyan_national_army', 'russia']
    >>> R.nodes["libyan_national_army"]["members"]
    'khalifa_haftar'
    >>> sorted(R.successors("egypt"))
    ['libyan_national_army']
    """
    actors = actors or {}

    def attrs_of(n: str) -> dict[str, Any]:
        if n in graph:
            return dict(graph.nodes[n])
        if n in actors:
            return _actor_attrs(actors[n])
        return _default_node(n)

    def root(n: str) -> str:
        path = [n]
        while True:
            a = attrs_of(path[-1])
            aff = str(a.get("affiliation") or "")
            if str(a.get("type", "")) not in types or not aff:
                return path[-1]
            if aff in path:  # a cycle of affiliations: its smallest id stands for all
                return min(path[path.index(aff) :])
            path.append(aff)

    mapping = {n: root(n) for n in graph.nodes}
    members: dict[str, set[str]] = defaultdict(set)
    for n, r in mapping.items():
        if n != r:
            members[r].add(n)
    out: MultiDiGraph = nx.MultiDiGraph()
    out.graph.update(graph.graph)
    for r in sorted(set(mapping.values())):
        out.add_node(r, **attrs_of(r))
        out.nodes[r]["members"] = "|".join(sorted(members.get(r, ())))
    pooled: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    rows: dict[tuple[str, str, str], Counter[_Row]] = defaultdict(Counter)
    limits: dict[tuple[str, str, str], int] = {}
    truncated: set[tuple[str, str, str]] = set()
    for u, v, key, data in graph.edges(keys=True, data=True):
        a, b = mapping[u], mapping[v]
        if data.get("symmetric") and b < a:
            a, b = b, a
        if not out.has_edge(a, b, key):
            base = {k: val for k, val in data.items() if k not in ("provenance", "mention_counts")}
            out.add_edge(a, b, key, **base)
        pooled[a, b, key].extend(provenance(data))
        counts[a, b, key] += int(data.get("mentions", 0))
        rows[a, b, key] += _all_rows(data)
        limit = _provenance_limit(data)
        if limit is not None:  # pooled with an edge of truncated provenance: stay truncated
            truncated.add((a, b, key))
            limits[a, b, key] = max(limits.get((a, b, key), 0), limit)
    for (a, b, key), recs in pooled.items():
        if (a, b, key) in truncated:
            _set_provenance(out.edges[a, b, key], recs, limits[a, b, key], rows[a, b, key])
        elif recs:
            _set_provenance(out.edges[a, b, key], recs)
        elif "mentions" in out.edges[a, b, key]:  # edges without provenance: add up counts
            out.edges[a, b, key]["mentions"] = counts[a, b, key]
    return out


def ego_graph(graph: MultiDiGraph, actor_id: str, radius: int = 1) -> MultiDiGraph:
    """An actor's ego network: every actor within ``radius`` hops, in either direction.

    Parameters
    ----------
    graph
        A graph made by :func:`build_graph`.
    actor_id
        The centre; :class:`networkx.NodeNotFound` if it is not a node.
    radius
        Number of hops.

    Returns
    -------
    networkx.MultiDiGraph
        A copy of the induced subgraph (all edges among the selected actors).

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> sorted(ego_graph(build_graph(toy_events()), "egypt").nodes)
    ['egypt', 'khalifa_haftar']
    """
    if actor_id not in graph:
        raise nx.NodeNotFound(f"actor {actor_id!r} is not in the graph")
    sub: MultiDiGraph = nx.ego_graph(graph, actor_id, radius=radius, undirected=True)
    return sub


def time_slice(
    graph: MultiDiGraph, start: dt.date | None = None, end: dt.date | None = None
) -> MultiDiGraph:
    """The graph as reported between ``start`` and ``end`` (inclusive; ``None`` is open).

    Each edge keeps only its mentions dated in the window (undated mentions are dropped
    when a bound is given); ``mentions``, ``confidence`` and the dates are recomputed;
    edges left without mentions are dropped, and so are actors left without edges. With
    neither bound, a copy of ``graph``.

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> S = time_slice(build_graph(toy_events()), dt.date(2020, 1, 13), dt.date(2020, 1, 13))
    >>> [(u, v, k) for u, v, k in S.edges(keys=True)]
    [('khalifa_haftar', 'libya_gov', 'attacks')]
    """
    if start is None and end is None:
        return graph.copy()
    out: MultiDiGraph = nx.MultiDiGraph()
    out.graph.update(graph.graph)
    for u, v, key, data in graph.edges(keys=True, data=True):
        recs = provenance(data)
        kept = [r for r in recs if _in_window(str(r.get("date", "")), start, end)]
        summary = _mention_counts(data)
        window: Counter[_Row] = Counter()
        if summary is not None:  # truncated provenance: the counts hold every mention
            window.update({row: n for row, n in summary.items() if _in_window(row[0], start, end)})
            present = bool(window)
        elif recs:
            present = bool(kept)
        else:
            present = any(_in_window(d, start, end) for d in _mention_dates(data))
        if not present:
            continue
        for n in (u, v):
            if n not in out:
                out.add_node(n, **dict(graph.nodes[n]))
        out.add_edge(u, v, key, **dict(data))
        if summary is not None:
            _set_provenance(out.edges[u, v, key], kept, len(recs), window)
        elif kept:
            _set_provenance(out.edges[u, v, key], kept)
    return out


# --------------------------------------------------------------------------------------------
# analysis
# --------------------------------------------------------------------------------------------


def _signed(graph: Graph) -> Graph:
    """A signed simple undirected graph: the alliance graph of a multigraph, else ``graph``."""
    if graph.is_multigraph():
        return alliance_graph(graph)
    if graph.is_directed():
        und: Graph = nx.Graph()
        und.add_nodes_from(graph.nodes(data=True))
        for u, v, d in graph.edges(data=True):
            if u == v:
                continue
            w = float(d.get("weight", 0.0))
            if und.has_edge(u, v):
                und.edges[u, v]["weight"] += w
            else:
                und.add_edge(u, v, weight=w)
        return und
    return graph


def _weights(signed: Graph) -> dict[str, dict[str, float]]:
    adj: dict[str, dict[str, float]] = {n: {} for n in signed.nodes}
    for u, v, d in signed.edges(data=True):
        w = float(d.get("weight", 0.0))
        if u != v and w != 0.0:
            adj[u][v] = w
            adj[v][u] = w
    return adj


def frustration(graph: Graph, partition: Iterable[Collection[str]]) -> float:
    """Total weight that disagrees with a partition.

    Positive (cooperation) weight between groups plus negative (conflict) weight within
    groups; 0 means the partition explains every tie.

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> G = build_graph(toy_events())
    >>> frustration(G, [{"egypt", "russia", "khalifa_haftar"}, {"libya_gov"}])
    0.0
    >>> frustration(G, [{"egypt", "russia", "khalifa_haftar", "libya_gov"}])  # the attack
    1.0
    """
    signed = _signed(graph)
    label = {n: i for i, group in enumerate(partition) for n in group}
    total = 0.0
    for u, v, d in signed.edges(data=True):
        w = float(d.get("weight", 0.0))
        same = label.get(u, f"_{u}") == label.get(v, f"_{v}")
        if (w > 0 and not same) or (w < 0 and same):
            total += abs(w)
    return total


def _local_search(adj: dict[str, dict[str, float]], init: dict[str, int]) -> dict[str, int]:
    """Greedy correlation clustering: move nodes, then merge groups, while it lowers frustration."""
    part = dict(init)
    nodes = sorted(adj)
    eps = 1e-12
    for _ in range(200):
        changed = False
        for n in nodes:
            cur = part[n]
            score: dict[int, float] = defaultdict(float)  # negative-in minus positive-in
            for m, w in adj[n].items():
                score[part[m]] += -w
            members = sum(1 for m in nodes if part[m] == cur and m != n)
            cand = sorted(score.items(), key=lambda t: (t[1], t[0]))
            best_group, best = (cur, score.get(cur, 0.0))
            if members > 0 and best > eps:  # a fresh group of its own is better
                best_group, best = (max(part.values()) + 1, 0.0)
            if cand and cand[0][1] < best - eps:
                best_group, best = cand[0]
            if best_group != cur:
                part[n] = best_group
                changed = True
        # merge pairs of groups whose positive ties outweigh their negative ones
        between: dict[tuple[int, int], float] = defaultdict(float)
        for u in nodes:
            for v, w in adj[u].items():
                if u < v and part[u] != part[v]:
                    a, b = sorted((part[u], part[v]))
                    between[a, b] += w
        merge = sorted((-w, a, b) for (a, b), w in between.items() if w > eps)
        if merge:
            _, a, b = merge[0]
            for n in nodes:
                if part[n] == b:
                    part[n] = a
            changed = True
        if not changed:
            break
    return part


def _join_lone_enemies(adj: dict[str, dict[str, float]], init: dict[str, int]) -> dict[str, int]:
    """Zero-cost tie-break: an actor alone in its group, with conflict ties only, joins the
    group most opposed to its enemies' groups ("the enemy of my enemy").

    Such an actor has no tie with a group that holds none of its enemies, so the move leaves
    :func:`frustration` unchanged. Its candidates are the groups without its enemies whose
    net tie weight with an enemy's group is negative; the score of a group is the sum, over
    the actor's enemies, of its conflict tie with the enemy times the group's net conflict
    with the enemy's group. The best score wins, ties to the larger group, then to the group
    of the smallest actor id. Actors are visited in id order until nothing moves.
    """
    part = dict(init)
    nodes = sorted(adj)
    members: dict[int, set[str]] = defaultdict(set)
    for n in nodes:
        members[part[n]].add(n)
    net: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for u in nodes:
        for v, w in adj[u].items():
            if part[u] != part[v]:
                net[part[u]][part[v]] += w
    eps = 1e-12
    moved = True
    while moved:
        moved = False
        for n in nodes:
            own = part[n]
            ties = adj[n]
            if len(members[own]) != 1 or not ties or any(w > 0 for w in ties.values()):
                continue
            barred = {part[e] for e in ties} | {own}
            score: dict[int, float] = defaultdict(float)
            for e, w in ties.items():
                for g, between in net[part[e]].items():
                    if g not in barred and between < -eps:
                        score[g] += -w * -between
            if not score:
                continue
            target = min(score, key=lambda g: (-score[g], -len(members[g]), min(members[g])))
            if score[target] <= eps:
                continue
            for e, w in ties.items():
                other = part[e]
                for a, b in ((own, other), (other, own)):
                    net[a][b] -= w
                for a, b in ((target, other), (other, target)):
                    net[a][b] += w
            members[own].discard(n)
            members[target].add(n)
            part[n] = target
            moved = True
    return part


def blocs(graph: Graph) -> list[set[str]]:
    """Blocs: the structural-balance partition of the signed alliance graph.

    Finds groups so that cooperation falls within groups and conflict between them, by
    minimising :func:`frustration` (correlation clustering, any number of groups) with a
    deterministic greedy local search (node moves, then group merges) started from two
    partitions: the components of the cooperation ties, and singletons. The better result
    wins (ties go to the first). The search is exact on small balanced graphs and a good
    heuristic elsewhere; same input, same output.

    Among partitions of equal frustration, the enemy of my enemy is my friend: an actor
    whose only ties are conflicts (say with bloc X) would be a bloc of its own; it joins the
    bloc most in conflict with X instead (the one opposed to the most of its enemies'
    weight; ties to the larger bloc). That move costs nothing, so :func:`frustration` is the
    same. Actors in conflict only with a bloc that nobody else opposes stay alone.

    Parameters
    ----------
    graph
        A graph made by :func:`build_graph` (its :func:`alliance_graph` is used) or a signed
        graph with a ``weight`` edge attribute.

    Returns
    -------
    list of set of str
        The blocs, largest first (ties by smallest actor id); actors with no tie that
        places them are singletons.

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> A = alliance_graph(build_graph(toy_events()))
    >>> A.edges["khalifa_haftar", "libya_gov"]["weight"] = -3.0  # a heavier conflict
    >>> [sorted(b) for b in blocs(A)]
    [['egypt', 'khalifa_haftar', 'russia'], ['libya_gov']]
    >>> A.add_edge("fayez_al_sarraj", "khalifa_haftar", weight=-1.0)  # only a conflict tie
    >>> [sorted(b) for b in blocs(A)]  # joins the bloc opposed to Haftar's
    [['egypt', 'khalifa_haftar', 'russia'], ['fayez_al_sarraj', 'libya_gov']]
    """
    signed = _signed(graph)
    adj = _weights(signed)
    nodes = sorted(adj)
    if not nodes:
        return []
    index = {n: i for i, n in enumerate(nodes)}
    positive: Graph = nx.Graph()
    positive.add_nodes_from(nodes)
    positive.add_edges_from((u, v) for u in nodes for v, w in adj[u].items() if w > 0)
    comp_init: dict[str, int] = {}
    for comp in nx.connected_components(positive):
        first = min(index[n] for n in comp)
        comp_init.update(dict.fromkeys(comp, first))
    best: dict[str, int] | None = None
    best_cost = math.inf
    for init in (comp_init, dict(index)):
        part = _local_search(adj, init)
        groups: dict[int, set[str]] = defaultdict(set)
        for n, g in part.items():
            groups[g].add(n)
        cost = frustration(signed, groups.values())
        if cost < best_cost - 1e-12:
            best, best_cost = part, cost
    assert best is not None
    best = _join_lone_enemies(adj, best)
    result: dict[int, set[str]] = defaultdict(set)
    for n, g in best.items():
        result[g].add(n)
    return sorted(result.values(), key=lambda s: (-len(s), min(s)))


def balance(graph: Graph) -> float:
    """How balanced the signed graph is: the fraction of balanced signed triangles.

    A triangle of non-zero ties is balanced when the product of its signs is positive
    ("the friend of my friend is my friend", "the enemy of my enemy is my friend").
    Returns 1.0 when there is no such triangle.

    Parameters
    ----------
    graph
        A graph made by :func:`build_graph` (its :func:`alliance_graph` is used) or a signed
        graph with a ``weight`` edge attribute.

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> balance(build_graph(toy_events()))  # no signed triangle: mediation is neutral
    1.0
    """
    good, total = _triangles(_signed(graph))
    return good / total if total else 1.0


def _triangles(signed: Graph) -> tuple[int, int]:
    """(balanced, all) triangles of non-zero ties of a signed graph."""
    adj = _weights(signed)
    order = {n: i for i, n in enumerate(sorted(adj))}
    total = good = 0
    for u in adj:
        for v in adj[u]:
            if order[v] <= order[u]:
                continue
            for w in adj[u].keys() & adj[v].keys():
                if order[w] <= order[v]:
                    continue
                total += 1
                if adj[u][v] * adj[v][w] * adj[u][w] > 0:
                    good += 1
    return good, total


def _plain_edges(graph: Graph) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for u, v, data in graph.edges(data=True):
        if u != v and _counts(data):
            yield u, v, data


def backers(
    graph: MultiDiGraph, actor_id: str, *, relations: Collection[str] = BACKING_RELATIONS
) -> set[str]:
    """Who backs ``actor_id``: sources of asserted, non-negated backing events targeting it.

    Parameters
    ----------
    graph
        A graph made by :func:`build_graph`.
    actor_id
        The actor backed.
    relations
        The relations that count as backing (default :data:`BACKING_RELATIONS`; the
        symmetric ones, ``allies_with`` and ``cooperates_with``, count both ways).

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> sorted(backers(build_graph(toy_events()), "khalifa_haftar"))
    ['egypt', 'russia']
    """
    found: set[str] = set()
    for u, v, data in _plain_edges(graph):
        if data.get("relation") not in relations:
            continue
        if v == actor_id:
            found.add(u)
        elif u == actor_id and data.get("symmetric"):
            found.add(v)
    return found


def enemies(
    graph: MultiDiGraph, actor_id: str, *, relations: Collection[str] | None = None
) -> set[str]:
    """Who ``actor_id`` is in conflict with: asserted, non-negated conflict events, either way.

    Parameters
    ----------
    graph
        A graph made by :func:`build_graph`.
    actor_id
        The actor.
    relations
        Restrict to these relations (e.g. ``{"attacks", "fights"}`` for armed conflict only);
        default every relation of negative polarity.

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> enemies(build_graph(toy_events()), "libya_gov")
    {'khalifa_haftar'}
    """
    found: set[str] = set()
    for u, v, data in _plain_edges(graph):
        if int(data.get("polarity", 0)) >= 0:
            continue
        if relations is not None and data.get("relation") not in relations:
            continue
        if u == actor_id:
            found.add(v)
        elif v == actor_id:
            found.add(u)
    return found


def mediators(graph: MultiDiGraph) -> dict[str, list[tuple[str, str]]]:
    """Actors that cooperate with, or mediate between, both sides of a conflict.

    A conflict dyad is a pair of actors with an asserted, non-negated conflict event between
    them, or a pair that someone mediates between (mediation presupposes a dispute). An
    actor is a mediator of a dyad it is not part of when it has asserted, non-negated
    cooperation events (either direction) with both sides, or a ``mediates`` event naming
    one side as target and the other as participant. Mediation that was only attempted
    ("trying to broker a ceasefire between ...") counts, negated mediation does not.

    Returns
    -------
    dict
        Mediator id -> the sorted conflict dyads ``(a, b)`` (with ``a < b``) it spans.

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> mediators(build_graph(toy_events()))
    {'russia': [('khalifa_haftar', 'libya_gov')]}
    """
    coop: dict[str, set[str]] = defaultdict(set)
    between: dict[str, set[tuple[str, str]]] = defaultdict(set)
    dyads: set[tuple[str, str]] = set()
    for u, v, data in _plain_edges(graph):
        polarity = int(data.get("polarity", 0))
        if polarity < 0:
            a, b = sorted((u, v))
            dyads.add((a, b))
        elif polarity > 0:
            coop[u].add(v)
            coop[v].add(u)
    for u, v, data in graph.edges(data=True):
        if data.get("relation") != "mediates" or bool(data.get("negated", False)):
            continue
        if str(data.get("modality", Modality.ASSERTED)) not in _MEDIATION_MODALITIES:
            continue
        parties = {str(p) for rec in provenance(data) for p in rec.get("participants", [])}
        parties.update(p for row in _mention_counts(data) or () for p in row[3])
        for p in sorted(parties):
            if p not in (u, v):
                a, b = sorted((v, p))
                between[u].add((a, b))
                dyads.add((a, b))
    found: dict[str, list[tuple[str, str]]] = {}
    for m in sorted(set(coop) | set(between)):
        spans = sorted(
            (a, b)
            for a, b in dyads
            if m not in (a, b) and ((a in coop[m] and b in coop[m]) or (a, b) in between[m])
        )
        if spans:
            found[m] = spans
    return found


def centrality(
    graph: Graph,
    top: int | None = 10,
    *,
    measure: Literal["degree", "strength", "betweenness"] = "degree",
) -> list[tuple[str, float]]:
    """The most central actors of the event network (direction and sign ignored).

    Parameters
    ----------
    graph
        A graph made by :func:`build_graph` (or any graph of actors; an alliance graph's
        ``|weight|`` is used as tie strength).
    top
        How many to return (``None``: all).
    measure
        ``"degree"``: share of the other actors it has events with;
        ``"strength"``: its share of all mentions (each mention counted at both ends);
        ``"betweenness"``: how often it lies on shortest paths between other actors.

    Returns
    -------
    list of (actor_id, score)
        Highest first, ties by id.

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> centrality(build_graph(toy_events()), top=2)
    [('khalifa_haftar', 1.0), ('libya_gov', 0.666...)]
    """
    simple: Graph = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        if graph.is_multigraph():
            w = float(data.get("mentions", 1))
        else:
            w = abs(float(data.get("weight", 1.0)))
        if simple.has_edge(u, v):
            simple.edges[u, v]["weight"] += w
        else:
            simple.add_edge(u, v, weight=w)
    scores: dict[str, float]
    if measure == "degree":
        scores = nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 0.0)
    elif measure == "strength":
        strength = dict(simple.degree(weight="weight"))
        total = sum(strength.values()) or 1.0
        scores = {n: float(s) / total for n, s in strength.items()}
    elif measure == "betweenness":
        scores = nx.betweenness_centrality(simple)
    else:
        raise ValueError(f"unknown centrality measure {measure!r}")
    ranked = sorted(scores.items(), key=lambda t: (-t[1], t[0]))
    return ranked if top is None else ranked[:top]


class TimelineEntry(TypedDict):
    """One mention of an event between two actors (see :func:`relation_timeline`)."""

    date: dt.date | None
    source: str
    target: str
    relation: str
    symmetric: bool
    polarity: int
    negated: bool
    modality: str
    confidence: float
    doc: str
    sentence: str
    trigger: str
    event_id: str


def relation_timeline(graph: MultiDiGraph, a: str, b: str) -> list[TimelineEntry]:
    """Every reported event between two actors, both directions, in date order.

    One entry per supporting mention, negated and non-asserted ones included (check
    ``negated`` and ``modality``). Undated mentions come last. The mentions an edge with
    truncated provenance no longer holds records of give entries with their date,
    confidence and the edge's actors only (``doc``, ``sentence``, ``trigger`` and
    ``event_id`` empty).

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> for e in relation_timeline(build_graph(toy_events()), "libya_gov", "khalifa_haftar"):
    ...     print(e["date"], e["relation"], e["negated"])
    2020-01-13 attacks False
    2020-01-14 agrees_with True
    """
    out: list[TimelineEntry] = []
    pairs = {(a, b), (b, a)}
    for u, v, data in graph.edges(data=True):
        if (u, v) not in pairs:
            continue
        recs: list[dict[str, Any]] = provenance(data)
        summary = _mention_counts(data)
        if summary is not None:  # mentions whose records were dropped: date and confidence
            summary.subtract(_row(r) for r in recs)
            recs += [
                {"date": row[0], "confidence": row[1], "source": u, "target": v}
                for row, n in sorted(summary.items())
                for _ in range(max(n, 0))
            ]
        recs = recs or [{"date": data.get("last_date", ""), "source": u, "target": v}]
        for r in recs:
            date = str(r.get("date", ""))
            out.append(
                TimelineEntry(
                    date=dt.date.fromisoformat(date) if date else None,
                    source=str(r.get("source", u)),
                    target=str(r.get("target", v)),
                    relation=str(data.get("relation", "")),
                    symmetric=bool(data.get("symmetric", False)),
                    polarity=int(data.get("polarity", 0)),
                    negated=bool(data.get("negated", False)),
                    modality=str(data.get("modality", Modality.ASSERTED)),
                    confidence=float(r.get("confidence", data.get("confidence", 0.0))),
                    doc=str(r.get("doc", "")),
                    sentence=str(r.get("sentence", "")),
                    trigger=str(r.get("trigger", "")),
                    event_id=str(r.get("event_id", "")),
                )
            )
    out.sort(
        key=lambda e: (
            e["date"] is None,
            e["date"] or dt.date.min,
            e["doc"],
            e["relation"],
            e["event_id"],
        )
    )
    return out


# --------------------------------------------------------------------------------------------
# export / import
# --------------------------------------------------------------------------------------------

_CLASS_ATTR = "kg_graph_class"
_KEY_ATTR = "kg_key"
_CLASSES: dict[str, type[Graph]] = {
    "Graph": nx.Graph,
    "DiGraph": nx.DiGraph,
    "MultiGraph": nx.MultiGraph,
    "MultiDiGraph": nx.MultiDiGraph,
}


def _class_name(graph: Graph) -> str:
    return ("Multi" if graph.is_multigraph() else "") + (
        "DiGraph" if graph.is_directed() else "Graph"
    )


def write_graph(graph: Graph, path: str | Path) -> Path:
    """Write a graph as GraphML, GEXF or node-link JSON, chosen by the file suffix.

    Parameters
    ----------
    graph
        Any graph whose node ids are strings and attributes are ``str``, ``bool``, ``int``
        or ``float`` (the graphs of this module are).
    path
        Ends in ``.graphml``, ``.gexf`` or ``.json``.

    Returns
    -------
    pathlib.Path
        The path written. :func:`read_graph` restores the graph exactly (class, nodes,
        edges, keys, attribute values and types). GEXF keeps the graph-level ``name`` only
        of ``graph.graph``; GraphML and JSON keep all graph attributes.

    Examples
    --------
    >>> import tempfile
    >>> from kg.examples import toy_events
    >>> G = build_graph(toy_events())
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     H = read_graph(write_graph(G, Path(tmp) / "toy.gexf"))
    >>> nx.utils.graphs_equal(G, H), type(H).__name__
    (True, 'MultiDiGraph')
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        data = nx.node_link_data(graph, edges="edges")
        path.write_text(
            json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
    elif suffix == ".graphml":
        copy = graph.copy()
        copy.graph[_CLASS_ATTR] = _class_name(graph)
        nx.write_graphml(copy, path, infer_numeric_types=False)
    elif suffix == ".gexf":
        copy = graph.copy()
        if copy.is_multigraph():
            for _, _, key, d in cast(MultiGraph, copy).edges(keys=True, data=True):
                d[_KEY_ATTR] = str(key)
        nx.write_gexf(copy, path)
    else:
        raise ValueError(f"{path}: unknown graph format {suffix!r}; use .graphml, .gexf or .json")
    return path


def read_graph(path: str | Path) -> Graph:
    """Read a graph written by :func:`write_graph` (format chosen by the file suffix).

    Parameters
    ----------
    path
        A ``.graphml``, ``.gexf`` or ``.json`` file.

    Returns
    -------
    networkx.Graph
        Of the class it was written from (a :class:`networkx.MultiDiGraph` for the graphs
        of :func:`build_graph`; a :class:`networkx.Graph` for an alliance graph).
        GraphML and GEXF files from other tools are read too (as multigraphs when they have
        parallel edges, else simple graphs). GEXF marks multigraphs through their edges, so
        an edgeless directed graph comes back as a :class:`networkx.MultiDiGraph`.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        loaded: Graph = nx.node_link_graph(data, edges="edges")
        return loaded
    if suffix == ".graphml":
        raw = nx.read_graphml(path, force_multigraph=True)
        name = str(raw.graph.pop(_CLASS_ATTR, ""))
        for attr in ("node_default", "edge_default"):
            if raw.graph.get(attr) == {}:
                del raw.graph[attr]
        if not name:
            multi = _has_parallel(raw)
            name = ("Multi" if multi else "") + ("DiGraph" if raw.is_directed() else "Graph")
        return _rebuild(raw, _CLASSES[name], key_attr=None)
    if suffix == ".gexf":
        raw = nx.read_gexf(path)
        for attr in ("node_default", "edge_default"):
            if raw.graph.get(attr) in ({}, None):
                raw.graph.pop(attr, None)
        if raw.graph.get("mode") == "static":
            del raw.graph["mode"]
        keyed = any(_KEY_ATTR in d for _, _, d in raw.edges(data=True))
        # kg's directed graphs are multigraphs, so an edgeless directed graph is read as one
        empty_directed = raw.is_directed() and raw.number_of_edges() == 0
        multi = keyed or empty_directed or (raw.is_multigraph() and _has_parallel(raw))
        name = ("Multi" if multi else "") + ("DiGraph" if raw.is_directed() else "Graph")
        for _, _, d in raw.edges(data=True):
            d.pop("id", None)
        return _rebuild(raw, _CLASSES[name], key_attr=_KEY_ATTR if keyed else None)
    raise ValueError(f"{path}: unknown graph format {suffix!r}; use .graphml, .gexf or .json")


def _has_parallel(graph: Graph) -> bool:
    seen: set[tuple[str, str]] = set()
    for u, v in graph.edges():
        pair = (u, v) if graph.is_directed() or u <= v else (v, u)
        if pair in seen:
            return True
        seen.add(pair)
    return False


def _rebuild(raw: Graph, cls: type[Graph], key_attr: str | None) -> Graph:
    out = cls()
    out.graph.update(raw.graph)
    out.add_nodes_from(raw.nodes(data=True))
    edges: Iterable[tuple[str, str, Any, dict[str, Any]]]
    if raw.is_multigraph():
        edges = cast(MultiGraph, raw).edges(keys=True, data=True)
    else:
        edges = ((u, v, None, d) for u, v, d in raw.edges(data=True))
    for u, v, key, d in edges:
        data = dict(d)
        if key_attr is not None:
            key = data.pop(key_attr, key)
        if out.is_multigraph():
            cast(MultiGraph, out).add_edge(u, v, key, **data)
        else:
            out.add_edge(u, v, **data)
    return out
