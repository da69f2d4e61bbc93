"""Regenerate the reader fixtures in tests/data/ingest/ (run from the repository root).

    .venv/bin/python tests/data/make_ingest_fixtures.py

good/ holds one small file of each input format and encoding (a folder of any mix, with
a nested subfolder); bad/ holds one file of each kind of damage. The files are committed:
the tests read these real files, this script only documents how they were made.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "ingest"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_74217fae9d44953a.txt"

SHORT = (
    "Egypt condemned Turkey on Monday over its deployment of troops to Libya.\n\n"
    "The United Nations urged both sides to respect the ceasefire.\n"
)
CP1252 = (
    "Cairo’s “firm” stance – Egypt condemned Turkey’s deployment, said the café owner "
    "in Benghazi.\n\nThe EU’s envoy (€5m aid) urged restraint.\n"
)
LATIN1 = "Le président français a rencontré Sarraj à Paris.\n\nFrance backed the Berlin talks.\n"


def seed_html() -> str:
    body = SEED.read_text(encoding="utf-8").split("By Staff, Agencies", 1)[1].strip()
    paras = "\n".join(f"<p>{p.strip()}</p>" for p in body.split("\n\n") if p.strip())
    title = "Libya’s Haftar Leaves Moscow without Signing Peace Deal"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} - Example News</title>
<meta property="og:title" content="{title}">
<link rel="canonical" href="https://news.example.org/libya/haftar-moscow">
<script>var msg = "Russia attacks Turkey"; document.write(msg);</script>
<style>.loader {{ display: none }}</style>
</head><body>
<noscript>No Script</noscript>
<div id="loader">Please Wait...</div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/libya">Libya</a></li></ul></nav>
<div class="widget">Jihad Sermon 27</div></header>
<main><article>
<h1>{title}</h1>
<div class="meta"><i class="material-icons">folder_open</i><a href="/libya">Libya</a>
<i class="material-icons">access_time</i> 6 days ago</div>
<div class="fav"><i class="material-icons">star</i>Add to favorites</div>
<p class="byline">By Staff, Agencies</p>
{paras}
<div class="share">Share on Facebook | Twitter | WhatsApp</div>
</article></main>
<aside><h3>Related articles</h3>
<ul><li>Qatar &amp; Egypt trade accusations over Libya</li></ul></aside>
<footer>Copyright &copy; 2020 Example News. All rights reserved.</footer>
</body></html>
"""


def main() -> None:
    good, bad = ROOT / "good", ROOT / "bad"
    for d in (good, bad, good / "nested" / "deeper"):
        d.mkdir(parents=True, exist_ok=True)
    seed = SEED.read_text(encoding="utf-8")
    page = seed_html()
    (good / "seed.html").write_text(page, encoding="utf-8")
    (good / "seed_utf16.txt").write_bytes(seed.encode("utf-16"))  # with BOM, little-endian
    (good / "seed_bom.txt").write_bytes(b"\xef\xbb\xbf" + seed.encode("utf-8"))
    (good / "cp1252.txt").write_bytes(CP1252.encode("cp1252"))
    (good / "latin1.txt").write_bytes(LATIN1.encode("latin-1"))
    (good / "page.html.gz").write_bytes(gzip.compress(page.encode("utf-8"), mtime=0))
    (good / "notes.txt.gz").write_bytes(gzip.compress(SHORT.encode("utf-8"), mtime=0))
    (good / "nested" / "deeper" / "brief.md").write_text(
        "---\ntitle: Brief\ndate: 2020-01-15\nurl: https://example.org/brief\n---\n\n"
        "Russia criticised the United States over sanctions on Iran.\n",
        encoding="utf-8",
    )
    (good / ".hidden.txt").write_text("Hidden files are not read.\n", encoding="utf-8")
    records = [
        {
            "id": "api-1",
            "title": "Egypt warns Turkey",
            "publishedAt": "2020-01-14T09:00:00Z",
            "url": "https://example.org/1",
            "content": "Egypt warned Turkey against sending troops.",
        },
        {
            "id": "api-2",
            "title": "Talks in Moscow",
            "publishedAt": "Mon, 13 Jan 2020 18:00:00 GMT",
            "source": {"name": "Example"},
            "content": "Russia hosted talks between Sarraj and Haftar.",
        },
        {
            "title": "No id",
            "url": "https://example.org/3",
            "content": "Qatar backed the Tripoli government.",
        },
    ]
    (good / "feed.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    (good / "articles.json").write_text(
        json.dumps(
            {
                "status": "ok",
                "articles": [
                    {
                        "id": "json-1",
                        "headline": "Sanctions",
                        "date": "January 16, 2020",
                        "body": "The European Union imposed sanctions on Syria.",
                    }
                ],
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    (good / "export.csv").write_text(
        "id,title,published,link,body\n"
        'csv-1,Mediation,2020-01-17,https://example.org/c1,"Algeria offered to mediate '
        'between the Libyan parties."\n'
        'csv-2,"Troops, again",17/01/2020,https://example.org/c2,"Turkey deployed troops to '
        'Libya, officials said."\n',
        encoding="utf-8",
    )

    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.txt").write_text("  \n\n\t\n", encoding="utf-8")
    (bad / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (bad / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    full = gzip.compress(seed.encode("utf-8"), mtime=0)
    (bad / "truncated.txt.gz").write_bytes(full[: len(full) // 2])
    (bad / "broken.jsonl").write_text(
        json.dumps({"id": "ok-1", "text": "Iran condemned Israel."})
        + "\n"
        + '{"id": "bad-2", "text": "unterminated\n'
        + "[1, 2, 3]\n"
        + json.dumps({"id": "ok-4", "text": "Jordan backed Egypt."})
        + "\n"
        + json.dumps({"id": "no-text-5", "title": "nothing else"})
        + "\n"
        + '{"id": "cut-6", "text": "The file ends in the mid',
        encoding="utf-8",
    )
    (bad / "broken.csv").write_text(
        "id,text\n"
        'r1,"Russia backed Haftar."\n'
        'r2,"Too many",fields,here\n'
        'r3,"Egypt backed Haftar."\n'
        'r4,"This quote never ends\n',
        encoding="utf-8",
    )
    (bad / "undecodable.txt").write_bytes(
        "Turkey’s parliament approved the deployment – “a new phase”.\n".encode()
        + b"Broken byte: \xff here.\n"
    )
    (bad / "furniture_only.html").write_text(
        "<html><body><nav>Home | World | Africa</nav><div>Please Wait...</div>"
        "<footer>Copyright &copy; 2020</footer></body></html>\n",
        encoding="utf-8",
    )
    (bad / "not_json.json").write_text('{"articles": [{"text": "x"}, \n', encoding="utf-8")


if __name__ == "__main__":
    main()
