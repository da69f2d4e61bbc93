"""The long fuzz run: the properties of tests/test_fuzz.py with many more examples.

    .venv/bin/python bench/fuzz.py                      # 10,000 extractor inputs + 10,000 reader
    .venv/bin/python bench/fuzz.py --extract 2000 --random

CI runs the same properties with 10,000 reader inputs and 300 extractor inputs (real
spaCy); this script is for the long run. It prints the counts of inputs, documents,
events and problems seen, and exits non-zero when any input crashed kg or produced
invalid output (hypothesis then prints the smallest such input).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extract", type=int, default=10_000, help="extractor inputs")
    parser.add_argument("--bytes", type=int, default=4_000, help="random byte strings")
    parser.add_argument("--text", type=int, default=3_000, help="random texts")
    parser.add_argument("--json", type=int, default=3_000, help="random JSON/CSV exports")
    parser.add_argument(
        "--random",
        action="store_true",
        help="a new random seed (default: hypothesis' fixed derandomized run)",
    )
    args = parser.parse_args()
    env = {
        **os.environ,
        "KG_FUZZ_EXTRACT": str(args.extract),
        "KG_FUZZ_BYTES": str(args.bytes),
        "KG_FUZZ_TEXT": str(args.text),
        "KG_FUZZ_JSON": str(args.json),
        "KG_FUZZ_REPORT": "1",
        "KG_FUZZ_RANDOM": "1" if args.random else "0",
        "MPLBACKEND": "Agg",
    }
    t0 = time.perf_counter()
    code = subprocess.call(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
            "--durations=0",
            str(ROOT / "tests" / "test_fuzz.py"),
        ],
        env=env,
        cwd=ROOT,
    )
    print(f"fuzz run: {time.perf_counter() - t0:.0f} s, exit code {code}")
    return code


if __name__ == "__main__":
    sys.exit(main())
