"""The shipped actor gazetteer (``kg/data/actors.jsonl``) and agent nouns (``agents.jsonl``).

Both files are built by ``tools/build_gazetteer.py``; one JSON object per line::

    {"adjectives": ["Libyan"], "affiliation": null, "code": "LBY", "country": "LBY",
     "id": "libya", "label": "Libya", "metonyms": ["Tripoli"], "names": ["Libya", ...],
     "source": "pycountry+petrarch:Phoenix.Countries.actors.txt", "type": "state",
     "wikidata": "Q1016"}

:func:`read_user_actors` reads a user's own actor file in the same JSONL format, or a
PETRARCH/TABARI ``.actors`` dictionary (recognised by extension or content);
:func:`read_user_dictionaries` reads several, PETRARCH ``.agents`` dictionaries among them.

>>> libya = next(e for e in load_entries() if e.actor.actor_id == "libya")
>>> libya.actor.type.value, "Libyan" in libya.adjectives, "Tripoli" in libya.metonyms
('state', True, True)
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from kg.datatypes import Actor, ActorType, CodePeriod, GazetteerEntry
from kg.errors import LexiconError
from kg.petrarch import AgentEntry, read_actors, read_agents

__all__ = [
    "UserActors",
    "entry_from_record",
    "load_agents",
    "load_entries",
    "read_jsonl_actors",
    "read_user_actors",
    "read_user_dictionaries",
]

_REQUIRED = ("id", "label", "type")
_OPTIONAL_STR = ("country", "code", "wikidata", "affiliation", "source")
_LISTS = ("names", "adjectives", "metonyms")
_JSONL_SUFFIXES = frozenset({".jsonl", ".json", ".ndjson"})


def _str_list(record: dict[str, object], key: str, where: tuple[str, int]) -> tuple[str, ...]:
    value = record.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(where[0], where[1], f"'{key}' must be a list of strings")
    return tuple(v for v in value if v.strip())


def _opt_str(record: dict[str, object], key: str, where: tuple[str, int]) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise LexiconError(where[0], where[1], f"'{key}' must be a string or null")
    return value


def _date_or_none(value: object, key: str, where: tuple[str, int]) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise LexiconError(where[0], where[1], f"period '{key}' must be a YYYY-MM-DD date or null")


def _periods(record: dict[str, object], where: tuple[str, int]) -> tuple[CodePeriod, ...]:
    """``"periods": [{"code": "SDNREB", "from": "1983-05-16", "to": "2005-01-09"}, ...]``"""
    value = record.get("periods")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise LexiconError(where[0], where[1], "'periods' must be a list of objects")
    out = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("code"), str) or not item["code"]:
            raise LexiconError(where[0], where[1], "each period needs a non-empty 'code'")
        start = _date_or_none(item.get("from"), "from", where)
        end = _date_or_none(item.get("to"), "to", where)
        if start and end and end < start:
            raise LexiconError(
                where[0], where[1], f"period of {item['code']} ends before it starts"
            )
        out.append(CodePeriod(item["code"], start, end))
    return tuple(out)


def entry_from_record(
    record: object, path: Path | str, line_no: int, default_source: str = ""
) -> GazetteerEntry:
    """Validate one decoded JSON object and turn it into a :class:`GazetteerEntry`."""
    where = (str(path), line_no)
    if not isinstance(record, dict):
        raise LexiconError(path, line_no, "each line must be a JSON object")
    for key in _REQUIRED:
        if not isinstance(record.get(key), str) or not str(record.get(key)).strip():
            raise LexiconError(path, line_no, f"missing or empty required field '{key}'")
    try:
        atype = ActorType(str(record["type"]))
    except ValueError:
        allowed = ", ".join(t.value for t in ActorType)
        raise LexiconError(
            path, line_no, f"unknown type {record['type']!r} (expected one of: {allowed})"
        ) from None
    opt = {key: _opt_str(record, key, where) for key in _OPTIONAL_STR}
    country = opt["country"]
    if country is not None and (len(country) != 3 or not country.isalpha()):
        raise LexiconError(path, line_no, f"country {country!r} is not an ISO alpha-3 code")
    label = str(record["label"]).strip()
    names = _str_list(record, "names", where)
    if label not in names:
        names = (label, *names)
    actor = Actor(
        actor_id=str(record["id"]).strip(),
        label=label,
        type=atype,
        country=country.upper() if country else None,
        code=opt["code"],
        wikidata=opt["wikidata"],
        affiliation=opt["affiliation"],
        aliases=tuple(n for n in names if n != label),
    )
    return GazetteerEntry(
        actor=actor,
        names=names,
        adjectives=_str_list(record, "adjectives", where),
        metonyms=_str_list(record, "metonyms", where),
        source=opt["source"] or default_source,
        periods=_periods(record, where),
    )


def _parse_jsonl(
    lines: Iterable[str], path: Path | str, default_source: str
) -> list[GazetteerEntry]:
    entries: list[GazetteerEntry] = []
    seen: dict[str, int] = {}
    for line_no, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LexiconError(path, line_no, f"invalid JSON: {exc.msg}") from None
        entry = entry_from_record(record, path, line_no, default_source)
        actor_id = entry.actor.actor_id
        if actor_id in seen:
            raise LexiconError(
                path, line_no, f"duplicate id {actor_id!r} (first on line {seen[actor_id]})"
            )
        seen[entry.actor.actor_id] = line_no
        entries.append(entry)
    return entries


def read_jsonl_actors(path: Path | str) -> list[GazetteerEntry]:
    """Read actors in kg's JSONL format (``#`` comment lines and blank lines allowed)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(p, None, f"cannot read actor file: {exc.strerror}") from None
    return _parse_jsonl(text.splitlines(), p, f"user:{p.name}")


