"""Tests of kg.graph: building, derived views, analyses and export/import."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import math
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.api import Extractor
from kg.datatypes import Actor, ActorType, Event, Mention, Modality
from kg.examples import toy_actors, toy_events
from kg.graph import (
    alliance_graph,
    backers,
    balance,
    blocs,
    build_graph,
    centrality,
    edge_key,
    ego_graph,
    enemies,
    frustration,
    mediators,
    provenance,
    read_graph,
    relation_timeline,
    rollup,
    time_slice,
    write_graph,
)

BACKS_EGYPT, BACKS_RUSSIA, ATTACK, MEDIATES_HAFTAR, MEDIATES_GOV, NEGATED_DEAL = range(6)


def again(event: Event, doc: str, date: dt.date | None = None, **changes: Any) -> Event:
    """The same event reported in another document (a new mention, a new event id)."""
    prov = dataclasses.replace(event.provenance, doc_id=doc)
    return dataclasses.replace(event, provenance=prov, date=date or event.date, **changes)


def with_actors(event: Event, source: Actor, target: Actor, doc: str) -> Event:
    prov = dataclasses.replace(event.provenance, doc_id=doc)
    return dataclasses.replace(
        event,
        source=Mention(source.label, 0, len(source.label), source),
        target=Mention(target.label, 0, len(target.label), target),
        provenance=prov,
        participants=(),
    )


def actor(actor_id: str, **kw: Any) -> Actor:
    return Actor(actor_id, actor_id.replace("_", " ").title(), **kw)


def edges(g: nx.MultiDiGraph[str]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(u, v, k): dict(d) for u, v, k, d in g.edges(keys=True, data=True)}


# --------------------------------------------------------------------------------------------
# build_graph
# --------------------------------------------------------------------------------------------


def test_nodes_carry_actor_attributes_as_scalars() -> None:
    g = build_graph(toy_events())
    assert sorted(g) == ["egypt", "khalifa_haftar", "libya_gov", "russia"]
    haftar = g.nodes["khalifa_haftar"]
    assert haftar == {
        "label": "Khalifa Haftar",
        "type": "person",
        "country": "LBY",
        "code": "LBYMIL",
        "wikidata": "Q1739453",
        "affiliation": "libyan_national_army",
        "aliases": "Haftar",
        "resolved": True,
    }
    assert g.nodes["libya_gov"]["wikidata"] == ""  # None becomes ""
    for _, data in g.nodes(data=True):
        assert all(isinstance(v, str | bool) for v in data.values())


def test_edge_attributes_and_keys() -> None:
    g = build_graph(toy_events())
    assert sorted(edges(g)) == [
        ("egypt", "khalifa_haftar", "backs"),
        ("khalifa_haftar", "libya_gov", "agrees_with|negated"),
        ("khalifa_haftar", "libya_gov", "attacks"),
        ("russia", "khalifa_haftar", "backs"),
        ("russia", "khalifa_haftar", "mediates"),
        ("russia", "libya_gov", "mediates"),
    ]
    attack = g.edges["khalifa_haftar", "libya_gov", "attacks"]
    assert attack["relation"] == "attacks"
    assert (attack["plover"], attack["cameo"]) == ("ASSAULT", "18")
    assert attack["quad"] == "material_conflict"
    assert attack["polarity"] == -1
    assert attack["negated"] is False
    assert attack["modality"] == "asserted"
    assert attack["symmetric"] is False
    assert attack["mentions"] == 1
    assert attack["first_date"] == attack["last_date"] == "2020-01-13"
    assert attack["confidence"] == pytest.approx(0.8)
    (rec,) = provenance(attack)
    assert rec["doc"] == "toy.txt"
    assert rec["trigger"] == "attacked"
    assert rec["rule"] == "verb:active"
    assert rec["event_id"] == toy_events()[ATTACK].event_id
    text = "Haftar, who is backed by Egypt and Russia, attacked Tripoli on Monday."
    assert rec["sentence"] == text
    assert (rec["start"], rec["end"]) == (0, len(text))
    for _, _, data in g.edges(data=True):
        assert all(isinstance(v, str | bool | int | float) for v in data.values())


def test_edge_key_scheme() -> None:
    assert edge_key("attacks") == "attacks"
    assert edge_key("attacks", negated=True) == "attacks|negated"
    assert edge_key("attacks", modality=Modality.PLANNED) == "attacks|planned"
    assert edge_key("backs", True, Modality.POSSIBLE) == "backs|negated|possible"
    ev = toy_events()
    planned = again(ev[ATTACK], "later.txt", modality=Modality.PLANNED)
    g = build_graph([*ev, planned])
    assert g.has_edge("khalifa_haftar", "libya_gov", "attacks|planned")
    assert g.edges["khalifa_haftar", "libya_gov", "attacks"]["mentions"] == 1


def test_same_event_in_several_articles_is_one_edge() -> None:
    ev = toy_events()
    later = again(ev[ATTACK], "reuters.txt", dt.date(2020, 2, 1), confidence=0.5)
    g = build_graph([*ev, later, ev[ATTACK]])  # the repeated mention counts once
    attacks = [k for _, _, k in g.edges(keys=True) if k.startswith("attacks")]
    assert attacks == ["attacks"]
    edge = g.edges["khalifa_haftar", "libya_gov", "attacks"]
    assert edge["mentions"] == 2
    assert (edge["first_date"], edge["last_date"]) == ("2020-01-13", "2020-02-01")
    assert edge["confidence"] == pytest.approx(1 - 0.2 * 0.5)  # noisy-or
    recs = provenance(edge)
    assert [r["doc"] for r in recs] == ["toy.txt", "reuters.txt"]  # sorted by date
    assert len({r["event_id"] for r in recs}) == 2
    assert json.loads(edge["provenance"]) == recs


def test_symmetric_relation_is_stored_once_in_sorted_order() -> None:
    ev = toy_events()
    deal = ev[NEGATED_DEAL]  # khalifa_haftar agrees_with libya_gov (negated)
    reverse = dataclasses.replace(again(deal, "other.txt"), source=deal.target, target=deal.source)
    g = build_graph([deal, reverse])
    assert list(g.edges(keys=True)) == [("khalifa_haftar", "libya_gov", "agrees_with|negated")]
    edge = g.edges["khalifa_haftar", "libya_gov", "agrees_with|negated"]
    assert edge["mentions"] == 2
    assert {r["source"] for r in provenance(edge)} == {"khalifa_haftar", "libya_gov"}


def test_builds_are_additive() -> None:
    ev = toy_events()
    extra = [
        again(ev[ATTACK], "b.txt", dt.date(2020, 3, 1)),
        again(ev[BACKS_EGYPT], "c.txt", dt.date(2020, 3, 2), confidence=0.3),
    ]
    events = ev + extra
    whole = build_graph(events)
    for cut in range(len(events) + 1):
        parts = build_graph(events[cut:], build_graph(events[:cut]))
        assert nx.utils.graphs_equal(whole, parts)
        assert edges(whole) == edges(parts)
    # adding the same events again changes nothing
    assert edges(build_graph(events, build_graph(events))) == edges(whole)


def test_build_updates_the_given_graph_in_place() -> None:
    g = build_graph(toy_events()[:2])
    same = build_graph(toy_events()[2:], g)
    assert same is g
    assert g.number_of_edges() == 6


def test_unresolved_actor_is_upgraded_by_a_resolved_record() -> None:
    ev = toy_events()
    bare = Actor("egypt", "egypt", resolved=False)
    first = dataclasses.replace(
        ev[BACKS_EGYPT], source=dataclasses.replace(ev[BACKS_EGYPT].source, actor=bare)
    )
    g = build_graph([first, ev[BACKS_EGYPT]])
    assert g.nodes["egypt"]["label"] == "Egypt"
    assert g.nodes["egypt"]["resolved"] is True
    assert g.nodes["egypt"]["wikidata"] == "Q79"


# --------------------------------------------------------------------------------------------
# derived views
# --------------------------------------------------------------------------------------------


def test_alliance_graph_weights_and_negation() -> None:
    a = alliance_graph(build_graph(toy_events()))
    assert isinstance(a, nx.Graph)
    assert not a.is_directed()
    assert not a.is_multigraph()
    assert a.edges["egypt", "khalifa_haftar"]["weight"] == 1.0
    assert a.edges["russia", "khalifa_haftar"]["weight"] == 1.0  # backs; mediation is neutral
    tie = a.edges["khalifa_haftar", "libya_gov"]
    assert tie["weight"] == -1.0  # the negated "agrees_with" (+1) is excluded
    assert (tie["cooperation"], tie["conflict"], tie["sign"]) == (0.0, 1.0, -1)
    assert tie["relations"] == "attacks"
    assert a.nodes["egypt"]["label"] == "Egypt"


def test_alliance_graph_drops_negated_and_hypothetical_events() -> None:
    ev = toy_events()
    planned = again(ev[BACKS_EGYPT], "x.txt", modality=Modality.PLANNED)
    negated = again(ev[BACKS_RUSSIA], "y.txt", negated=True)
    a = alliance_graph(build_graph([ev[NEGATED_DEAL], planned, negated]))
    assert a.number_of_edges() == 0
    assert a.number_of_nodes() == 0


def test_alliance_graph_window_and_decay() -> None:
    ev = toy_events()
    old = again(ev[BACKS_EGYPT], "old.txt", dt.date(2020, 1, 4))  # 10 days before the rest
    g = build_graph([*ev, old])
    assert alliance_graph(g).edges["egypt", "khalifa_haftar"]["weight"] == 2.0
    window = alliance_graph(g, start=dt.date(2020, 1, 14))
    assert not window.has_edge("khalifa_haftar", "libya_gov")  # the attack was on the 13th
    assert window.edges["egypt", "khalifa_haftar"]["weight"] == 1.0
    decayed = alliance_graph(g, half_life_days=10)
    assert decayed.edges["egypt", "khalifa_haftar"]["weight"] == pytest.approx(1.5)
    assert decayed.edges["khalifa_haftar", "libya_gov"]["weight"] == pytest.approx(
        -(0.5 ** (1 / 10))
    )
    with pytest.raises(ValueError, match="half_life_days"):
        alliance_graph(g, half_life_days=0)


def test_rollup_merges_persons_into_their_organisation() -> None:
    g = build_graph(toy_events())
    r = rollup(g)
    assert sorted(r) == ["egypt", "libya_gov", "libyan_national_army", "russia"]
    assert r.nodes["libyan_national_army"]["members"] == "khalifa_haftar"
    assert r.nodes["libyan_national_army"]["type"] == "unknown"  # placeholder
    assert r.has_edge("egypt", "libyan_national_army", "backs")
    attack = r.edges["libyan_national_army", "libya_gov", "attacks"]
    assert provenance(attack) == provenance(g.edges["khalifa_haftar", "libya_gov", "attacks"])


def test_rollup_follows_chains_and_pools_mentions() -> None:
    ev = toy_events()
    lna = Actor("libyan_national_army", "Libyan National Army", ActorType.MILITARY,
                affiliation="house_of_representatives")  # fmt: skip
    hor = Actor("house_of_representatives", "House of Representatives", ActorType.GOVERNMENT)
    saleh = actor("aguila_saleh", type=ActorType.PERSON, affiliation="house_of_representatives")
    egypt = toy_actors()["egypt"]
    backs_saleh = with_actors(ev[BACKS_EGYPT], egypt, saleh, "saleh.txt")
    r = rollup(build_graph([*ev, backs_saleh]), actors={lna.actor_id: lna, hor.actor_id: hor})
    assert "house_of_representatives" in r
    assert "libyan_national_army" not in r
    assert r.nodes["house_of_representatives"]["label"] == "House of Representatives"
    assert r.nodes["house_of_representatives"]["members"] == "aguila_saleh|khalifa_haftar"
    backs = r.edges["egypt", "house_of_representatives", "backs"]
    assert backs["mentions"] == 2  # Egypt backs Haftar + Egypt backs Saleh
    assert backs["confidence"] == pytest.approx(1 - 0.1 * 0.1)


def test_rollup_survives_affiliation_cycles() -> None:
    ev = toy_events()
    a = actor("a_person", type=ActorType.PERSON, affiliation="b_person")
    b = actor("b_person", type=ActorType.PERSON, affiliation="a_person")
    g = build_graph([with_actors(ev[ATTACK], a, b, "cycle.txt")])
    r = rollup(g)
    assert list(r) == ["a_person"]  # the cycle's smallest id stands for both
    assert r.nodes["a_person"]["members"] == "b_person"
    # both ends map to a single actor: the attack becomes a self-loop, nothing is lost
    assert list(r.edges(keys=True)) == [("a_person", "a_person", "attacks")]


def test_ego_graph_and_time_slice() -> None:
    g = build_graph(toy_events())
    assert sorted(ego_graph(g, "egypt")) == ["egypt", "khalifa_haftar"]
    assert sorted(ego_graph(g, "egypt", radius=2)) == sorted(g)
    with pytest.raises(nx.NodeNotFound):
        ego_graph(g, "atlantis")
    ev = toy_events()
    g2 = build_graph([*ev, again(ev[ATTACK], "feb.txt", dt.date(2020, 2, 10))])
    jan = time_slice(g2, dt.date(2020, 1, 1), dt.date(2020, 1, 31))
    assert jan.edges["khalifa_haftar", "libya_gov", "attacks"]["mentions"] == 1
    feb = time_slice(g2, start=dt.date(2020, 2, 1))
    assert list(feb.edges(keys=True)) == [("khalifa_haftar", "libya_gov", "attacks")]
    assert sorted(feb) == ["khalifa_haftar", "libya_gov"]
    assert feb.edges["khalifa_haftar", "libya_gov", "attacks"]["first_date"] == "2020-02-10"
    assert edges(time_slice(g2)) == edges(g2)


# --------------------------------------------------------------------------------------------
# analysis
# --------------------------------------------------------------------------------------------


def test_backers_and_enemies() -> None:
    ev = toy_events()
    france = actor("france", type=ActorType.STATE)
    not_backing = again(
        with_actors(ev[BACKS_EGYPT], france, toy_actors()["khalifa_haftar"], "f.txt"),
        "f.txt",
        negated=True,
    )
    g = build_graph([*ev, not_backing])
    assert backers(g, "khalifa_haftar") == {"egypt", "russia"}
    assert backers(g, "libya_gov") == set()
    assert enemies(g, "libya_gov") == {"khalifa_haftar"}
    assert enemies(g, "khalifa_haftar") == {"libya_gov"}
    assert enemies(g, "egypt") == set()
    assert enemies(g, "libya_gov", relations={"accuses"}) == set()


def test_mediators() -> None:
    ev = toy_events()
    g = build_graph(ev)
    assert mediators(g) == {"russia": [("khalifa_haftar", "libya_gov")]}
    assert "egypt" not in mediators(g)
    # mediation presupposes a dispute: without the attack Russia still mediates
    no_attack = build_graph([e for i, e in enumerate(ev) if i != ATTACK])
    assert mediators(no_attack) == {"russia": [("khalifa_haftar", "libya_gov")]}
    # no conflict and no mediation: nobody stands between anybody
    quiet = [e for i, e in enumerate(ev) if i not in (ATTACK, MEDIATES_HAFTAR, MEDIATES_GOV)]
    assert mediators(build_graph(quiet)) == {}
    # cooperation with both sides is enough, without any "mediates" event
    only_coop = [e for i, e in enumerate(ev) if i not in (MEDIATES_HAFTAR, MEDIATES_GOV)]
    egypt, gov = toy_actors()["egypt"], toy_actors()["libya_gov"]
    only_coop.append(with_actors(ev[BACKS_EGYPT], egypt, gov, "egypt-gov.txt"))
    assert mediators(build_graph(only_coop)) == {"egypt": [("khalifa_haftar", "libya_gov")]}


@pytest.mark.parametrize(
    ("modality", "negated", "mediates"),
    [
        (Modality.ATTEMPTED, False, True),  # "trying to broker a ceasefire between ..."
        (Modality.PLANNED, False, False),
        (Modality.ASSERTED, True, False),  # "refused to mediate"
    ],
)
def test_mediators_count_attempted_mediation(
    modality: Modality, negated: bool, mediates: bool
) -> None:
    ev = toy_events()
    turkey = actor("turkey", type=ActorType.STATE)
    tried = [
        again(with_actors(ev[i], turkey, ev[i].target.actor, "t.txt"), "t.txt",
              modality=modality, negated=negated, participants=ev[i].participants)
        for i in (MEDIATES_HAFTAR, MEDIATES_GOV)
    ]  # fmt: skip
    found = mediators(build_graph([*ev, *tried]))
    assert found["russia"] == [("khalifa_haftar", "libya_gov")]
    assert ("turkey" in found) is mediates


def test_blocs_put_backers_with_haftar_and_tripoli_opposite() -> None:
    ev = toy_events()
    more_attacks = [again(ev[ATTACK], f"attack{i}.txt") for i in range(2)]
    g = build_graph([*ev, *more_attacks])
    assert blocs(g) == [{"egypt", "khalifa_haftar", "russia"}, {"libya_gov"}]
    assert blocs(alliance_graph(g)) == blocs(g)
    assert frustration(g, blocs(g)) == 0.0  # mediation with Tripoli takes no side


def test_blocs_recover_two_camps_and_balance() -> None:
    ev = toy_events()
    camp_a = [actor(f"a{i}", type=ActorType.STATE) for i in range(5)]
    camp_b = [actor(f"b{i}", type=ActorType.STATE) for i in range(4)]
    coop, conflict = ev[BACKS_EGYPT], ev[ATTACK]
    events = []
    for camp in (camp_a, camp_b):
        for x, y in itertools.pairwise(camp):
            events.append(with_actors(coop, x, y, f"{x.actor_id}-{y.actor_id}"))
        events.append(with_actors(coop, camp[0], camp[-1], f"{camp[0].actor_id}-ring"))
    for x, y in zip(camp_a, camp_b, strict=False):
        events.append(with_actors(conflict, x, y, f"{x.actor_id}-{y.actor_id}"))
    g = build_graph(events)
    assert blocs(g) == [{a.actor_id for a in camp_a}, {b.actor_id for b in camp_b}]
    assert balance(g) == 1.0
    assert frustration(g, blocs(g)) == 0.0
    assert balance(build_graph(ev)) == 1.0  # mediation is neutral: no signed triangle
    assert balance(nx.Graph()) == 1.0
    assert blocs(nx.Graph()) == []


def test_blocs_are_deterministic() -> None:
    ev = toy_events()
    g = build_graph([*ev, again(ev[ATTACK], "x.txt")])
    h = build_graph(list(reversed([*ev, again(ev[ATTACK], "x.txt")])))
    assert blocs(g) == blocs(h)


def test_centrality() -> None:
    g = build_graph(toy_events())
    ranked = centrality(g)
    assert ranked[0] == ("khalifa_haftar", 1.0)
    assert [n for n, _ in ranked] == ["khalifa_haftar", "libya_gov", "russia", "egypt"]
    assert len(centrality(g, top=2)) == 2
    strength = dict(centrality(g, top=None, measure="strength"))
    assert math.isclose(sum(strength.values()), 1.0)
    assert max(strength, key=lambda n: strength[n]) == "khalifa_haftar"
    between = dict(centrality(g, measure="betweenness"))
    assert between["khalifa_haftar"] > between["egypt"] == 0.0


def test_relation_timeline() -> None:
    ev = toy_events()
    later = again(ev[ATTACK], "later.txt", dt.date(2020, 3, 1))
    g = build_graph([*ev, later])
    line = relation_timeline(g, "libya_gov", "khalifa_haftar")
    assert [(e["date"], e["relation"], e["negated"]) for e in line] == [
        (dt.date(2020, 1, 13), "attacks", False),
        (dt.date(2020, 1, 14), "agrees_with", True),
        (dt.date(2020, 3, 1), "attacks", False),
    ]
    assert (line[0]["source"], line[0]["target"]) == ("khalifa_haftar", "libya_gov")
    assert line[1]["symmetric"] is True
    assert relation_timeline(g, "egypt", "libya_gov") == []


# --------------------------------------------------------------------------------------------
# export / import
# --------------------------------------------------------------------------------------------


def _typed(g: nx.Graph[str]) -> tuple[Any, ...]:
    """Everything that must survive a round trip, with the Python type of every value."""

    def typed(d: dict[str, Any]) -> dict[str, tuple[str, Any]]:
        return {k: (type(v).__name__, v) for k, v in d.items()}

    nodes = {n: typed(d) for n, d in g.nodes(data=True)}
    es: dict[tuple[Any, ...], dict[str, tuple[str, Any]]]
    if isinstance(g, nx.MultiGraph):
        es = {(u, v, k): typed(d) for u, v, k, d in g.edges(keys=True, data=True)}
    else:
        es = {(u, v): typed(d) for u, v, d in g.edges(data=True)}
    return type(g).__name__, g.graph, nodes, es


def _graphs() -> dict[str, nx.Graph[str]]:
    ev = toy_events()
    built = build_graph([*ev, again(ev[ATTACK], "later.txt", dt.date(2020, 3, 1))])
    return {
        "build": built,
        "alliance": alliance_graph(built, half_life_days=30),
        "rollup": rollup(built),
    }


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json"])
@pytest.mark.parametrize("name", ["build", "alliance", "rollup"])
def test_round_trip_is_exact(tmp_path: Path, suffix: str, name: str) -> None:
    g = _graphs()[name]
    path = write_graph(g, tmp_path / f"g{suffix}")
    assert path.exists()
    h = read_graph(path)
    assert _typed(h) == _typed(g)
    assert nx.utils.graphs_equal(g, h)
    # and the loaded graph works with the analyses
    if isinstance(h, nx.MultiDiGraph) and name == "build":
        assert backers(h, "khalifa_haftar") == {"egypt", "russia"}


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json"])
def test_round_trip_of_an_empty_graph(tmp_path: Path, suffix: str) -> None:
    h = read_graph(write_graph(nx.MultiDiGraph(), tmp_path / f"e{suffix}"))
    assert isinstance(h, nx.MultiDiGraph)
    assert len(h) == 0


def test_unknown_format(tmp_path: Path) -> None:
    g = build_graph(toy_events())
    with pytest.raises(ValueError, match=r"\.graphml, \.gexf or \.json"):
        write_graph(g, tmp_path / "g.csv")
    with pytest.raises(ValueError, match="unknown graph format"):
        read_graph(tmp_path / "g.csv")


# --------------------------------------------------------------------------------------------
# blocs: the enemy of my enemy
# --------------------------------------------------------------------------------------------


def _signed(*ties: tuple[str, str, float]) -> nx.Graph[str]:
    g: nx.Graph[str] = nx.Graph()
    for u, v, w in ties:
        g.add_edge(u, v, weight=w)
    return g


def test_lone_enemy_joins_the_bloc_opposed_to_its_enemies() -> None:
    ev = toy_events()
    sarraj = actor("fayez_al_sarraj", type=ActorType.PERSON)
    haftar = toy_actors()["khalifa_haftar"]
    accusation = with_actors(ev[ATTACK], sarraj, haftar, "accuses.txt")
    more_attacks = [again(ev[ATTACK], f"attack{i}.txt") for i in range(2)]
    g = build_graph([*ev, *more_attacks, accusation])
    assert blocs(g) == [
        {"egypt", "khalifa_haftar", "russia"},
        {"fayez_al_sarraj", "libya_gov"},
    ]
    assert frustration(g, blocs(g)) == 0.0


def test_lone_enemies_of_one_bloc_side_together() -> None:
    # nobody else opposes X's bloc: its two enemies form the opposite bloc
    g = _signed(("x", "y", 1.0), ("a", "x", -1.0), ("b", "y", -1.0))
    assert blocs(g) == [{"a", "b"}, {"x", "y"}]


def test_enemy_of_both_blocs_stays_alone() -> None:
    g = _signed(
        ("a1", "a2", 1.0), ("b1", "b2", 1.0), ("a1", "b1", -1.0),
        ("isis", "a2", -1.0), ("isis", "b2", -1.0),
    )  # fmt: skip
    assert blocs(g) == [{"a1", "a2"}, {"b1", "b2"}, {"isis"}]


def test_lone_enemy_prefers_the_bloc_fighting_most_of_its_enemies() -> None:
    g = _signed(
        ("h", "h2", 1.0), ("g", "g2", 1.0), ("k", "k2", 1.0),
        ("h", "g", -3.0), ("h2", "k", -1.0),  # g's bloc fights h's bloc harder than k's does
        ("lone", "h", -1.0),
    )  # fmt: skip
    parts = blocs(g)
    assert {"lone", "g", "g2"} in parts
    before = [{"h", "h2"}, {"g", "g2"}, {"k", "k2"}, {"lone"}]
    assert frustration(g, parts) == frustration(g, before) == 0.0


def test_tie_break_is_deterministic() -> None:
    ties = [("x", "y", 1.0), ("a", "x", -1.0), ("b", "y", -1.0), ("c", "x", -2.0)]
    first = blocs(_signed(*ties))
    for order in itertools.permutations(ties):
        assert blocs(_signed(*order)) == first


# --------------------------------------------------------------------------------------------
# the seed article, built for real
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_graph(extractor: Extractor, seeds_dir: Path) -> nx.MultiDiGraph[str]:
    import kg

    return kg.build(seeds_dir, extractor=extractor).graph


def test_seed_blocs_put_haftars_backers_and_tripoli_opposite(
    seed_graph: nx.MultiDiGraph[str],
) -> None:
    g = seed_graph
    parts = blocs(g)
    home = {n: i for i, bloc in enumerate(parts) for n in bloc}
    haftar = home["khalifa_haftar"]
    assert {"egypt", "russia", "united_arab_emirates", "jordan"} <= backers(g, "khalifa_haftar")
    assert all(home[b] == haftar for b in backers(g, "khalifa_haftar"))
    tripoli = home["libya_government"]
    assert tripoli != haftar
    assert home["turkey"] == tripoli
    # every actor whose only ties are conflicts with Haftar's bloc sides with Tripoli
    signed = alliance_graph(g)
    for n in signed:
        ties = [(m, d["weight"]) for m, d in signed[n].items()]
        if ties and all(w < 0 and home[m] == haftar for m, w in ties):
            assert home[n] == tripoli, n
    assert not any(len(b) == 1 for b in parts), parts
    assert frustration(g, parts) == 0.0
    assert balance(g) == 1.0


def test_seed_mediators_are_russia_and_turkey(seed_graph: nx.MultiDiGraph[str]) -> None:
    found = mediators(seed_graph)
    assert {"russia", "turkey"} <= set(found)
    for m in ("russia", "turkey"):
        # between Haftar and the Tripoli side (its government or its prime minister)
        sides = {a if b == "khalifa_haftar" else b for a, b in found[m]} - {"khalifa_haftar"}
        assert sides & {"libya_government", "fayez_al_sarraj"}, (m, found[m])
    # Haftar's other backers take a side and mediate nothing
    assert not {"egypt", "jordan", "united_arab_emirates"} & set(found)


# --------------------------------------------------------------------------------------------
# bounded provenance (what kg.build keeps on each edge)
# --------------------------------------------------------------------------------------------


def _reported_many_times() -> list[Event]:
    """Each toy event reported in 9 documents, on 3 days, with 3 confidences."""
    days = [dt.date(2020, 1, 10), dt.date(2020, 1, 13), dt.date(2020, 2, 1)]
    return [
        again(e, f"d{k}.txt", days[k % 3], confidence=(0.3, 0.6, 0.9)[k // 3])
        for k in range(9)
        for e in toy_events()
    ]


def _counted(g: nx.MultiDiGraph[str]) -> dict[tuple[str, str, str], tuple[Any, ...]]:
    return {
        k: (d["mentions"], d["first_date"], d["last_date"], d["cameo"], d["relation"])
        for k, d in edges(g).items()
    }


def test_bounded_provenance_keeps_the_first_records_and_counts_every_mention() -> None:
    events = _reported_many_times()
    full = build_graph(events)
    bounded = build_graph(events, max_provenance=4)
    assert nx.utils.nodes_equal(full.nodes(data=True), bounded.nodes(data=True))
    assert _counted(bounded) == _counted(full)
    for key, data in edges(bounded).items():
        whole = full.edges[key]
        assert data["confidence"] == pytest.approx(whole["confidence"], rel=1e-12)
        assert provenance(data) == provenance(whole)[:4]  # the first mentions, in order
        assert data["mentions"] == 9
        assert "mention_counts" in data
        assert "mention_counts" not in whole
    # what is derived from the mentions is the same
    for kw in ({}, {"start": dt.date(2020, 1, 13)}, {"half_life_days": 7.0}):
        a, b = alliance_graph(full, **kw), alliance_graph(bounded, **kw)  # type: ignore[arg-type]
        assert sorted(a.edges) == sorted(b.edges)
        for u, v in a.edges:
            assert a.edges[u, v]["weight"] == pytest.approx(b.edges[u, v]["weight"])
            assert a.edges[u, v]["mentions"] == b.edges[u, v]["mentions"]
    assert mediators(bounded) == mediators(full)
    for a, b in (("khalifa_haftar", "libya_gov"), ("russia", "khalifa_haftar")):
        whole_tl, bounded_tl = relation_timeline(full, a, b), relation_timeline(bounded, a, b)
        assert len(bounded_tl) == len(whole_tl) == 18
        assert sorted((e["date"], e["relation"], e["negated"]) for e in bounded_tl) == sorted(
            (e["date"], e["relation"], e["negated"]) for e in whole_tl
        )
    window = (dt.date(2020, 1, 11), dt.date(2020, 1, 31))
    assert _counted(time_slice(bounded, *window)) == _counted(time_slice(full, *window))
    assert _counted(rollup(bounded)) == _counted(rollup(full))


def test_bounded_builds_are_additive_and_round_trip(tmp_path: Path) -> None:
    events = _reported_many_times()
    whole = build_graph(events, max_provenance=3)
    for size in (1, 7, 20):
        parts: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        for i in range(0, len(events), size):
            build_graph(events[i : i + size], parts, max_provenance=3)
        assert edges(parts) == edges(whole)
    # few mentions: exactly the unbounded graph
    assert edges(build_graph(toy_events(), max_provenance=3)) == edges(build_graph(toy_events()))
    back = read_graph(write_graph(whole, tmp_path / "g.graphml"))
    assert edges(back) == edges(whole)
    with pytest.raises(ValueError, match="max_provenance"):
        build_graph(events, max_provenance=0)
