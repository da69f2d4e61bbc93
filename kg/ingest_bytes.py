"""Bytes to text: gzip, size limits, binary sniffing, and encoding detection.

Every input file goes through :func:`unpack_bytes` (size limit, gzip) and :func:`decode_text`
(byte-order marks, UTF-8, UTF-16/32, Latin-1/cp1252 and other legacy encodings). Bytes
that cannot be decoded are replaced by U+FFFD, one character per byte, and reported with
their byte offset; nothing here raises on hostile bytes except :class:`~kg.errors.InputError`.

>>> decode_text("café".encode("cp1252"), "a.txt").text
'café'
>>> decode_text(b"\\xef\\xbb\\xbfRussia", "b.txt").encoding
'utf-8-sig'
>>> d = decode_text("Libya “talks” – é".encode("utf-8") + b"\\xff!", "c.txt")
>>> d.text.endswith("\\N{REPLACEMENT CHARACTER}!"), d.bad_bytes
(True, (24,))
"""

from __future__ import annotations

import codecs
import os
import threading
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from kg.errors import InputError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Decoded",
    "decode_text",
    "is_gzip",
    "read_file_bytes",
    "sniff_binary",
    "unpack_bytes",
]

#: Default largest input accepted (bytes, after decompression).
DEFAULT_MAX_BYTES = 50_000_000

_GZIP_MAGIC = b"\x1f\x8b"

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document: convert it to text first (e.g. pdftotext)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx): unpack or convert it to text first"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive: decompress it first"),
    (b"\xfd7zXZ\x00", "an xz archive: decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive: unpack it first"),
    (b"Rar!\x1a\x07", "a RAR archive: unpack it first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document: convert it to text first"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# (byte-order mark, codec that reads what follows it, name reported)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),  # before UTF-16 LE: same first bytes
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# Control characters that never occur in text (everything below 0x20 but \t \n \v \f \r
# and ESC, which some terminals' captures contain).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}


def is_gzip(data: bytes) -> bool:
    """True for gzip-compressed bytes (by their magic number, whatever the file name)."""
    return data[:2] == _GZIP_MAGIC


def _gunzip(data: bytes, where: str, max_bytes: int) -> bytes:
    """Decompress all gzip members of ``data``, refusing more than ``max_bytes`` of output."""
    out = bytearray()
    rest = data
    while rest:
        d = zlib.decompressobj(wbits=31)
        try:
            out += d.decompress(rest, max_bytes + 1 - len(out))
        except zlib.error as exc:
            raise InputError(
                where, None, f"not a valid gzip file ({exc})", kind="unparsable"
            ) from exc
        if len(out) > max_bytes:
            raise InputError(
                where,
                None,
                f"decompresses to more than {max_bytes:,} bytes: raise --max-bytes to read it",
                kind="too_large",
            )
        if not d.eof:
            raise InputError(
                where,
                None,
                f"truncated gzip file (compressed data ends after {len(data):,} bytes, "
                f"{len(out):,} bytes recovered): re-download or re-compress it",
                kind="truncated",
                offset=len(data),
            )
        rest = d.unused_data
        # Trailing zero padding after the last member is allowed by gzip(1).
        if rest and not rest.startswith(_GZIP_MAGIC):
            if rest.strip(b"\x00"):
                raise InputError(
                    where,
                    None,
                    "unexpected bytes after the gzip data",
                    kind="unparsable",
                    offset=len(data) - len(rest),
                )
            break
    return bytes(out)


def read_file_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, where: str = "") -> bytes:
    """The raw bytes of ``path``, refusing files over ``max_bytes``.

    Raises
    ------
    InputError
        ``too_large``, or ``unreadable`` when the operating system refuses the file.
    """
    where = where or str(path)
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise InputError(
                    where,
                    None,
                    f"file too large ({size:,} bytes > {max_bytes:,}): "
                    "raise --max-bytes to read it",
                    kind="too_large",
                )
            return fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(where, None, f"cannot read: {exc.strerror or exc}") from exc