@cache
def _shipped_entries() -> tuple[GazetteerEntry, ...]:
    res = resources.files("kg").joinpath("data", "actors.jsonl")
    with res.open("r", encoding="utf-8") as fh:
        return tuple(_parse_jsonl(fh, "kg/data/actors.jsonl", "kg"))


def load_entries() -> list[GazetteerEntry]:
    """The shipped gazetteer, sorted by id (parsed once, then cached)."""
    return list(_shipped_entries())


@cache
def _shipped_agents() -> tuple[AgentEntry, ...]:
    res = resources.files("kg").joinpath("data", "agents.jsonl")
    out: list[AgentEntry] = []
    with res.open("r", encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                plural = rec.get("plural")
                if not isinstance(rec["noun"], str) or not isinstance(rec["sector"], str):
                    raise TypeError("noun and sector must be strings")
                if plural is not None and not isinstance(plural, str):
                    raise TypeError("plural must be a string or null")
                out.append(
                    AgentEntry(rec["noun"], rec["sector"], plural, bool(rec.get("prefix", False)))
                )
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise LexiconError("kg/data/agents.jsonl", line_no, str(exc)) from None
    return tuple(out)


def load_agents() -> list[AgentEntry]:
    """The shipped agent nouns (``government`` -> GOV, ``troops`` -> MIL, ...)."""
    return list(_shipped_agents())


def _looks_like_jsonl(path: Path) -> bool:
    if path.suffix.lower() in _JSONL_SUFFIXES:
        return True
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                text = line.strip()
                if text and not text.startswith("#"):
                    return text.startswith("{")
    except OSError as exc:
        raise LexiconError(path, None, f"cannot read actor file: {exc.strerror}") from None
    return False


def read_user_actors(path: Path | str) -> list[GazetteerEntry]:
    """Read a user actor file: kg JSONL, or a PETRARCH ``.actors`` dictionary.

    JSONL is recognised by extension (``.jsonl``, ``.json``, ``.ndjson``) or by a first
    meaningful line starting with ``{``; anything else is read as PETRARCH.
    """
    p = Path(path)
    if not p.is_file():
        raise LexiconError(p, None, "actor file not found")
    if _looks_like_jsonl(p):
        return read_jsonl_actors(p)
    try:
        return read_actors(p)
    except LexiconError as exc:
        agent_line = _agent_code_line(p)
        if agent_line is None:
            raise
        raise LexiconError(
            p,
            agent_line,
            "this is a PETRARCH agents dictionary (agent codes such as [~GOV]), not an actors "
            "dictionary: read it with read_user_dictionaries()",
        ) from exc


@dataclass(frozen=True, slots=True)
class UserActors:
    """What a user's ``--actors`` files add to the gazetteer: actor entries (kg JSONL,
    PETRARCH ``.actors``) and agent nouns (PETRARCH ``.agents``: ``MILITIAMEN [~REB]``)."""

    entries: tuple[GazetteerEntry, ...] = ()
    agents: tuple[AgentEntry, ...] = ()


def read_user_dictionaries(paths: Iterable[Path | str]) -> UserActors:
    """Read each of ``paths`` as an actors or an agents dictionary, whichever it is (a
    PETRARCH agents dictionary has agent codes such as ``[~GOV]``; anything else is read by
    :func:`read_user_actors`). Errors name the file and line.
    """
    entries: list[GazetteerEntry] = []
    agents: list[AgentEntry] = []
    for path in paths:
        p = Path(path)
        if p.is_file() and not _looks_like_jsonl(p) and _agent_code_line(p) is not None:
            agents.extend(read_agents(p))
        else:
            entries.extend(read_user_actors(p))
    return UserActors(tuple(entries), tuple(agents))


def _agent_code_line(path: Path) -> int | None:
    """The first line of ``path`` with an agent code (``[~MIL]``, ``[NGO~]``), if any."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            code = line.split("#", 1)[0]
            if "[" in code and "~" in code.split("[", 1)[1]:
                return number
    return None
