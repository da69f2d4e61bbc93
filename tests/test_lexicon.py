"""The relation lexicon: data files, loader, CAMEO mapping and the generated file."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from collections import Counter
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kg.datatypes import QuadClass
from kg.errors import LexiconError
from kg.lexicon import LightVerbRule, VerbRule, build_lexicon, load_lexicon

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CAMEO_DICT = SHARED / "dictionaries" / "petrarch2" / "CAMEO.2.0.txt"
ICEWS14 = SHARED / "data" / "icews14" / "ICEWS14_named_full.tsv"
BUILDER = ROOT / "tools" / "build_relation_lexicon.py"

SYMMETRIC = {
    "allies_with",
    "cooperates_with",
    "negotiates_with",
    "meets",
    "agrees_with",
    "fights",
    "opposes",
}


def _data(name: str) -> Any:
    return json.loads((resources.files("kg") / "data" / name).read_text(encoding="utf-8"))


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_relation_lexicon", BUILDER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _verb(lemma: str, prep: str | None = None, particle: str | None = None) -> VerbRule:
    rules = [
        r for r in load_lexicon().verbs.get(lemma, ()) if r.prep == prep and r.particle == particle
    ]
    assert len(rules) == 1, (lemma, particle, prep, load_lexicon().verbs.get(lemma))
    return rules[0]


def _noun_relations(lemma: str) -> set[str]:
    return {r.relation for r in load_lexicon().nouns.get(lemma, ())}


def test_loads_once_with_all_relations() -> None:
    lexicon = load_lexicon()
    assert load_lexicon() is lexicon
    assert len(lexicon.relations) == 26
    assert lexicon.relations["attacks"].quad is QuadClass.MATERIAL_CONFLICT
    assert lexicon.relations["backs"].polarity == 1


def test_every_relation_has_at_least_three_triggers() -> None:
    lexicon = load_lexicon()
    counts: Counter[str] = Counter()
    for verb_rules in lexicon.verbs.values():
        counts.update(r.relation for r in verb_rules)
    for noun_rules in lexicon.nouns.values():
        counts.update(r.relation for r in noun_rules)
    thin = {name: counts[name] for name in lexicon.relations if counts[name] < 3}
    assert not thin


@pytest.mark.parametrize(
    ("lemma", "prep", "particle", "relation"),
    [
        ("attack", None, None, "attacks"),
        ("back", None, None, "backs"),
        ("support", None, None, "backs"),
        ("sponsor", None, None, "backs"),
        ("broker", None, None, "mediates"),
        ("mediate", "between", None, "mediates"),
        ("negotiate", "with", None, "negotiates_with"),
        ("meet", None, None, "meets"),
        ("meet", "with", None, "meets"),
        ("visit", None, None, "meets"),
        ("sign", None, None, "agrees_with"),
        ("withdraw", "from", None, "withdraws_from"),
        ("pull", "of", "out", "withdraws_from"),
        ("crack", "on", "down", "coerces"),
        ("side", "with", None, "backs"),
        ("appeal", "to", None, "requests"),
        ("clash", "with", None, "fights"),
        ("fight", None, None, "fights"),
        ("arrest", None, None, "arrests"),
        ("condemn", None, None, "condemns"),
        ("accuse", None, None, "accuses"),
        ("threaten", None, None, "threatens"),
        ("sanction", None, None, "sanctions"),
        ("deploy", "to", None, "deploys_to"),
        ("protest", "against", None, "protests_against"),
        ("investigate", None, None, "investigates"),
        ("demand", None, None, "demands"),
        ("reject", None, None, "rejects"),
        ("praise", None, None, "praises"),
        ("release", None, None, "concedes_to"),
        ("ally", "with", None, "allies_with"),
        ("cooperate", "with", None, "cooperates_with"),
        ("oppose", None, None, "opposes"),
        ("aid", None, None, "aids"),
    ],
)
def test_verb_triggers(lemma: str, prep: str | None, particle: str | None, relation: str) -> None:
    assert _verb(lemma, prep, particle).relation == relation


def test_curated_entries_win_over_cameo() -> None:
    # CAMEO.2.0.txt lists FIGHT and CLASH under [190] (conventional force): kg reads them as
    # mutual combat, and its own entries replace the dictionary's.
    assert _verb("fight").origin == "curated"
    assert _verb("clash").relation == "fights"
    assert _verb("withdraw", "from").origin == "curated"


def test_bomb_is_an_attack_coded_as_in_the_cameo_dictionary() -> None:
    rule = _verb("bomb")
    assert rule.relation == "attacks"
    assert rule.cameo[:2] in {"18", "19", "20"}
    if rule.origin == "cameo" and CAMEO_DICT.exists():
        codes = {v.code for v in _builder().parse_cameo(CAMEO_DICT) if v.lemma == "bomb"}
        assert rule.cameo in codes


def test_cameo_derived_verbs_widen_the_curated_core() -> None:
    lexicon = load_lexicon()
    origins = Counter(r.origin for rules in lexicon.verbs.values() for r in rules)
    assert origins["curated"] >= 250
    assert origins["cameo"] >= 100
    assert _verb("ambush").relation == "attacks"
    assert _verb("torture").cameo == "1822"
    assert _verb("kidnap").cameo == "181"


def test_stop_verbs_trigger_nothing_alone() -> None:
    curated = json.loads((ROOT / "tools" / "curated_relation_lexicon.json").read_text("utf-8"))
    stop = set(curated["stop_verbs"])
    vague = {"say", "make", "take", "give", "hold", "have", "go", "come", "get", "put", "set"}
    assert vague <= stop
    lexicon = load_lexicon()
    for lemma in stop:
        for rule in lexicon.verbs.get(lemma, ()):
            # only curated phrasal or prepositional uses: "call on X", "work with X", "turn down"
            assert rule.origin == "curated", rule
            assert (rule.prep, rule.particle) != (None, None), rule


def test_nouns() -> None:
    assert _noun_relations("offensive") == {"attacks"}
    assert _noun_relations("talk") == {"negotiates_with"}
    assert _noun_relations("sanction") == {"sanctions"}
    assert _noun_relations("mediation") == {"mediates"}
    assert _noun_relations("ceasefire") == {"agrees_with"}
    assert _noun_relations("war") == {"attacks", "fights"}
    (offensive,) = load_lexicon().nouns["offensive"]
    assert set(offensive.preps) == {"on", "against"}


def test_light_verbs() -> None:
    light = load_lexicon().light_verbs
    assert light[("seek", "help")] == (
        LightVerbRule("seek", "help", "requests", "from", "023", inverse=False),
    )
    (received,) = light[("receive", "support")]
    assert received.relation == "backs"
    assert received.inverse
    assert light[("impose", "sanction")][0].relation == "sanctions"
    assert light[("lift", "sanction")][0].relation == "concedes_to"
    assert light[("strike", "deal")][0].relation == "agrees_with"
    assert light[("hold", "talk")][0].relation == "negotiates_with"
    assert {r.prep for r in light[("send", "troop")]} == {"to", "into"}
    assert all(r.relation == "deploys_to" for r in light[("send", "troop")])


def test_entries_are_well_formed() -> None:
    lexicon = load_lexicon()
    for lemma, verb_rules in lexicon.verbs.items():
        assert lemma.isalpha()
        assert lemma.islower()
        keys = [(r.particle, r.prep) for r in verb_rules]
        assert len(keys) == len(set(keys))
        for rule in verb_rules:
            assert rule.origin in {"curated", "cameo"}
            assert rule.cameo.isdigit()
            assert 2 <= len(rule.cameo) <= 4
    for noun_rules in lexicon.nouns.values():
        assert all(rule.preps for rule in noun_rules)


@pytest.mark.parametrize(
    ("code", "relation"),
    [
        ("010", None),
        ("01", None),
        ("019", "agrees_with"),
        ("020", "requests"),
        ("0231", "requests"),
        ("036", "meets"),
        ("042", "meets"),
        ("043", "meets"),
        ("045", "mediates"),
        ("046", "negotiates_with"),
        ("051", "praises"),
        ("052", "backs"),
        ("057", "agrees_with"),
        ("061", "cooperates_with"),
        ("073", "aids"),
        ("0841", "concedes_to"),
        ("0871", "agrees_with"),
        ("0874", "withdraws_from"),
        ("091", "investigates"),
        ("1041", "demands"),
        ("111", "condemns"),
        ("1121", "accuses"),
        ("125", "rejects"),
        ("138", "threatens"),
        ("141", "protests_against"),
        ("154", "deploys_to"),
        ("163", "sanctions"),
        ("173", "arrests"),
        ("174", "coerces"),
        ("1831", "attacks"),
        ("190", "attacks"),
        ("193", "fights"),
        ("195", "attacks"),
        ("202", "attacks"),
        ("99", None),
    ],
)
def test_relation_for_cameo(code: str, relation: str | None) -> None:
    found = load_lexicon().relation_for_cameo(code)
    assert (found.name if found else None) == relation


def test_every_cameo_root_is_covered() -> None:
    cameo_map = load_lexicon().cameo_map
    assert all(f"{root:02d}" in cameo_map for root in range(1, 21))


def test_symmetric_relations() -> None:
    relations = load_lexicon().relations
    assert {name for name, rel in relations.items() if rel.symmetric} == SYMMETRIC


def test_cameo_names() -> None:
    lexicon = load_lexicon()
    assert lexicon.cameo_code_for_name("Make_statement") == "010"
    assert lexicon.cameo_code_for_name("use conventional military force") == "190"
    assert lexicon.cameo_code_for_name("Fight_with_small_arms_and_light_weapons") == "193"
    assert lexicon.cameo_code_for_name("Not_a_CAMEO_event") is None


def test_every_icews14_relation_name_has_a_code() -> None:
    with ICEWS14.open(encoding="utf-8") as handle:
        next(handle)
        names = {line.split("\t")[1] for line in handle if line.strip()}
    assert len(names) == 230
    lexicon = load_lexicon()
    missing = sorted(n for n in names if lexicon.cameo_code_for_name(n) is None)
    assert not missing
    for name in names:
        code = lexicon.cameo_code_for_name(name)
        assert code is not None
        assert code[:2] in lexicon.cameo_map


def _documents() -> tuple[Any, Any, Any]:
    return (
        _data("relation_lexicon.json"),
        _data("cameo_relations.json"),
        _data("relations.json"),
    )


def test_unknown_relation_is_a_lexicon_error() -> None:
    lexicon, cameo, relations = _documents()
    broken = copy.deepcopy(lexicon)
    broken["verbs"][3]["relation"] = "befriends"
    with pytest.raises(LexiconError, match="befriends") as info:
        build_lexicon(broken, cameo, relations)
    assert info.value.line == 3
    assert "relation_lexicon.json" in info.value.path


def test_malformed_entries_are_lexicon_errors() -> None:
    lexicon, cameo, relations = _documents()
    broken = copy.deepcopy(lexicon)
    broken["nouns"][0]["preps"] = []
    with pytest.raises(LexiconError, match="preps"):
        build_lexicon(broken, cameo, relations)
    broken = copy.deepcopy(lexicon)
    broken["light_verbs"][0]["cameo"] = "x1"
    with pytest.raises(LexiconError, match="CAMEO code"):
        build_lexicon(broken, cameo, relations)
    bad_cameo = copy.deepcopy(cameo)
    bad_cameo["codes"]["18"] = "smites"
    with pytest.raises(LexiconError, match="smites"):
        build_lexicon(lexicon, bad_cameo, relations)


def test_generated_lexicon_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(BUILDER), "--check", "--cameo", str(CAMEO_DICT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_lexicon_credits_the_cameo_dictionary() -> None:
    about = _data("relation_lexicon.json")["_about"]
    assert "Open Event Data Alliance" in about
    assert "MIT" in about
    assert "676801c" in about


def test_cameo_roots_give_quad_class_and_plover_type() -> None:
    lexicon = load_lexicon()
    expected = {
        **{f"{r:02d}": QuadClass.VERBAL_COOPERATION for r in range(1, 6)},
        **{f"{r:02d}": QuadClass.MATERIAL_COOPERATION for r in range(6, 9)},
        **{f"{r:02d}": QuadClass.VERBAL_CONFLICT for r in range(9, 14)},
        **{f"{r:02d}": QuadClass.MATERIAL_CONFLICT for r in range(14, 21)},
    }
    for root, quad in expected.items():
        found = lexicon.cameo_class(root + "1")
        assert found is not None, root
        assert found[0] is quad, root
    assert lexicon.cameo_class("142") == (QuadClass.MATERIAL_CONFLICT, "PROTEST")
    assert lexicon.cameo_class("99") is None


def test_compound_noun_entries() -> None:
    lexicon = load_lexicon()
    assert {r.relation for r in lexicon.nouns["hunger strike"]} == {"protests_against"}
    assert {r.relation for r in lexicon.nouns["strike"]} == {"attacks"}
    assert ("block", "road") in lexicon.light_verbs


def test_malformed_compound_noun_names_the_entry() -> None:
    lexicon = _data("relation_lexicon.json")
    broken = copy.deepcopy(lexicon)
    broken["nouns"].append(
        {
            "lemma": "a very long strike",
            "relation": "protests_against",
            "cameo": "143",
            "preps": ["against"],
            "origin": "curated",
        }
    )
    with pytest.raises(LexiconError, match="nouns"):
        build_lexicon(broken, _data("cameo_relations.json"), _data("relations.json"))


def test_a_pattern_for_its_own_verb_only_is_not_tried_for_its_synonyms() -> None:
    lexicon = load_lexicon()
    # CAMEO's "RESERVE * RIGHT [130]" sits in the block of UPHOLD, KEEP, MAINTAIN ...
    reserve = [r.pattern.cameo for r in lexicon.patterns.get("reserve", ())]
    uphold = [r.pattern.cameo for r in lexicon.patterns.get("uphold", ())]
    assert "130" in reserve
    assert "130" not in uphold
