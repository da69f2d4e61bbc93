"""HTML pages to main text, with an offset map back into the page.

The main text is extracted with trafilatura (navigation, headers, footers, comments,
share widgets and scripts are left out; no network access: kg passes the page as a
string, and trafilatura parses it with lxml's HTML parser, which loads no DTDs and
expands no external entities). Title, canonical URL and publication date come from the
page's metadata (``<title>``, Open Graph, ``<link rel=canonical>``, ``article:published_time``,
JSON-LD); dates are read from metadata only, never guessed from "6 days ago" or today.

A document's text is the extracted text, so kg's character offsets are offsets into it.
:attr:`HtmlText.offsets` maps them back into the page: each run ``(text_start,
page_start, length)`` says that ``text[text_start:text_start+length]`` was read from
``page[page_start:page_start+length]`` (a character reference such as ``&amp;`` is a run
of length 1 pointing at its ``&``). The map is found by aligning the extracted text with
the page's own text nodes (read with the standard library's position-aware HTML parser).

>>> page = "<html><body><nav>Home | World</nav><article><h1>Talks fail</h1>" \\
...        "<p>Russia &amp; Turkey <b>broker</b> a truce.</p></article></body></html>"
>>> h = extract_html(page)
>>> h.text
'Talks fail\\nRussia & Turkey broker a truce.'
>>> i = h.text.index("Turkey")
>>> page_index = to_source(h.offsets, i)
>>> page[page_index : page_index + 6]
'Turkey'
"""

from __future__ import annotations

import bisect
import contextlib
import html
import logging
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["HtmlText", "extract_html", "looks_like_html", "to_source", "visible_text"]

Run = tuple[int, int, int]

