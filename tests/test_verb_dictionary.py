"""PETRARCH verb dictionaries: reading them, laying them over the lexicon, coding with them."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from kg.api import Extractor
from kg.lexicon import load_lexicon, unusable_codes
from kg.verb_dictionary import is_cameo_code, parse_code, read_verb_dictionary, reverse_code

from .conftest import SHARED, triples_of

DATE = dt.date(2024, 3, 4)

SMALL = """\
<!-- a small dictionary in the format of CAMEO.2.0.txt -->
&TIETYPES
+MILITARY
+ECONOMIC

--- RESTORE  [064] ---
RESTORE    # the primary verb
REESTABLISH {REESTABLISHED REESTABLISHING}
- * TIES  [064]
- * &TIETYPES TIES  [061]
- NOT * RELATIONS  [112]
- * &WEATHER  [075]

--- CONDEMN  [111] ---
CONDEMN
- * {WEATHER REPORT}  [---]

--- PONDER  [---] ---
PONDER
- * (WITH +) TALKS  [040]

--- ODD  [345] ---
+MULL_OVER
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.verbs"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_blocks_verbs_and_patterns_are_read(small: Path) -> None:
    dictionary = read_verb_dictionary(small)
    names = [b.name for b in dictionary.blocks]
    assert names == ["RESTORE", "CONDEMN", "PONDER", "ODD"]
    restore = dictionary.blocks[0]
    assert [(v.lemma, v.code) for v in restore.verbs] == [
        ("restore", "064"),
        ("reestablish", "064"),
    ]
    ties, typed, negated = restore.patterns
    assert ties.after == (((("ties",),),),)
    assert ties.cameo == "064"
    assert typed.after[0][0] == (("military",), ("economic",))  # the synonym set, one slot
    assert negated.before == (((("not",),),),)
    assert negated.cameo == "112"
    assert dictionary.blocks[1].patterns[0].after == (((("weather",),), (("report",),)),)
    assert dictionary.blocks[1].patterns[0].cameo is None  # [---]: no event
    ponder = dictionary.blocks[2].patterns[0]
    assert ponder.prep == "with"
    assert dictionary.blocks[2].verbs[0].code is None
    odd = dictionary.blocks[3].verbs[0]
    assert (odd.lemma, odd.particle, odd.code) == ("mull", "over", "345")


def test_a_pattern_naming_an_unknown_set_is_listed_with_its_line(small: Path) -> None:
    dictionary = read_verb_dictionary(small)
    assert [(line, "WEATHER" in why) for line, why in dictionary.skipped] == [(12, True)]


def test_codes_kg_cannot_read_as_cameo_are_listed(small: Path) -> None:
    assert is_cameo_code("0874")
    assert not is_cameo_code("345")
    assert not is_cameo_code("+++")
    assert unusable_codes(read_verb_dictionary(small)) == [(23, "345")]


def test_the_user_dictionary_decides_for_the_verbs_it_lists(small: Path) -> None:
    base = load_lexicon()
    lexicon = base.with_verb_dictionary(read_verb_dictionary(small))
    restore = lexicon.verbs["restore"]
    assert restore[0].origin == "user"
    assert restore[0].cameo == "064"
    assert "ponder" not in lexicon.verbs  # [---]: the verb alone codes nothing
    assert lexicon.patterns["restore"][0].origin == "user"  # tried before the package's
    assert {"restore", "reestablish", "condemn", "ponder", "mull"} <= lexicon.user_verbs
    assert base.verbs["condemn"] == load_lexicon().verbs["condemn"]  # the base is untouched


def test_a_missing_dictionary_is_an_error_naming_the_file(tmp_path: Path) -> None:
    from kg.errors import LexiconError

    with pytest.raises(LexiconError, match=r"nope\.verbs"):
        read_verb_dictionary(tmp_path / "nope.verbs")


