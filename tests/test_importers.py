"""Importing coded event data (ICEWS, Phoenix/PETRARCH, PLOVER) as kg events."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.datatypes import Event
from kg.errors import InputError, KgError
from kg.graph import build_graph
from kg.importers import PLOVER_RELATIONS, ImportReport, import_events
from kg.lexicon import load_lexicon
from kg.rdf import to_rdf, validate

ICEWS14 = Path(__file__).resolve().parents[2] / "shared" / "data" / "icews14"
ICEWS14_FILE = ICEWS14 / "ICEWS14_named_full.tsv"

ICEWS_LINES = [
    "subject\trelation\tobject\tdate\tsplit",
    "Police_(Australia)\tArrest,_detain,_or_charge_with_legal_action\tWomen_(Australia)"
    "\t2014-01-01\ttrain",
    "Caitlin_Hayden\tMake_an_appeal_or_request\tSouth_Sudan\t2014-01-01\ttrain",
    "Barack_Obama\tMake_statement\tChina\t2014-01-02\ttrain",
    "Citizen_(India)\tProtest_violently,_riot\tGovernment_(India)\t2014-01-02\tvalid",
    "Military_Personnel_-_Special_(Iraq)\tUse_conventional_military_force\tMilitia_(Iraq)"
    "\t2014-01-03\ttest",
    "Iran\tEngage_in_negotiation\tUnited_States\t2014-01-04\ttrain",
    "Iran\tDance_the_tango\tFrance\t2014-01-04\ttrain",
    "just one field",
    "Iraq\t190\tIslamic_State_in_Iraq_and_the_Levant\t20140105\ttrain",
]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _triples(events: list[Event]) -> list[tuple[str, str, str]]:
    return [(e.source.actor.actor_id, e.relation.name, e.target.actor.actor_id) for e in events]


def _spans_are_true(events: list[Event]) -> None:
    for e in events:
        p = e.provenance
        assert p.sentence[e.source.start : e.source.end] == e.source.text
        assert p.sentence[e.target.start : e.target.end] == e.target.text
        assert p.sentence[p.trigger_start : p.trigger_end] == p.trigger


# --------------------------------------------------------------------------- ICEWS


def test_icews_quads(tmp_path: Path) -> None:
    path = _write(tmp_path / "quads.tsv", ICEWS_LINES)
    report = ImportReport()
    events = list(import_events(path, "icews", report=report))
    assert _triples(events) == [
        ("australia_cop", "arrests", "australia_cvl"),
        ("ner:caitlin_hayden", "requests", "south_sudan"),
        ("india_cvl", "protests_against", "india_government"),
        ("iraq_mil", "attacks", "iraq_reb"),
        ("iran", "negotiates_with", "united_states"),
        ("iraq", "attacks", "ner:islamic_state_in_iraq_and_the_levant"),
    ]
    assert report.rows == 9
    assert report.events == 6
    assert report.unmapped == {"010 Make_statement": 1}  # counted, not silently dropped
    assert report.unknown == {"Dance_the_tango": 1}
    assert len(report.errors) == 1
    assert "quads.tsv:9" in report.errors[0]
    first = events[0]
    assert first.provenance.doc_id == "quads.tsv:2"
    assert first.provenance.rule == "import:icews"
    assert first.cameo_code == "173"
    assert str(first.date) == "2014-01-01"
    assert events[-1].date is not None
    assert first.source.actor.label == "Australia (police)"
    hayden = events[1].source.actor
    assert hayden.resolved is False
    assert hayden.label == "Caitlin Hayden"
    _spans_are_true(events)


def test_icews_events_export_to_valid_rdf(tmp_path: Path) -> None:
    path = _write(tmp_path / "quads.tsv", ICEWS_LINES)
    events = list(import_events(path, "icews"))
    report = validate(to_rdf(events, model_name="kg-import-icews"))
    assert report.conforms, str(report)


def test_icews14_imports_whole(tmp_path: Path) -> None:
    """All 90,730 ICEWS14 records are read; every one is an event or counted as not kg."""
    report = ImportReport()
    events = list(import_events(ICEWS14_FILE, "icews", report=report))
    assert report.rows == 90_730
    assert not report.errors
    assert not report.unknown  # every ICEWS14 event name has a CAMEO code
    assert report.events == len(events)
    assert report.events + sum(report.unmapped.values()) == report.rows
    assert report.unmapped["010 Make_statement"] == 15_578
    assert all(e.date is not None and e.date.year == 2014 for e in events)
    graph = build_graph(events[:5000])
    assert "china" in graph
    assert "united_states_government" in graph
    assert report.actors["gazetteer"] + report.actors["sector"] > report.actors["created"]


# --------------------------------------------------------------------------- Phoenix


def _phoenix_row(i: int, date: str, source: str, target: str, code: str) -> str:
    cells = [str(i), date, date[:4], date[4:6], date[6:], source, source[:3], source[3:6], ""]
    cells += [target, target[:3], target[3:6], "", code, code[:2], "1", "3.4", "", "", ""]
    cells += ["", "", "", f"{i}_1", "http://example.org/a", "example"]
    return "\t".join(cells)


def test_phoenix_and_petrarch_lines(tmp_path: Path) -> None:
    lines = [
        _phoenix_row(1, "20150101", "USAGOV", "RUSGOV", "111"),
        _phoenix_row(2, "20150102", "IGOUNO", "SYR", "0874"),
        _phoenix_row(3, "20150103", "NGOHRI", "IGOWSTNAT", "112"),
        _phoenix_row(4, "20150104", "USA", "CHN", "010"),
        "20150105\tISRMIL\tPSEREB\t190\t\t1234;1235\tAFP",  # PETRARCH2 raw output
        "nonsense line",
    ]
    path = _write(tmp_path / "events.20150105.txt", lines)
    report = ImportReport()
    events = list(import_events(path, "phoenix", report=report))
    assert _triples(events) == [
        ("united_states_government", "condemns", "russia_government"),
        ("united_nations", "withdraws_from", "syria"),
        ("code:ngohri", "accuses", "nato"),
        ("israel_defense_forces", "attacks", "palestine_reb"),
    ]
    assert [e.cameo_code for e in events] == ["111", "0874", "112", "190"]
    assert events[2].source.actor.resolved is False
    assert report.unmapped == {"010": 1}
    assert len(report.errors) == 1
    assert [str(e.date) for e in events][-1] == "2015-01-05"
    assert events[3].provenance.doc_id == "events.20150105.txt:5"
    _spans_are_true(events)


def test_phoenix_with_header(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "phoenix.tsv",
        ["eventid\tstory_date\tsource\ttarget\tcode", "a1\t20000101\tEGYGOV\tLBY\t042"],
    )
    events = list(import_events(path, "phoenix"))
    assert _triples(events) == [("egypt_government", "meets", "libya")]


# --------------------------------------------------------------------------- PLOVER


PLOVER_RECORDS = [
    {
        "id": "p1",
        "date": "2016-07-24",
        "source": [{"code": "USA"}, {"code": "FRA"}],
        "recipient": [{"code": "SYR", "sector": "GOV", "actor_text": "Syrian government"}],
        "event": ["SANCTION"],
        "text": "The United States and France imposed sanctions on the Syrian government.",
    },
    {
        "id": "p2",
        "date": "2016-07-25",
        "source": [{"actor_text": "Haftar"}, {"actor_text": "Sarraj", "code": "LBY"}],
        "event": "CONSULT",
        "text": "Haftar and Sarraj met in Moscow.",
    },
    {
        "id": "p3",
        "date": "2016-07-26",
        "source": [{"identifier_id": "Q159", "actor_text": "Moscow"}],
        "recipient": ["Khalifa Haftar", "Fayez al-Sarraj"],
        "event": "CONSULT",
        "mode": "mediate",
    },
    {"id": "p4", "date": "2016-07-27", "source": ["Unknown Gang"], "event": "CRIME"},
    {"id": "p5", "date": "2016-07-27", "source": ["EGY"], "event": "PROTEST"},
    {"id": "p6", "event_type": "ASSAULT", "attributes": {"actor": ["ISIL"], "recipient": ["IRQ"]}},
]


def test_plover_jsonl(tmp_path: Path) -> None:
    lines = [json.dumps(r) for r in PLOVER_RECORDS] + ["{not json"]
    path = _write(tmp_path / "plover.jsonl", lines)
    report = ImportReport()
    events = list(import_events(path, "plover", report=report))
    assert _triples(events) == [
        ("united_states", "sanctions", "syria_government"),
        ("france", "sanctions", "syria_government"),
        ("khalifa_haftar", "meets", "libya"),
        ("russia", "mediates", "khalifa_haftar"),
        ("russia", "mediates", "fayez_al_sarraj"),
        ("islamic_state", "attacks", "iraq"),
    ]
    assert report.unmapped == {"CRIME": 1}
    assert report.no_target == 1
    assert len(report.errors) == 1
    assert events[0].provenance.sentence.startswith("The United States and France")
    assert events[0].provenance.doc_id == "plover.jsonl:1"
    assert events[0].source.text == "USA"
    assert events[0].target.text == "Syrian government"
    assert events[-1].date is None


def test_plover_json_array(tmp_path: Path) -> None:
    path = tmp_path / "plover.json"
    path.write_text(json.dumps(PLOVER_RECORDS[:1]), encoding="utf-8")
    events = list(import_events(path, "plover"))
    assert len(events) == 2
    assert events[0].provenance.doc_id == "plover.json:1"


def test_plover_types_name_kg_relations() -> None:
    relations = load_lexicon().relations
    assert all(name is None or name in relations for name in PLOVER_RELATIONS.values())
    assert {r.plover for r in relations.values()} <= set(PLOVER_RELATIONS)


# --------------------------------------------------------------------------- errors, CLI


def test_bad_format_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="unknown import format"):
        list(import_events(tmp_path, "gdelt"))
    with pytest.raises(InputError, match="file not found"):
        list(import_events(tmp_path / "missing.tsv", "icews"))


def test_cli_import_writes_the_build_outputs(tmp_path: Path) -> None:
    path = _write(tmp_path / "quads.tsv", [ICEWS_LINES[0], *ICEWS_LINES[1:8]])
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["import", str(path), "--format", "icews", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "010 Make_statement 1" in res.output
    for name in ("triples.jsonl", "graph.ttl", "graph.graphml", "alliances.png"):
        assert (out / name).stat().st_size > 0
    rows = [json.loads(line) for line in (out / "triples.jsonl").read_text().splitlines()]
    assert rows[0]["rule"] == "import:icews"
    assert rows[0]["doc"] == "quads.tsv:2"


def test_cli_import_reports_bad_lines(tmp_path: Path) -> None:
    path = _write(tmp_path / "quads.tsv", ICEWS_LINES)
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["import", str(path), "-f", "icews", "-o", str(out)])
    assert res.exit_code == 1
    assert "quads.tsv:9" in res.output
    bad = CliRunner().invoke(app, ["import", str(path), "-f", "gdelt", "-o", str(out)])
    assert bad.exit_code == 2


def test_import_is_lazy_and_streams(tmp_path: Path) -> None:
    """Events come one at a time: a huge file need not be read whole before the first."""
    path = _write(tmp_path / "quads.tsv", ICEWS_LINES)
    first = list(itertools.islice(import_events(path, "icews"), 1))
    assert _triples(first) == [("australia_cop", "arrests", "australia_cvl")]