# Elements whose content is never part of the visible text.
_INVISIBLE = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "svg",
        "math",
        "iframe",
        "object",
        "canvas",
        "select",
        "option",
        "textarea",
        "button",
    }
)
# Elements that are page furniture rather than article text (for the fallback extractor).
_FURNITURE = frozenset({"nav", "header", "footer", "aside", "form", "menu", "dialog"})
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "body",
        "html",
    }
)
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_REF = re.compile(r"&#?[0-9A-Za-z]+;?")
_SPACES = re.compile(r"\s+")
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article)\b",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML page (for files without an .html suffix).

    >>> looks_like_html("<!DOCTYPE html><html>..."), looks_like_html("Russia backs Haftar.")
    (True, False)
    """
    return bool(_HTML_START.match(text[:2000]))


@dataclass(frozen=True, slots=True)
class HtmlText:
    """The main text of a page, its metadata, and the map of text offsets to page offsets."""

    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None  # as the metadata gives it (ISO 8601 from trafilatura)
    offsets: tuple[Run, ...] = ()
    extractor: str = "trafilatura"  # or "fallback" when trafilatura found no main text
    header: str = ""  # visible text above the article body (title, byline, dateline)


class _Walker(HTMLParser):
    """Collects the page's text nodes with their offsets in the page (one pass, no tree)."""

    def __init__(self, source: str, *, skip_furniture: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.skip_furniture = skip_furniture
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.chars: list[str] = []
        self.positions = array("q")
        self.hidden: list[str] = []  # stack of open invisible/furniture elements

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col if line - 1 < len(self.line_starts) else 0

    def _visible(self) -> bool:
        return not self.hidden

    def _break(self) -> None:
        if self.chars and self.chars[-1] != "\n":
            self.chars.append("\n")
            self.positions.append(-1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        hide = tag in _INVISIBLE or (self.skip_furniture and tag in _FURNITURE)
        if hide and tag not in _VOID:
            self.hidden.append(tag)
        if tag in _BLOCK:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.hidden:
            while self.hidden:
                if self.hidden.pop() == tag:
                    break
        if tag in _BLOCK:
            self._break()

    def _add(self, text: str, start: int, one_to_one: bool) -> None:
        if not self._visible():
            return
        for k, ch in enumerate(text):
            self.chars.append(ch)
            self.positions.append(start + k if one_to_one else start)

    def handle_data(self, data: str) -> None:
        self._add(data, self._offset(), True)

    def _ref(self) -> None:
        start = self._offset()
        m = _REF.match(self.source, start)
        raw = m.group(0) if m else "&"
        self._add(html.unescape(raw), start, raw == html.unescape(raw))

    def handle_entityref(self, name: str) -> None:
        self._ref()

    def handle_charref(self, name: str) -> None:
        self._ref()


def _walk(source: str, *, skip_furniture: bool) -> tuple[str, array[int]]:
    walker = _Walker(source, skip_furniture=skip_furniture)
    try:
        walker.feed(source)
        walker.close()
    except Exception:  # the standard parser is lenient; anything left is not worth a crash
        logging.getLogger(__name__).debug("html.parser gave up", exc_info=True)
    return "".join(walker.chars), walker.positions


def visible_text(source: str, *, skip_furniture: bool = True) -> str:
    """The page's visible text, one block element per line (no scripts, no navigation).

    >>> visible_text("<nav>Menu</nav><p>Egypt backs <i>Haftar</i>.</p><script>x()</script>")
    'Egypt backs Haftar.'
    """
    text, _ = _walk(source, skip_furniture=skip_furniture)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _normalized(text: str, positions: array[int]) -> tuple[str, array[int]]:
    """Collapse whitespace runs to one space, keeping each kept character's page offset."""
    out: list[str] = []
    pos = array("q")
    last_space = True
    for ch, p in zip(text, positions, strict=True):
        if ch.isspace():
            if not last_space:
                out.append(" ")
                pos.append(p)
            last_space = True
        else:
            out.append(ch)
            pos.append(p)
            last_space = False
    return "".join(out), pos


def _runs(mapping: list[int]) -> tuple[Run, ...]:
    runs: list[Run] = []
    for i, p in enumerate(mapping):
        if p < 0:
            continue
        if runs:
            t0, s0, n = runs[-1]
            if t0 + n == i and s0 + n == p:
                runs[-1] = (t0, s0, n + 1)
                continue
        runs.append((i, p, 1))
    return tuple(runs)


def align(text: str, stream: str, positions: array[int]) -> tuple[Run, ...]:
    """Map each character of ``text`` to a page offset by finding its lines in ``stream``.

    Lines are searched in order; a line not found whole is aligned word by word. Characters
    that cannot be found (text the extractor made up, such as joined list markers) stay
    unmapped.
    """
    mapping = [-1] * len(text)
    ptr = 0
    offset = 0
    for line in text.split("\n"):
        base = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        i = stream.find(line, ptr) if _SPACES.sub(" ", line) == line else -1
        if i >= 0:
            for k in range(len(line)):
                mapping[base + k] = positions[i + k]
            ptr = i + len(line)
            continue
        for m in re.finditer(r"\S+", line):
            word = m.group(0)
            j = stream.find(word, ptr, ptr + 4000 + len(word))
            if j < 0:
                continue
            for k in range(len(word)):
                mapping[base + m.start() + k] = positions[j + k]
            ptr = j + len(word)
    return _runs(mapping)


def to_source(offsets: tuple[Run, ...], index: int) -> int | None:
    """The page offset of text offset ``index`` (None when it was not found in the page)."""
    i = bisect.bisect_right(offsets, (index, 1 << 62, 0)) - 1
    if i < 0:
        return None
    t0, s0, n = offsets[i]
    return s0 + index - t0 if t0 <= index < t0 + n else None


def _first_body_offset(text: str, offsets: tuple[Run, ...]) -> int:
    """The page offset where the article body starts: its first line of ten words or more
    (so the title, byline and dateline above it count as the header)."""
    start = 0
    for line in text.split("\n"):
        if len(line.split()) >= 10:
            found = to_source(offsets, start + len(line) - len(line.lstrip()))
            if found is not None:
                return found
        start += len(line) + 1
    return offsets[0][1]


@contextlib.contextmanager
def _quiet(*names: str) -> Iterator[None]:
    """Silence the extraction libraries' own logging (kg reports problems itself)."""
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


#: Below this many characters trafilatura falls back to a cruder extractor that splits
#: lines at inline tags; kg then asks it again with ``favor_precision``.
_SHORT = 250


def _trafilatura(
    source: str, *, precision: bool = False
) -> tuple[str, str | None, str | None, str | None]:
    import trafilatura

    with _quiet("trafilatura", "htmldate", "courlan", "justext"):
        try:
            doc = trafilatura.bare_extraction(
                source,
                favor_precision=precision,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                include_images=False,
                include_links=False,
                deduplicate=False,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except Exception:  # a library bug on a hostile page must not stop the batch
            logging.getLogger(__name__).debug("trafilatura failed", exc_info=True)
            return "", None, None, None
    if doc is None or isinstance(doc, dict):
        return "", None, None, None
    text = str(doc.text or "")
    return text, doc.title or None, doc.url or None, doc.date or None


def extract_html(source: str) -> HtmlText:
    """The main text of HTML page ``source`` (a decoded string), its metadata and offsets.

    When trafilatura finds no main text (a fragment, a tiny page), the visible text outside
    navigation, header, footer and aside elements is used instead (``extractor="fallback"``).
    """
    text, title, url, date = _trafilatura(source)
    if len(text) < _SHORT:
        text = _trafilatura(source, precision=True)[0]
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = "\n".join(line for line in lines if line)
    extractor = "trafilatura"
    stream, positions = _walk(source, skip_furniture=False)
    flat, flat_pos = _normalized(stream, positions)
    if not text.strip():
        extractor = "fallback"
        text = visible_text(source)
    offsets = align(text, flat, flat_pos)
    header = ""
    if offsets:
        first = _first_body_offset(text, offsets)
        cut = next((k for k, p in enumerate(positions) if p >= first), len(stream))
        header = "\n".join(" ".join(ln.split()) for ln in stream[:cut].split("\n") if ln.strip())
    return HtmlText(
        text=text,
        title=title,
        url=url,
        date=date,
        offsets=offsets,
        extractor=extractor,
        header=header[-2000:],
    )