@pytest.fixture
def with_small(extractor: Extractor, small: Path) -> Extractor:
    """The session's extractor (its pipeline and actors) with the small dictionary laid over."""
    user = copy.copy(extractor)
    user.lexicon = extractor.lexicon.with_verb_dictionary(read_verb_dictionary(small))
    return user


def coded(ex: Extractor, text: str) -> list[tuple[str, str, str, str]]:
    return [
        (e.source.actor.actor_id, e.relation.name, e.cameo_code, e.target.actor.actor_id)
        for e in triples_of(ex, text, DATE)
        if not e.negated
    ]


def test_a_user_pattern_codes_the_verb_and_its_noun(
    extractor: Extractor, with_small: Extractor
) -> None:
    text = "Ethiopia restored diplomatic ties with Libya on Monday."
    assert ("ethiopia", "cooperates_with", "050", "libya") in coded(extractor, text)
    assert ("ethiopia", "cooperates_with", "064", "libya") in coded(with_small, text)
    typed = "Ethiopia restored economic ties with Libya on Monday."
    assert ("ethiopia", "cooperates_with", "061", "libya") in coded(with_small, typed)


def test_a_no_event_pattern_removes_the_verbs_triple(with_small: Extractor) -> None:
    assert coded(with_small, "Egypt condemned the weather report from Libya.") == []
    assert coded(with_small, "Egypt condemned Libya on Monday.")[0][1] == "condemns"


def test_cameo_patterns_code_verbs_kg_has_no_rule_for(extractor: Extractor) -> None:
    # "launch fire against X": the CAMEO dictionary's pattern of "launch" (194, artillery)
    got = coded(
        extractor,
        "Vietnamese-led forces launched artillery, mortar, and rocket fire against Kampuchean "
        "guerrilla camps near the eastern Thai border today.",
    )
    assert any(r == "attacks" and c.startswith("19") for _, r, c, _ in got)


def test_target_only_codes_are_the_other_sides_act(extractor: Extractor) -> None:
    # CAMEO.2.0's "RECEIVE - * TANKS [:072]": the sender acts, even for a verb kg has its
    # own rule for ("received" is a hosting, 043)
    assert parse_code(":072") is None
    assert reverse_code(":072") == "072"
    got = coded(extractor, "Ukraine received tanks from Germany.")
    assert got == [("germany", "aids", "072", "ukraine")]
    got = coded(extractor, "The opposition leader appeared before the court in Ankara.")
    assert [(r, c) for _, r, c, _ in got] == [("arrests", "173")]
    # kg's own rule still decides where no such pattern applies
    got = coded(extractor, "Putin received Erdogan in the Kremlin.")
    assert [(r, c) for _, r, c, _ in got] == [("meets", "043")]


def test_a_description_before_the_names_it_describes(extractor: Extractor) -> None:
    got = coded(extractor, "Old foes India and Pakistan have restored diplomatic ties.")
    assert {(s, t) for s, r, _, t in got if r == "cooperates_with"} == {("india", "pakistan")}


@pytest.mark.skipif(not (SHARED / "dictionaries").is_dir(), reason="needs ../shared")
def test_the_shipped_petrarch_dictionaries_read() -> None:
    folder = SHARED / "dictionaries" / "petrarch2"
    cameo = read_verb_dictionary(folder / "CAMEO.2.0.txt")
    assert len(cameo.blocks) > 300
    assert sum(len(b.patterns) for b in cameo.blocks) > 4000
    assert len(cameo.skipped) == 2  # two patterns name sets the file never defines
    validate = read_verb_dictionary(folder / "PETR.Validate.verbs.txt")
    assert any(b.name == "RESTORE" for b in validate.blocks)


def test_cameo_patterns_end_on_a_head_not_a_modifier(extractor: Extractor) -> None:
    # CAMEO's "- * RESEARCH [090]" of "set up" must not fire on "a research center"
    got = coded(extractor, "Japan has set up an energy research center in Korea.")
    assert not any(r == "investigates" for _, r, _, _ in got)


