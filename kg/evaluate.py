"""Score extraction against gold coded sentences (the JSONL format of PETRARCH/PLOVER sets).

The matching rules are those of the project's reference scorer (``shared/eval/score.py``),
so that ``kg eval`` and that script agree on the same predictions:

- actors match when their full codes agree (gold ``---REB`` matches any code ending in
  ``REB``), when their country codes agree, or when their content words overlap;
- the event class is compared at QuadClass level;
- a prediction matches in either direction when the gold event is reciprocal or the
  predicted relation is symmetric;
- negated predictions never count as assertions;
- precision is computed on exhaustively coded sets only (PETRARCH-style sets).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError

__all__ = ["EvalReport", "evaluate", "score_predictions"]

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
_CAMEO_ROOT_QUAD = {
    **{f"{i:02d}": QUADS[0] for i in range(1, 6)},
    **{f"{i:02d}": QUADS[1] for i in range(6, 9)},
    **{f"{i:02d}": QUADS[2] for i in range(9, 14)},
    **{f"{i:02d}": QUADS[3] for i in range(14, 21)},
}
_PLOVER_QUAD = {
    "AGREE": QUADS[0],
    "CONSULT": QUADS[0],
    "SUPPORT": QUADS[0],
    "CONCEDE": QUADS[0],
    "REQUEST": QUADS[2],
    "DEMAND": QUADS[2],
    "COOPERATE": QUADS[1],
    "AID": QUADS[1],
    "RETREAT": QUADS[1],
    "ACCUSE": QUADS[2],
    "DISAPPROVE": QUADS[2],
    "REJECT": QUADS[2],
    "THREATEN": QUADS[2],
    "INVESTIGATE": QUADS[2],
    "PROTEST": QUADS[3],
    "SANCTION": QUADS[3],
    "MOBILIZE": QUADS[3],
    "COERCE": QUADS[3],
    "ASSAULT": QUADS[3],
    "FIGHT": QUADS[3],
}
# PLOVER merged CAMEO appeals (verbal cooperation) with demands (verbal conflict) into
# REQUEST, and put part of CAMEO 08 into verbal CONCEDE: either QuadClass counts.
_EITHER = {
    "REQUEST": {QUADS[0], QUADS[2]},
    "DEMAND": {QUADS[0], QUADS[2]},
    "CONCEDE": {QUADS[0], QUADS[1]},
}
_CAMEO_TO_ISO = {"JAP": "JPN", "UKG": "GBR", "GMY": "DEU", "UAE": "ARE"}
_NON_COUNTRY = frozenset(
    [
        "IGO",
        "NGO",
        "MNC",
        "REB",
        "GOV",
        "MIL",
        "COP",
        "JUD",
        "OPP",
        "PPL",
        "CVL",
        "BUS",
        "MED",
        "EDU",
        "HLH",
        "REF",
        "SPY",
        "UAF",
        "INS",
        "ELI",
        "LAB",
        "LEG",
        "AGR",
        "CRM",
        "ENV",
        "RAD",
        "---",
        "NON",
    ]
)
_STOP = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "and",
        "in",
        "s",
        "'s",
        "forces",
        "force",
        "government",
        "officials",
        "official",
        "people",
        "group",
        "groups",
        "state",
        "states",
        "(",
        ")",
        "-",
        "minister",
    }
)
_DEMONYM = {
    "libyan": "libya",
    "russian": "russia",
    "turkish": "turkey",
    "egyptian": "egypt",
    "american": "usa",
    "israeli": "israel",
    "palestinian": "palestine",
    "syrian": "syria",
    "iraqi": "iraq",
    "iranian": "iran",
    "chinese": "china",
    "british": "britain",
    "french": "france",
    "german": "germany",
    "somali": "somalia",
    "nigerian": "nigeria",
    "sudanese": "sudan",
    "hungarian": "hungary",
    "romanian": "romania",
    "afghan": "afghanistan",
    "pakistani": "pakistan",
    "indian": "india",
    "ukrainian": "ukraine",
    "japanese": "japan",
    "korean": "korea",
    "saudi": "saudi",
    "yemeni": "yemen",
    "lebanese": "lebanon",
    "jordanian": "jordan",
    "ethiopian": "ethiopia",
    "kenyan": "kenya",
    "malian": "mali",
    "congolese": "congo",
    "burundian": "burundi",
    "zimbabwean": "zimbabwe",
    "ugandan": "uganda",
    "us": "usa",
    "u.s.": "usa",
    "united": "usa",
}
_SYMMETRIC_FALLBACK = frozenset(
    {
        "allies_with",
        "cooperates_with",
        "negotiates_with",
        "meets",
        "agrees_with",
        "fights",
        "opposes",
    }
)


def _gold_quad(code: Any) -> str | None:
    if not code:
        return None
    c = str(code)
    if c in _PLOVER_QUAD:
        return _PLOVER_QUAD[c]
    if c[:1].isdigit() and c[:2] in _CAMEO_ROOT_QUAD:
        return _CAMEO_ROOT_QUAD[c[:2]]
    return None


def _pred_quad(t: dict[str, Any]) -> str | None:
    q = t.get("quad")
    if q in QUADS:
        return str(q)
    if t.get("cameo") and str(t["cameo"])[:2] in _CAMEO_ROOT_QUAD:
        return _CAMEO_ROOT_QUAD[str(t["cameo"])[:2]]
    return _PLOVER_QUAD.get(str(t.get("plover")))


def _words(s: Any) -> set[str]:
    if not s:
        return set()
    out = set()
    for w in re.findall(r"[a-z][a-z.'-]*", str(s).lower()):
        w = w.strip(".'-")
        w = _DEMONYM.get(w, w)
        if w and w not in _STOP and len(w) > 1:
            out.add(w)
    return out


def _country(code: Any) -> str | None:
    if not code or not isinstance(code, str) or len(code) < 3:
        return None
    c = code[:3].upper()
    if not c.isalpha() or c in _NON_COUNTRY:
        return None
    return _CAMEO_TO_ISO.get(c, c)


def _actor_matches(text: Any, code: Any, names: Sequence[str], pred: dict[str, Any] | None) -> bool:
    if not pred:
        return False
    pcode = str(pred.get("code") or "").upper()
    if code and pcode:
        g = str(code).upper()
        if g == pcode or (g.startswith("---") and len(g) > 3 and pcode.endswith(g[3:])):
            return True
    gc, pc = _country(code), _country(pred.get("country") or pred.get("code"))
    if gc and pc and gc == pc:
        return True
    pw = (
        _words(pred.get("text"))
        | _words(pred.get("label"))
        | _words(str(pred.get("id", "")).replace("_", " "))
    )
    for alias in pred.get("aliases") or []:
        pw |= _words(alias)
    gw = _words(text)
    for n in names:
        gw |= _words(n)
    return bool(gw & pw)


def _event_matches(ev: dict[str, Any], t: dict[str, Any]) -> bool:
    gq = _gold_quad(ev.get("code"))
    if gq is None or _pred_quad(t) not in _EITHER.get(str(ev.get("code")), {gq}):
        return False
    ns, nt = ev.get("source_names") or [], ev.get("target_names") or []

    def forward(s: dict[str, Any] | None, o: dict[str, Any] | None) -> bool:
        return _actor_matches(ev.get("source"), ev.get("source_code"), ns, s) and _actor_matches(
            ev.get("target"), ev.get("target_code"), nt, o
        )

    if forward(t.get("source"), t.get("target")):
        return True
    symmetric = t.get("symmetric", t.get("relation") in _SYMMETRIC_FALLBACK)
    if ev.get("reciprocal") or symmetric:
        return forward(t.get("target"), t.get("source"))
    return False


def _dyadic(ev: dict[str, Any]) -> bool:
    return (
        bool(ev.get("source"))
        and bool(ev.get("target"))
        and _gold_quad(ev.get("code")) is not None
        and not ev.get("negated")
    )


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


@dataclass(slots=True)
class EvalReport:
    """Scores plus the misses and false positives, for studying errors."""

    scores: dict[str, Any]
    misses: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    false_positives: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    miss_kinds: Counter[str] = field(default_factory=Counter)

    def render(self, max_errors: int = 20) -> str:
        s = self.scores
        lines = [
            f"gold events   {s['gold_events']}",
            f"recall        {s['recall']:.3f}",
            f"precision     {_fmt(s['precision'])}",
            f"f1            {_fmt(s['f1'])}",
            f"no-event docs {s['negative_docs']} ({s['negative_docs_with_triples']} with triples)",
            "recall by QuadClass:",
        ]
        lines += [f"  {q:<22} {v}" for q, v in sorted(s["recall_by_quad"].items())]
        if s.get("precision_by_relation"):
            lines.append("precision by predicted relation (correct/predicted):")
            lines += [f"  {r:<22} {v}" for r, v in sorted(s["precision_by_relation"].items())]
        if self.miss_kinds:
            kinds = ", ".join(f"{k} {v}" for k, v in self.miss_kinds.most_common())
            lines.append(f"misses by kind: {kinds}")
            codes = list(s.get("misses_by_code", {}).items())[:12]
            lines.append("misses by gold code: " + ", ".join(f"{c} {n}" for c, n in codes))
        if self.misses:
            lines.append(
                f"misses (first {min(max_errors, len(self.misses))} of {len(self.misses)}):"
            )
            for doc, text, ev in self.misses[:max_errors]:
                lines.append(
                    f"  [{doc}] {ev.get('source')} -{ev.get('code')}-> {ev.get('target')}"
                    f"  | {text[:140]}"
                )
        if self.false_positives:
            lines.append(
                f"false positives (first {min(max_errors, len(self.false_positives))} "
                f"of {len(self.false_positives)}):"
            )
            for doc, text, t in self.false_positives[:max_errors]:
                lines.append(
                    f"  [{doc}] {t['source']['text']} -{t['relation']}-> "
                    f"{t['target']['text']}  | {text[:140]}"
                )
        return "\n".join(lines)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(path, n, f"malformed JSON: {exc.msg}") from exc
    return rows


def score_predictions(
    gold: Iterable[dict[str, Any]],
    predictions: Iterable[dict[str, Any]],
    *,
    all_exhaustive: bool = False,
) -> EvalReport:
    """Score prediction records (interchange format) against gold records."""
    gold = list(gold)
    preds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    negated: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t in predictions:
        (negated if t.get("negated") else preds)[str(t.get("doc"))].append(t)
    gold_ids = {str(g["id"]) for g in gold}
    n_gold = n_hit = n_pred = n_pred_ok = 0
    neg_docs = neg_fp_docs = n_neg_gold = n_neg_hit = n_neg_asserted = 0
    per_quad: Counter[str] = Counter()
    per_quad_hit: Counter[str] = Counter()
    rel_pred: Counter[str] = Counter()
    rel_ok: Counter[str] = Counter()
    per_code_miss: Counter[str] = Counter()
    report = EvalReport(scores={})
    for g in gold:
        gid = str(g["id"])
        ts = preds.get(gid, [])
        evs = [e for e in g["events"] if _dyadic(e)]
        for e in evs:
            n_gold += 1
            q = str(_gold_quad(e.get("code")))
            per_quad[q] += 1
            if any(_event_matches(e, t) for t in ts):
                n_hit += 1
                per_quad_hit[q] += 1
            else:
                report.misses.append((gid, g.get("text", ""), e))
                kind = _miss_kind(e, ts, negated.get(gid, []))
                report.miss_kinds[kind] += 1
                per_code_miss[f"{e.get('code')}"] += 1
        for e in g["events"]:
            if (
                e.get("negated")
                and e.get("source")
                and e.get("target")
                and _gold_quad(e.get("code"))
            ):
                n_neg_gold += 1
                n_neg_hit += any(_event_matches(e, t) for t in negated.get(gid, []))
                n_neg_asserted += any(_event_matches(e, t) for t in ts)
        exhaustive = all_exhaustive or str(g.get("dataset", "")).startswith(
            ("petrarch2", "universalpetrarch", "cameo_conflibert")
        )
        if exhaustive:
            for t in ts:
                n_pred += 1
                rel_pred[str(t.get("relation"))] += 1
                if any(
                    _event_matches(e, t)
                    for e in g["events"]
                    if e.get("code") and not e.get("negated")
                ):
                    n_pred_ok += 1
                    rel_ok[str(t.get("relation"))] += 1
                else:
                    report.false_positives.append((gid, g.get("text", ""), t))
            if not evs and g.get("negative", not g["events"]):
                neg_docs += 1
                neg_fp_docs += bool(ts)
    r = n_hit / n_gold if n_gold else 0.0
    p = n_pred_ok / n_pred if n_pred else None
    f = (2 * p * r / (p + r)) if p and r else None
    report.scores = {
        "gold_events": n_gold,
        "recall": round(r, 3),
        "precision": None if p is None else round(p, 3),
        "f1": None if f is None else round(f, 3),
        "pred_triples_scored": n_pred,
        "negative_docs": neg_docs,
        "negative_docs_with_triples": neg_fp_docs,
        "pred_docs_not_in_gold": sum(1 for d in preds if d not in gold_ids),
        "recall_by_quad": {q: f"{per_quad_hit[q]}/{per_quad[q]}" for q in per_quad},
        "precision_by_relation": {k: f"{rel_ok[k]}/{rel_pred[k]}" for k in rel_pred},
        "negated_gold": n_neg_gold,
        "negated_found_as_negated": n_neg_hit,
        "negated_wrongly_asserted": n_neg_asserted,
        "misses_by_kind": dict(report.miss_kinds),
        "misses_by_code": dict(per_code_miss.most_common()),
    }
    return report


def _miss_kind(
    ev: dict[str, Any], asserted: list[dict[str, Any]], negated: list[dict[str, Any]]
) -> str:
    """Why a gold event was missed: "no triple" in its sentence, "negated" (only a
    negated triple matches), "wrong actors" (no triple joins its two actors), or
    "wrong class" (a triple joins them, with another QuadClass)."""
    if any(_event_matches(ev, t) for t in negated):
        return "negated"
    if not asserted:
        return "no triple"
    names_s = ev.get("source_names") or []
    names_t = ev.get("target_names") or []
    for t in asserted:
        for s, o in ((t.get("source"), t.get("target")), (t.get("target"), t.get("source"))):
            if _actor_matches(ev.get("source"), ev.get("source_code"), names_s, s) and (
                _actor_matches(ev.get("target"), ev.get("target_code"), names_t, o)
            ):
                return "wrong class"
    return "wrong actors"


def evaluate(
    gold_path: str | Path,
    *,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    verbs: Sequence[str | Path] = (),
    predictions_path: str | Path | None = None,
    all_exhaustive: bool = False,
) -> EvalReport:
    """Run extraction on every sentence of ``gold_path`` and score it."""
    from kg.api import extract
    from kg.documents import ReadOptions, read_documents
    from kg.interchange import event_to_record

    path = Path(gold_path)
    gold = _read_jsonl(path)
    # read as `kg extract GOLD` reads it (datelines, page furniture and dates alike), so
    # that the score is the score of what kg extracts from the file
    docs = list(read_documents(path, options=ReadOptions(input_format="jsonl")))
    records = [event_to_record(e) for e in extract(docs, model=model, actors=actors, verbs=verbs)]
    if predictions_path is not None:
        with Path(predictions_path).open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return score_predictions(gold, records, all_exhaustive=all_exhaustive)
