"""Tests for the shipped gazetteer (kg/data/actors.jsonl, agents.jsonl) and user files."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from kg.actors import is_past_person
from kg.datatypes import ActorType, GazetteerEntry
from kg.errors import LexiconError
from kg.gazetteer_data import load_agents, load_entries, read_user_actors

ROOT = Path(__file__).resolve().parents[1]
PETRARCH_DIR = ROOT.parent / "shared" / "dictionaries" / "petrarch2"


@pytest.fixture(scope="module")
def entries() -> dict[str, GazetteerEntry]:
    return {e.actor.actor_id: e for e in load_entries()}


@pytest.fixture(scope="module")
def surface_index() -> dict[str, list[tuple[str, GazetteerEntry]]]:
    """Surface form -> [(kind, entry)] with kind in names/adjectives/metonyms."""
    index: dict[str, list[tuple[str, GazetteerEntry]]] = defaultdict(list)
    for e in load_entries():
        for kind in ("names", "adjectives", "metonyms"):
            for form in getattr(e, kind):
                index[form].append((kind, e))
    return index


def test_ids_unique_and_sorted() -> None:
    ids = [e.actor.actor_id for e in load_entries()]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    assert len(ids) > 5000


def test_moscow_is_metonym_of_russia(
    surface_index: dict[str, list[tuple[str, GazetteerEntry]]],
) -> None:
    hits = surface_index["Moscow"]
    assert ("metonyms", "russia") in {(k, e.actor.actor_id) for k, e in hits}
    assert all(k == "metonyms" for k, _ in hits)
    kremlin = {(k, e.actor.actor_id) for k, e in surface_index["the Kremlin"]}
    assert ("metonyms", "russia") in kremlin


def test_libyan_is_adjective_of_libya(
    surface_index: dict[str, list[tuple[str, GazetteerEntry]]],
) -> None:
    hits = {(k, e.actor.actor_id) for k, e in surface_index["Libyan"]}
    assert hits == {("adjectives", "libya")}


def test_states(entries: dict[str, GazetteerEntry]) -> None:
    russia = entries["russia"]
    assert russia.actor.type is ActorType.STATE
    assert russia.actor.code == "RUS"
    assert russia.actor.country == "RUS"
    assert russia.actor.wikidata == "Q159"
    assert "Russian Federation" in russia.names
    assert "Russian" in russia.adjectives
    uae = entries["united_arab_emirates"]
    assert "Emirati" in uae.adjectives
    assert "UAE" in uae.names
    assert "Abu Dhabi" in uae.metonyms
    assert "Turkish" in entries["turkey"].adjectives
    assert "Ankara" in entries["turkey"].metonyms
    usa = entries["united_states"]
    assert {"Washington", "the White House"} <= set(usa.metonyms)
    assert "U.S." in usa.names
    assert {"Kyiv", "Kiev"} <= set(entries["ukraine"].metonyms)
    assert "Damascus" in entries["syria"].metonyms
    assert "Tripoli" in entries["libya"].metonyms
    assert "Beijing" in entries["china"].metonyms
    # provinces listed under countries in Phoenix are not names of the state
    assert "Helmand" not in entries["afghanistan"].names
    states = [e for e in entries.values() if e.actor.type is ActorType.STATE]
    assert len(states) >= 249
    assert sum(1 for e in states if e.actor.wikidata) >= 60


def test_haftar(surface_index: dict[str, list[tuple[str, GazetteerEntry]]]) -> None:
    hits = [e for k, e in surface_index["Haftar"] if k == "names"]
    assert [e.actor.actor_id for e in hits] == ["khalifa_haftar"]
    haftar = hits[0].actor
    assert haftar.type is ActorType.PERSON
    assert haftar.country == "LBY"
    assert haftar.affiliation == "libyan_national_army"
    assert "Hifter" in hits[0].names


def test_nato_is_igo(surface_index: dict[str, list[tuple[str, GazetteerEntry]]]) -> None:
    hits = [e for k, e in surface_index["NATO"] if k == "names"]
    assert [e.actor.actor_id for e in hits] == ["nato"]
    assert hits[0].actor.type is ActorType.IGO
    assert hits[0].actor.wikidata == "Q7184"
    assert "North Atlantic Treaty Organization" in hits[0].names


def test_curated_conflict_actors(entries: dict[str, GazetteerEntry]) -> None:
    assert entries["libyan_national_army"].actor.type is ActorType.ARMED_GROUP
    assert "LNA" in entries["libyan_national_army"].names
    assert entries["fayez_al_sarraj"].actor.affiliation == "government_of_national_accord"
    assert "GNA" in entries["government_of_national_accord"].names
    assert entries["houthis"].actor.country == "YEM"
    assert "Ansar Allah" in entries["houthis"].names
    assert entries["rapid_support_forces"].actor.type is ActorType.ARMED_GROUP
    assert "Hemedti" in entries["mohamed_hamdan_dagalo"].names
    assert entries["vladimir_putin"].actor.wikidata == "Q7747"
    assert entries["vladimir_putin"].actor.affiliation == "russia_government"
    assert "Zakharova" in entries["maria_zakharova"].names
    assert entries["united_nations"].actor.type is ActorType.IGO
    # groups Phoenix does not list
    assert entries["muslim_brotherhood"].actor.country == "EGY"
    assert "SPLM-IO" in entries["splm_io"].names
    assert entries["macina_liberation_front"].actor.affiliation == "jnim"


def test_office_holders_from_phoenix(entries: dict[str, GazetteerEntry]) -> None:
    # Tony Abbott: AUSGOV from 2013 (Phoenix.Countries); gets the Australian government
    abbott = [e for e in entries.values() if e.actor.label == "Tony Abbott"]
    assert abbott
    assert abbott[0].actor.type is ActorType.PERSON
    assert abbott[0].actor.affiliation == "australia_government"
    # office holders whose last range ended before 2010 are shipped by full names only,
    # with their dated codes, and are persons of the past (no surname lookup)
    (shah,) = [e for e in entries.values() if e.actor.label == "Mohammad Zahir Shah"]
    assert all(len(n.split()) >= 2 for n in shah.names)
    assert is_past_person(shah.actor, shah.periods)
    assert not is_past_person(abbott[0].actor, abbott[0].periods)


def test_affiliations_resolve(entries: dict[str, GazetteerEntry]) -> None:
    for e in entries.values():
        if e.actor.affiliation is not None:
            assert e.actor.affiliation in entries, e.actor.actor_id


def test_every_entry_well_formed(entries: dict[str, GazetteerEntry]) -> None:
    for e in entries.values():
        assert e.names
        assert e.names[0] == e.actor.label
        assert e.source
        if e.actor.country is not None:
            assert len(e.actor.country) == 3


def test_load_agents() -> None:
    agents = {a.noun: a for a in load_agents()}
    assert agents["government"].sector == "GOV"
    assert agents["troop"].sector == "MIL"
    assert agents["troop"].plural == "troops"
    assert agents["rebel"].sector == "REB"
    assert agents["militant"].sector == "UAF"
    assert agents["police"].plural is None
    assert len(agents) > 3000


def test_user_jsonl(tmp_path: Path) -> None:
    f = tmp_path / "mine.jsonl"
    rec = {"id": "x_militia", "label": "X Militia", "type": "armed_group", "names": ["XM"]}
    f.write_text("# my actors\n" + json.dumps(rec) + "\n", encoding="utf-8")
    [entry] = read_user_actors(f)
    assert entry.actor.actor_id == "x_militia"
    assert entry.names == ("X Militia", "XM")
    assert entry.actor.type is ActorType.ARMED_GROUP
    assert entry.source == "user:mine.jsonl"


def test_user_petrarch_file_sniffed(tmp_path: Path) -> None:
    f = tmp_path / "mine.txt"
    f.write_text("# actors\nKHALIFA_HAFTAR_ [LBYMIL]\n+HIFTER_\n", encoding="utf-8")
    [entry] = read_user_actors(f)
    assert entry.actor.label == "Khalifa Haftar"
    assert entry.names == ("Khalifa Haftar", "Hifter")
    assert entry.actor.country == "LBY"
    assert entry.source == "petrarch:mine.txt"
    # the shared PETRARCH validation dictionary reads as well
    assert read_user_actors(PETRARCH_DIR / "PETR.Validate.actors.txt")


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        ('{"id": "a", "label": "A", "type": "state"}\n{"id": "b", "label": "B"\n', 2, "JSON"),
        ('{"id": "a", "label": "A", "type": "warlord"}\n', 1, "unknown type"),
        ('\n{"id": "a", "type": "state"}\n', 2, "label"),
        ('{"id": "a", "label": "A", "type": "state", "names": "A"}\n', 1, "names"),
        (
            '{"id": "a", "label": "A", "type": "state"}\n'
            '{"id": "a", "label": "A", "type": "state"}\n',
            2,
            "duplicate",
        ),
    ],
)
def test_malformed_user_jsonl(tmp_path: Path, body: str, line: int, fragment: str) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        read_user_actors(f)
    assert info.value.line == line
    assert f"bad.jsonl:{line}" in str(info.value)
    assert fragment in str(info.value)


def test_malformed_user_petrarch(tmp_path: Path) -> None:
    f = tmp_path / "bad.actors"
    f.write_text("GOOD_ACTOR [USAGOV]\n\t[USAGOV 20201301-20210101]\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        read_user_actors(f)
    assert info.value.line == 2


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="not found"):
        read_user_actors(tmp_path / "nope.jsonl")


def test_curated_names_win_over_old_dictionary_aliases() -> None:
    from kg.gazetteer_data import load_entries

    holders = {e.actor.actor_id for e in load_entries() if "Islamic Jihad" in e.names}
    assert holders == {"palestinian_islamic_jihad"}
