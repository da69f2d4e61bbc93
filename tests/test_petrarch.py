"""Tests for the PETRARCH/TABARI dictionary readers (kg.petrarch)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.datatypes import ActorType
from kg.errors import LexiconError
from kg.petrarch import (
    AgentEntry,
    actor_type_of_code,
    country_of_code,
    display_name,
    read_actor_blocks,
    read_actors,
    read_agents,
    slugify,
)

PETRARCH_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "dictionaries" / "petrarch2"
VALIDATE_ACTORS = PETRARCH_DIR / "PETR.Validate.actors.txt"
VALIDATE_AGENTS = PETRARCH_DIR / "PETR.Validate.agents.txt"


def by_label(path: Path) -> dict[str, object]:
    return {e.actor.label: e for e in read_actors(path)}


def test_validate_actors_basic_blocks() -> None:
    entries = {e.actor.actor_id: e for e in read_actors(VALIDATE_ACTORS)}
    arnor = entries["arnor"]  # ARNOR_  [ARN]: trailing underscore stripped
    assert arnor.actor.label == "Arnor"
    assert arnor.actor.code == "ARN"
    assert arnor.names == ("Arnor",)
    assert arnor.source == "petrarch:PETR.Validate.actors.txt"
    denmark = entries["denmark"]
    assert denmark.names == ("Denmark", "Danish", "Zealand")
    assert denmark.actor.country == "DNK"
    assert denmark.actor.type is ActorType.STATE
    un = entries["united_nations"]
    assert {"U.N.", "UN", "Security Council"} <= set(un.names)


def test_validate_actors_codes_and_types() -> None:
    entries = {e.actor.actor_id: e for e in read_actors(VALIDATE_ACTORS)}
    assert entries["european_union"].actor.type is ActorType.IGO
    assert entries["european_union"].actor.country is None
    assert entries["amnesty_international"].actor.type is ActorType.NGO
    assert entries["israeli_troops"].actor.type is ActorType.MILITARY
    assert entries["israeli_troops"].actor.country == "ISR"
    assert entries["hamas"].actor.type is ActorType.ARMED_GROUP
    assert entries["hamas"].actor.country == "PSE"
    assert entries["white_house"].actor.type is ActorType.GOVERNMENT
    # a multi-line block: phrase, synonym and code on a tab-indented line
    interpol = entries["international_criminal_police_organization"]
    assert interpol.actor.code == "IGOCOPITP"
    assert "Interpol" in interpol.names
    # null codes give no code
    assert entries["boromir"].actor.code is None
    # CAMEO/COW codes that differ from ISO are mapped: JAP -> JPN, LEB -> LBN
    assert entries["japan"].actor.country == "JPN"
    assert entries["lebanon"].actor.country == "LBN"
    # lower-case codes are accepted
    assert entries["palestinian"].actor.code == "PSE"


def test_dated_codes_keep_latest_range() -> None:
    entries = {e.actor.actor_id: e for e in read_actors(VALIDATE_ACTORS)}
    gollum = entries["gollum"]  # [HOB <950601] [HOBGOV 19950601 - 19990815] [HOBREB >990816]
    assert gollum.actor.code == "HOBREB"
    assert gollum.actor.type is ActorType.PERSON
    assert gollum.names == ("Gollum", "Smeagol", "Slinker", "Stinker")
    sam = entries["sam_gamgee"]  # latest restriction is open-ended [HOBELI >20130119]
    assert sam.actor.code == "HOBELI"
    assert entries["president_george_w_bush"].actor.type is ActorType.PERSON
    assert entries["president_george_w_bush"].actor.code == "USAGOV"


def test_raw_blocks_expose_date_ranges() -> None:
    blocks = {b.names[0]: b for b in read_actor_blocks(VALIDATE_ACTORS)}
    latest = blocks["Hamfast Gamgee"].latest_span()
    assert latest is not None
    assert latest.code == "HOBGOV"
    assert (latest.start.isoformat() if latest.start else None) == "2012-11-09"
    assert (latest.end.isoformat() if latest.end else None) == "2013-01-19"
    assert blocks["Hamfast Gamgee"].default_code == "HOB"


def test_ids_unique_within_file() -> None:
    entries = read_actors(PETRARCH_DIR / "Phoenix.International.actors.txt")
    ids = [e.actor.actor_id for e in entries]
    assert len(ids) == len(set(ids))
    assert all(i and i == i.lower() and " " not in i for i in ids)


def test_shipped_phoenix_files_parse() -> None:
    countries = read_actors(PETRARCH_DIR / "Phoenix.Countries.actors.txt")
    assert len(countries) > 10_000
    afg = next(e for e in countries if e.actor.actor_id == "afghanistan")
    assert afg.actor.code == "AFG"
    assert "Kabul" in afg.names
    xi = [e for e in countries if e.actor.label == "Xi Jinping"]
    assert xi
    assert xi[0].actor.type is ActorType.PERSON
    assert xi[0].actor.code == "CHNGOV"
    mns = read_actors(PETRARCH_DIR / "Phoenix.MilNonState.actors.txt")
    aden = next(e for e in mns if e.actor.label == "Aden Abyan Islamic Army")
    assert "AAIA" in aden.names  # parenthesised acronym becomes a name
    assert aden.actor.country == "YEM"


def test_malformed_actor_line_raises_with_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.actors.txt"
    bad.write_text("# comment\nFOO_  [USA]\n+BAR\n\t[19990101-20000101]\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        read_actors(bad)
    assert info.value.line == 4
    assert "bad.actors.txt:4" in str(info.value)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("+ORPHAN_SYNONYM\n", 1),
        ("FOO [USAGOV\n", 1),
        ("FOO\n\t[USAGOV >2014XX01]\n", 2),
        ("FOO\n\t[USAGOV 991301-000101]\n", 2),
    ],
)
def test_malformed_variants(tmp_path: Path, text: str, line: int) -> None:
    bad = tmp_path / "x.actors"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        read_actors(bad)
    assert info.value.line == line
    assert info.value.path == str(bad)


def test_comments_and_odd_lines_tolerated(tmp_path: Path) -> None:
    f = tmp_path / "ok.actors"
    f.write_text(
        "<!-- header\n# inside\n-->\n\n"
        "KOFI_ANNAN_\t[IGOUNO 970101-061231] [ELI]# IGOrulers.txt\n"
        "JAMES_BYRNES_  ; CountryInfo.txt\n\t[USAELI 18970101-450703]\n\t[USAGOV 450703-470121]\n"
        "ZZ_GROUP_(ZZG)_ [GMYREB] # comment\n",
        encoding="utf-8",
    )
    entries = {e.actor.actor_id: e for e in read_actors(f)}
    assert entries["kofi_annan"].actor.type is ActorType.PERSON
    assert entries["kofi_annan"].actor.code == "IGOUNO"
    assert entries["james_byrnes"].actor.code == "USAGOV"
    assert entries["james_byrnes"].actor.country == "USA"
    grp = entries["zz_group"]
    assert grp.names == ("ZZ Group", "ZZG")
    assert grp.actor.country == "DEU"  # GMY -> DEU
    assert grp.actor.type is ActorType.ARMED_GROUP


def test_primary_phrases_without_codes_share_the_codes_that_follow(tmp_path: Path) -> None:
    # PETRARCH's reader gives a run of uncoded primary phrases the next codes (Phoenix
    # writes Boris Yeltsin this way): one actor, not eight uncoded ones and a last coded one
    f = tmp_path / "run.actors"
    f.write_text(
        "BORIS_YELTSIN_  # CountryInfo.txt\nBORIS_N._YELTSIN\nYELTSIN\n"
        "RUSSIAN_PRESIDENT_YELTSIN\n\t[RUSELI 490101-910710]\n\t[RUSGOV 910710-991231]\n"
        "ALEKSANDR_RUTSKOY_  # CountryInfo.txt\n\t[RUSGOV 930922-931004]\n",
        encoding="utf-8",
    )
    blocks = read_actor_blocks(f)
    assert [b.names[0] for b in blocks] == ["Boris Yeltsin", "Aleksandr Rutskoy"]
    assert blocks[0].names[1:] == ["Boris N. Yeltsin", "Yeltsin", "Russian President Yeltsin"]
    assert [s.code for s in blocks[0].spans] == ["RUSELI", "RUSGOV"]
    assert blocks[0].comment  # the first phrase's comment (CountryInfo: a person)


def test_helpers() -> None:
    assert slugify("Khalifa Haftar") == "khalifa_haftar"
    assert slugify("Côte d'Ivoire") == "cote_d_ivoire"
    assert display_name("AL-QAEDA_IN_THE_ARABIAN_PENINSULA_") == "Al-Qaeda in the Arabian Peninsula"
    assert display_name("NATO_") == "NATO"
    assert country_of_code("UKGGOV") == "GBR"
    assert country_of_code("IGOUNO") is None
    assert actor_type_of_code("SYRREB") is ActorType.ARMED_GROUP
    assert actor_type_of_code("RUSCOP") is ActorType.POLICE
    assert actor_type_of_code("USAOPP") is ActorType.OPPOSITION
    assert actor_type_of_code("NGOHRI") is ActorType.NGO
    assert actor_type_of_code("LBY") is ActorType.STATE


def test_validate_agents() -> None:
    agents = read_agents(VALIDATE_AGENTS)
    by_noun = {a.noun: a for a in agents}
    assert by_noun["government"] == AgentEntry("government", "GOV", "governments", False)
    assert by_noun["troops"] == AgentEntry("troops", "MIL", None, False)
    assert by_noun["police"].sector == "COP"
    assert by_noun["police"].plural is None
    assert by_noun["attorney general"].plural == "attorneys general"
    assert by_noun["human rights body"].prefix is True
    assert by_noun["human rights body"].sector == "NGO"
    assert by_noun["congresswoman"] == AgentEntry("congresswoman", "LEG", None, False)
    assert by_noun["ministries of silly walks"].sector == "GOV"
    assert by_noun["authority"].plural == "authorities"
    assert by_noun["guerrilla"].sector == "REB"


def test_phoenix_agents() -> None:
    agents = read_agents(PETRARCH_DIR / "Phoenix.agents.txt")
    by_noun = {a.noun: a for a in agents}
    assert by_noun["government"].sector == "GOV"
    assert by_noun["police"].sector == "COP"
    assert len(agents) > 3000
    # a phrase that is already plural is not pluralised again ("armed forcess")
    assert by_noun["armed forces"].plural == "armed forces"
    assert by_noun["barracks"].plural == "barracks"
    assert by_noun["warship"].plural == "warships"


def test_malformed_agent_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.agents"
    bad.write_text("GOVERNMENT [~GOV]\nTROOPS {} [~M I L]\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        read_agents(bad)
    assert info.value.line == 2


def test_dated_codes_become_periods_with_the_default_last() -> None:
    entries = {e.actor.actor_id: e for e in read_actors(VALIDATE_ACTORS)}
    sam = entries["sam_gamgee"]  # SAM_GAMGEE [HOB] with five dated restrictions
    assert [p.code for p in sam.periods] == [
        "HOBCIV",
        "ORCHOB",
        "HOBMIL",
        "HOBGOV",
        "HOBELI",
        "HOB",
    ]
    first = next(p for p in sam.periods if p.covers(dt.date(2010, 1, 10)))
    assert first.code == "ORCHOB"  # listed before the HOBMIL range that also covers it
    assert sam.periods[-1].start is None
    assert sam.periods[-1].end is None
    assert not entries["arnor"].periods  # undated blocks have none