def unpack_bytes(data: bytes, *, where: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Check size and emptiness of ``data`` and gunzip it when compressed."""
    if len(data) > max_bytes:
        raise InputError(
            where,
            None,
            f"file too large (> {max_bytes:,} bytes): raise --max-bytes to read it",
            kind="too_large",
        )
    if is_gzip(data):
        data = _gunzip(data, where, max_bytes)
    if not data.strip():
        raise InputError(where, None, "empty file (no text)", kind="empty")
    return data


def _utf16_guess(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` for BOM-less UTF-16 of mostly Latin text, else None."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def sniff_binary(data: bytes) -> str | None:
    """What ``data`` is when it is not text (``"a PNG image"``), else None.

    >>> sniff_binary(b"%PDF-1.7 ...")
    'a PDF document: convert it to text first (e.g. pdftotext)'
    >>> sniff_binary("Haftar left Moscow.".encode("utf-16"))  # UTF-16 is text
    >>> sniff_binary(bytes(range(256)) * 4)
    'binary data (control bytes at 0, 1, 2, ...)'
    """
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return what
    if data.startswith(
        (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
    ) or _utf16_guess(data):
        return None
    sample = data[:8192]
    controls = [i for i, b in enumerate(sample) if b in _CONTROL]
    if sample.count(0) > max(2, len(sample) // 100) or len(controls) > max(8, len(sample) // 10):
        shown = ", ".join(str(i) for i in controls[:3])
        return f"binary data (control bytes at {shown}, ...)"
    return None


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding used, and the byte offsets that could not be decoded."""

    text: str
    encoding: str
    bad_bytes: tuple[int, ...] = ()


_LOCAL = threading.local()


def _collect(exc: UnicodeError) -> tuple[str, int]:
    """The ``kg-collect`` codecs error handler: U+FFFD per bad byte, offsets noted."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    offsets: list[int] = _LOCAL.offsets
    offsets.extend(range(exc.start, exc.end))
    _LOCAL.events += 1
    return "\ufffd" * (exc.end - exc.start), exc.end


codecs.register_error("kg-collect", _collect)


def _decode_counting(data: bytes, encoding: str, skip: int = 0) -> tuple[Decoded, int]:
    """Decode ``data[skip:]``; bad bytes become U+FFFD and are reported by file offset.

    Also returns how many invalid sequences there were (one may span several bytes).
    """
    offsets: list[int] = []
    _LOCAL.offsets = offsets
    _LOCAL.events = 0
    try:
        text = data[skip:].decode(encoding, errors="kg-collect")
        events: int = _LOCAL.events
    finally:
        _LOCAL.offsets = []
    return Decoded(text, encoding, tuple(skip + o for o in offsets)), events


def _decode(data: bytes, encoding: str, skip: int = 0) -> Decoded:
    return _decode_counting(data, encoding, skip)[0]


def _non_latin_letters(text: str) -> tuple[int, int]:
    """(non-ASCII letters, how many of them are not Latin)."""
    total = non_latin = 0
    for ch in text:
        if ord(ch) < 0x80 or not ch.isalpha():
            continue
        total += 1
        if not unicodedata.name(ch, "").startswith("LATIN"):
            non_latin += 1
    return total, non_latin


def _legacy(data: bytes) -> Decoded:
    """Decode bytes that are not UTF-8: cp1252 (which reads Latin-1 too) unless a detector
    finds a non-Latin script (Cyrillic cp1251, Arabic cp1256, CJK ...) with confidence."""
    best = from_bytes(data[:65536]).best()
    if best is not None and best.encoding not in {"ascii", "utf_8", "cp1252", "latin_1"}:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = ""
        total, non_latin = _non_latin_letters(text[:20000])
        if text and non_latin >= 4 and non_latin >= 0.8 * total:
            return Decoded(text, best.encoding)
    # cp1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined: those are reported.
    return _decode(data, "cp1252")


def decode_text(data: bytes, where: str = "") -> Decoded:
    """Decode ``data``: BOM, else UTF-16 by its zero bytes, else UTF-8, else legacy.

    A file that is UTF-8 but for a few bad bytes (a truncated character, a stray byte)
    is read as UTF-8 with those bytes replaced and reported in :attr:`Decoded.bad_bytes`.
    """
    del where  # kept for symmetry with the other readers; offsets are reported by callers
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            decoded = _decode(data, encoding, skip=len(bom))
            return Decoded(decoded.text, name, decoded.bad_bytes)
    guess = _utf16_guess(data)
    if guess is not None:
        return _decode(data, guess)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    as_utf8, invalid = _decode_counting(data, "utf-8")
    multibyte = sum(1 for ch in as_utf8.text if ord(ch) >= 0x80 and ch != "\ufffd")
    if multibyte and invalid <= multibyte:
        return as_utf8
    return _legacy(data)
