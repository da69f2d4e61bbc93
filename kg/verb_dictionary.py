"""Reader for PETRARCH/TABARI verb dictionaries (``CAMEO.2.0.txt`` and its kin).

A verb dictionary (PETRARCH's ``dictionaries.rst``) holds synonym sets and verb blocks::

    &TIETYPES                          # a synonym set, used in patterns as &TIETYPES
    +MILITARY
    +ECONOMIC

    --- RESTORE  [064] ---             # a block and the code of its verbs
    RESTORE                            # the verbs of the block (own code optional)
    REESTABLISH {REESTABLISHED}
    - * TIES  [050]                    # patterns: words around the verb ('*') and a code
    - NOT * RELATIONS  [112]
    - * &TIETYPES TIES  [061]

kg reads the verbs (:class:`DictionaryVerb`) and the patterns (:class:`VerbPattern`) of every
block. A pattern's words must occur in order around the verb, other words may come between
them; words joined by ``_`` or grouped in ``{}`` must be consecutive. ``+`` (target), ``$``
(source), ``^`` and ``%`` mark actor positions and match nothing themselves: kg finds the actors
from the parse. A pattern whose code is ``[---]`` says the phrase codes no event.

>>> ties = {"TIETYPES": (("military",), ("economic",))}
>>> pattern = parse_pattern("- * (WITH +) &TIETYPES_TIES [061]", ties)
>>> pattern.after, pattern.prep, pattern.cameo
((((('with',),),), ((('military',), ('economic',)), (('ties',),))), 'with', '061')
>>> parse_code("064:064"), parse_code("---"), parse_code(":173"), parse_code("+++")
('064', None, None, '+++')
>>> reverse_code("042:043"), reverse_code("042"), reverse_code("042:---"), reverse_code(":173")
('043', None, None, '173')
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import LexiconError
from kg.petrarch import iter_dictionary_lines

__all__ = [
    "DictionaryVerb",
    "VerbBlock",
    "VerbDictionary",
    "VerbPattern",
    "is_cameo_code",
    "parse_code",
    "parse_pattern",
    "read_verb_dictionary",
    "reverse_code",
    "split_verb",
]

#: Words that follow a verb as its particle ("+PULL_OUT").
PARTICLES = frozenset(
    {"up", "down", "out", "off", "back", "away", "over", "in", "together", "forth", "behind",
     "aside"}
)  # fmt: skip
#: Prepositions a verb phrase ("+SIDE_WITH") or a pattern group ("(WITH +)") may start with.
PREPOSITIONS = frozenset(
    {
        "about", "across", "after", "against", "along", "among", "around", "as", "at", "before",
        "behind", "between", "by", "for", "from", "in", "inside", "into", "near", "of", "on",
        "onto", "outside", "over", "through", "to", "toward", "towards", "under", "upon", "with",
        "within",
    }
)  # fmt: skip

# Primary words of the shipped dictionaries that are not base forms.
_IRREGULAR_BASE = {
    "overthrew": "overthrow", "rallied": "rally", "angered": "anger", "shaken": "shake",
    "killed": "kill", "attacked": "attack", "kidnapped": "kidnap", "arrested": "arrest",
    "shot": "shoot", "is": "be", "forgave": "forgive", "forgiven": "forgive", "touring": "tour",
}  # fmt: skip

_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]")
_PATTERN = re.compile(r"^-\s*(.*?)\s*\[([^\]]*)\]")
_MARKERS = "+$^%"

#: One slot of a pattern: its alternatives, each a run of consecutive lowercase words (a
#: synonym set is one slot with many alternatives).
Slot = tuple[tuple[str, ...], ...]
#: One element of a pattern: slots that must follow each other with no word between.
Element = tuple[Slot, ...]


@dataclass(frozen=True, slots=True)
class DictionaryVerb:
    """A verb of a block: ``lemma`` (+ particle, + preposition) and the code it carries alone
    (its own, else its block's; None: the verb alone codes no event)."""

    lemma: str
    particle: str | None
    prep: str | None
    code: str | None
    line: int
    phrase: str = ""  # as the dictionary spells it, without "+": "PULL_OUT", "SHOT"
    #: the target's event toward the source ("LEFT [032:033]": a visit and its hosting)
    reverse: str | None = None


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """Words that must occur before (``before``) and after (``after``) the verb, in order.

    ``cameo`` is the pattern's code: a CAMEO code, ``None`` for ``[---]`` (no event) and for a
    target-only ``[:173]`` (then ``reverse`` holds the target's code), or the raw text of a
    code kg cannot use (``+++``). ``prep`` is the
    preposition of a group that starts the words after the verb (``* (WITH +)``): the target
    is its object.
    """

    before: tuple[Element, ...]
    after: tuple[Element, ...]
    cameo: str | None
    prep: str | None
    line: int
    text: str = ""  # the pattern as written: "* (WITH +) TALKS"
    comment: str = ""  # the comment of its line (CAMEO.2.0 names the verbs it was made for)
    #: the target's event toward the source, ``[042:043]``'s 043 (None: none)
    reverse: str | None = None
    #: for each element, the words it may start with: a quick test that a phrase may match
    starts: tuple[frozenset[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = tuple(
            frozenset(run[0] for run in element[0]) for element in self.before + self.after
        )
        object.__setattr__(self, "starts", starts)

    @property
    def size(self) -> int:
        """How many words the pattern asks for (more words: a more specific pattern)."""
        return sum(
            min(len(a) for a in slot) for element in self.before + self.after for slot in element
        )


@dataclass(frozen=True, slots=True)
class VerbBlock:
    """One ``--- NAME [CODE] ---`` block: its verbs and its patterns (for every verb)."""

    name: str
    line: int
    verbs: tuple[DictionaryVerb, ...]
    patterns: tuple[VerbPattern, ...]


def parse_code(text: str) -> str | None:
    """The code of a ``[...]`` field: the source's part of ``042:043``; None for ``---`` and
    for a target-only ``:173`` (the source does nothing; :func:`reverse_code` gives the
    target's event: "appeared before the court" is the court's 173 on the source).

    Anything else (``+++``, ``xxy``) comes back as written, for the caller to judge
    (:func:`is_cameo_code`).
    """
    text = text.strip().rstrip("!")
    if not text or text.startswith("---") or text.startswith(":"):
        return None
    first = text.split(":", 1)[0].strip()
    return first if first else text


def reverse_code(text: str) -> str | None:
    """The target's part of a ``[042:043]`` field (the target hosts the source's visit), when
    it is a CAMEO code; None when there is none."""
    _, colon, second = text.strip().rstrip("!").partition(":")
    code = second.strip()
    return code if colon and is_cameo_code(code) else None


def is_cameo_code(code: str | None) -> bool:
    """Whether ``code`` is a CAMEO event code: 2 to 4 digits under a root from 01 to 20.

    >>> is_cameo_code("0874"), is_cameo_code("345"), is_cameo_code(":173"), is_cameo_code(None)
    (True, False, False, False)
    """
    return code is not None and code.isdigit() and 2 <= len(code) <= 4 and 1 <= int(code[:2]) <= 20


def _base_form(word: str) -> str:
    word = word.lower()
    return _IRREGULAR_BASE.get(word, word)


def split_verb(token: str) -> tuple[str, str | None, str | None] | None:
    """``+PULL_OUT`` -> (pull, out, None); ``+SIDE_WITH`` -> (side, None, with).

    None when the phrase is not verb + particle/preposition (``WIRE_+TAP``, ``+WAGE_WAR``).

    >>> split_verb("+PULL_OUT"), split_verb("SIDE_WITH"), split_verb("WIRE_+TAP")
    (('pull', 'out', None), None, None)
    """
    parts = token.split("_")
    if len(parts) == 1:
        word = parts[0].lstrip("+")
        return (_base_form(word), None, None) if word.isalpha() else None
    if not parts[0].startswith("+") or any("+" in p for p in parts[1:]):
        return None
    verb = parts[0][1:]
    rest = [p.lower() for p in parts[1:] if p]
    if not verb.isalpha() or not rest:
        return None
    if len(rest) == 1 and rest[0] in PARTICLES:
        return _base_form(verb), rest[0], None
    if len(rest) == 1 and rest[0] in PREPOSITIONS:
        return _base_form(verb), None, rest[0]
    if len(rest) == 2 and rest[0] in PARTICLES and rest[1] in PREPOSITIONS:
        return _base_form(verb), rest[0], rest[1]
    return None


def _slots(item: str, synsets: Mapping[str, Slot], where: str) -> Element:
    """The consecutive slots an ``_``-joined item stands for (a synonym set is one slot)."""
    slots: list[Slot] = []
    for part in item.split("_"):
        part = part.strip(_MARKERS)
        if not part:
            continue
        if part.startswith("&"):
            name = part[1:].rstrip("_").upper()
            if name not in synsets:
                raise ValueError(f"{where}: unknown synonym set &{name}")
            slots.append(synsets[name])
        elif any(ch.isalnum() for ch in part):
            slots.append(((part.lower(),),))
    return tuple(slots)


def parse_pattern(
    text: str, synsets: Mapping[str, Slot], line: int = 0, comment: str = ""
) -> VerbPattern | None:
    """A ``- BEFORE * AFTER [CODE]`` line as a :class:`VerbPattern` (None: no ``*``).

    Raises ValueError when the pattern names an unknown synonym set.
    """
    match = _PATTERN.match(text.strip())
    if match is None or "*" not in match.group(1):
        return None
    # {A B}: consecutive words; (PREP ...): a prepositional group, its words in order
    body = re.sub(r"\{([^}]*)\}", lambda m: "_".join(m.group(1).split()), match.group(1))
    prep: str | None = None
    opening = re.match(r"^[^*]*\*\s*\(\s*([A-Za-z]+)", body)
    if opening and opening.group(1).lower() in PREPOSITIONS:
        prep = opening.group(1).lower()
    body = body.replace("(", " ").replace(")", " ")
    left, _, right = body.partition("*")
    where = f"pattern {match.group(1)!r}"
    before = tuple(e for e in (_slots(i, synsets, where) for i in left.split()) if e)
    after = tuple(e for e in (_slots(i, synsets, where) for i in right.split()) if e)
    written = " ".join(match.group(1).split())
    code = match.group(2)
    return VerbPattern(
        before, after, parse_code(code), prep, line, written, comment, reverse_code(code)
    )


def _synset_members(raw: list[tuple[int, str]], synsets: Mapping[str, Slot], path: Path) -> Slot:
    """The word runs of a synonym set (an item naming another set brings its runs)."""
    members: list[tuple[str, ...]] = []
    for line_no, item in raw:
        try:
            slots = _slots(item.replace(" ", "_"), synsets, f"synonym set item {item!r}")
        except ValueError as exc:
            raise LexiconError(path, line_no, str(exc)) from None
        if len(slots) == 1:
            members.extend(slots[0])
        elif slots and all(len(slot) == 1 for slot in slots):
            members.append(tuple(w for slot in slots for w in slot[0]))
        elif slots:
            raise LexiconError(path, line_no, f"synonym set item {item!r}: a set inside a phrase")
    return tuple(dict.fromkeys(members))


@dataclass(frozen=True, slots=True)
class VerbDictionary:
    """What :func:`read_verb_dictionary` read: the blocks, and the lines it could not use."""

    path: Path
    blocks: tuple[VerbBlock, ...]
    skipped: tuple[tuple[int, str], ...]  # (line, why) of each pattern left out


def read_verb_dictionary(path: Path | str) -> VerbDictionary:
    """The verb blocks of a PETRARCH/TABARI verb dictionary, in file order.

    Verbs that are not one word, verb + particle or verb + preposition (``WIRE_+TAP``) and
    patterns without ``*`` are not read; a pattern naming a synonym set the file does not
    define is left out and listed in :attr:`VerbDictionary.skipped` with its line.
    Transformations (``~`` lines) are not read.

    Raises
    ------
    LexiconError
        When the file cannot be read or a synonym set is malformed (file and line named).
    """
    path = Path(path)
    synsets: dict[str, Slot] = {}
    blocks: list[VerbBlock] = []
    pending: tuple[str, int, list[tuple[int, str]]] | None = None  # a synonym set being read
    block: tuple[str, int, str | None, str | None] | None = None
    verbs: list[DictionaryVerb] = []
    patterns: list[VerbPattern] = []
    skipped: list[tuple[int, str]] = []

    def close_synset() -> None:
        nonlocal pending
        if pending is not None:
            name, _, members = pending
            synsets[name] = _synset_members(members, synsets, path)
            pending = None

    def close_block() -> None:
        if block is not None:
            blocks.append(VerbBlock(block[0], block[1], tuple(verbs), tuple(patterns)))
        verbs.clear()
        patterns.clear()

    try:
        lines = list(iter_dictionary_lines(path))
    except OSError as exc:
        raise LexiconError(path, None, f"cannot read the verb dictionary: {exc}") from exc
    for line_no, content, comment in lines:
        text = content.strip()
        if text.startswith("+") and pending is not None:
            pending[2].append((line_no, text[1:].strip()))
            continue
        close_synset()
        if text.startswith("####"):
            if "TRANSFORMATION" in text.upper():
                break
            continue
        if text.startswith("&"):
            pending = (text[1:].split()[0].rstrip("_").upper(), line_no, [])
            continue
        header = _HEADER.match(text)
        if header:
            close_block()
            codes = header.group(2)
            block = (header.group(1), line_no, parse_code(codes), reverse_code(codes))
            continue
        if block is None or text.startswith("~"):
            continue
        if text.startswith("-"):
            try:
                pattern = parse_pattern(text, synsets, line_no, comment)
            except ValueError as exc:
                skipped.append((line_no, str(exc)))
                continue
            if pattern is not None:
                patterns.append(pattern)
            continue
        code_match = _CODE.search(text)
        token = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", text).split()
        split = split_verb(token[0]) if token else None
        if split is None:
            continue
        code = parse_code(code_match.group(1)) if code_match else block[2]
        reverse = reverse_code(code_match.group(1)) if code_match else block[3]
        phrase = token[0].lstrip("+").upper()
        verbs.append(
            DictionaryVerb(*split, code=code, line=line_no, phrase=phrase, reverse=reverse)
        )
    close_synset()
    close_block()
    return VerbDictionary(path, tuple(blocks), tuple(skipped))


def block_lemmas(block: VerbBlock) -> Iterator[tuple[str, str | None]]:
    """(lemma, particle) of each verb of ``block`` that its patterns apply to."""
    seen: set[tuple[str, str | None]] = set()
    for verb in block.verbs:
        key = (verb.lemma, verb.particle)
        if verb.prep is None and key not in seen:
            seen.add(key)
            yield key