def test_a_pattern_written_for_the_verb_comes_first(extractor: Extractor) -> None:
    # CAMEO's OPEN/REOPEN block: "- * BORDER [080] # OPEN" before REOPEN's [050]; the
    # target is the object of "to" when the pattern names none
    got = coded(extractor, "Turkey opened its border to Syrian refugees.")
    assert [(s, r, c) for s, r, c, _ in got] == [("turkey", "concedes_to", "080")]
    lexicon = load_lexicon()
    assert (
        next(
            r.pattern.cameo
            for r in lexicon.patterns["open"]
            if r.pattern.after == ((((("border",),),),))
        )
        == "080"
    )


def test_excluded_verbs_ship_no_cameo_patterns() -> None:
    # tools/curated_relation_lexicon.json "pattern_exclude"
    patterns = load_lexicon().patterns
    assert "cite" not in patterns
    assert "control" not in patterns
    assert "open" in patterns


AS_WRITTEN = """\
--- DEPART [032] ---
DEPART

--- CONTRIBUTE [071] ---
CONTRIBUTE

--- BREAK [---] ---
BREAK
- * TREATY  [161]

--- LEAVE [161] ---
LEAVE

--- LEFT [032:033] ---
LEFT

--- SAID [023] ---
SAID
"""


@pytest.fixture
def as_written(extractor: Extractor, tmp_path: Path) -> Extractor:
    path = tmp_path / "as_written.verbs"
    path.write_text(AS_WRITTEN, encoding="utf-8")
    user = copy.copy(extractor)
    user.lexicon = extractor.lexicon.with_verb_dictionary(read_verb_dictionary(path))
    return user


def test_a_user_code_is_used_as_written_with_the_modality_kept(
    extractor: Extractor, as_written: Extractor
) -> None:
    text = "Japan will contribute ten million dollars to Sudan."
    (own,) = [e for e in triples_of(extractor, text, DATE) if e.target.actor.actor_id == "sudan"]
    assert own.cameo_code == "033"  # kg: an announced aid is an intent to give aid
    (user,) = [e for e in triples_of(as_written, text, DATE) if e.target.actor.actor_id == "sudan"]
    assert (user.cameo_code, user.modality.value) == ("071", "planned")


def test_a_user_pattern_with_its_verb_is_not_a_denial(as_written: Extractor) -> None:
    events = triples_of(as_written, "Ethiopia broke a treaty with Eritrea in May.", DATE)
    assert [(e.cameo_code, e.negated) for e in events if e.target.actor.actor_id == "eritrea"] == [
        ("161", False)
    ]


def test_a_user_verb_with_no_object_takes_the_actor_of_its_preposition(
    as_written: Extractor,
) -> None:
    got = coded(as_written, "Ethiopia departed from Libya on Monday.")
    assert [(s, c, t) for s, _, c, t in got] == [("ethiopia", "032", "libya")]
    # a phrase of time or place names no party
    assert coded(as_written, "Ethiopian envoys departed in May.") == []


def test_a_form_coded_apart_and_a_code_for_each_side(as_written: Extractor) -> None:
    # "LEFT [032:033]": the form "left" is not "leave", and the target's part is coded too
    got = coded(as_written, "The Turkish president left for Moscow on Monday.")
    assert sorted((s, c, t) for s, _, c, t in got) == [
        ("russia", "033", "turkey_government"),
        ("turkey_government", "032", "russia"),
    ]
    got = coded(as_written, "The Turkish president will leave Moscow on Monday.")
    assert [(s, c, t) for s, _, c, t in got] == [("turkey_government", "161", "russia")]


def test_a_dictionary_verb_codes_only_a_target_after_it(as_written: Extractor) -> None:
    text = "Egypt will host the talks, a senior Libyan official said on Saturday."
    assert [c for _, _, c, _ in coded(as_written, text)] == []
    got = coded(as_written, "A senior Libyan official said Egypt hosted the talks.")
    assert [(s, c, t) for s, _, c, t in got] == [("libya_government", "023", "egypt")]
