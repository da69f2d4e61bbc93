"""A deterministic benchmark corpus of real news sentences.

The sentences are the texts of ``shared/eval/*.jsonl`` (PETRARCH2 unit-test records and the
PLOVER gold-standard records: news-style sentences) and of the articles in
``shared/seeds``. They are shuffled with a fixed seed and grouped into articles of 10-20
sentences (paragraphs of up to three sentences); when more articles are asked for than the
sentences make, the pool is reshuffled (next seed) and grouped again, so document ``i`` is
the same in every run and every size.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from kg.datatypes import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATE = dt.date(2020, 1, 14)

_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def sentences(shared: Path = SHARED) -> list[str]:
    """Every sentence of the eval sets and the seed articles, in file order."""
    out: list[str] = []
    for path in sorted((shared / "eval").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = " ".join(str(json.loads(line)["text"]).split())
                if text:
                    out.append(text)
    for path in sorted((shared / "seeds").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            text = " ".join(paragraph.split())
            if len(text.split()) < 8:  # headlines, page furniture
                continue
            out.extend(s for s in _SENTENCE_END.split(text) if s.strip())
    return out


def iter_articles(
    n: int, *, seed: int = 0, shortest: int = 10, longest: int = 20, shared: Path = SHARED
) -> Iterator[Document]:
    """``n`` articles of ``shortest``..``longest`` sentences, deterministic for ``seed``."""
    pool = sentences(shared)
    if not pool:
        raise FileNotFoundError(f"no sentences under {shared}/eval or {shared}/seeds")
    made = 0
    round_ = 0
    while made < n:
        rng = random.Random(seed * 1_000_003 + round_)
        order = pool[:]
        rng.shuffle(order)
        at = 0
        while at < len(order) and made < n:
            size = rng.randint(shortest, longest)
            chunk = order[at : at + size]
            at += size
            paragraphs = [" ".join(chunk[i : i + 3]) for i in range(0, len(chunk), 3)]
            yield Document(
                doc_id=f"bench-{made:06d}",
                text="\n\n".join(paragraphs) + "\n",
                source="bench",
                date=DATE,
            )
            made += 1
        round_ += 1


def articles(n: int, *, seed: int = 0) -> list[Document]:
    """The first ``n`` benchmark articles as a list."""
    return list(iter_articles(n, seed=seed))


def write_jsonl(documents: Iterator[Document] | list[Document], path: Path) -> Path:
    """Write documents as kg's JSONL input (``{"id", "text", "date"}`` per line)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for d in documents:
            date = d.date.isoformat() if d.date else None
            record = {"id": d.doc_id, "text": d.text, "date": date}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":  # pragma: no cover
    pool = sentences()
    docs = articles(100)
    words = sum(len(d.text.split()) for d in docs)
    print(f"{len(pool)} sentences; 100 articles = {words} words ({words / 100:.0f} per article)")
