import datetime as dt
import json
from pathlib import Path

import pytest

from kg.documents import blank_boilerplate, read_documents
from kg.errors import InputError


def test_seed_furniture_is_blanked_and_offsets_kept(seeds_dir: Path) -> None:
    path = next(seeds_dir.glob("*.txt"))
    original = path.read_text(encoding="utf-8")
    (doc,) = read_documents(path)
    assert len(doc.text) == len(original)
    for junk in ("No Script", "Please Wait", "starAdd to favorites", "folder_open", "By Staff"):
        assert junk not in doc.text
    # the title is kept once, the repeated copy blanked
    assert doc.text.count("Haftar Leaves Moscow") == 1
    assert doc.title
    assert doc.title.startswith("Libya")
    i = doc.text.index("Russia and Turkey have been trying")
    assert original[i : i + 20] == doc.text[i : i + 20]


def test_folder_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Egypt backs Haftar.", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.jsonl").write_text(
        json.dumps({"id": "x1", "text": "Turkey aids Libya.", "date": "2020-01-14"})
        + "\n\n"
        + json.dumps({"text": "No id here."})
        + "\n",
        encoding="utf-8",
    )
    docs = list(read_documents(tmp_path))
    assert [d.doc_id for d in docs[:2]] == ["b.txt", "x1"]
    # a record without an id or url is named by its file and a hash of its text: stable
    assert docs[2].doc_id.startswith("sub/a.jsonl#")
    assert docs[2].doc_id == list(read_documents(tmp_path))[2].doc_id
    assert docs[1].date == dt.date(2020, 1, 14)
    assert docs[0].date is None


def test_malformed_jsonl_names_file_and_line(tmp_path: Path) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "1", "text": "ok"}\n{"id": 2, \n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2"):
        list(read_documents(p))


def test_missing_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_documents(tmp_path / "nope"))


def test_blank_keeps_length() -> None:
    text = "Share\nReal sentence here.\nShare\n"
    out, _ = blank_boilerplate(text)
    assert len(out) == len(text)
    assert out.split() == ["Real", "sentence", "here."]
