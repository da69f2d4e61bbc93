"""kg eval agrees with the reference scorer (shared/eval/score.py) on the same predictions."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from conftest import SHARED

from kg.api import Extractor, extract
from kg.datatypes import Document
from kg.documents import parse_date
from kg.evaluate import score_predictions
from kg.interchange import event_to_record


def _reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("name", ["petrarch2.jsonl", "plover_gsr.jsonl"])
def test_scores_agree_with_reference_scorer(
    extractor: Extractor, name: str, tmp_path: Path
) -> None:
    path = SHARED / "eval" / name
    # every 4th record: the petrarch2 file opens with dozens of variants of one sentence
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()][::4]
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    docs = [Document(str(g["id"]), g["text"], date=parse_date(g.get("date"))) for g in gold]
    records = [event_to_record(e) for e in extract(docs, extractor=extractor)]
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ours = score_predictions(gold, records).scores
    ref = _reference().score(str(gold_path), str(pred_path))
    for key in (
        "gold_events",
        "recall",
        "precision",
        "f1",
        "pred_triples_scored",
        "negative_docs",
        "negative_docs_with_triples",
        "recall_by_quad",
    ):
        assert ours[key] == ref[key], key
    assert ours["recall"] > 0.1  # extraction finds a real share of the coded events


def test_errors_are_listed_for_study(extractor: Extractor) -> None:
    gold = [
        {
            "id": "g1",
            "text": "Egypt condemned Israel.",
            "dataset": "petrarch2_unittest",
            "events": [
                {
                    "source": "EGY",
                    "target": "ISR",
                    "code": "111",
                    "source_code": "EGY",
                    "target_code": "ISR",
                }
            ],
        },
        {
            "id": "g2",
            "text": "Jordan praised Syria.",
            "dataset": "petrarch2_unittest",
            "events": [
                {
                    "source": "JOR",
                    "target": "SYR",
                    "code": "190",
                    "source_code": "JOR",
                    "target_code": "SYR",
                }
            ],
        },
    ]
    docs = [Document(g["id"], g["text"]) for g in gold]
    records = [event_to_record(e) for e in extract(docs, extractor=extractor)]
    report = score_predictions(gold, records)
    assert report.scores["recall"] == 0.5
    assert [m[0] for m in report.misses] == ["g2"]
    assert [f[0] for f in report.false_positives] == ["g2"]
    text = report.render()
    assert "Jordan praised Syria." in text
    # the miss is grouped by why it was missed: the actors match, the class does not
    assert report.miss_kinds == {"wrong class": 1}
    assert "misses by kind: wrong class 1" in text


def test_miss_kinds() -> None:
    def triple(src: str, tgt: str, quad: str, negated: bool = False) -> dict[str, object]:
        return {
            "doc": "d",
            "source": {"text": src, "code": src},
            "target": {"text": tgt, "code": tgt},
            "relation": "attacks",
            "quad": quad,
            "negated": negated,
        }

    event = {
        "source": "EGY",
        "target": "ISR",
        "code": "190",
        "source_code": "EGY",
        "target_code": "ISR",
    }
    gold = [{"id": "d", "text": "t", "events": [event]}]
    cases = {
        "no triple": [],
        "wrong actors": [triple("JOR", "ISR", "material_conflict")],
        "wrong class": [triple("EGY", "ISR", "verbal_cooperation")],
        "negated": [triple("EGY", "ISR", "material_conflict", negated=True)],
    }
    for kind, preds in cases.items():
        report = score_predictions(gold, preds)
        assert report.miss_kinds == {kind: 1}, kind


def test_eval_reads_the_gold_file_as_extract_does(tmp_path: Path, extractor: Extractor) -> None:
    from kg.evaluate import evaluate

    # a wire dateline is metadata: "KHARTOUM" and "AP" are no parties to the truce
    gold = tmp_path / "gold.jsonl"
    record = {
        "id": "d1",
        "text": "KHARTOUM, Sudan (AP) \u2014 Sudan's army and the RSF agreed on Saturday "
        "to a 72-hour truce.",
        "date": "2023-05-20",
        "events": [
            {
                "source": "Sudan's army",
                "target": "RSF",
                "code": "057",
                "source_code": "SDNMIL",
                "target_code": "SDNREB",
            }
        ],
    }
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    predictions = tmp_path / "pred.jsonl"
    report = evaluate(gold, predictions_path=predictions)
    rows = [json.loads(line) for line in predictions.read_text("utf-8").splitlines()]
    assert rows
    assert all(r["source"]["text"] != "KHARTOUM" for r in rows)
    assert report.scores["recall"] == 1.0
