"""Write a copy of petrarch2.jsonl whose "ties"/"relations" events coded 064 read 050.

The PETRARCH2 unit tests code "restore/establish diplomatic ties" as CAMEO 064 (share
intelligence, material cooperation); the PETRARCH2 verb dictionary (``CAMEO.2.0.txt``), the
CAMEO codebook and the PLOVER gold records code it as diplomatic cooperation (050). This copy
shows how much of the petrarch2 score that one disagreement accounts for (docs/evaluation.md)::

    .venv/bin/python tools/petrarch2_codebook_ties.py \
        ../shared/eval/petrarch2.jsonl /tmp/p050.jsonl
    .venv/bin/kg eval /tmp/p050.jsonl \
        --actors ../shared/dictionaries/petrarch2/PETR.Validate.actors.txt
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    changed = 0
    with args.gold.open(encoding="utf-8") as src, args.out.open("w", encoding="utf-8") as dst:
        for line in src:
            record = json.loads(line)
            text = record.get("text", "").lower()
            if "ties" in text or "relations" in text:
                for event in record.get("events", []):
                    if event.get("code") == "064":
                        event["code"] = "050"
                        changed += 1
            dst.write(json.dumps(record) + "\n")
    print(f"{changed} events recoded 064 -> 050, written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
