"""Relation rules over the dependency parse: who does what to whom, in each sentence.

A trigger is a verb of the relation lexicon ("backed", "mediated", "attacked"), a noun
of it ("talks", "offensive", "ally"), or a light verb + noun pair ("sought help from").
Arguments come from the parse: subjects and objects, ``by``-agents of passives, objects
of a rule's preposition, controllers of ``to``-infinitives ("trying to broker"), heads of
relative clauses ("Haftar, who is backed by ..."), conjuncts on both sides, ``between X
and Y``, and reciprocals ("accused each other"). Subjects never cross a clause of
reported speech: in "Moscow said Haftar left", Moscow is not the actor of "left".

Every :class:`~kg.datatypes.Event` records the rule that produced it, negation, modality,
a date, and a confidence derived from the rule and from how its actors were resolved.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from kg.actors import (
    ActorMentions,
    TokenMention,
    hyphen_participle,
    syntax_table,
    syntax_words,
)
from kg.datatypes import (
    Actor,
    ActorType,
    Document,
    Event,
    Mention,
    Modality,
    Provenance,
    QuadClass,
    RelationType,
)
from kg.dates import resolve_date
from kg.lexicon import PatternRule, RelationLexicon
from kg.petrarch import country_of_code
from kg.verb_dictionary import Element

__all__ = ["DISCARDED_KEY", "RULE_CONFIDENCE", "events_from_doc"]

#: ``Doc.user_data`` key under which :func:`events_from_doc` leaves the number of
#: sentences it did not code (``kg/data/discard.json``: sports, entertainment, ...).
DISCARDED_KEY = "kg:discarded"

#: Base confidence of each rule: how often a rule of that shape is right when its actors
#: are right. Multiplied by the resolution factor of each actor (``_KIND_FACTOR``).
RULE_CONFIDENCE: dict[str, float] = {
    "verb:active": 0.9,
    "verb:passive": 0.9,
    "verb:prep": 0.85,
    "verb:controlled": 0.8,
    "verb:relative": 0.85,
    "verb:pairwise": 0.8,
    "verb:reciprocal": 0.8,
    "verb:between": 0.8,
    "verb:counterpart": 0.6,
    "verb:object_phrase": 0.65,
    "verb:complement": 0.6,
    "verb:owner": 0.75,
    "verb:location": 0.5,
    "verb:destination": 0.55,
    "verb:place_agent": 0.5,
    "verb:venue": 0.6,
    "verb:instrument": 0.7,
    "verb:unattributed": 0.5,
    "verb:responsibility": 0.7,
    "verb:recipient": 0.7,
    "verb:headline": 0.5,
    "verb:speech_must": 0.6,
    "verb:hostile_call": 0.7,
    "noun:sponsor": 0.75,
    "noun:responsibility": 0.7,
    "noun:host": 0.65,
    "noun:prep": 0.75,
    "noun:light_verb": 0.75,
    "noun:pairwise": 0.7,
    "noun:between": 0.75,
    "noun:relational": 0.7,
    "noun:reciprocal": 0.7,
}
_KIND_FACTOR = {
    "name": 1.0,
    "metonym": 0.95,
    "adjective": 0.9,
    "agent": 0.9,
    "ner": 0.85,
    "pronoun": 0.85,
    "description": 0.8,
    "dyad": 0.8,
}
_SUBJ = ("nsubj", "csubj", "expl")
#: relations of nouns that have a topic ("talks on X", "an agreement over X")
_TALK_RELATIONS = frozenset({"negotiates_with", "meets", "agrees_with", "mediates"})
_CLAUSE_VERBS = ("VERB", "AUX")


@dataclass(frozen=True, slots=True)
class _Hit:
    source: TokenMention
    target: TokenMention
    relation: str
    cameo: str
    trigger: Token
    rule: str
    participants: tuple[TokenMention, ...] = ()
    #: the code is a user verb dictionary's: used as written (no intent recoding), and
    #: its verb is part of the event ("broke down a treaty" codes 161, not a denied treaty)
    user_coded: bool = False


# --- syntax helpers -------------------------------------------------------------------


def _conjuncts(tok: Token) -> list[Token]:
    """``tok`` and every token coordinated with it ("Egypt, Russia, the UAE and Jordan")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj" or (
            child.dep_ == "appos"
            and child.pos_ == "PROPN"
            # "the PLO (...) Chairman Yasser Arafat": a person beside an organisation is
            # its officer, not one more item of a list
            and not (
                tok.ent_type_
                and child.ent_type_
                and (child.ent_type_ == "PERSON") != (tok.ent_type_ == "PERSON")
            )
        ):
            out.extend(_conjuncts(child))
        elif child.dep_ == "appos" and any(t.text == ")" for t in tok.doc[tok.i + 1 : child.i]):
            # "Congolese army (FARDC) soldiers and M23 rebels": the list goes on after the
            # bracketed name
            out.extend(x for g in child.children if g.dep_ == "conj" for x in _conjuncts(g))
    return out


def _misparsed_main_verb(v: Token) -> bool:
    """Whether ``v``, attached as a clause of a noun, is the sentence's main verb: the
    sentence's root is a noun, ``v`` is the first verb after it and is (or is coordinated
    with) a finite past-tense verb, with no by-agent ("Doctors from two aid groups donated
    and delivered goods to X"; "Angola, which has mediated, called on ...")."""
    root = v.sent.root
    if (
        v.dep_ == "acl"
        and v.tag_ in ("VBD", "VBN")
        and v.head.dep_ == "nsubj"
        and v.head.head.i == root.i
        and root.i > v.i
        and root.lemma_.lower() in syntax_words("speech_verbs")
        and any(c.dep_ in ("dobj", "obj") for c in v.children)
        and not any(c.dep_ in ("agent", "aux", "auxpass") for c in v.children)
    ):
        # "Israeli airstrikes killed 20 Palestinians, officials said": a verb with an object
        # hung off the subject of a closing attribution is the main verb of the report
        return True
    if v.dep_ != "acl" or root.pos_ not in ("NOUN", "PROPN") or v.i < root.i:
        return False
    if any(c.dep_ == "agent" for c in v.children):
        return False
    # "Angola, which has mediated between them, called on ...": a relative clause or an
    # apposition of the root before the verb is no main verb
    inserted = {
        t.i
        for c in root.children
        if c.dep_ in ("relcl", "appos") and c.i < v.i and c.right_edge.i < v.i
        for t in c.subtree
    }
    if any(t.pos_ in ("VERB", "AUX") and t.i not in inserted for t in v.doc[root.i + 1 : v.i]):
        return False
    if v.tag_ == "VBN" and v.lemma_.lower() in syntax_words("intransitive_verbs"):
        # "Hundreds of students protested in Dhaka": a verb with no passive reading
        return not any(c.dep_ in ("dobj", "obj") for c in v.children)
    return v.tag_ == "VBD" or any(c.tag_ == "VBD" for c in _conjuncts(v)[1:])


def _is_passive(v: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in v.children):
        return True
    if v.tag_ == "VBN" and any(c.dep_ == "agent" for c in v.children):
        return True  # "– already signed by Sarraj –", however the parser attached it
    if v.dep_ == "acomp" and v.tag_ == "VBN":  # "Iran is opposed to ...": a copula's
        return True  # participle, passive in form
    return (
        v.dep_ in ("acl", "relcl", "amod")
        and v.tag_ == "VBN"
        and not any(c.dep_ in _SUBJ for c in v.children)
        and not _misparsed_main_verb(v)
    )


def _place_actor(m: TokenMention) -> bool:
    """Whether mention ``m`` names a place that stands for its authorities where something
    happens: a state, an unknown named place, or a region's breakaway authorities ("an
    operation in Nagorno-Karabakh")."""
    if m.kind not in ("name", "metonym", "ner"):
        return False
    if m.actor.type in (ActorType.STATE, ActorType.UNKNOWN):
        return True
    return m.kind == "metonym" and m.actor.type is ActorType.GOVERNMENT


def _plan_object_before(v: Token) -> Token | None:
    """The plan or attempt noun that is the object of the verb ``v``'s infinitive clause
    hangs off, right before the clause ("welcomed the initiative | to end the war"), when
    the verb does not voice the plan as its subject's ("announced plans to withdraw")."""
    if v.dep_ != "advcl" or v.head.pos_ not in _CLAUSE_VERBS:
        return None
    if v.head.lemma_.lower() in syntax_words("intent_holder_verbs"):
        return None
    before = v.doc[v.left_edge.i - 1] if v.left_edge.i > 0 else None
    if before is None or before.dep_ not in ("dobj", "obj") or before.head.i != v.head.i:
        return None
    nouns = syntax_words("plan_nouns") | syntax_words("attempt_nouns")
    return before if before.lemma_.lower() in nouns else None


def _plan_owner(noun: Token) -> list[Token]:
    """Who a plan noun is of: its possessor, its adjective or compound ("the American
    initiative", "Egypt's proposal"), its "by" agents; none if no word says."""
    for c in noun.children:
        if c.dep_ == "poss":
            return _conjuncts(c)
    owners = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i]
    return owners or _by_agents(noun)


def _clause_subjects(v: Token, depth: int = 0) -> tuple[list[Token], str]:
    """Subjects of verb ``v`` (its own, or its controller's) and how they were found."""
    if depth > 6:
        return [], "none"
    subs = [c for c in v.children if c.dep_ in _SUBJ]
    if subs:
        s = subs[0]
        if s.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
            return _conjuncts(v.head), "relative"
        if s.pos_ == "VERB" and s.tag_ == "VBG":
            # "The Red Cross operating in Iraq said ...": a participle parsed as the subject
            inner = [c for c in s.children if c.dep_ == "nsubj"]
            if inner:
                return _conjuncts(inner[0]), "own"
        if len(subs) > 1 and all(t.pos_ in ("NOUN", "PROPN") for t in subs):
            # "Old foes Gondor and Osgiliath have renewed ties": a description and the
            # names it describes, parsed as two subjects
            return [t for sub in subs for t in _conjuncts(sub)], "own"
        return _conjuncts(s), "own"
    if v.dep_ == "relcl":
        return _conjuncts(v.head), "relative"
    if v.dep_ == "acomp" and v.head.pos_ in _CLAUSE_VERBS:  # "Iran is opposed to ..."
        own = [c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if own:
            return _conjuncts(own[0]), "own"
    if (
        v.dep_ == "xcomp"
        and v.head.pos_ in ("ADJ", "ADV", "ADP")
        and v.head.head.pos_ in _CLAUSE_VERBS
    ):
        # "Arnor is about to restore ties", "Syria is willing to withdraw"
        own = [c for c in v.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if own:
            return _conjuncts(own[0]), "controlled"
        return _clause_subjects(v.head.head, depth + 1)
    if v.dep_ == "xcomp" or (
        v.dep_ in ("advcl", "ccomp")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
        and v.dep_ == "advcl"
    ):
        head = v.head
        planned = _plan_object_before(v)
        if planned is not None:
            # "welcomed the American initiative to end the war" (the infinitive parsed as
            # the verb's): the plan's owner acts, not who welcomes or rejects it
            return _plan_owner(planned), "controlled"
        if head.pos_ in _CLAUSE_VERBS and head.lemma_.lower() in syntax_words("request_verbs"):
            # object control: "called on Russia to withdraw", "urged Iran to stop"
            controllers = _objects(head) or _called_on(head)
            if controllers:
                return controllers, "controlled"
        if head.pos_ in _CLAUSE_VERBS and head.lemma_.lower() in syntax_words(
            "object_control_verbs"
        ):
            # "the ICJ ordered Israel to prevent genocide", "forced the army to withdraw"
            # (not a phrasal verb: "forced down a Ryanair flight to arrest a journalist")
            controllers = [] if _particles(head) else _objects(head)
            if controllers:
                return controllers, "controlled"
        if head.pos_ in _CLAUSE_VERBS:
            own = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if own:
                return _conjuncts(own[0]), "controlled"
            found, how = _clause_subjects(head, depth + 1)
            return found, "controlled" if found else how
        if head.pos_ in ("NOUN", "PROPN"):  # "Russia's attempts to broker ..."
            poss = [c for c in head.children if c.dep_ == "poss"]
            agent = _by_agents(head)
            if poss:
                return _conjuncts(poss[0]), "controlled"
            if agent:
                return agent, "controlled"
    if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
        if _misparsed_main_verb(v):
            # "Doctors from two aid groups donated ...": a finite verb the parser hung
            # off the sentence's first noun, which is its subject
            root = v.sent.root
            return _conjuncts(root if root.pos_ in ("NOUN", "PROPN") else v.head), "own"
        if v.tag_ == "VBG":
            holder = _governing_verb(v.head)
            if (
                holder is not None
                and holder.lemma_.lower() in syntax_words("light_verbs")
                and v.head.dep_ in ("dobj", "obj")
                and not any(
                    c.dep_ in ("compound", "amod") and c.pos_ == "PROPN" for c in v.head.children
                )
            ):
                # "issued a declaration demanding that ...": the issuer demands
                own = [c for c in holder.children if c.dep_ == "nsubj"]
                if own and v.head.pos_ == "NOUN" and v.head.tag_ == "NN":
                    return _conjuncts(own[0]), "controlled"
            return _conjuncts(v.head), "relative"
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
            poss = [c for c in v.head.children if c.dep_ == "poss"]
            if poss:
                return _conjuncts(poss[0]), "controlled"
            holder = v.head.head
            if (
                v.head.dep_ in ("dobj", "obj")
                and v.head.lemma_.lower()
                in syntax_words("plan_nouns") | syntax_words("attempt_nouns")
                and holder.lemma_.lower() in syntax_words("intent_holder_verbs")
            ):
                # "Japan expressed willingness to send aid", "the US announced plans to
                # withdraw": who voices the plan holds it
                own = [c for c in holder.children if c.dep_ == "nsubj"]
                if own:
                    return _conjuncts(own[0]), "controlled"
    if (
        v.dep_ == "conj"
        and v.tag_ == "VBG"
        and v.head.pos_ == "NOUN"
        and v.head.dep_ == "pobj"
        and v.head.head.lower_ in syntax_words("object_control_preps")
        and v.head.head.head.pos_ in _CLAUSE_VERBS
    ):
        # "accused Eritrea of training and arming rebels": the first gerund parsed as a
        # noun; the one accused does both
        objs = [c for c in v.head.head.head.children if c.dep_ in ("dobj", "obj")]
        if objs:
            return _conjuncts(objs[0]), "controlled"
    if v.dep_ == "conj" and v.head.pos_ in _CLAUSE_VERBS:
        own = [c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if own and not _is_passive(v.head):
            return _conjuncts(own[0]), "controlled"
        return _clause_subjects(v.head, depth + 1)
    if (
        v.dep_ == "pcomp"
        and v.head.dep_ == "prep"
        and v.head.lower_ in syntax_words("object_control_preps")
        and v.head.head.pos_ in ("NOUN", "PROPN")
        and v.head.head.dep_ in ("dobj", "obj")
        and v.head.head.head.lemma_.lower() in syntax_words("charging_verbs")
    ):
        # "accused the army of bombing civilians": the "of" phrase hung off the object
        return _conjuncts(v.head.head), "controlled"
    if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ in _CLAUSE_VERBS:
        verb = v.head.head
        if v.head.lower_ in syntax_words("object_control_preps"):
            # "accused the RSF of shelling Khartoum", "warned the US against selling arms":
            # the one accused or warned is who does it
            objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
            if not objs and _is_passive(verb):  # "the UAE has been accused of supplying"
                objs = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if objs:
                return _conjuncts(objs[0]), "controlled"
        own = [c for c in verb.children if c.dep_ in ("nsubj",)]
        if own:
            return _conjuncts(own[0]), "controlled"
        return _clause_subjects(verb, depth + 1)
    if v.dep_ == "advcl" and v.tag_ in ("VBG", "VBN") and v.head.pos_ in _CLAUSE_VERBS:
        own = [c for c in v.head.children if c.dep_ == "nsubj"]
        if own:
            return _conjuncts(own[0]), "controlled"
        if v.head.dep_ == "conj":
            # "infiltrated Israel and attacked kibbutzim, killing civilians": the subject
            # of the first verb
            found, how = _clause_subjects(v.head, depth + 1)
            return found, "controlled" if found else how
    return [], "none"


def _called_on(v: Token) -> list[Token]:
    """Those "called on" or "upon" to act, also when spaCy parses "on" as a particle with
    its own object ("Hamas called on Palestinians to ...")."""
    return [
        t
        for c in v.children
        if c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon")
        for o in c.children
        if o.dep_ == "pobj"
        for t in _conjuncts(o)
    ]


def _by_agents(tok: Token) -> list[Token]:
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend(_conjuncts(pobj))
    return out


def _prep_objects(tok: Token, preps: Iterable[str]) -> list[Token]:
    wanted = set(preps)
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in wanted:
            pobjs = [p for p in child.children if p.dep_ == "pobj"] or _stranded_object(child)
            for pobj in pobjs:
                out.extend(_conjuncts(pobj))
        elif child.dep_ == "prt" and child.lower_ in wanted:
            # "called on Palestinians to ...": a particle parsed with the object of the
            # preposition it is ("crack down on X" keeps its prep apart, after the prt)
            out.extend(t for p in child.children if p.dep_ == "pobj" for t in _conjuncts(p))
        elif _is_particle(child):
            # "pulled out of Kherson": the preposition hangs off the particle
            out.extend(_prep_objects(child, wanted))
    return out


def _light_pair(lexicon: RelationLexicon, verb: Token, noun: Token) -> bool:
    """Whether ``verb`` and ``noun`` are a light-verb pair of the lexicon ("halted aid",
    "broke a treaty"): the verb is part of the noun's event, not a denial of it."""
    lemma = verb.lemma_.lower()
    return any((lemma, key) in lexicon.light_verbs for key in _noun_keys(noun))


def _is_particle(tok: Token) -> bool:
    """Whether ``tok`` is an adverbial particle the parser made a preposition or adverb with
    a preposition of its own ("out" of "pulled out of Kherson")."""
    return (
        tok.dep_ in ("prep", "advmod", "prt")
        and tok.lower_ in syntax_words("phrasal_particles")
        and any(c.dep_ == "prep" for c in tok.children)
    )


def _particles(v: Token) -> set[str]:
    """The particles of verb ``v``, also those parsed as prepositions ("pulled out of")."""
    return {c.lower_ for c in v.children if c.dep_ == "prt" or _is_particle(c)}


def _anonymous_agent(m: TokenMention, any_sector: bool = False) -> bool:
    """Whether ``m`` is a bare agent noun of no country: armed or official ("troops",
    "forces", "officials"), beyond the object most often the subject's own side; with
    ``any_sector`` also people ("communities", "civilians"), whom a complement names as
    those the act is for rather than a party to it."""
    code = m.actor.code or ""
    return (
        m.kind == "agent"
        and m.actor.country is None
        and not m.actor.resolved
        and (any_sector or code[3:6] in ("MIL", "REB", "INS", "UAF", "GOV", "COP"))
    )


def _stranded_object(prep: Token) -> list[Token]:
    """The object of a preposition that spaCy made the subject of a participle after it
    ("granted asylum to five officers holed up in a residence": "officers" is parsed as
    the subject of "holed"; "fired at protesters hurling stones": of a gerund)."""
    doc = prep.doc
    if prep.i + 1 >= len(doc):
        return []
    for clause in prep.children:
        if clause.dep_ == "pcomp":
            # "fired tear gas at protesters hurling stones": the gerund's subject
            return [
                t
                for c in clause.children
                if c.dep_ == "nsubj" and c.left_edge.i == prep.i + 1 and clause.tag_ == "VBG"
                for t in _conjuncts(c)
            ]
    for t in doc[prep.i + 1 : min(len(doc), prep.i + 8)]:
        if t.left_edge.i != prep.i + 1:
            continue
        verb = t.head
        if (
            t.dep_ in ("nsubj", "nsubjpass")
            and verb.i > t.i
            # "opened fire on ANC supporters marching in Ciskei": or of a gerund
            and verb.tag_ in ("VBN", "VBD", "VBG")
            and verb.dep_ in ("advcl", "ccomp", "conj", "relcl", "acl")
            and not any(c.dep_ == "aux" for c in verb.children)
        ):
            return [t]
    return []


def _objects(v: Token) -> list[Token]:
    out: list[Token] = []
    for child in v.children:
        if child.dep_ in ("dobj", "obj"):
            out.extend(_conjuncts(child))
    if not out:
        out.extend(_counted_object(v))
    if not out:
        out.extend(_named_object(v))
    if not out:
        out.extend(_shifted_object(v))
    if not out:
        out.extend(_controlled_subject(v))
    if not out:
        out.extend(_raised_object(v))
    return out


_BARE_VERB_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "cc", "conj"})


def _raised_object(v: Token) -> list[Token]:
    """The object a bare verb shares with the verb coordinated right after it: "Russia
    attacked and bombed Kyiv", "backs and funds the M23" (not when the second verb has a
    subject of its own: "Russia attacked and Ukraine retaliated")."""
    partner = _raising_partner(v)
    if partner is None:
        return []
    return [t for c in partner.children if c.dep_ in ("dobj", "obj") for t in _conjuncts(c)]


def _raising_partner(v: Token) -> Token | None:
    """The verb coordinated right after bare verb ``v`` that holds their shared
    object and adjuncts ("attacked and bombed Kyiv on Monday"), or None."""
    doc = v.doc
    # (a cheap test first: this runs for every verb with no object)
    if v.pos_ != "VERB" or v.i + 1 >= len(doc) or doc[v.i + 1].pos_ not in ("CCONJ", "PUNCT"):
        return None
    nxt = None
    for c in v.children:
        dep = c.dep_
        if dep not in _BARE_VERB_DEPS and dep != "punct":
            return None
        if nxt is None and dep == "conj" and c.pos_ == "VERB":
            nxt = c
    if nxt is None or any(t.pos_ not in ("CCONJ", "PUNCT", "ADV") for t in doc[v.i + 1 : nxt.i]):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in nxt.children):
        return None
    return nxt


def _controlled_subject(v: Token) -> list[Token]:
    """The object of "allowed the Muslim Brotherhood to hold a rally", which spaCy parses
    as the subject of a "to" clause: the one told, allowed or asked to act."""
    for clause in v.children:
        if (
            # "met opposition leader Raila Odinga to defuse tensions": parsed as a purpose
            # clause with a subject of its own
            clause.dep_ in ("ccomp", "advcl")
            and clause.i > v.i
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
            and not any(c.dep_ == "mark" for c in clause.children)
        ):
            return [t for c in clause.children if c.dep_ == "nsubj" for t in _conjuncts(c)]
    return []


def _shifted_object(v: Token) -> list[Token]:
    """The object moved after its "as" phrase ("denounced as an ugly crime Serbia's
    suppression of ..."), which the parser hangs off the phrase as an apposition."""
    for prep in v.children:
        if prep.dep_ == "prep" and prep.lower_ == "as" and prep.i > v.i:
            pobjs = [c for c in prep.children if c.dep_ == "pobj"]
            if len(pobjs) > 1:  # or as a second object of "as"
                return pobjs[1:]
            return [c for p in pobjs for c in p.children if c.dep_ == "appos" and c.i > p.i]
    return []


def _named_object(v: Token) -> list[Token]:
    """The object of "condemned what it called Israeli aggression": the free relative
    "what" names its object through a verb of naming ("call", "describe as", "term")."""
    naming = syntax_words("naming_verbs")
    for clause in v.children:
        if clause.dep_ not in ("ccomp", "dobj") or clause.lemma_.lower() not in naming:
            continue
        if not any(c.lower_ == "what" for c in clause.children):
            continue
        for c in clause.children:
            if c.dep_ in ("oprd", "attr", "xcomp"):
                return _conjuncts(c)
            if c.dep_ == "prep" and c.lower_ == "as":  # "what it described as an invasion"
                return [o for o in c.children if o.dep_ == "pobj"]
    return []


def _counted_object(v: Token) -> list[Token]:
    """The object of "kidnapped up to 16 Russian advisers", which spaCy parses as a particle
    "up" and a phrase "to 16 ... advisers": the counted noun after "up to"."""
    for prt in v.children:
        if prt.dep_ != "prt" or prt.lower_ != "up" or prt.i + 1 >= len(prt.doc):
            continue
        to = prt.doc[prt.i + 1]
        if to.lower_ == "to" and to.head.i in (v.i, prt.i):
            return [
                t
                for c in to.children
                if c.dep_ == "pobj" and any(n.dep_ == "nummod" for n in c.children)
                for t in _conjuncts(c)
            ]
    return []


def _patients(v: Token) -> list[Token]:
    if v.dep_ == "acomp" and v.head.pos_ in _CLAUSE_VERBS:
        return [
            s for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass") for s in _conjuncts(c)
        ]
    subs = [c for c in v.children if c.dep_ in ("nsubjpass", "csubjpass")]
    if subs:
        s = subs[0]
        if s.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
            return _conjuncts(v.head)
        return _conjuncts(s)
    if v.dep_ in ("acl", "relcl", "amod") and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return _conjuncts(v.head)
    if v.dep_ == "conj":
        return _patients(v.head)
    return []


_TARGET_PREPS = ("with", "to", "against", "toward", "towards", "on", "between", "for", "from")
_CLAUSAL = ("relcl", "ccomp", "advcl", "acl", "csubj", "parataxis", "xcomp")


def _phrase_target_groups(
    heads: Iterable[Token], preps: Iterable[str] = _TARGET_PREPS
) -> Iterator[list[Token]]:
    """Objects of target-like prepositions inside noun phrases or clauses ``heads``, in
    breadth-first order, not crossing into other clauses: "a resumption of ties with X"
    -> [X]."""
    wanted = set(preps)
    negating = syntax_words("negating_preps")
    for head in heads:
        queue = [head]
        while queue:
            tok = queue.pop(0)
            for child in tok.children:
                if child.dep_ == "acl" and child.tag_ == "VBN":
                    # "a proposal put forward by Egypt": whose the thing is (not who brokered
                    # it: "agreed to a ceasefire brokered by Turkey" is no deal with Turkey)
                    mediated = child.lower_ in syntax_words("mediation_participles")
                    agents = [] if mediated else _by_agents(child)
                    if agents:
                        yield agents
                    continue
                if child.dep_ in _CLAUSAL:
                    continue
                if child.dep_ == "prep" and child.lower_ in negating:
                    continue  # "agreed to resign without returning to Kyrgyzstan"
                if child.dep_ == "prep" and child.lower_ in wanted:
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        yield [t for o in objs for t in _conjuncts(o)]
                queue.append(child)


def _phrase_targets(heads: Iterable[Token]) -> list[Token]:
    """The first group of :func:`_phrase_target_groups` (kept for simple callers)."""
    return next(_phrase_target_groups(list(heads)), [])


def _phrase_heads(n: Token) -> list[Token]:
    """A noun, the measure it is counted in ("state" of "a state of emergency") and its
    participle modifiers ("the curfew imposed in Sudan"): where its phrases may hang."""
    heads = [n]
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.pos_ in ("NOUN", "NUM"):
        heads.append(n.head.head)
    heads += [c for h in list(heads) for c in h.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    return heads


def _measure_of(prep: Token) -> bool:
    """Whether ``prep`` joins a thing to its measure: "tons of aid", "$5 billion in aid"."""
    measure = prep.head
    if prep.lower_ == "of":
        return measure.pos_ in ("NOUN", "NUM")
    return prep.lower_ == "in" and (
        measure.pos_ == "NUM" or measure.ent_type_ in ("MONEY", "QUANTITY")
    )


def _object_dep(n: Token) -> str:
    """The dependency of a noun, or of the first conjunct it is coordinated with
    ("providing photographs and intelligence": "intelligence" is an object too), or of
    the measure it is counted in ("tons of aid")."""
    while n.head.i != n.i:
        if n.dep_ == "conj":
            n = n.head
        elif n.dep_ == "pobj" and _measure_of(n.head):
            # "provide 25,000 tons of food aid", "$5 billion in aid": the measure is the object
            n = n.head.head
        else:
            break
    return str(n.dep_)


def _noun_keys(n: Token) -> list[str]:
    """Lexicon keys of a noun, most specific first: "hunger strike", then "strike"; a
    modifier further left counts too, nearest first ("joint military exercises": "military
    exercise", "joint exercise", "exercise")."""
    lemma = n.lemma_.lower()
    if n.ent_type_ == "MONEY" and not n.is_alpha:
        return ["money"]  # "gave $2 billion to Ukraine": a sum is money
    keys = [
        f"{m.lower_} {lemma}"
        for m in reversed(list(n.lefts))
        if m.dep_ in ("compound", "amod", "nmod") and m.is_alpha
    ]
    if lemma != "money" and (n.ent_type_ == "MONEY" or lemma in syntax_words("currency_nouns")):
        keys.append("money")  # "pledged 50 million euros", "2 billion"
    return [*keys, lemma]


_PHRASE_DEPS = frozenset(
    {"dobj", "obj", "prt", "prep", "pobj", "dative", "attr", "oprd", "acomp", "advmod", "npadvmod",
     "amod", "compound", "nmod", "det", "poss", "nummod", "quantmod", "pcomp", "case", "neg"}
)  # fmt: skip


def _phrase_tokens(t: Token) -> Iterator[Token]:
    """``t`` and the words of its phrase, without the clauses hanging from it."""
    yield t
    for c in t.children:
        if c.dep_ in _PHRASE_DEPS:
            yield from _phrase_tokens(c)


#: Marks a word that modifies a noun ("research" of "a research center"): the package's
#: patterns must end on a phrase's head, not on such a modifier.
_MODIFIER = "\x00modifier"
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


def _pattern_words(v: Token) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """The words a verb pattern is matched against: before the verb (its own left words
    and the verbs it hangs from: "said would *") and after it (its objects and
    prepositional phrases, not the clauses below them), each token as its lowercase form
    and lemma."""
    left = [t for t in v.subtree if t.i < v.i] + [a for a in v.ancestors if a.i < v.i]
    left.sort(key=lambda t: t.i)
    right = sorted(
        (t for c in v.children if c.i > v.i and c.dep_ in _PHRASE_DEPS for t in _phrase_tokens(c)),
        key=lambda t: t.i,
    )

    def words(toks: list[Token]) -> list[tuple[str, ...]]:
        return [
            (t.lower_, t.lemma_.lower(), _MODIFIER)
            if t.dep_ in _MODIFIER_DEPS
            else (t.lower_, t.lemma_.lower())
            for t in toks
        ]

    return words(left), words(right)


def _element_at(words: Sequence[tuple[str, ...]], pos: int, element: Element) -> int | None:
    """Where ``element`` ends when it starts at ``pos`` of ``words`` (None: it does not)."""
    for slot in element:
        for run in slot:
            end = pos + len(run)
            if end <= len(words) and all(w in words[pos + k] for k, w in enumerate(run)):
                pos = end
                break
        else:
            return None
    return pos


def _elements_match(
    words: Sequence[tuple[str, ...]], elements: tuple[Element, ...], ends_on_head: bool = False
) -> bool:
    """Whether ``elements`` occur in ``words`` in order (other words may come between);
    with ``ends_on_head``, the last word matched must not be a noun's modifier."""
    pos = 0
    for number, element in enumerate(elements, start=1):
        while pos < len(words):
            end = _element_at(words, pos, element)
            last = number == len(elements)
            if end is not None and not (ends_on_head and last and _MODIFIER in words[end - 1]):
                pos = end
                break
            pos += 1
        else:
            return False
    return True


def _stranded(v: Token, prep: str) -> bool:
    """Whether ``v`` has preposition ``prep`` with no object of its own: a prepositional
    passive ("was fired on by", "was shot at")."""
    return any(
        c.lower_ == prep
        and c.dep_ in ("prep", "prt")
        and not any(o.dep_ == "pobj" for o in c.children)
        for c in v.children
    )


def _between(tok: Token, direct: bool = False) -> list[Token]:
    """Arguments of "between X and Y" anywhere under ``tok`` (``direct``: on ``tok``
    itself, as in "clashes erupted between X and Y")."""
    for t in tok.children if direct else tok.subtree:
        if t.dep_ == "prep" and t.lower_ in ("between", "among"):
            for pobj in t.children:
                if pobj.dep_ == "pobj":
                    return _conjuncts(pobj)
    return []


def _governing_verb(tok: Token, depth: int = 0) -> Token | None:
    """The verb a noun is an argument of: through one preposition, or up an "of" chain
    ("held eight hours of direct talks" -> held)."""
    head = tok.head
    if depth > 3 or head.i == tok.i:
        return None
    if tok.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "attr", "oprd") and head.pos_ in (
        _CLAUSE_VERBS
    ):
        return head
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        if head.head.pos_ in _CLAUSE_VERBS:
            return head.head
        particle = head.head
        # "pulled out of the deal", "walked away from the talks"
        if _is_particle(particle) and particle.head.pos_ in _CLAUSE_VERBS:
            return particle.head
        if _measure_of(head):
            return _governing_verb(head.head, depth + 1)
    if tok.dep_ == "conj":
        return _governing_verb(head, depth + 1)
    return None


def _claimants(claimer: Token) -> list[Token]:
    """Who claims through verb ``claimer``: its by-agent when passive, else its subject."""
    return _by_agents(claimer) if _is_passive(claimer) else _clause_subjects(claimer)[0]


# --- the extractor --------------------------------------------------------------------


def _target_only(rule: PatternRule) -> bool:
    """A ``[:072]`` pattern: the target acts on the source, the source does nothing."""
    return rule.pattern.cameo is None and rule.pattern.reverse is not None


@functools.lru_cache(maxsize=4096)
def _patterns_by_start(lexicon: RelationLexicon, lemma: str) -> Mapping[str, tuple[int, ...]]:
    """Word -> the positions of the verb's patterns whose first element may start with it:
    only patterns with a word of the phrase are tried."""
    found: dict[str, list[int]] = {}
    for i, rule in enumerate(lexicon.patterns.get(lemma, ())):
        for word in rule.pattern.starts[0] if rule.pattern.starts else ("",):
            found.setdefault(word, []).append(i)  # "": a pattern of no words, always tried
    return MappingProxyType({w: tuple(ix) for w, ix in found.items()})


@functools.lru_cache(maxsize=8)
def _light_words(lexicon: RelationLexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The light verbs (syntax.json's and the lexicon's pairs') and the pairs' nouns, made
    once per lexicon, not once per document."""
    verbs = syntax_words("light_verbs") | {v for v, _ in lexicon.light_verbs}
    return frozenset(verbs), frozenset(noun for _, noun in lexicon.light_verbs)


@functools.cache
def _syntax_table(key: str) -> Mapping[str, str]:
    """A read-only word table of syntax.json, read once."""
    return MappingProxyType(syntax_table(key))


class _SentenceExtractor:
    def __init__(self, table: ActorMentions, lexicon: RelationLexicon) -> None:
        self.table = table
        self.lexicon = lexicon
        self._noun_hits: dict[int, list[_Hit]] = {}
        self._patterns: dict[int, PatternRule | None] = {}
        self.event_nouns = syntax_words("event_nouns")
        self.light_verbs, self.light_nouns = _light_words(lexicon)
        self.speech_verbs = syntax_words("speech_verbs")
        self.speech_nouns = syntax_words("speech_nouns")
        self.hostile_call_verbs = syntax_words("hostile_call_verbs")
        self.sponsor_participles = syntax_words("sponsor_participles")
        self.mediation_participles = syntax_words("mediation_participles")
        self.placement_preps = syntax_words("placement_preps")
        self.frame_preps = syntax_words("frame_preps")
        self.casualty_verbs = syntax_words("casualty_verbs")
        self.resultative_verbs = syntax_words("resultative_verbs")
        self.kind_of_heads = syntax_words("kind_of_heads")
        self.recipient_relations = syntax_words("recipient_relations")
        self.unattributed_nouns = syntax_words("unattributed_attack_nouns")
        self.unattributed_relations = syntax_words("unattributed_relations")
        self.event_place_preps = syntax_words("event_place_preps")
        self.topic_verbs = syntax_words("topic_verbs")
        self.time_preps = syntax_words("time_preps")
        self.topic_preps = syntax_words("topic_preps")
        self.attribution_verbs = syntax_words("attribution_verbs")
        self.responsibility_nouns = syntax_words("responsibility_nouns")
        # heads whose modifier, not their owner, says who they are ("bin Laden's al-Qaeda
        # network", "Israel's militia ally")
        self.identity_heads = syntax_words("relational_nouns") | syntax_words("group_heads")
        self.claim_verbs = syntax_words("claim_verbs")
        self.hostile_call = _syntax_table("hostile_call")
        self.accusing_verbs = _syntax_table("accusing_verbs")
        self.relational_nouns = syntax_words("relational_nouns")
        self.praise_for_things = syntax_words("praise_verbs_for_things")
        self.location_targets = syntax_words("location_target_relations")
        self.destination_relations = syntax_words("destination_relations")
        self.place_agent_relations = syntax_words("place_agent_relations")
        self.arrival_verbs = syntax_words("arrival_verbs")
        self.departure_verbs = syntax_words("departure_verbs")
        self.troop_nouns = syntax_words("troop_nouns")
        self.location_preps = tuple(sorted(syntax_words("location_target_preps")))
        self.blast_verbs = syntax_words("blast_verbs")
        self.calming_verbs = syntax_words("calming_verbs")
        self.command_verbs = syntax_words("command_verbs")
        self.reaction_relations = syntax_words("reaction_relations")
        self.content_nouns = syntax_words("content_nouns")
        self.summary_nouns = syntax_words("summary_nouns")
        self.reason_preps = syntax_words("reason_preps")
        self.blast_preps = tuple(sorted(syntax_words("blast_target_preps")))
        self.obligation_aux = syntax_words("obligation_aux")
        self.clause_subject_targets = syntax_words("clause_subject_relations")
        self.deep_target_relations = syntax_words("deep_target_relations")
        self.act_object_relations = syntax_words("act_object_relations")
        self.hypothetical_dets = syntax_words("hypothetical_dets")
        self.hosting_verbs = syntax_words("hosting_verbs")
        self.deployment_relations = syntax_words("deployment_relations")
        self.concessive_relations = syntax_words("concessive_relations")
        self.concessive_preps = syntax_words("concessive_preps")
        self.deployment_preps = tuple(sorted(syntax_words("deployment_preps")))
        self.peace_words = syntax_words("peace_words")
        self.stative_passives = _syntax_table("stative_passives")
        self.venue_agent_verbs = syntax_words("venue_agent_verbs")
        self.exchange_verbs = syntax_words("exchange_verbs")
        self.material_target_preps = tuple(sorted(syntax_words("material_target_preps")))
        self.grievance_relations = syntax_words("grievance_relations")
        self.source_from_relations = syntax_words("source_from_relations")
        self.request_verbs = syntax_words("request_verbs")
        self.urging_verbs = self.request_verbs | self.hostile_call_verbs
        self.response_verbs = syntax_words("response_verbs")
        self.negating_verbs = syntax_words("negating_verbs")
        self.negating_prep_heads = syntax_words("negating_prep_heads")
        self.joining_verbs = syntax_words("joining_verbs")
        self.state_nouns = syntax_words("state_nouns")
        self.partitive_heads = syntax_words("partitive_heads")
        self.grievance_preps = syntax_words("grievance_preps")
        self.grievance_frames = syntax_words("grievance_frames")
        self.grievance_clause_preps = tuple(sorted(syntax_words("grievance_clause_preps")))

    # arguments --------------------------------------------------------------------
    def _resolve_np(self, t: Token, depth: int = 0) -> list[TokenMention]:
        """The actors a noun phrase stands for: its head, else its owner ("Turkey's
        efforts", "aid for Romania and Poland", "an attack by Osgiliath soldiers", "its
        European Community partners")."""
        m = self.table.resolve(t)
        if m is not None:
            return [m]
        if t.pos_ not in ("NOUN", "PROPN") or depth > 1:
            return []
        for child in t.children:
            # a named owner first: "Sweden's NATO membership" is Sweden's (not "its EC
            # partners", not "Israel's militia ally": a relational noun is its modifier)
            if child.dep_ == "poss" and t.lemma_.lower() not in self.identity_heads:
                pm = self.table.resolve(child)
                if pm is not None and pm.kind != "pronoun":
                    return [pm]
        modifiers = [c for c in t.children if c.dep_ in ("compound", "amod", "nmod") and c.i < t.i]
        act = any(k in self.lexicon.nouns for k in _noun_keys(t))
        if act:
            # "a drone strike attributed to Turkey", "an attack blamed on Hamas"
            for acl in t.children:
                if acl.dep_ == "acl" and acl.lemma_.lower() in self.attribution_verbs:
                    found = self.mentions(_prep_objects(acl, ["to", "on"]))
                    if found:
                        return found
        if act:
            # "US Predator attacks": the actor of an event may modify its modifier
            modifiers += [
                g for c in modifiers for g in c.children if g.dep_ in ("compound", "amod", "nmod")
            ]
        for child in modifiers:
            cm = self.table.at(child.i)
            if cm is not None and cm.kind in ("name", "metonym", "adjective", "agent", "ner"):
                if hyphen_participle(t.doc[cm.end - 1], "likeness_suffixes") is not None:
                    continue  # "a Bosnia-style civil war" is not Bosnia's
                return [cm]
        for child in t.children:
            if child.dep_ == "poss":
                pm = self.table.resolve(child)
                return [pm] if pm is not None else []
        # "the arrest of activists by the police": the agent before the patient
        preps = sorted(
            (c for c in t.children if c.dep_ == "prep" and c.lower_ in ("of", "by", "for")),
            key=lambda c: c.lower_ != "by",
        )
        for child in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = [x for c in _conjuncts(pobj) for x in self._resolve_np(c, depth + 1)]
                    if found:
                        return found
        return []

    def mentions(self, toks: Iterable[Token]) -> list[TokenMention]:
        toks = list(toks)
        given = {t.i for t in toks}
        out: list[TokenMention] = []
        for m in (
            x for t in toks if not self._described_by_name(t, given) for x in self._resolve_np(t)
        ):
            if m.kind == "dyad":
                pair = self.table.dyad_before(m.start)
                if pair is None:
                    continue
                word = self.table.doc[m.head].lemma_.lower()
                for member in pair:
                    actor = member.actor
                    # "the two countries" after Tshisekedi and Kagame: their states
                    state = self.table.index.state_of(actor) if word in _STATE_WORDS else None
                    if state is not None:
                        actor = (
                            state
                            if word != "government"
                            else self.table.index.sector_actor(state, "GOV")
                        )
                    out.append(TokenMention(m.start, m.end, m.head, actor, "dyad"))
                continue
            if m.members:  # "Hungarian and Romanian officials"
                out.extend(m.members)
                continue
            out.append(m)
        seen: set[str] = set()
        uniq = []
        for m in out:
            if m.actor.actor_id not in seen:
                seen.add(m.actor.actor_id)
                uniq.append(m)
        return uniq

    def _described_by_name(self, t: Token, given: set[int]) -> bool:
        """Whether ``t`` is a bare description whose appositive names the same actor ("the
        main Hutu rebel group, Forces for Defence of Democracy"): the name stands for both."""
        m = self.table.at(t.i)
        if m is None or m.kind != "agent":
            return False
        for c in t.children:
            if c.dep_ == "appos" and c.i in given:
                named = self.table.resolve(c)
                if (
                    named is not None
                    and named.kind in ("name", "ner", "metonym")
                    # not when only the description knows the country ("Niger's
                    # ambassador Brah Mohamane")
                    and (named.actor.country is not None or m.actor.country is None)
                ):
                    return True
        return False

    def first_actors(
        self,
        groups: Iterable[list[Token]],
        keep: Callable[[TokenMention], bool] | None = None,
    ) -> list[TokenMention]:
        """The actors of the first group of tokens that names any actor other than the
        clause's own subject ("open its border to refugees": not "its"); ``keep`` narrows
        which actors count."""
        for group in groups:
            found = [
                m
                for m in self.mentions(group)
                if (keep(m) if keep is not None else True)
                and (m.kind != "pronoun" or m.actor.type is not ActorType.STATE)
            ]
            if found:
                return found
        return []

    def event_parties(self, noun: Token, exclude: Token | None = None) -> list[TokenMention]:
        """The sides of an event noun: "talks between X and Y", "X and Y held talks"."""
        parties = self.mentions(_between(noun))
        if len(parties) >= 2:
            return parties
        verb = _governing_verb(noun)
        if verb is not None and (exclude is None or verb.i != exclude.i):
            subs, _ = _clause_subjects(verb)
            found = self.mentions(subs)
            if len(found) >= 2:
                return found
            if len(found) == 1:
                # "Saudi Arabia restored relations with Iran in a deal mediated by China":
                # the subject and its partner "with" the verb, its object or the noun
                holders = [noun, verb, *(o for o in _objects(verb) if o.i != noun.i)]
                partners = [
                    m
                    for m in self.mentions(t for h in holders for t in _prep_objects(h, ["with"]))
                    if m.actor.actor_id != found[0].actor.actor_id
                ]
                if partners:
                    return [found[0], partners[0]]
            if verb.dep_ in ("xcomp", "advcl", "conj") and (
                exclude is None or verb.head.i != exclude.i
            ):
                found = self.mentions(_clause_subjects(verb.head)[0])
                if len(found) >= 2:
                    return found
        pair = self.table.dyad_before(noun.i)
        return list(pair) if pair else []

    def counterpart(self, actor_mention: TokenMention, at: Token) -> TokenMention | None:
        pair = self.table.dyad_before(at.i + 1)
        if pair is None:
            return None
        a, b = pair
        if a.actor.actor_id == actor_mention.actor.actor_id:
            return TokenMention(b.start, b.end, b.head, b.actor, "dyad")
        if b.actor.actor_id == actor_mention.actor.actor_id:
            return TokenMention(a.start, a.end, a.head, a.actor, "dyad")
        return None

    def pattern_of(self, v: Token) -> PatternRule | None:
        """The most specific verb pattern of the lexicon that verb ``v`` matches, or None."""
        if v.i in self._patterns:
            return self._patterns[v.i]
        found: PatternRule | None = None
        lemma = self.verb_key(v)
        rules = self.lexicon.patterns.get(lemma, ())
        has_rules = bool(self.lexicon.verbs.get(lemma))
        # the package's patterns only code verbs kg has no rule for, except the target-only
        # ones ("received tanks from Germany": Germany's act, which kg's rule cannot see)
        only_target = has_rules and bool(rules) and rules[0].origin == "cameo"
        if only_target and not any(_target_only(r) for r in rules):
            rules = ()
        if rules:
            prts = _particles(v)
            left, right = _pattern_words(v)
            present = {w for pair in left + right for w in pair}
            by_start = _patterns_by_start(self.lexicon, lemma)
            candidates = sorted({i for w in (*present, "") for i in by_start.get(w, ())})
            for rule in (rules[i] for i in candidates):
                if (
                    rule.origin == "cameo"
                    and has_rules
                    and not (only_target and _target_only(rule))
                ):
                    if only_target:
                        continue
                    break  # the user's patterns come first; the package's only fill gaps
                if rule.particle is not None and rule.particle not in prts:
                    continue
                if not all(start & present for start in rule.pattern.starts):
                    continue
                strict = rule.origin == "cameo"  # "set up a research center" is no research
                if _elements_match(right, rule.pattern.after, strict) and _elements_match(
                    left, rule.pattern.before
                ):
                    found = rule
                    break
        self._patterns[v.i] = found
        return found

    def _troop_departure(self, v: Token) -> list[_Hit] | None:
        """Troops that leave a place withdraw from it ("Wagner fighters left Mali for
        Russia": 0874 from Mali, not a visit to Russia); None when ``v``'s subject is no
        troops (a minister who leaves for Moscow visits it)."""
        subjects = _clause_subjects(v)[0]
        if not any(t.lemma_.lower() in self.troop_nouns for s in subjects for t in s.subtree):
            return None
        sources = self.mentions(subjects)
        own = {m.actor.actor_id for m in sources}
        left = [
            m
            for m in self.mentions(_objects(v)) or self.mentions(_prep_objects(v, ["from"]))
            if m.actor.actor_id not in own
        ]
        return [
            _Hit(s, t, "withdraws_from", "0874", v, "verb:active") for s in sources for t in left
        ]

    def _troop_arrival(self, hit: _Hit) -> _Hit:
        """Troops that arrive somewhere deploy there, and peacekeepers keep the peace there
        ("Russian troops arrived in Syria": CAMEO 154, not a visit; "NATO peacekeeping troops
        arrived in Bosnia": 074)."""
        if hit.relation != "meets" or hit.trigger.lemma_.lower() not in self.arrival_verbs:
            return hit
        heads = [c for c in hit.trigger.children if c.dep_ in _SUBJ]
        heads.append(hit.trigger.doc[hit.source.head])  # "UN peacekeepers": the subject word
        head = next((h for h in heads if h.lemma_.lower() in self.troop_nouns), None)
        if head is None:
            return hit
        words = [t.lower_ for t in hit.trigger.doc[hit.source.start : hit.source.end]]
        words += [t.lower_ for t in head.lefts]  # "peacekeeping troops"
        if any(w.startswith("peacekeep") for w in [*words, head.lower_]):
            return dataclasses.replace(hit, relation="aids", cameo="074")
        return dataclasses.replace(hit, relation="deploys_to", cameo="154")

    def recoded(self, hit: _Hit) -> _Hit | None:
        """``hit`` as a user's verb dictionary codes the verb whose object its noun is
        ("restored full diplomatic ties": the user's pattern or code for "restore" codes the
        ties); None when it says the phrase codes no dyadic event."""
        n = hit.trigger
        if n.pos_ not in ("NOUN", "PROPN") or _object_dep(n) not in ("dobj", "obj"):
            return hit
        verb = _governing_verb(n)
        if verb is None or self.verb_key(verb) not in self.lexicon.user_verbs:
            return hit
        found = self.pattern_of(verb)
        if found is not None and found.origin == "user":
            relation, cameo = found.relation, found.pattern.cameo
        else:
            own = [
                r
                for r in self.lexicon.verbs.get(self.verb_key(verb), ())
                if r.origin == "user" and r.prep is None
            ]
            relation, cameo = (own[0].relation, own[0].cameo) if own else (None, None)
        if relation is None or cameo is None:
            return None
        return dataclasses.replace(hit, relation=relation, cameo=cameo, user_coded=True)

    # triggers ---------------------------------------------------------------------
    def verb_key(self, v: Token) -> str:
        """The lexicon key of verb ``v``: its lemma, or its own form when a user's dictionary
        codes that form apart (PETRARCH's ``LEFT [032:033]`` beside ``LEAVE [012]``)."""
        lemma: str = v.lemma_.lower()
        form: str = v.lower_
        if form != lemma and form in self.lexicon.user_verbs:
            return form
        return lemma

    def verb_hits(self, v: Token) -> Iterator[_Hit]:
        lemma = self.verb_key(v)
        if lemma in self.command_verbs and any(self.noun_hits(o) for o in _objects(v)):
            return  # "ordered a siege of Gaza": the act ordered is the event, no demand on Gaza
        if lemma in self.casualty_verbs:
            yield from self._casualties(v)
            return
        if lemma in self.resultative_verbs and any(c.dep_ == "oprd" for c in v.children):
            return  # "clashed, leaving several soldiers dead": what the clash left behind
        if lemma in self.departure_verbs:
            departure = self._troop_departure(v)
            if departure is not None:
                yield from departure
                return
        found = self.pattern_of(v)
        if found is not None:
            phrase = (
                t
                for c in v.children
                if c.i > v.i and c.dep_ in _PHRASE_DEPS
                for t in _phrase_tokens(c)
                if t.pos_ in ("NOUN", "PROPN")
            )
            if any(self._noun_codes_it(t, v) for t in phrase if _governing_verb(t) == v):
                # "restored diplomatic ties", "put on alert": the noun's hits (not when the
                # verb denies the noun's act: "revoked defence agreements" codes the verb)
                return
            if found.pattern.cameo is None and found.pattern.reverse is not None:
                yield from self._target_only_hits(v, found)
                return
            if found.relation is None or found.pattern.cameo is None:
                return  # the pattern says the phrase codes no dyadic event
            # the pattern's preposition, the verb's own ones ("contribute ... to X"), none,
            # then the commonest target prepositions ("opened its border to refugees")
            preps = [found.pattern.prep] + [
                r.prep for r in self.lexicon.verbs.get(lemma, ()) if r.prep is not None
            ]
            user = found.origin == "user"
            # "sent troops" (SEND &MILITARY): the pattern's own words are no target
            own_words = {
                w for el in found.pattern.after for slot in el for run in slot for w in run
            }
            # a symmetric act's partner may be whom it comes from ("bought S-400 missiles
            # from Russia")
            symmetric = self.lexicon.relations[found.relation].symmetric
            extra = ["from"] if symmetric else []
            for prep in dict.fromkeys([*preps, None, "to", "with", *extra]):
                hits = [
                    h
                    for h in self._verb_rule(v, found.relation, found.pattern.cameo, prep)
                    if v.doc[h.target.head].lower_ not in own_words
                ]
                if user:
                    hits = _user_coded(hits, v)
                if hits:
                    yield from hits
                    yield from self._reversed(hits, found.pattern.reverse)
                    return
            if found.pattern.reverse == found.pattern.cameo:
                # a mutual act of joint subjects ("Armenia and Azerbaijan exchanged
                # prisoners", EXCHANGE * PRISONERS [0841:0841]): each toward the other
                yield from self._mutual(v, found.relation, found.pattern.cameo)
            return
        accusation = self.accusing_verbs.get(lemma)
        if (
            accusation is not None
            and not _objects(v)
            and any(c.dep_ == "ccomp" for c in v.children)
        ):
            # "Iran charged that Iraq had used chemical weapons": an accusation of the
            # clause's subject
            hits = list(self._verb_rule(v, "accuses", accusation, None))
            if hits:
                yield from hits
                return
        rules = self.lexicon.verbs.get(lemma, ())
        if not rules:
            return
        paired = [o for o in _objects(v) if _light_pair(self.lexicon, v, o)]
        if any(self.noun_hits(o) for o in paired):
            return  # "delivered devastating blows to X": the verb-noun pair codes it
        prts = _particles(v)
        fired = False
        # prepositional rules first: "withdraw from X", "side with X"
        for rule in sorted(rules, key=lambda r: (r.prep is None, r.particle is None)):
            if rule.particle and rule.particle not in prts:
                continue
            if rule.prep is None and fired:
                break
            if rule.relation in _TALK_RELATIONS and rule.prep in self.topic_preps:
                # "agreed on a prisoner exchange": what is agreed on is no party
                continue
            hits = list(self._verb_rule(v, rule.relation, rule.cameo, rule.prep))
            if not hits and rule.origin == "user" and rule.prep is None:
                # a verb a user's dictionary codes with no object: PETRARCH's target is the
                # first actor after the verb ("Ethiopia departed from Libya")
                for prep in (
                    c.lower_
                    for c in v.children
                    if c.dep_ == "prep" and c.i > v.i and c.lower_ not in self.frame_preps
                ):
                    hits = list(self._verb_rule(v, rule.relation, rule.cameo, prep))
                    if hits:
                        break
            if hits:
                fired = True
                if rule.origin == "user":
                    hits = _user_coded(hits, v)
                yield from hits
                yield from self._reversed(hits, rule.reverse)
                if rule.prep is not None:
                    break

    def _target_only_hits(self, v: Token, found: PatternRule) -> Iterator[_Hit]:
        """A ``[:072]`` pattern: only the other side acts ("Ukraine received tanks from
        Germany" is Germany's military aid to Ukraine; "appeared before the court" the
        court's 173)."""
        code = found.pattern.reverse
        usable, relation = self.lexicon.pattern_relation(code)
        if not usable or relation is None or code is None:
            return
        preps = [found.pattern.prep] if found.pattern.prep else []
        for prep in dict.fromkeys([*preps, "from", "by", None]):
            hits = list(self._verb_rule(v, relation, code, prep))
            if found.origin == "user":
                hits = _user_coded(hits, v)
            if hits:
                yield from self._reversed(hits, code)
                return

    def _mutual(self, v: Token, relation: str | None, cameo: str | None) -> Iterator[_Hit]:
        """Each of the joint subjects of ``v`` toward each other (rule ``verb:pairwise``)."""
        if relation is None or cameo is None or _is_passive(v):
            return
        subs, _ = _clause_subjects(v)
        sources = self.mentions(subs)
        for i, s in enumerate(sources):
            for t in sources[i + 1 :]:
                if s.actor.actor_id == t.actor.actor_id:
                    continue
                yield _Hit(s, t, relation, cameo, v, "verb:pairwise")
                yield _Hit(t, s, relation, cameo, v, "verb:pairwise")

    def _reversed(self, hits: list[_Hit], code: str | None) -> Iterator[_Hit]:
        """The target's events toward the source that a dictionary's ``[042:043]`` codes
        with the source's ("X arrived in Y": a visit of X, hosted by Y)."""
        if code is None:
            return
        usable, relation = self.lexicon.pattern_relation(code)
        if not usable or relation is None:
            return
        for h in hits:
            yield dataclasses.replace(
                h, source=h.target, target=h.source, relation=relation, cameo=code
            )

    def _placed_body(self, body: TokenMention, v: Token) -> TokenMention:
        """A government body of no known state placed by its own "in" phrase or its
        verb's ("the foreign ministry in Warsaw": Poland's)."""
        if body.actor.country is not None:
            return body
        state = self._event_place([self.table.doc[body.head], v])
        if state is None:
            return body
        actor = self.table.index.sector_actor(state, "GOV")
        return TokenMention(body.start, body.end, body.head, actor, body.kind)

    def _verb_rule(self, v: Token, relation: str, cameo: str, prep: str | None) -> Iterator[_Hit]:
        rel = self.lexicon.relations[relation]
        passive = _is_passive(v)
        stative_prep = self.stative_passives.get(v.lemma_.lower())
        stative = (
            passive
            and stative_prep is not None
            and prep in (None, stative_prep)
            and not _by_agents(v)
            and bool(_prep_objects(v, [stative_prep]))
        )
        if stative and stative_prep is not None:
            # "Israel is opposed to French mediation": a state of its subject
            passive = False
            sources = self.mentions(_patients(v))
            how = "active"
            patient_toks = _prep_objects(v, [stative_prep])
        elif passive:
            sources = self.mentions(_by_agents(v))
            how = "passive"
            patient_toks = _prep_objects(v, [prep]) if prep else _patients(v)
            if prep and not patient_toks and _stranded(v, prep):
                patient_toks = _patients(v)  # "a convoy was fired on by Israeli troops"
            summary = v.head
            if (
                v.dep_ == "acl"
                and summary.lemma_.lower() in self.summary_nouns
                and summary.dep_ in ("appos", "npadvmod")
                and any(t.text == "," for t in v.doc[summary.left_edge.i - 1 : summary.i])
            ):
                # "Putin signed decrees annexing four regions, a move condemned by Kyiv": the
                # move is what the clause's subject did
                verb = summary.head
                while verb.pos_ not in _CLAUSE_VERBS and verb.head.i != verb.i:
                    verb = verb.head
                patient_toks = _clause_subjects(verb)[0]
            if not sources and rel.polarity < 0:
                # "civilians were killed by Russian shelling", "... in an Israeli airstrike
                # on Rafah": the author of the act that did it
                sources, _ = self._instrument_authors(v, relation)
                how = "instrument" if sources else how
            if not sources and relation in self.unattributed_relations:
                # "killed by an improvised explosive device outside Basra"
                instruments = [*_by_agents(v), *_prep_objects(v, ["in"])]
                sources, found_how = self._unattributed(v, instruments)
                how = found_how if sources else how
            if not sources and relation in self.place_agent_relations:
                # "a missionary was arrested in Lebanon": the state where it was done
                # stands for its authorities
                held = [v, *_prep_objects(v, self.placement_preps)]
                sources = next(
                    (found for h in held if (found := self._location_targets(h, relation))), []
                )
                how = "place_agent"
            if not sources and v.lemma_.lower() in self.venue_agent_verbs:
                # "the Russian ambassador was summoned to the foreign ministry in Warsaw":
                # the government body one is summoned to does the summoning
                # (or an office NER names, placed: "the Foreign Office in London")
                sources = [
                    b
                    for m in self.mentions(_prep_objects(v, ["to"]))
                    if m.actor.type in (ActorType.GOVERNMENT, ActorType.ORGANIZATION)
                    and (b := self._placed_body(m, v)).actor.type is ActorType.GOVERNMENT
                ]
                how = "venue"
        else:
            subs, how = _clause_subjects(v)
            sources = self.mentions(subs)
            how = {"own": "active", "relative": "relative"}.get(how, how)
            if not sources and subs and relation in self.unattributed_relations:
                # "a roadside bomb killed three soldiers near Mosul"
                sources, found_how = self._unattributed(v, subs)
                how = found_how if sources else how
            if prep:
                # "fired shells at Seoul": the preposition may hang off the object, unless
                # the object is an act of another actor ("demanded the withdrawal of
                # Serbian forces from Bosnia": not a demand from Bosnia)
                patient_toks = _prep_objects(v, [prep]) or [
                    t
                    for o in _objects(v)
                    if not (
                        o.lemma_.lower() in self.lexicon.nouns
                        and self.mentions(_prep_objects(o, ["of"]))
                    )
                    for t in _prep_objects(o, [prep])
                ]
                if not patient_toks:
                    return
            elif v.lemma_.lower() in self.topic_verbs:
                # "Lavrov and Blinken discussed Ukraine": the object is what was talked
                # about; only the subjects are parties
                if len(sources) >= 2:
                    yield from self._pairwise(v, sources, relation, cameo, "verb:pairwise")
                return
            else:
                patient_toks = _objects(v)
        own_rule = not prep or how in ("place_agent", "unattributed", "responsibility")
        rule = f"verb:{how if own_rule else 'prep'}"
        if how == "controlled":
            rule = "verb:controlled"
        reciprocal = any(
            " ".join(w.lower_ for w in t.subtree) in syntax_words("reciprocal_objects")
            for t in patient_toks
        )
        own_ids = {m.actor.actor_id for m in sources}
        # "rejected a call for its forces to be deployed in East Timor": the object's owner
        # is the subject itself, so the target is looked for further in
        targets = (
            []
            if reciprocal
            else [m for m in self.mentions(patient_toks) if m.actor.actor_id not in own_ids]
        )
        if (
            targets
            and patient_toks
            and not passive
            and v.lemma_.lower() in self.praise_for_things
            and all(self.table.resolve(t) is None for t in patient_toks)
        ):
            # "welcomed Reagan's statement": welcoming a thing is praise of its author
            relation, rule, cameo = "praises", "verb:owner", "051"
            rel = self.lexicon.relations[relation]
        if (
            not targets
            and not reciprocal
            and patient_toks
            and not passive
            # "ordered an offensive on Kyiv": the act is coded by itself, not a demand on Kyiv
            and not (
                relation in self.act_object_relations
                and any(self._undenied_noun_hits(t, v) for t in patient_toks)
            )
            # "praised the attack on Israel": who suffers a hostile act is not praised
            and not (rel.polarity > 0 and self._hostile_act(patient_toks))
            # "agreed on a package of sanctions against Russia": a topic, not a partner
            and not (relation in _TALK_RELATIONS and prep in self.topic_preps)
        ):
            # "welcomed a resumption of diplomatic ties with Osgiliath"
            targets = [
                m
                for m in self.first_actors(_phrase_target_groups(patient_toks))
                if m.actor.actor_id not in own_ids
            ]
            if targets:
                rule = "verb:object_phrase"
                if v.lemma_.lower() in self.praise_for_things:  # "welcomed assurances from X"
                    relation, cameo = "praises", "051"
                    rel = self.lexicon.relations[relation]
        joint = rel.symmetric and len({m.actor.actor_id for m in sources}) >= 2 and not passive
        if not targets and not reciprocal and not (joint and not patient_toks):
            # (joint subjects of a symmetric act with no object act with each other: "South
            # Korea and Japan agreed to share intelligence on North Korea")
            found, name = self._fallback_targets(v, rel, prep, sources, patient_toks, passive)
            # "rejected the plan to send troops to Syria": troops of no country, found
            # beyond the object, are no one the act is aimed at
            # (a blast's are where it went off: "exploded near a military convoy")
            if v.lemma_.lower() not in self.blast_verbs:
                found = [m for m in found if not _anonymous_agent(m)]
            if found:
                targets, rule = found, name
        if not sources and rel.symmetric and not passive:
            # "fighting between X and Y killed dozens": a subjectless symmetric act; "fighting
            # broke out between X and Y": a gerund subject takes its verb's "between"
            parties = self.mentions(_between(v, direct=True))
            if len(parties) < 2 and v.dep_ in ("nsubj", "csubj") and v.tag_ == "VBG":
                parties = self.mentions(_between(v.head, direct=True))
            if len(parties) >= 2:
                yield from self._pairwise(v, parties, relation, cameo, "verb:between")
            return
        if not sources:
            return
        if not targets and patient_toks and not passive and relation in self.reaction_relations:
            # "Gunmen attacked a church in Kaduna. The governor condemned the attack.": the
            # author of the act the definite noun takes up
            own_ids = {m.actor.actor_id for m in sources}
            found = [
                m
                for t in patient_toks
                if t.lemma_.lower() in self.lexicon.nouns
                for m in self._earlier_author(t)
                if m.actor.actor_id not in own_ids
            ]
            if found:
                targets, rule = found, "verb:object_phrase"
        if relation in self.deployment_relations and not passive:
            targets, rule = self._deployment_targets(v, sources, targets, patient_toks, rule)
        if relation == "mediates":
            yield from self._mediation(v, sources, targets, patient_toks, cameo, rule)
            return
        event_patients = all(t.lemma_.lower() in self.event_nouns for t in patient_toks)
        if reciprocal or (rel.symmetric and not targets and event_patients and len(sources) >= 2):
            kind = "verb:reciprocal" if reciprocal else "verb:pairwise"
            for i, s in enumerate(sources):
                for t in sources[i + 1 :]:
                    yield _Hit(s, t, relation, cameo, v, kind)
                    if reciprocal and not rel.symmetric:
                        yield _Hit(t, s, relation, cameo, v, kind)
            return
        if (not targets and rel.symmetric) or (not targets and relation == "agrees_with"):
            # "Haftar left without signing the deal": the deal is with the other side
            nouns = [t for t in patient_toks if t.lemma_.lower() in self.event_nouns]
            if nouns or (rel.symmetric and not patient_toks):
                for s in sources:
                    other = self.counterpart(s, v)
                    if other is not None:
                        yield _Hit(s, other, relation, cameo, v, "verb:counterpart")
            return
        for s in sources:
            for t in targets:
                if s.actor.actor_id != t.actor.actor_id:
                    yield _Hit(s, t, relation, cameo, v, rule)

    def _casualties(self, v: Token) -> Iterator[_Hit]:
        """ "Three soldiers died in a Taliban ambush": the ambush's author attacked them;
        "two soldiers died in a roadside bomb blast in Helmand": an unidentified group."""
        sources, cameo = self._instrument_authors(v, "attacks")
        rule = "verb:instrument"
        if not sources:
            sources, how = self._unattributed(v, _prep_objects(v, ["in"]))
            cameo, rule = "190", f"verb:{how}"
        own = {m.actor.actor_id for m in sources}
        for t in self.mentions(_clause_subjects(v)[0]) if sources else ():
            if t.actor.actor_id not in own:
                for s in sources:
                    yield _Hit(s, t, "attacks", cameo, v, rule)

    def _unattributed(
        self, v: Token, instruments: Sequence[Token]
    ) -> tuple[list[TokenMention], str]:
        """The unnamed authors of the weapon or attack among ``instruments`` that did what
        ``v`` says: an unidentified armed group of the country where it struck ("a roadside
        bomb killed three soldiers near Mosul", "killed by an improvised explosive device
        outside of the Iraqi city of Basra"), as ACLED and ICEWS code them; and how it was
        found. An actor named before the weapon ("a Russian missile", "a Saudi-led coalition
        airstrike") is its author instead."""
        weapon = next((n for n in instruments if n.lemma_.lower() in self.unattributed_nouns), None)
        if weapon is None:
            return [], "none"
        for tok in weapon.doc[weapon.left_edge.i : weapon.i]:
            m = self.table.at(tok.i)
            if m is not None and m.kind != "metonym":
                return [m], "instrument"  # "a Hezbollah rocket", "a Russian missile"
        planters = self.mentions(
            a for c in weapon.children if c.dep_ == "acl" and c.tag_ == "VBN" for a in _by_agents(c)
        )
        if planters:
            return planters, "instrument"  # "an IED planted by suspected ISWAP militants"
        claimer = self._responsibility_claimer(weapon) or self._direct_claimer(weapon)
        if claimer is not None:
            # "IS claimed responsibility for the bombing, which killed 20 soldiers"
            claimants = [m for m in self.mentions(_claimants(claimer)) if m.kind != "pronoun"]
            if claimants:
                return claimants, "responsibility"
        earlier = self._earlier_author(weapon)
        if earlier:
            return earlier, "instrument"  # "... carried out airstrikes on Sanaa. The strikes hit"
        state = self._event_place([v, weapon, *_objects(v)])
        actor = self.table.index.unidentified_armed_group(state)
        found = TokenMention(weapon.left_edge.i, weapon.i + 1, weapon.i, actor, "agent")
        return [found], "unattributed"

    def _nominalizes(self, noun: str, verb: str) -> bool:
        """Whether ``noun`` names the act of ``verb`` ("seizure" of "seize", "invasion" of
        "invade", "detention" of "detain"): the same stem and a relation in common."""
        if len(verb) < 4 or noun[:4] != verb[:4]:
            return False
        of_noun = {r.relation for r in self.lexicon.nouns.get(noun, ())}
        return any(r.relation in of_noun for r in self.lexicon.verbs.get(verb, ()))

    def _earlier_author(self, weapon: Token) -> list[TokenMention]:
        """The author of the act a definite weapon or attack noun takes up from an earlier
        sentence ("The coalition carried out airstrikes on Sanaa. The strikes hit a base"):
        the actor before that earlier noun, else its verb's subject; as mentions at
        ``weapon``."""
        if not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "these") for c in weapon.children
        ):
            return []
        lemma = weapon.lemma_.lower()
        # a generic noun takes up any weapon or attack ("... attacked a base. The army said it
        # repelled the assault")
        generic = lemma in ("blast", "explosion", "attack", "assault", "raid", "offensive")
        doc = weapon.doc
        start = weapon.sent.start
        for t in reversed(doc[max(0, start - 150) : start]):
            other = t.lemma_.lower()
            attack_verb = generic and any(
                r.relation == "attacks" for r in self.lexicon.verbs.get(other, ())
            )
            if t.pos_ == "VERB" and (
                attack_verb
                or lemma in (other + "ing", other + other[-1:] + "ing", other)
                or self._nominalizes(lemma, other)
            ):
                # "Israeli jets bombed Gaza. The bombing killed 12 people."
                found = [m for m in self.mentions(_clause_subjects(t)[0]) if m.kind != "pronoun"]
                if not found:
                    continue  # "A car bomb exploded ...": the weapon before it tells more
            elif t.pos_ == "NOUN" and (
                other.endswith(lemma)
                or lemma.endswith(other)
                or (generic and other in self.unattributed_nouns)
            ):
                found = [
                    m
                    for tok in doc[t.left_edge.i : t.i]
                    if (m := self.table.at(tok.i)) is not None and m.kind != "metonym"
                ][:1]
                verb = _governing_verb(t)
                if not found and verb is not None:
                    found = [
                        m for m in self.mentions(_clause_subjects(verb)[0]) if m.kind != "pronoun"
                    ]
                if not found and verb is not None and other in self.unattributed_nouns:
                    # "A car bomb exploded in Kabul. The blast killed 12": the unnamed authors
                    # of where the first one struck
                    state = self._event_place([verb, t])
                    if state is not None:
                        actor = self.table.index.unidentified_armed_group(state)
                        return [
                            TokenMention(weapon.left_edge.i, weapon.i + 1, weapon.i, actor, "agent")
                        ]
            else:
                continue
            return [
                TokenMention(weapon.left_edge.i, weapon.i + 1, weapon.i, m.actor, "pronoun")
                for m in found
            ]
        return []

    def _event_place(self, holders: Sequence[Token]) -> Actor | None:
        """The state where the act of ``holders`` (a verb, its instrument, its objects)
        happened: "near the town of Samarra", "outside of the Iraqi city of Basra", "in a
        residential sector of eastern Beirut", "20 km north of Baghdad"."""

        def places(h: Token) -> list[Token]:
            out: list[Token] = []
            for c in h.children:
                if c.lower_ not in self.event_place_preps:
                    continue
                if c.dep_ == "prep" and c.lower_ != "of":
                    out += [o for o in c.children if o.dep_ == "pobj"]
                if c.dep_ in ("prep", "advmod", "npadvmod"):  # "outside of", "north of"
                    out += _prep_objects(c, ["of"])
            return out

        holders = [*holders, *(h.head for h in holders[:1] if h.dep_ in ("advcl", "conj"))]
        frontier = [p for h in holders for p in places(h)]
        for _ in range(3):
            deeper: list[Token] = []
            for p in frontier:
                # (an agent's own country is not the place: "near the Turkish embassy in
                # Mogadishu" happened in Somalia)
                at = self.table.at(p.i)
                owners = (
                    ()
                    if at is not None and at.kind == "agent"
                    else (c for c in p.children if c.dep_ in ("amod", "compound", "poss"))
                )
                for tok in (p, *owners):
                    m = self.table.at(tok.i)
                    if m is not None and m.kind in ("name", "metonym", "adjective"):
                        state = self.table.index.state_of(m.actor)
                        if state is not None and m.actor.type is ActorType.STATE:
                            return state
                deeper += _prep_objects(p, ("of", "in", "near"))
            frontier = deeper
        return None

    def _instrument_authors(self, v: Token, relation: str) -> tuple[list[TokenMention], str]:
        """Authors of an act of ``relation`` through which passive ``v`` happened, and the
        act's code ("killed by Russian shelling", "died in an Israeli airstrike")."""

        def act(t: Token) -> str | None:
            return next(
                (
                    r.cameo
                    for key in (t.lemma_.lower(), t.lower_)
                    for r in self.lexicon.nouns.get(key, ())
                    if r.relation == relation
                ),
                None,
            )

        for n in (*_by_agents(v), *_prep_objects(v, ["in"])):
            cameo = act(n)
            if cameo is not None:
                found, _ = self._noun_sources(n, relation)
                if found:
                    return found, cameo
            m = self.table.at(n.i)
            if m is not None and m.kind == "adjective" and m.end < len(n.doc):
                # "by Russian shelling" parsed with "Russian" as the agent, "shelling" apart
                cameo = act(n.doc[m.end])
                if cameo is not None:
                    return [m], cameo
        return [], ""

    def _act_noun(self, t: Token) -> bool:
        """Whether ``t`` is a noun the lexicon codes an act for ("aid", "grant", "loan")."""
        return t.pos_ == "NOUN" and any(
            k in self.lexicon.nouns or k in self.light_nouns for k in _noun_keys(t) if k != "money"
        )

    def _attack_noun(self, t: Token) -> bool:
        """Whether ``t`` names an attack ("an attack", "the offensive", "a raid")."""
        lemma = t.lemma_.lower()
        return lemma in self.unattributed_nouns or any(
            r.relation == "attacks" for r in self.lexicon.nouns.get(lemma, ())
        )

    def _fallback_targets(
        self,
        v: Token,
        rel: RelationType,
        prep: str | None,
        sources: list[TokenMention],
        patient_toks: list[Token],
        passive: bool,
    ) -> tuple[list[TokenMention], str]:
        """Targets of a verb whose object names no actor, by the first strategy that finds
        one (in this order; docs/architecture.md, "Targets beyond the object")."""
        relation = rel.name
        own = {m.actor.actor_id for m in sources}
        active = not passive
        material_conflict = (
            rel.polarity < 0 and not rel.symmetric and rel.quad is QuadClass.MATERIAL_CONFLICT
        )
        controls = any(c.dep_ == "xcomp" for c in v.children)
        if (
            material_conflict
            and active
            and patient_toks
            and v.lemma_.lower() not in self.light_verbs  # "continue the offensive in Gaza"
            and all(self._attack_noun(t) and self.table.at(t.i) is None for t in patient_toks)
        ):
            # "repelled a jihadist attack on the town of Djibo": who the attack was aimed
            # at is not whom repelling it is aimed at; its author is, if named
            authors = [
                m
                for t in patient_toks
                for m in self._noun_sources(t, "attacks")[0]
                if m.actor.actor_id not in own
            ]
            return authors, "verb:object_phrase"
        strategies: list[tuple[bool, Callable[[], list[TokenMention]], str]] = [
            # "rejected a call for its forces to be deployed in East Timor"
            (
                active
                and bool(patient_toks)
                and relation in self.deep_target_relations
                # "threatened military intervention in Niger": the act's own threat
                and not (
                    relation in self.act_object_relations
                    and any(self._undenied_noun_hits(t, v) for t in patient_toks)
                ),
                lambda: self.deep_targets(patient_toks, own),
                "verb:object_phrase",
            ),
            # "declined to resign despite pressure by the commission"
            (
                active and relation in self.concessive_relations,
                lambda: self._despite_targets(v, own),
                "verb:object_phrase",
            ),
            # "demanded parties to the conflict in Iraq to allow ...": the one told to act
            # is the object, whatever actor the complement names
            (
                active and bool(patient_toks) and controls,
                lambda: self.deep_targets(patient_toks, own),
                "verb:object_phrase",
            ),
            # "threatened to cut off gas to X", "demanded that X withdraw", "... if X goes on"
            # (not when an object no actor names is told to act: "urging the counterpart to
            # sign the agreement")
            (
                active and prep is None and not (patient_toks and controls),
                lambda: self._complement_or_condition(v, relation, own),
                "verb:complement",
            ),
            # "refused admittance to Ghanaians", "opened its borders to refugees": a thing
            # denied or granted to someone
            (
                active
                and prep is None
                and bool(patient_toks)
                and relation in self.recipient_relations,
                lambda: self.first_actors([_prep_objects(v, ["to"])]),
                "verb:recipient",
            ),
            # "confiscated weapons from armed groups"
            (
                active and prep is None and material_conflict,
                lambda: self.first_actors([_prep_objects(v, self.material_target_preps)]),
                "verb:prep",
            ),
            # "rioted in protest against X", "blocked roads to press demands from X" (not
            # past the object a demand is made of: "demanded parties to allow workers ...")
            (
                active
                and relation in self.grievance_relations
                and not (patient_toks and relation in self.clause_subject_targets),
                lambda: self.grievance_targets(v, own),
                "verb:grievance",
            ),
            # "sent inspectors to Bosnia to investigate": the destination of the sending
            (
                active and relation in self.destination_relations,
                lambda: self._destination_targets(v, own),
                "verb:destination",
            ),
            # "a car bomb exploded near an army convoy": who was where it went off
            (
                active and not patient_toks and v.lemma_.lower() in self.blast_verbs,
                lambda: self._blast_targets(v),
                "verb:prep",
            ),
            # "Albanians demonstrated in Serbia": the place stands for its authorities
            (
                relation in self.location_targets,
                lambda: self._location_targets(v, relation),
                "verb:location",
            ),
        ]
        for applies, find, name in strategies:
            # "rejected allegations that its forces attacked civilians": not the source's own
            if applies and (found := [m for m in find() if not self._own_organ(m, sources)]):
                return found, name
        return [], ""

    def _addressees(self, n: Token, sources: list[TokenMention]) -> list[TokenMention]:
        """The subject of the verb of answering that noun ``n`` (by ``sources``, its own
        authors) is the object of."""
        if not all(n.left_edge.i <= s.head <= n.right_edge.i for s in sources):
            return []
        verb = _governing_verb(n)
        if verb is None or verb.lemma_.lower() not in self.response_verbs:
            return []
        own = {s.actor.actor_id for s in sources}
        subs = _by_agents(verb) if _is_passive(verb) else _clause_subjects(verb)[0]
        return [m for m in self.mentions(subs) if m.actor.actor_id not in own]

    def heard_speech_act(self, h: _Hit) -> bool:
        """Whether ``h`` is a noun whose own author ("North Korea's demand", "accusations
        by Greece") is not the subject of the verb it is the object of ("rejected")."""
        n = h.trigger
        if n.pos_ not in ("NOUN", "PROPN") or not (
            n.left_edge.i <= h.source.head <= n.right_edge.i
        ):
            return False
        if _negated(n, light_verb=True, own_only=True):
            return False  # "no demand"
        verb = _governing_verb(n)
        if verb is None:
            return False
        hearers = {m.actor.actor_id for m in self.mentions(_clause_subjects(verb)[0])}
        return h.source.actor.actor_id not in hearers

    def _own_organ(self, m: TokenMention, sources: list[TokenMention]) -> bool:
        """Whether ``m`` is the government, army or police of a state among ``sources``."""
        organs = (ActorType.GOVERNMENT, ActorType.MILITARY, ActorType.POLICE)
        if m.actor.type not in organs or m.actor.country is None:
            return False
        return any(
            s.actor.type in (ActorType.STATE, *organs) and s.actor.country == m.actor.country
            for s in sources
        )

    def _complement_or_condition(
        self, v: Token, relation: str, own: set[str]
    ) -> list[TokenMention]:
        found = [
            m
            for m in self._complement_targets(v, relation)
            if m.actor.actor_id not in own
            # "India and China agreed to disengage troops": troops of no country named are
            # the subjects' own, no party of their own
            and not _anonymous_agent(m, any_sector=True)
        ]
        if not found and relation == "threatens":
            found = [m for m in self._condition_subjects(v) if m.actor.actor_id not in own]
        if (
            not found
            and v.dep_ == "xcomp"
            and self.lexicon.relations[relation].quad is QuadClass.MATERIAL_CONFLICT
        ):
            # "promised to retaliate if Washington expanded sanctions": a hostile act
            # promised against whoever the condition is about
            found = [m for m in self._condition_subjects(v.head) if m.actor.actor_id not in own]
        return found

    def _location_targets(self, v: Token, relation: str) -> list[TokenMention]:
        places = _prep_objects(v, self.location_preps)
        grievance = relation in self.grievance_relations
        found = [
            m
            for m in self.mentions(places)
            if _place_actor(m)
            # "demonstrated outside the US embassy": a protest at a state's mission is
            # aimed at that state's government
            or (grievance and m.kind == "agent" and m.actor.country is not None)
        ]
        if found or not grievance:
            return found
        # "rioted at a jail in X"
        deeper = [t for p in places for t in _prep_objects(p, ("in",))]
        return [m for m in self.mentions(deeper) if _place_actor(m)]

    def _hostile_act(self, toks: Sequence[Token]) -> bool:
        """Whether one of ``toks`` is a noun of a conflict act ("the attack on Israel")."""
        return any(
            self.lexicon.relations[r.relation].polarity < 0
            for t in toks
            for key in [k for k in _noun_keys(t) if k in self.lexicon.nouns][:1]
            for r in self.lexicon.nouns[key]
        )

    def _blast_targets(self, v: Token) -> list[TokenMention]:
        """The people or units a weapon went off near or at ("exploded near a military
        convoy on the Maiduguri road", "at a police checkpoint in Kabul"); a state named
        as the place alone is where it happened, not whom it struck."""
        places = _prep_objects(v, self.blast_preps)
        deeper = [t for p in places for t in _prep_objects(p, ("in", "near"))]
        return self.first_actors(
            [places, deeper],
            keep=lambda m: m.kind != "pronoun" and m.actor.type is not ActorType.STATE,
        )

    def _destination_targets(self, v: Token, own: set[str]) -> list[TokenMention]:
        """Where the verb that ``v`` is the purpose of sends its people or goods ("dispatched
        inspectors to Iran to monitor ...": Iran), a state or unlisted place."""
        purpose = v.dep_ in ("advcl", "xcomp") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in v.children
        )
        head = v.head
        if not purpose or head.pos_ not in _CLAUSE_VERBS:
            return []
        places = _prep_objects(head, ("to", "into"))
        places += [t for p in places for t in _prep_objects(p, ("in",))]  # "a site in Iran"
        found = [
            m
            for m in self.mentions(places)
            if m.kind in ("name", "metonym", "ner")
            and m.actor.type in (ActorType.STATE, ActorType.UNKNOWN)
            and m.actor.actor_id not in own
        ]
        found.sort(key=lambda m: m.actor.type is not ActorType.STATE)  # a state first
        return found[:1]

    def _despite_targets(self, v: Token, own: set[str]) -> list[TokenMention]:
        """The actor behind the pressure a refusal holds out against ("despite growing
        pressure by the commission", "in spite of calls from the UN")."""
        holders = [v, *(x for c in v.children if c.dep_ == "xcomp" for x in _conjuncts(c))]
        for h in holders:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in self.concessive_preps:
                    pobjs = [o for o in c.children if o.dep_ == "pobj"]
                    found = [
                        m
                        for m in self.mentions(pobjs)
                        if m.actor.actor_id not in own and m.kind != "pronoun"
                    ] or self.deep_targets(pobjs, own)
                    if found:
                        return found
        return []

    def _deployment_targets(
        self,
        v: Token,
        sources: list[TokenMention],
        targets: list[TokenMention],
        patient_toks: list[Token],
        rule: str,
    ) -> tuple[list[TokenMention], str]:
        """What a deployment is aimed at, not the forces deployed: "mobilized army
        reservists for a war against Iraq" -> Iraq, not the reservists."""
        countries = {m.actor.country for m in sources if m.actor.country}
        own = {m.actor.actor_id for m in sources}

        def forces(m: TokenMention) -> bool:
            code = m.actor.code or ""
            return (
                m.kind == "agent"
                and code[-3:] in ("MIL", "REB", "UAF", "COP")
                and (m.actor.country is None or m.actor.country in countries)
            )

        kept = [m for m in targets if not forces(m)]
        if kept or not targets:
            return kept, rule
        heads = [v, *patient_toks]
        found = [
            m
            for m in self.first_actors(_phrase_target_groups(heads, self.deployment_preps))
            if m.actor.actor_id not in own and not forces(m)
        ]
        if not found:
            found = [m for m in self.deep_targets(patient_toks, own) if not forces(m)]
        return found, "verb:object_phrase"

    def _venue(self, m: TokenMention) -> bool:
        """Whether place ``m`` is only where talks are held ("refused to attend the talks
        in Geneva"), no party to them."""
        tok = self.table.doc[m.head]
        if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "at"):
            return False
        holder = tok.head.head
        return holder.pos_ == "NOUN" and any(
            r.relation in _TALK_RELATIONS
            for key in _noun_keys(holder)
            for r in self.lexicon.nouns.get(key, ())
        )

    def _complement_targets(self, v: Token, relation: str) -> list[TokenMention]:
        """Targets inside a verb's complement clause: the objects of a controlled verb
        ("agreed to provide aid for Romania"), or the subject of a "that"-clause for
        demands and requests ("demanded that the US cancel ...")."""
        for c in v.children:
            if c.dep_ == "xcomp":
                verbs = _conjuncts(c)
                # "helped Assad defeat the rebels": the subject of the small clause is the
                # verb's object; "agreed to supply tanks to Ukraine": the recipient, not the
                # thing given
                found = (
                    self.mentions(s for s in c.children if s.dep_ == "nsubj")
                    or [
                        m
                        for m in self.mentions(t for x in verbs for t in _prep_objects(x, ["to"]))
                        if m.kind != "pronoun"
                    ]
                    or [
                        m
                        for m in self.mentions(t for x in verbs for t in _objects(x))
                        if m.kind != "pronoun"
                    ]
                )
                if not found:
                    found = [
                        m
                        for m in self.first_actors(_phrase_target_groups(verbs))
                        if not self._venue(m)
                    ]
                if not found:  # "refused to allow UN planes to land"
                    subs = [
                        s
                        for x in verbs
                        for cc in x.children
                        if cc.dep_ == "ccomp"
                        for s in cc.children
                        if s.dep_ == "nsubj"
                    ]
                    found = [m for m in self.mentions(subs) if m.kind != "pronoun"]
                if not found and relation in self.location_targets | {"threatens", "rejects"}:
                    # "threatened to impose a curfew in Algiers"
                    found = [
                        m
                        for m in self.first_actors(
                            _phrase_target_groups(verbs, self.location_preps)
                        )
                        if m.actor.type in (ActorType.STATE, ActorType.UNKNOWN)
                        and not self._venue(m)
                    ]
                if found:
                    return found
            if c.dep_ == "ccomp" and relation == "threatens":
                # "warned that police will no longer tolerate rallies by Kifaya"
                verbs = _conjuncts(c)
                found = [
                    m
                    for m in self.mentions(t for x in verbs for t in _objects(x))
                    if m.kind != "pronoun"
                ]
                if found:
                    return found
            if c.dep_ == "ccomp" and relation in self.clause_subject_targets:
                subs = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
                found = self.mentions(_conjuncts(subs[0])) if subs else []
                if found:
                    return found
        if relation == "threatens":  # "threatened to stop talks if the US goes ahead"
            return self._condition_subjects(v)
        return []

    def _condition_subjects(self, v: Token) -> list[TokenMention]:
        """Subjects of the "if"/"unless" clauses of ``v`` or of its complement."""
        holders = [v, *(x for c in v.children if c.dep_ == "xcomp" for x in _conjuncts(c))]
        marks = syntax_words("conditional_marks")
        for h in holders:
            for c in h.children:
                if c.dep_ != "advcl" or not any(
                    m.dep_ == "mark" and m.lower_ in marks for m in c.children
                ):
                    continue
                subs = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
                found = [
                    m
                    for m in self.mentions(t for x in subs for t in _conjuncts(x))
                    if m.kind != "pronoun"
                ]
                if found:
                    return found
        return []

    def grievance_targets(self, trigger: Token, own: set[str]) -> list[TokenMention]:
        """Whom a protest or demand without an object is aimed at: "rallies against X",
        "a hunger strike in protest against abuses by X", "blocked roads to press demands
        from X's government", "rioted, demanding independence from Indonesian rule"."""

        # whom the source's own people stand for is not protested ("in protest at the
        # treatment of its diplomats": whoever treats them)
        def foreign(m: TokenMention) -> bool:
            return not any(
                c.dep_ == "poss"
                and c.pos_ == "PRON"
                and (r := self.table.resolve(c)) is not None
                and r.actor.actor_id in own
                for c in self.table.doc[m.head].children
            )

        def keep(found: list[TokenMention]) -> list[TokenMention]:
            return [
                m
                for m in found
                if m.actor.actor_id not in own and m.kind != "pronoun" and foreign(m)
            ]

        holders = [trigger]
        verb = _governing_verb(trigger) if trigger.pos_ in ("NOUN", "PROPN") else None
        if verb is not None:
            holders.append(verb)
        for h in holders:  # "against X", "in protest of X", "in defiance of X"
            for c in h.children:
                if c.dep_ != "prep":
                    continue
                pobjs = [o for o in c.children if o.dep_ == "pobj"]
                if c.lower_ == "in" and pobjs and pobjs[0].lemma_.lower() in self.grievance_frames:
                    pobjs = [
                        o
                        for p in pobjs[0].children
                        if p.dep_ == "prep"
                        for o in p.children
                        if o.dep_ == "pobj"
                    ]
                elif c.lower_ not in self.grievance_preps:
                    continue
                found = keep(self.mentions(t for o in pobjs for t in _conjuncts(o)))
                if not found:
                    found = keep(
                        self.first_actors(_phrase_target_groups(pobjs, self.grievance_clause_preps))
                    )
                if not found:  # "in protest of measures imposed by the EU"
                    found = keep(self.deep_targets(pobjs, own))
                if found:
                    return found
        if verb is not None and _object_dep(trigger) in ("dobj", "obj"):
            # "reiterated its demand that Israel ease restrictions": the clause the noun
            # announces hangs off its verb; its subject is the one asked to act
            for c in verb.children:
                if (
                    c.dep_ == "ccomp"
                    and c.i > trigger.i
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                ):
                    subs = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
                    found = keep(self.mentions(t for x in subs for t in _conjuncts(x)))
                    if found:
                        return found
        for h in holders:  # "to protest X", "calling for the removal of X", "demanding that X"
            for c in h.children:
                if c.dep_ not in ("advcl", "xcomp", "acl", "relcl"):
                    continue
                for v in _conjuncts(c):
                    found = keep(self.mentions(_objects(v)))
                    if not found:
                        heads = [v, *_objects(v)]
                        found = keep(
                            self.first_actors(
                                _phrase_target_groups(heads, self.grievance_clause_preps)
                            )
                        )
                    if not found:
                        subs = [
                            x
                            for x in v.children
                            if x.dep_ in ("nsubj", "nsubjpass") and x.dep_ != "expl"
                        ]
                        for cc in v.children:
                            if cc.dep_ == "ccomp":
                                subs += [x for x in cc.children if x.dep_ in ("nsubj", "nsubjpass")]
                        found = keep(self.mentions(t for x in subs for t in _conjuncts(x)))
                    if not found:  # "to demand the return of property seized by X"
                        found = keep(self._first_named_in(v, own))
                    if found:
                        return found
        return []

    def deep_targets(self, heads: Iterable[Token], own: set[str]) -> list[TokenMention]:
        """The first actor named inside phrases ``heads`` that name none themselves
        ("an investigation into crimes committed by Croat forces")."""
        for h in heads:
            found = self._first_named_in(h, own, after=False)
            if found:
                return found
        return []

    def _first_named_in(self, v: Token, own: set[str], after: bool = True) -> list[TokenMention]:
        """The first actor named as an argument anywhere inside ``v`` (after ``v`` itself
        when ``after``: the words of a clause, not its subject)."""
        # "rejected claims that it had used civilians as shields": who is in what is claimed
        # is not whom the rejection answers
        told = {
            x.i
            for t in v.subtree
            if t.lemma_.lower() in self.content_nouns
            for c in t.children
            if c.dep_ in ("acl", "ccomp") and c.i > t.i
            for x in c.subtree
        }
        for t in v.subtree:
            if (after and t.i <= v.i) or t.i == v.i or t.i in told:
                continue
            if t.dep_ not in ("pobj", "poss", "dobj", "nsubj", "nsubjpass"):
                continue
            # a pronoun only as the owner of a counted part ("rammed one of its ships")
            owner_of_part = (
                t.dep_ == "poss"
                and t.head.dep_ == "pobj"
                and t.head.head.lower_ == "of"
                and t.head.head.head.i == v.i
                and v.lower_ in self.partitive_heads
            )
            found = [
                m
                for m in self.mentions([t])
                if m.actor.actor_id not in own and (m.kind != "pronoun" or owner_of_part)
            ]
            if found:
                return found
        return []

    def hostile_calls(self, v: Token) -> Iterator[_Hit]:
        """ "X called for sanctions against Y": calling for hostile action against an actor
        is verbal conflict with it (CAMEO 113, rally opposition against), whoever is to act."""
        if v.lemma_.lower() not in self.hostile_call_verbs or _is_passive(v):
            return
        call = self.hostile_call
        for n in _prep_objects(v, [call["prep"]]):
            rules = [
                r
                for k in _noun_keys(n)[:1]
                for r in self.lexicon.nouns.get(k, ())
                if self.lexicon.relations[r.relation].polarity < 0
                and not self.lexicon.relations[r.relation].symmetric
            ]
            if not rules:
                continue
            sources = self.mentions(_clause_subjects(v)[0])
            own = {m.actor.actor_id for m in sources}
            targets = [
                m
                for m in self.mentions(_prep_objects(n, rules[0].preps))
                if m.actor.actor_id not in own
            ] or self.deep_targets([n], own)
            for s in sources:
                for t in targets:
                    yield _Hit(s, t, call["relation"], call["cameo"], v, "verb:hostile_call")

    def hostile_urgings(self, v: Token) -> Iterator[_Hit]:
        """ "The Arab League urged member states to cut ties with Israel", "called on Arabs
        to mobilize against Sharon": urging others, whom no actor names, to a hostile act
        against an actor is verbal conflict with it (CAMEO 113), like a hostile call."""
        lemma = v.lemma_.lower()
        if lemma not in self.urging_verbs or _is_passive(v):
            return
        told = _objects(v) or _called_on(v)
        if not told or self.mentions(told):
            return  # "urged the EU to impose sanctions on Russia" is a demand of the EU
        call = self.hostile_call
        for c in (x for k in v.children if k.dep_ == "xcomp" for x in _conjuncts(k)):
            verb = c.lemma_.lower()
            preps: set[str | None] = set()
            for r in self.lexicon.verbs.get(verb, ()):
                if self._hostile(r.relation):
                    preps.add(r.prep)
            for o in _objects(c):
                for lv in self.lexicon.light_verbs.get((verb, o.lemma_.lower()), ()):
                    if self._hostile(lv.relation) and not lv.inverse:
                        preps.add(lv.prep)
            if not preps:
                continue
            holders = [c, *_objects(c)]
            toks = [t for p in preps if p for h in holders for t in _prep_objects(h, [p])]
            if None in preps:
                toks += _objects(c)
            sources = self.mentions(_clause_subjects(v)[0])
            own = {m.actor.actor_id for m in sources}
            targets = [m for m in self.mentions(toks) if m.actor.actor_id not in own]
            for s in sources:
                for t in targets:
                    yield _Hit(s, t, call["relation"], call["cameo"], v, "verb:hostile_call")

    def _hostile(self, relation: str) -> bool:
        rel = self.lexicon.relations[relation]
        return rel.polarity < 0 and not rel.symmetric

    def sponsorship(self, part: Token) -> Iterator[_Hit]:
        """ "Iranian-backed Houthi rebels": the sponsor backs the group it modifies."""
        doc = part.doc
        if part.i < 2 or doc[part.i - 1].text != "-" or part.head.i <= part.i:
            return
        sponsor = self.table.at(part.i - 2)
        if sponsor is None or sponsor.kind not in ("adjective", "name", "metonym"):
            return
        if part.lower_ in self.mediation_participles:
            # "the US-brokered truce between Israel and Hezbollah": the broker mediates
            parties = self.event_parties(part.head)
            yield from self._mediation(part, [sponsor], parties, [], "045", "noun:sponsor")
            return
        joined = hyphen_participle(doc[sponsor.end - 1], "sponsor_participles")
        if joined is None or joined.i != part.i:
            return
        for group in self.mentions([part.head]):
            if group.actor.actor_id != sponsor.actor.actor_id:
                rel = self.lexicon.relations["backs"]
                yield _Hit(sponsor, group, rel.name, rel.cameo, part, "noun:sponsor")

    def speech_demands(self, v: Token) -> Iterator[_Hit]:
        """ "X said Y must stop ...": a statement that another actor must act is a demand."""
        if v.lemma_.lower() not in self.speech_verbs:
            return
        for c in v.children:
            if c.dep_ != "ccomp":
                continue
            if not any(a.dep_ == "aux" and a.lower_ in self.obligation_aux for a in c.children):
                continue
            subs = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
            targets = self.mentions(_conjuncts(subs[0])) if subs else []
            sources = self.mentions(_clause_subjects(v)[0])
            for s in sources:
                for t in targets:
                    if s.actor.actor_id != t.actor.actor_id:
                        yield _Hit(s, t, "demands", "10", v, "verb:speech_must")

    def speech_noun_demands(self, n: Token) -> Iterator[_Hit]:
        """ "X issued a reminder to Iraq that it must cooperate": a statement that another
        actor must act is a demand of the one who made it."""
        if n.lemma_.lower() not in self.speech_nouns or _object_dep(n) not in ("dobj", "obj"):
            return
        verb = _governing_verb(n)
        if verb is None:
            return
        sources = self.mentions(_clause_subjects(verb)[0])
        # ("a statement saying that ..." is the saying's: speech_demands)
        for c in (c for c in n.children if c.dep_ in ("acl", "ccomp")):
            if not any(a.dep_ == "aux" and a.lower_ in self.obligation_aux for a in c.children):
                continue
            subs = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
            for s in sources:
                for t in self.mentions(_conjuncts(subs[0])) if subs else []:
                    if s.actor.actor_id != t.actor.actor_id:
                        yield _Hit(s, t, "demands", "10", n, "verb:speech_must")

    def _mediation(
        self,
        trigger: Token,
        mediators: list[TokenMention],
        targets: list[TokenMention],
        patient_toks: list[Token],
        cameo: str,
        rule: str,
    ) -> Iterator[_Hit]:
        parties = self.mentions(_between(trigger))
        if len(parties) < 2:
            for noun in patient_toks:
                parties = self.event_parties(noun, exclude=trigger)
                if len(parties) >= 2:
                    break
        if len(parties) < 2:
            parties = targets
        med_ids = {m.actor.actor_id for m in mediators}
        parties = [p for p in parties if p.actor.actor_id not in med_ids]
        if len(parties) >= 2:
            self.table.note_dyad(trigger.i, parties[0], parties[1])
        for m in mediators:
            for p in parties:
                others = tuple(o for o in parties if o is not p)
                # a verb's mediator between parties is "verb:between"; a noun's keeps its rule
                how = "verb:between" if others and rule.startswith("verb:") else rule
                yield _Hit(m, p, "mediates", cameo, trigger, how, others)

    def _noun_codes_it(self, n: Token, v: Token) -> bool:
        """Whether noun ``n`` of verb ``v``'s phrase codes the event instead of the verb's
        pattern: it has hits, a user's dictionary codes the pair, or the verb does not
        deny the noun's act ("revoked defence agreements" is coded by the verb)."""
        if not self.lexicon.user_verbs:
            return bool(self._undenied_noun_hits(n, v))
        denies = v.lemma_.lower() in self.negating_verbs
        for h in self.noun_hits(n):
            coded = self.recoded(h)
            if coded is None:
                continue
            if coded.user_coded or not denies or not _negated(coded.trigger):
                return True
        return False

    def _undenied_noun_hits(self, n: Token, v: Token) -> list[_Hit]:
        """The hits of noun ``n`` unless verb ``v`` denies the noun's act ("revoked defence
        agreements with France": the verb codes an act of its own)."""
        if v.lemma_.lower() in self.negating_verbs and not _light_pair(self.lexicon, v, n):
            # ("broke a treaty" may be a pair)
            return []
        return self.noun_hits(n)

    def noun_hits(self, n: Token) -> list[_Hit]:
        """The hits of noun ``n``, made once: a verb asks for them to know whether its
        verb-noun pair codes the act, and the sentence loop asks again."""
        found = self._noun_hits.get(n.i)
        if found is None:
            found = self._noun_hits[n.i] = list(self._make_noun_hits(n))
        return found

    def _make_noun_hits(self, n: Token) -> Iterator[_Hit]:
        keys = [k for k in _noun_keys(n) if k in self.lexicon.nouns or k in self.light_nouns]
        if not keys or self._topic(n) or self._kind_of_thing(n):
            return
        if any(c.dep_ == "det" and c.lower_ in self.hypothetical_dets for c in n.children):
            return  # "any NATO deployment in Ukraine would be a target": supposed, not done
        if n.dep_ in ("nsubj", "nsubjpass") and n.lemma_.lower() in self.state_nouns:
            return  # "ties between Ankara and Washington have been strained": a state

        keys = keys[:1]  # "a hunger strike" is not a strike: the compound entry decides
        if keys == ["money"] and (
            (n.dep_ == "pobj" and n.head.lower_ == "of" and self._act_noun(n.head.head))
            or any(self._act_noun(o) for o in _prep_objects(n, ["of", "in"]))
        ):
            return  # "a grant of 580 million shillings", "5.1 million dollars of aid": the act's
        verb = _governing_verb(n)
        placed = (  # "put its army on high alert": the pair's noun after a preposition
            verb is not None
            and n.dep_ == "pobj"
            and n.head.head.i == verb.i
            and (
                n.head.lower_ in self.placement_preps
                # "asked for military aid from Turkey", "appealed for help"
                or (n.head.lower_ == "for" and verb.lemma_.lower() in self.request_verbs)
            )
        )
        if verb is not None and (_object_dep(n) in ("dobj", "obj") or placed):
            for key in keys:
                rules = sorted(  # a rule whose preposition is present first ("to Libya")
                    self.lexicon.light_verbs.get((verb.lemma_.lower(), key), ()),
                    key=lambda r: (
                        not (
                            r.prep and (_prep_objects(n, [r.prep]) or _prep_objects(verb, [r.prep]))
                        ),
                        r.prep in self.location_preps,  # "blockade of Serbia in the Adriatic"
                    ),
                )
                for lv in rules:
                    hits = list(self._light(verb, n, lv.relation, lv.cameo, lv.prep, lv.inverse))
                    if hits:
                        yield from hits
                        return
        # "held talks to ease tensions": a conflict being calmed is not asserted by it
        calmed = (
            verb is not None
            and _object_dep(n) in ("dobj", "obj")
            and verb.lemma_.lower() in self.calming_verbs
        )
        for key in keys:
            for rule in self.lexicon.nouns.get(key, ()):
                if calmed and self.lexicon.relations[rule.relation].polarity < 0:
                    continue
                hits = list(self._noun_rule(n, rule.relation, rule.cameo, rule.preps))
                if hits:
                    yield from hits
                    return

    def _kind_of_thing(self, n: Token) -> bool:
        """Whether noun ``n`` only says what kind of thing its head is ("prisoners of war",
        "the laws of war", "the theatre of operations"): no act takes place."""
        return (
            n.dep_ == "pobj"
            and n.head.lower_ == "of"
            and n.head.head.lemma_.lower() in self.kind_of_heads
            and not any(c.dep_ in ("det", "poss") for c in n.children)
        )

    def _topic(self, n: Token) -> bool:
        """Whether noun ``n`` is the topic of talks or of a statement ("negotiations on their
        future relations", "said about the withdrawal"): talked about, not done."""
        while n.dep_ == "conj" and n.head.pos_ in ("NOUN", "PROPN"):
            n = n.head
        if n.dep_ != "pobj" or n.head.lower_ not in self.topic_preps:
            return False
        holder = n.head.head
        holders = [holder]
        if holder.pos_ in _CLAUSE_VERBS:
            if holder.lemma_.lower() in self.speech_verbs | self.topic_verbs:
                return True
            holders = _objects(holder)  # "renewed negotiations today on X"
        return any(
            r.relation in _TALK_RELATIONS
            for h in holders
            for key in _noun_keys(h)
            for r in self.lexicon.nouns.get(key, ())
        )

    def _noun_sources(self, n: Token, relation: str) -> tuple[list[TokenMention], str]:
        leader = self.table.leader_of(n)
        if leader is not None:
            return [leader], "noun:prep"  # "the US-led invasion of Iraq"
        for child in n.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                m = self.table.at(child.i)
                if m is not None and m.kind == "adjective":
                    # "Russian support for Assad", "Israeli airstrikes on Hamas"
                    found = [m] + [
                        c for x in _conjuncts(child)[1:] if (c := self.table.at(x.i)) is not None
                    ]
                    return found, "noun:prep"
                if m is not None or child.dep_ == "poss":
                    found = self.mentions(_conjuncts(child))
                    if found:
                        return found, "noun:prep"
        agents = self.mentions(_by_agents(n))
        if not agents and relation in self.source_from_relations:
            # "a demand from the US President", "military aid from Turkey"
            agents = self.mentions(_prep_objects(n, ["from"]))
        if agents:
            return agents, "noun:prep"
        claimer = self._responsibility_claimer(n) or self._direct_claimer(n)
        if claimer is not None:
            found = self.mentions(_claimants(claimer))
            if found:
                return found, "noun:responsibility"
        verb = _governing_verb(n)
        rel = self.lexicon.relations[relation]
        in_state = (  # "Russia is at war with Ukraine", "Iran is in talks with the IAEA"
            verb is not None
            and verb.lemma_.lower() in ("be", "remain", "stay")
            and n.dep_ == "pobj"
            and n.head.lower_ in ("at", "in")
            and (rel.symmetric or relation in _TALK_RELATIONS)
        )
        if (
            verb is not None
            and (
                verb.lemma_.lower() in self.light_verbs
                or in_state
                # "Niger terminated an agreement with France": denied by its own verb
                or (verb.lemma_.lower() in self.negating_verbs and n.dep_ in ("dobj", "obj"))
                # "Russia returned to talks with Ukraine"
                or (
                    n.dep_ == "pobj"
                    and n.head.lower_ in ("to", "in", "into")
                    and verb.lemma_.lower() in self.joining_verbs
                )
                # "Russia pulled out of the grain deal with Ukraine"
                or (
                    n.dep_ == "pobj"
                    and _prep_chain_head(n.head).i == verb.i
                    and verb.lemma_.lower() in self.negating_prep_heads
                )
            )
            and n.i > verb.i
            # "offered to negotiate following the invasions of Dagestan": a time, not an act
            and not (n.dep_ == "pobj" and n.head.lower_ in self.time_preps)
            # "expelled a diplomat over the killing of a Sikh leader": a reason, not an act
            and not (n.dep_ == "pobj" and n.head.lower_ in self.reason_preps)
            # "Russia rejected a demand that ...": who answers an act did not make it
            and verb.lemma_.lower() not in self.response_verbs
        ):
            subs, _ = _clause_subjects(verb)
            stative = self.stative_passives.get(verb.lemma_.lower())
            if _is_passive(verb) and not (
                stative and n.dep_ == "pobj" and n.head.lower_ == stative
            ):
                subs = _by_agents(verb)  # not "troops were engaged in fighting"
            elif _is_passive(verb):
                subs = _patients(verb)
            return self.mentions(subs), "noun:light_verb"
        return [], "none"

    def _responsibility_claimer(self, n: Token) -> Token | None:
        """The verb of "claimed responsibility for an attack on X" (whose subject did it)."""
        prep = n.head
        if n.dep_ != "pobj" or prep.lower_ != "for":
            return None
        noun = prep.head
        if noun.lemma_.lower() not in self.responsibility_nouns:
            return None
        verb = noun.head
        if noun.dep_ in ("dobj", "obj") and verb.lemma_.lower() in self.claim_verbs:
            return verb
        return None

    def _direct_claimer(self, n: Token) -> Token | None:
        """The verb of "Al-Shabaab claimed the attack on a hotel" (whose subject did it) or
        of "the assault was claimed by JNIM" (whose agent did)."""
        if n.dep_ in ("dobj", "obj", "nsubjpass") and n.head.lemma_.lower() == "claim":
            return n.head
        return None

    def _noun_rule(
        self, n: Token, relation: str, cameo: str, preps: tuple[str, ...]
    ) -> Iterator[_Hit]:
        rel = self.lexicon.relations[relation]
        # relational nouns: "from ally Turkey", "its ally, Turkey", "Haftar's backers"
        own = self.table.at(n.i)
        if (
            own is None
            and n.dep_ in ("compound", "appos")
            and self.table.at(n.head.i)
            and n.lemma_.lower() in self.relational_nouns
        ):
            target = self.table.resolve(n.head)
            partner = self._partner_of_relational(n)
            if (
                target is not None
                and partner is not None
                and (partner.actor.actor_id != target.actor.actor_id)
            ):
                yield _Hit(partner, target, relation, cameo, n, "noun:relational")
            return
        if n.dep_ == "compound" and n.lemma_.lower() not in self.relational_nouns:
            return  # "invasion forces" are forces, not an invasion
        sources, how = self._noun_sources(n, relation)
        if not sources and relation in self.grievance_relations:
            # "Nigerians were converging for a rally": the subject of a non-event verb
            sources = self._grievance_sources(n)
            how = "noun:participant" if sources else how
        targets = self.mentions(_prep_objects(n, preps)) if preps else []
        if not targets and preps:
            # "the withdrawal of some forces from Panama": the phrase hangs off the object
            own_ids = {m.actor.actor_id for m in sources}
            targets = [
                m
                for o in _prep_objects(n, ["of"])
                for m in self.mentions(_prep_objects(o, [p for p in preps if p != "of"]))
                if m.actor.actor_id not in own_ids
            ]
        verb = _governing_verb(n)
        if (
            not targets
            and preps
            and verb is not None
            and (n.dep_ in ("dobj", "obj") or (n.dep_ == "pobj" and n.head.head.i == verb.i))
            and verb.lemma_.lower() in self.light_verbs
        ):
            # "opened investigations against X", "were engaged in ethnic cleansing in
            # Montenegro against X": the phrase hangs off the light verb
            targets = self.mentions(_prep_objects(verb, preps))
        if (
            not targets
            and verb is not None
            and verb.lemma_.lower() in self.light_verbs
            and rel.polarity > 0
            and not rel.symmetric
        ):
            # "gave the Ivory Coast 5.1 million dollars of aid": the indirect object
            targets = self.mentions(
                c for c in verb.children if c.dep_ in ("dative", "iobj") and c.i < n.i
            )
        if not targets and preps and relation in self.deep_target_relations:
            own_ids = {m.actor.actor_id for m in sources}
            targets = self.deep_targets(_prep_objects(n, preps), own_ids)
        if not targets and sources and rel.quad in _VERBAL and not rel.symmetric:
            # "South Korea rejected North Korea's demand", "Turkey dismissed accusations by
            # Greece": the one who answers is the one addressed
            targets = self._addressees(n, sources)
        if not targets and relation in self.clause_subject_targets:
            # "its demand that Israel ease restrictions": the subject of the noun's clause
            targets = self.mentions(
                s
                for c in n.children
                if c.dep_ in ("acl", "ccomp") and c.i > n.i
                for s in c.children
                if s.dep_ in ("nsubj", "nsubjpass")
            )
        if not targets and sources and relation in self.grievance_relations:
            targets = self.grievance_targets(n, {m.actor.actor_id for m in sources})
            how = "noun:grievance" if targets else how
        if not targets and sources and rel.polarity < 0 and not rel.symmetric:
            # "launched an offensive to capture Tripoli and oust the government"
            targets = self.mentions(self._purpose_objects(n))
            how = "noun:purpose" if targets else how
        if relation == "mediates":
            yield from self._mediation(n, sources, targets, [], cameo, "noun:prep")
            return
        if rel.symmetric and len(sources) == 1 and not targets and self._peace_forum(n):
            # "Germany is set to hold a summit aimed at promoting peace in Libya": the host
            # of a peace forum without a counterpart convenes the sides of the conflict
            hosted = [
                p for p in self.event_parties(n) if p.actor.actor_id != sources[0].actor.actor_id
            ]
            if len(hosted) >= 2:
                yield from self._mediation(n, sources, hosted, [], "045", "noun:host")
                return
        if rel.symmetric:
            # "between" of the noun itself, not of an act it is about ("its call for a
            # ceasefire between Israel and Hamas" is no call between them)
            parties = self.mentions(_between(n, direct=True))
            if (
                len(parties) < 2
                and n.dep_ in ("nsubj", "nsubjpass")
                and verb is not None
                and not _objects(verb)
            ):
                # "clashes erupted between X and Y": the pair hangs off an intransitive verb
                parties = self.mentions(_between(verb, direct=True))
            if len(parties) >= 2:
                yield from self._pairwise(n, parties, relation, cameo, "noun:between")
                yield from self._hosted(n, verb, relation, parties)
                return
            if len(sources) >= 2 and not targets:
                # "Czechia and China signed an agreement" (not "... an agreement with Libya")
                yield from self._pairwise(n, sources, relation, cameo, "noun:pairwise")
                yield from self._hosted(n, verb, relation, sources)
                return
        if not targets and verb is not None and self._exchanged(verb, sources):
            yield from self._reciprocal(n, sources, relation, cameo)
            return
        for s in sources:
            for t in targets:
                if s.actor.actor_id != t.actor.actor_id:
                    yield _Hit(s, t, relation, cameo, n, how)

    def _exchanged(self, verb: Token, sources: list[TokenMention]) -> bool:
        """Whether ``verb`` trades its object noun between two or more subjects ("Kinshasa
        and Kigali traded accusations", `exchange_verbs`)."""
        return (
            verb.lemma_.lower() in self.exchange_verbs
            and len({m.actor.actor_id for m in sources}) >= 2
        )

    def _reciprocal(
        self, n: Token, sides: list[TokenMention], relation: str, cameo: str
    ) -> Iterator[_Hit]:
        """Each side's act of ``relation`` on each other side; the first two become the
        last dyad."""
        self.table.note_dyad(n.i, sides[0], sides[1])
        for s in sides:
            for t in sides:
                if s.actor.actor_id != t.actor.actor_id:
                    yield _Hit(s, t, relation, cameo, n, "noun:reciprocal")

    def _hosted(
        self, n: Token, verb: Token | None, relation: str, parties: list[TokenMention]
    ) -> Iterator[_Hit]:
        """The host of talks between others mediates between them ("Qatar hosted talks
        between the US and the Taliban", "Armenia and Azerbaijan held talks hosted by
        Blinken"); the parties' own holding of talks hosts nothing."""
        if relation not in ("negotiates_with", "meets"):
            return  # talks and meetings are hosted; a ceasefire "called for" is not
        hosts = [
            m
            for c in n.children
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in self.hosting_verbs
            for m in self.mentions(_by_agents(c))
        ]
        if (
            not hosts
            and verb is not None
            and n.dep_ in ("dobj", "obj", "nsubjpass")
            and verb.lemma_.lower() in self.hosting_verbs
        ):
            subjects = _by_agents(verb) if _is_passive(verb) else _clause_subjects(verb)[0]
            hosts = self.mentions(subjects)
        party_ids = {p.actor.actor_id for p in parties}
        hosts = [h for h in hosts if h.actor.actor_id not in party_ids]
        if hosts:
            yield from self._mediation(n, hosts, parties, [], "045", "noun:host")

    def _peace_forum(self, n: Token) -> bool:
        """A summit or conference hosted by one actor about peace ("a peace conference",
        "a summit aimed at promoting peace in Libya")."""
        verb = _governing_verb(n)
        if verb is None or verb.lemma_.lower() not in self.hosting_verbs:
            return False
        words = {t.lemma_.lower() for t in n.subtree}
        words |= {
            t.lemma_.lower()
            for c in verb.children
            if c.dep_ in ("advcl", "acl", "xcomp") and c.i > n.i
            for t in c.subtree
        }
        return bool(words & self.peace_words)

    def _grievance_sources(self, n: Token) -> list[TokenMention]:
        """The subject of a verb that takes part in a protest noun through a preposition
        and codes no event itself ("converged for a rally", "took part in strikes")."""
        verb = _governing_verb(n)
        if verb is None or n.dep_ != "pobj" or self.lexicon.verbs.get(verb.lemma_.lower()):
            return []
        if _is_passive(verb):
            return []
        return self.mentions(_clause_subjects(verb)[0])

    def _pairwise(
        self, n: Token, parties: list[TokenMention], relation: str, cameo: str, rule: str
    ) -> Iterator[_Hit]:
        """One symmetric hit per pair of ``parties``; the first two become the last dyad."""
        self.table.note_dyad(n.i, parties[0], parties[1])
        for i, s in enumerate(parties):
            for t in parties[i + 1 :]:
                yield _Hit(s, t, relation, cameo, n, rule)

    def _purpose_objects(self, n: Token) -> list[Token]:
        """Objects of a "to"-clause stating the purpose of ``n`` or of its light verb."""
        holders = [n]
        verb = _governing_verb(n)
        if verb is not None:
            holders.append(verb)
        out: list[Token] = []
        for h in holders:
            for c in h.children:
                if c.dep_ in ("acl", "advcl", "xcomp") and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children
                ):
                    for v in _conjuncts(c):
                        out.extend(_objects(v))
        return out

    def _partner_of_relational(self, n: Token) -> TokenMention | None:
        poss = [c for c in n.children if c.dep_ == "poss"]
        if not poss and n.head.dep_ in ("pobj", "dobj"):
            poss = [c for c in n.head.children if c.dep_ == "poss"]
        if poss:
            found = self.mentions(poss[:1])
            return found[0] if found else None
        holder = n.head
        verb = _governing_verb(holder)
        if verb is None:
            return None
        subs, _ = _clause_subjects(verb)
        found = self.mentions(subs)
        return found[0] if found else None

    def _light(
        self, verb: Token, n: Token, relation: str, cameo: str, prep: str | None, inverse: bool
    ) -> Iterator[_Hit]:
        subs, _ = _clause_subjects(verb)
        passive = _is_passive(verb)
        if passive:
            subs = _by_agents(verb)
        sources = self.mentions(subs)
        if not sources and passive and relation in self.place_agent_relations:
            # "was put under investigation in Italy": the state stands for its authorities
            sources = self._location_targets(verb, relation) or self._location_targets(n, relation)
        phrase = _phrase_heads(n)  # "a state of emergency in Darfur", "a curfew imposed in X"
        if n.dep_ == "pobj" and _measure_of(n.head):
            phrase = [*phrase, n.head.head]  # "pledged $1 billion in aid to Yemen": the measure's
        toks = (
            [t for h in phrase for t in _prep_objects(h, [prep])] + _prep_objects(verb, [prep])
            if prep
            else []
        )
        if prep == "of":  # "met Hamas's demands", "accepted demands from the rebels"
            toks += [c for c in n.children if c.dep_ == "poss"] + _prep_objects(n, ["from", "by"])
        if prep == "to":  # "aid for Romania"; "give Tanzania a grant": the indirect object
            toks += _prep_objects(n, ["for"])
            toks += [
                c
                for c in verb.children
                if c.dep_ in ("dative", "iobj") and c.pos_ in ("PROPN", "NOUN", "PRON")
            ]
        own_ids = {m.actor.actor_id for m in sources}
        targets = [m for m in self.mentions(toks) if m.actor.actor_id not in own_ids]
        if relation in self.deployment_relations:
            # "accused Iran of massing troops on their border": a pronoun that stands for
            # troops of no country is no one the deployment is aimed at
            targets = [
                m
                for m in targets
                if not (m.kind == "pronoun" and m.actor.country is None and not m.actor.resolved)
            ]
        rel = self.lexicon.relations[relation]
        deep = relation in self.deep_target_relations or relation in self.deployment_relations
        if not targets and toks and deep and not inverse:
            # "put its army on alert along the border with Kosovo"
            targets = self.deep_targets(toks, {m.actor.actor_id for m in sources})
        if not targets and relation in self.grievance_relations and not inverse:
            targets = self.grievance_targets(n, {m.actor.actor_id for m in sources})
        if not targets and rel.polarity < 0 and not rel.symmetric and not inverse:
            targets = self.mentions(self._purpose_objects(n))
        if not targets and rel.polarity < 0 and not rel.symmetric and not inverse:
            # "took 240 Israelis hostage": whom the noun is made of
            targets = [
                m
                for c in n.children
                if c.dep_ == "compound"
                for m in self.mentions(_conjuncts(c))
                # (not a mention of the noun itself: "shot down a US drone" is no firing)
                if m.actor.actor_id not in own_ids and not m.start <= n.i < m.end
            ]
        if (
            relation == "concedes_to"
            and not inverse
            and all(m.actor.type in _INTERMEDIARIES for m in targets)
        ):
            # "Azerbaijan returned 32 Armenian prisoners": the people handed back are whom
            # it is granted to (not its own: "recalled its ambassador"), also when handed
            # through an intermediary ("handed over four Israeli hostages to the Red Cross")
            own_states = {m.actor.country for m in sources}
            people = [
                m
                for m in self.mentions([n])
                if m.actor.actor_id not in own_ids
                and m.actor.country is not None
                and m.actor.country not in own_states
            ]
            targets = people or targets
        joint = rel.symmetric and len({m.actor.actor_id for m in sources}) >= 2
        if not targets and relation in self.location_targets and not inverse and not joint:
            # "reimposed blockades in the West Bank": the place stands for its authorities
            # (not when joint subjects act with each other: "X and Y exchanged fire in Z")
            own = {m.actor.actor_id for m in sources}
            targets = [
                m
                for m in self.mentions(
                    [t for h in phrase for t in _prep_objects(h, self.location_preps)]
                    + _prep_objects(verb, self.location_preps)
                )
                if _place_actor(m) and m.actor.actor_id not in own
            ]
        if not targets and rel.symmetric and len(sources) >= 2:
            yield from self._pairwise(n, sources, relation, cameo, "noun:pairwise")
            yield from self._hosted(n, None, relation, sources)
            return
        if not targets and self._exchanged(verb, sources):
            yield from self._reciprocal(n, sources, relation, cameo)
            return
        for s in sources:
            for t in targets:
                if s.actor.actor_id == t.actor.actor_id:
                    continue
                if inverse:
                    yield _Hit(t, s, relation, cameo, n, "noun:light_verb")
                else:
                    yield _Hit(s, t, relation, cameo, n, "noun:light_verb")

    def headline_hits(self, sent: Span) -> Iterator[_Hit]:
        """ "Russia and Iran back Assad", "Qatar, Turkey fund Hamas": a short clause the
        parser left without a verb (the verb tagged as an adverb or a noun) is read as
        actors, a lexicon verb, actors, with nothing else between them."""
        for tok in sent:
            if self.table.at(tok.i) is not None or not tok.is_lower:
                continue
            form = tok.lower_
            rules = next(
                (
                    rs
                    for key in (form, form[:-1] if form.endswith("s") else "", tok.lemma_.lower())
                    if (rs := [r for r in self.lexicon.verbs.get(key, ()) if r.prep is None])
                ),
                [],
            )
            if not rules:
                continue
            sources = self._actor_run(sent, tok.i, -1)
            targets = self._actor_run(sent, tok.i, 1)
            for s in sources:
                for t in targets:
                    if s.actor.actor_id != t.actor.actor_id:
                        yield _Hit(s, t, rules[0].relation, rules[0].cameo, tok, "verb:headline")
            return

    def _actor_run(self, sent: Span, at: int, step: int) -> list[TokenMention]:
        """The actors written one after another from ``at`` (excluded) towards the start
        (``step`` -1) or the end (+1) of ``sent``, joined only by commas, "and", "the"."""
        found: list[TokenMention] = []
        i = at + step
        while sent.start <= i < sent.end:
            m = self.table.at(i)
            tok = sent.doc[i]
            head = sent.doc[m.head] if m is not None else tok
            if (
                m is not None
                and found
                and head.dep_ in ("compound", "amod", "poss", "nmod")
                and head.head.i in {f.head for f in found}
            ):
                i = m.start + step if step < 0 else m.end  # "a Moscow court": the court's
            elif m is not None and m.kind != "adjective":
                found.extend(self.mentions([head]) or [m])
                i = (m.start if step < 0 else m.end - 1) + step
            elif tok.lower_ in (",", "and", "the") or (step > 0 and tok.is_punct and found):
                if tok.is_punct and tok.lower_ != "," and step > 0:
                    break
                i += step
            else:
                break
        if step < 0:
            found.reverse()
        return list({m.actor.actor_id: m for m in found}.values())

    def sentence_hits(self, sent: Span) -> list[_Hit]:
        hits: list[_Hit] = []
        for tok in sent:
            if tok.dep_ == "amod" and tok.lower_ in self.sponsor_participles | (
                self.mediation_participles
            ):
                hits.extend(self.sponsorship(tok))
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ == "VBN"):
                hits.extend(self.verb_hits(tok))
                hits.extend(self.speech_demands(tok))
                hits.extend(self.hostile_calls(tok))
                hits.extend(self.hostile_urgings(tok))
            elif tok.pos_ in ("NOUN", "PROPN") or (
                tok.ent_type_ == "MONEY" and tok.dep_ in ("dobj", "obj")
            ):
                # "Egyptian mediators": a noun that names its own actors is not that
                # actor's act on itself
                # (but people a verb hands back are its object: "returned 32 Armenian
                # prisoners")
                hits.extend(
                    h
                    for h in self.noun_hits(tok)
                    if not (h.target.start <= tok.i < h.target.end)
                    or (h.rule == "noun:light_verb" and h.relation == "concedes_to")
                )
                hits.extend(self.speech_noun_demands(tok))
        if not hits and sent.root.pos_ not in _CLAUSE_VERBS:
            hits = list(self.headline_hits(sent))
        if self.lexicon.user_verbs:
            hits = [h for h in map(self.recoded, hits) if h is not None]
        hits = [self._troop_arrival(h) for h in hits]
        # remember who faced whom, for "both sides" and "the deal" later on
        for h in hits:
            rel = self.lexicon.relations[h.relation]
            if (
                (rel.symmetric or rel.polarity < 0)
                and rel.alignment <= 0  # allies are not the two sides of a conflict
                and h.relation != "deploys_to"
            ):
                self.table.note_dyad(h.trigger.i, h.source, h.target)
        return hits


# --- negation, modality, dates, confidence ----------------------------------------------


def _clause_chain(tok: Token) -> list[Token]:
    """``tok`` and the heads it is controlled by (xcomp/pcomp/acl of attempts ...)."""
    chain = [tok]
    cur = tok
    for _ in range(6):
        if cur.dep_ == "advcl" and _finite_adverbial(cur):
            break  # "scheduled to begin when Russia attacked": the attack is its own assertion
        if (
            cur.dep_ in ("xcomp", "pcomp", "acl", "advcl", "conj", "prep", "pobj", "dobj")
            or _bare_infinitive(cur)
        ) and cur.head.i != cur.i:
            cur = cur.head
            chain.append(cur)
            if cur.dep_ in ("ROOT", "ccomp", "relcl"):
                break
        else:
            break
    return chain


def _bare_infinitive(verb: Token) -> bool:
    """Whether ``verb`` is the bare infinitive of a small clause ("help him oust the
    general", "let them attack"): controlled by its head like an xcomp."""
    return (
        verb.dep_ == "ccomp"
        and verb.tag_ == "VB"
        and not any(c.dep_ in ("aux", "mark") for c in verb.children)
    )


def _subjunctive(verb: Token) -> bool:
    """Whether ``verb`` is the base form after "that" with a third-person singular subject
    ("that Israel ease restrictions", "that he resign"): the mandative subjunctive, which
    only a demand, a call or a necessity governs."""
    if verb.tag_ != "VB" or any(c.dep_ == "aux" for c in verb.children):
        return False
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(
        s.tag_ in ("NN", "NNP") or s.lower_ in ("he", "she", "it") for s in subjects
    )


def _finite_adverbial(verb: Token) -> bool:
    """Whether ``verb`` heads a finite adverbial clause with its own subject ("when Russia
    attacked", "after the talks had failed"), not a purpose ("to capture Tripoli")."""
    return any(c.dep_ == "mark" or c.tag_ == "WRB" for c in verb.children) and any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children
    )


def _user_coded(hits: list[_Hit], verb: Token) -> list[_Hit]:
    """``hits`` of a user's dictionary verb, marked so, as PETRARCH reads them: the target
    follows the verb ("a senior official said on Saturday": none after it, no event), except
    in a passive, relative or pairwise clause ("X and Y agree that ...")."""
    forward = ("verb:active", "verb:prep", "verb:complement")
    return [
        dataclasses.replace(h, user_coded=True)
        for h in hits
        if h.target.start > verb.i or h.rule not in forward
    ]


def _prep_chain_head(prep: Token) -> Token:
    """The word a chain of prepositions hangs off ("pulled out of the deal": "pulled")."""
    while prep.dep_ == "prep" and prep.head.dep_ == "prep" and prep.head.i != prep.i:
        prep = prep.head
    return prep.head


def _negated(trigger: Token, light_verb: bool = False, own_only: bool = False) -> bool:
    """Whether ``trigger`` is denied. ``light_verb``: the trigger is the object of a verb
    its rule already reads ("halted aid" is a sanction, not a negated aid). ``own_only``:
    only by its own words ("no talks"), not by a verb it is the object of."""
    neg_verbs = syntax_words("negating_verbs")
    neg_nouns = syntax_words("negating_nouns")
    neg_preps = syntax_words("negating_preps")
    if any(c.dep_ == "neg" for c in trigger.children):
        return True
    if any(  # "Neither Galadriel nor Gollum boycotted the parade"
        g.lower_ == "neither"
        for c in trigger.children
        if c.dep_ in ("nsubj", "nsubjpass")
        for g in c.children
    ):
        return True
    if any(  # "did not even ever clash": the negation hangs off an adverb
        g.dep_ == "neg" for c in trigger.children if c.dep_ == "advmod" for g in c.children
    ):
        return True
    if any(c.dep_ == "det" and c.lower_ in syntax_words("negating_dets") for c in trigger.children):
        return True
    if trigger.dep_ == "pobj" and trigger.head.lower_ in neg_preps:
        return True  # "the talks collapsed without an agreement between X and Y"
    if own_only:
        return False
    cur = trigger
    for _ in range(4):
        head = cur.head
        if head.i == cur.i:
            break
        if cur.dep_ == "pcomp" and head.lower_ in neg_preps:
            return True
        if (
            cur.dep_ == "pcomp"
            and head.lower_ in syntax_words("preventing_preps")
            and any(c.dep_ in ("dobj", "obj") for c in head.head.children)
        ):
            return True  # "prevented the UN from delivering aid", "warned X against selling"
        if cur.dep_ == "pobj" and head.lower_ in neg_preps:
            return True
        own_verb = (
            light_verb
            and cur.dep_ == "dobj"
            # "lifted a state of emergency": the pair's noun under its measure
            and (
                cur.i == trigger.i or (trigger.head.lower_ == "of" and trigger.head.head.i == cur.i)
            )
        )
        if (
            cur.dep_ in ("xcomp", "pcomp", "dobj")
            and head.lemma_.lower() in neg_verbs
            and not own_verb
        ):
            return True
        if cur.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children):
            return True  # "did not try to attack"
        if (
            cur.dep_ == "xcomp"
            and head.lemma_.lower() in ("have", "be")
            and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children)
        ):
            return True  # "Turkey has yet to approve", "Russia is yet to respond"
        if cur.dep_ == "prep" and head.lemma_.lower() in syntax_words("negating_prep_heads"):
            return True  # "refrained from condemning", "stopped short of recognising"
        if cur.dep_ == "acl" and head.lemma_.lower() in neg_nouns:
            return True  # "Eriador's refusal to talk to X"
        if cur.dep_ == "acl" and any(
            c.dep_ == "det" and c.lower_ in syntax_words("negating_dets") for c in head.children
        ):
            return True  # "Russia has no plans to attack NATO"
        if (
            cur.i == trigger.i
            and cur.dep_ in ("dobj", "obj")
            and (light_verb or head.lemma_.lower() not in neg_verbs)
            and (
                any(c.dep_ == "neg" for c in head.children)
                or any(
                    g.lower_ == "neither"
                    for c in head.children
                    if c.dep_ in ("nsubj", "nsubjpass")
                    for g in c.children
                )
            )
        ):
            return True  # "Ethiopia and Eritrea did not sign the agreement"
        if (
            cur.dep_ == "ccomp"
            and head.lemma_.lower() in syntax_words("denial_verbs")
            # "Armenia accused Azerbaijan of ..., a charge Baku denied": a clause before a
            # denial that has its own object is not what is denied, nor one the denial
            # names as a charge ("..., a charge Kigali denies", parsed as its clause)
            and not (
                cur.i < head.i
                and (
                    any(c.dep_ in ("dobj", "obj") for c in head.children)
                    or any(
                        t.lemma_.lower() in syntax_words("allegation_nouns")
                        for t in trigger.doc[cur.right_edge.i + 1 : head.i]
                    )
                )
            )
        ):
            return True  # "the Kremlin denied that Russian jets had bombed a hospital"
        if (
            cur.dep_ in ("acl", "ccomp")
            and head.lemma_.lower() in syntax_words("allegation_nouns")
            and head.dep_ in ("dobj", "obj")
            and head.head.lemma_.lower() in syntax_words("denial_verbs")
        ):
            return True  # "the Kremlin dismissed reports that Russian mercenaries fought"
        if cur.dep_ not in ("xcomp", "pcomp", "pobj", "prep", "dobj"):
            break
        cur = head
    return False


def _alleged(chain: Sequence[Token]) -> bool:
    """Whether an act is what someone is accused of ("accused Malian soldiers of killing
    civilians", "blamed Hamas for attacking"), said to be "allegedly" done, or "believed" or
    "reported" to be done."""
    accusing = syntax_words("accusation_verbs")
    for tok in chain[:3]:
        if any(c.dep_ == "advmod" and c.lower_ == "allegedly" for c in tok.children):
            return True
        if (
            tok.dep_ == "xcomp"
            and tok.head.lemma_.lower() in syntax_words("hedging_passives")
            and _is_passive(tok.head)
        ):
            return True  # "the rebels are believed to have kidnapped the aid workers"
        prep = tok.head
        if (
            tok.dep_ in ("pcomp", "pobj")
            and prep.dep_ == "prep"
            and prep.lower_ in ("of", "for")
            and (
                prep.head.lemma_.lower() in accusing
                # "accused the army of bombing": the phrase hung off the object
                or (prep.head.dep_ in ("dobj", "obj") and prep.head.head.lemma_.lower() in accusing)
            )
        ):
            return True
    return False


def _modality(trigger: Token) -> Modality:
    chain = _clause_chain(trigger)
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("pobj", "compound", "conj"):
        # "a halt to fighting between X and Y": the fighting is real whatever is tried
        # about it; only an event noun that is itself planned ("pledged to continue its
        # attacks") takes the modality of its verb
        chain = [trigger]
        verb = _governing_verb(trigger) if trigger.dep_ == "pobj" else None
        if (
            verb is not None
            and verb.dep_ == "xcomp"
            and verb.lemma_.lower() in syntax_words("joining_verbs")
        ):
            # "urged Israel and Hamas to agree to a ceasefire": what a controlled verb does
            # through its preposition is as requested, planned or tried as the verb
            chain = [trigger, *_clause_chain(verb)]
    elif trigger.dep_ == "acl" and not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children
    ):
        # "a ceasefire with rebels fighting to topple his government": a participle says
        # what its noun does, whatever is said of the clause the noun is in
        chain = [trigger]
    attempt_v, plan_v = syntax_words("attempt_verbs"), syntax_words("plan_verbs")
    attempt_n, plan_n = syntax_words("attempt_nouns"), syntax_words("plan_nouns")
    request_v = syntax_words("request_verbs")
    plan_a = syntax_words("plan_adjectives")
    possible_a = syntax_words("possible_adjectives")
    for tok in chain:
        for c in tok.children:
            if c.dep_ == "mark" and c.lower_ in syntax_words("conditional_marks"):
                return Modality.CONDITIONAL
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "for":
        asker = trigger.head.head
        if asker.lemma_.lower() in (
            request_v | syntax_words("hostile_call_verbs") | syntax_words("request_nouns")
        ):
            return Modality.REQUESTED  # "called for a ceasefire between X and Y"
    for prev, tok in itertools.pairwise(chain):
        lemma = tok.lemma_.lower()
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in prev.children)
        if tok.pos_ == "ADJ" and prev.dep_ == "xcomp" and lemma in plan_a:
            return Modality.PLANNED  # "is willing to withdraw", "is about to restore"
        if tok.pos_ == "ADJ" and prev.dep_ == "xcomp" and lemma in possible_a:
            return Modality.POSSIBLE  # "is likely to attack"
        if tok.pos_ in _CLAUSE_VERBS and prev.dep_ == "xcomp":
            if lemma in attempt_v:
                return Modality.ATTEMPTED
            if lemma in request_v:
                return Modality.REQUESTED
            if lemma in plan_v:
                return Modality.PLANNED
        if tok.pos_ == "NOUN" and prev.dep_ == "acl" and infinitive:
            if lemma in attempt_n:
                return Modality.ATTEMPTED
            if lemma in plan_n:
                return Modality.PLANNED
        earlier = chain[: next(i for i, t in enumerate(chain) if t.i == prev.i)]
        if (
            prev.dep_ in ("acl", "advcl")
            and infinitive
            and all(t.dep_ in ("conj", "xcomp") or _bare_infinitive(t) for t in earlier)
        ):
            # "launched an offensive to capture Tripoli", "offered troops to help him oust
            # the general": a purpose, not yet an outcome
            return Modality.ATTEMPTED
    if trigger.dep_ == "ccomp" and trigger.head.lemma_.lower() in request_v | {"insist"}:
        return Modality.REQUESTED  # "demanded that the army withdraw"
    if trigger.dep_ == "ccomp" and (
        _subjunctive(trigger)
        or any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in syntax_words("request_nouns")
            for c in trigger.head.children
        )
    ):
        # "reiterated its demand that Israel ease restrictions", "said it was vital
        # that Iran allow inspectors in": a mandate, not an act
        return Modality.REQUESTED
    for tok in {trigger.i: trigger, chain[-1].i: chain[-1]}.values():
        # "its demand that Israel ease restrictions", "an allegation that X took Greenville",
        # "a call for its forces to withdraw" (parsed as an adverbial clause of the noun)
        if tok.dep_ in ("acl", "ccomp", "advcl") and tok.head.pos_ == "NOUN":
            if tok.head.lemma_.lower() in syntax_words("request_nouns"):
                return Modality.REQUESTED
            if tok.head.lemma_.lower() in syntax_words("allegation_nouns"):
                return Modality.ALLEGED
    if _alleged(chain):
        return Modality.ALLEGED
    for tok in chain[:3]:
        for c in tok.children:
            if c.dep_ == "aux" and c.lower_ in syntax_words("future_aux"):
                return Modality.PLANNED
            if c.dep_ == "aux" and c.lower_ in syntax_words("possible_aux"):
                return Modality.POSSIBLE
            if c.dep_ == "aux" and c.lower_ in syntax_words("obligation_aux"):
                return Modality.REQUESTED  # "Iraq must cooperate with UN inspectors"
    return Modality.ASSERTED


@functools.cache
def _discard_phrases() -> tuple[frozenset[tuple[str, ...]], tuple[int, ...]]:
    """The phrases of ``kg/data/discard.json`` (each sport named before each kind of
    competition among them) as word tuples, and the lengths they come in."""
    raw = json.loads(resources.files("kg").joinpath("data/discard.json").read_text("utf-8"))
    pairs = [f"{sport} {kind}" for sport in raw["sports"] for kind in raw["competitions"]]
    phrases = frozenset(tuple(p.lower().split()) for p in [*raw["sentence"], *pairs])
    return phrases, tuple(sorted({len(p) for p in phrases}))


@functools.cache
def _discard_words() -> frozenset[str]:
    """The first words of the discard phrases, and their parts before a hyphen ("semi")."""
    phrases, _ = _discard_phrases()
    return frozenset(w for p in phrases for w in (p[0], p[0].split("-")[0]))


def _discarded(sent: Span) -> bool:
    """Whether ``sent`` is on the discard list (a sports result, a film festival ...)."""
    phrases, lengths = _discard_phrases()
    lowers = [t.lower_ for t in sent if not t.is_space]
    if not _discard_words().intersection(lowers):
        return False  # no word any phrase starts with (the common case)
    # "semi-final" is one phrase whatever the tokenizer does with its hyphen
    words = " ".join(lowers).replace(" - ", "-").split()
    return any(
        tuple(words[i : i + n]) in phrases for n in lengths for i in range(len(words) - n + 1)
    )


def _ultimatum(trigger: Token) -> bool:
    """Whether the event is announced on condition that another does not act ("will
    withdraw unless the president arranges a ceasefire")."""
    marks = syntax_words("ultimatum_marks")
    for tok in _clause_chain(trigger)[:3]:
        if tok.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in marks for m in tok.children
        ):
            return False  # the condition itself ("unless X arranged a ceasefire"), not the threat
        for c in tok.children:
            if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in marks for m in c.children
            ):
                return True
    return False


def _clause_head(tok: Token) -> Token:
    cur = tok
    for _ in range(8):
        if cur.pos_ in _CLAUSE_VERBS:
            return cur
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return cur


def _event_date(
    trigger: Token, dates: Sequence[Span], doc_date: dt.date | None, modality: Modality
) -> tuple[dt.date | None, str | None]:
    """The date of the event ``trigger`` expresses: the nearest of the sentence's DATE
    entities (``dates``) on its clause or a clause it hangs from, else the document's."""
    if doc_date is None:
        return None, None
    clause = _clause_head(trigger)
    related = [clause.i]  # the trigger's clause first, then the clauses it hangs from
    cur = clause
    for _ in range(6):  # the date may sit on a governing verb: "On Saturday, they had agreed to"
        climb = cur.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep", "acl", "pobj", "dobj")
        # "Mali said on Sunday that its forces had killed ...": no later than the report
        climb = climb or (cur.dep_ == "ccomp" and cur.head.lemma_.lower() in _speech_verbs())
        # "On 15 April, fighting broke out between ...": a gerund subject's verb
        climb = climb or (cur.dep_ in ("nsubj", "csubj") and cur.tag_ == "VBG")
        # "On 30 April, the army, supported by ATMIS, recaptured ...": a participle on the
        # subject is dated by the subject's verb
        climb = climb or (cur.dep_ in ("nsubj", "nsubjpass") and cur.pos_ in ("NOUN", "PROPN"))
        if climb and cur.head.i != cur.i:
            cur = cur.head
            related.append(cur.i)
        else:
            break
    partner = _raising_partner(clause)
    if partner is not None:  # "attacked and bombed Kyiv on Monday": the shared date
        related.insert(1, partner.i)
    found: list[tuple[int, dt.date, str]] = []
    for ent in dates:
        anchor = _clause_head(ent.root.head if ent.root.dep_ == "pobj" else ent.root)
        if anchor.i in related:
            res = resolve_date(ent.text, doc_date, future=modality is Modality.PLANNED)
            if res is not None:
                found.append((related.index(anchor.i), res.date, res.precision))
    if found:
        _, date, precision = min(found, key=lambda f: f[0])
        return date, precision
    return doc_date, "document"


def _to_mention(
    doc: Doc, text: str, m: TokenMention, dated: Callable[[Actor], str | None] | None = None
) -> Mention:
    """The record of a mention; ``dated`` gives the actor's code on the event's date."""
    code = dated(m.actor) if dated is not None else None
    country = country_of_code(code) if code and code != m.actor.code else None
    if code == m.actor.code:
        code = None
    start, end = m.char_span(doc)
    if m.kind == "agent" or (m.kind in ("name", "ner") and m.actor.type is ActorType.PERSON):
        # an agent noun is written with its modifiers: "Moslem fundamentalist demonstrators",
        # "Tamil civilian refugees", not "demonstrators"; a person with the title before
        # the name: "U.N. mediator Diego Cordovez"
        first = m.start
        while first > 0:
            prev = doc[first - 1]
            if not (first <= prev.head.i < m.end):  # "Ivory Coast rebels"
                break
            if prev.dep_ not in ("amod", "compound", "nmod") or prev.pos_ not in (
                "ADJ",
                "NOUN",
                "PROPN",
            ):
                break
            first -= 1
        start = doc[first].idx
    return Mention(
        text=text[start:end], start=start, end=end, actor=m.actor, code=code, country=country
    )


_VERBAL = (QuadClass.VERBAL_COOPERATION, QuadClass.VERBAL_CONFLICT)

# the heads of dyad phrases that name the two sides' states ("the two countries")
_STATE_WORDS = frozenset({"country", "nation", "state", "government"})

# who people are handed over through, not to: the Red Cross, a UN agency
_INTERMEDIARIES = (ActorType.NGO, ActorType.IGO)

# a material event that is planned, possible or conditional ("may halt mediation if ...") is
# coded as CAMEO/PLOVER code intents and threats, not as the event itself
_INTENT_MODALITIES = (Modality.PLANNED, Modality.POSSIBLE, Modality.CONDITIONAL)

_VERB_CLASSES = (
    "negating_verbs",
    "attempt_verbs",
    "plan_verbs",
    "request_verbs",
    "speech_verbs",
    "light_verbs",
)


@functools.lru_cache(maxsize=8)
def _known_verbs(lexicon: RelationLexicon) -> frozenset[str]:
    words = set(lexicon.verbs) | {v for v, _ in lexicon.light_verbs}
    for key in _VERB_CLASSES:
        words |= syntax_words(key)
    return frozenset(words)


_NO_FORMS: Mapping[str, str] = MappingProxyType({})


@functools.cache
def _speech_verbs() -> frozenset[str]:
    return syntax_words("speech_verbs")


@functools.cache
def _unprefixed_re_verbs() -> frozenset[str]:
    return syntax_words("unprefixed_re_verbs")


_VERB_PREFIXES = ("re", "over", "out", "under")


def _lemma_candidates(text: str, tag: str) -> list[str]:
    """Regular base forms of an inflected verb ("staged" -> "stage", "stag", ...)."""
    w = text.lower()
    if tag in ("VBD", "VBN") and w.endswith("ied"):
        return [w[:-3] + "y"]
    if tag in ("VBD", "VBN") and w.endswith("ed"):
        return [w[:-1], w[:-2], w[:-3]]  # staged, blocked, banned
    if tag == "VBZ" and w.endswith("s"):
        return [w[:-1], w[:-2]]
    if tag == "VBG" and w.endswith("ing"):
        return [w[:-3] + "e", w[:-3], w[:-4]]
    return []


def repair_verb_lemmas(
    doc: Doc, known: frozenset[str], irregular: Mapping[str, str] = _NO_FORMS
) -> None:
    """Give inflected verbs the lexicon's base form when spaCy's lemmatizer missed it
    (it lemmatises "staged" as "stag"): only a regular form the lexicon knows is taken,
    or a prefixed irregular one ("retook" -> "retake", with ``irregular`` "took" -> "take")."""
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX") and tok.tag_ != "VBN":
            continue
        if tok.lemma_.lower() in known:
            continue
        lemma = tok.lemma_.lower()
        cands = _lemma_candidates(tok.text, tok.tag_)
        if lemma.startswith("re") and len(lemma) > 5 and lemma not in _unprefixed_re_verbs():
            cands.append(lemma[2:])  # "reimposed" -> "impose", but "return" is not "turn"
        word = tok.lower_
        for prefix in _VERB_PREFIXES:
            base = irregular.get(word[len(prefix) :]) if word.startswith(prefix) else None
            if base is not None:
                cands.append(prefix + base)  # "retook" (tagged VBP) -> "retake"
        for cand in cands:
            if cand in known:
                tok.lemma_ = cand
                break


def _arcs_up(tok: Token) -> dict[int, int]:
    """Each ancestor of ``tok`` (and ``tok``) by index, with its distance in arcs, up to
    the first coordination: a conjunct is another event ("attacked and bombed Kyiv")."""
    dist = {tok.i: 0}
    steps = 0
    while tok.head.i != tok.i and tok.dep_ != "conj" and steps < 4:
        tok = tok.head
        steps += 1
        dist[tok.i] = steps
    return dist


def _one_description(first: Token, second: Token) -> bool:
    """Whether two triggers of one sentence describe a single event: a noun and the verb
    or noun it is an argument or purpose of, a few arcs apart and not coordinated ("agreed
    upon a pact", "began a hunger strike to protest", "staged a strike in protest"), or a
    verb and the verb it controls ("agreed to end the war")."""
    if first.i == second.i:
        return False
    if any(a.dep_ == "xcomp" and a.head.i == b.i for a, b in ((first, second), (second, first))):
        return True  # "agreed to end the war": the agreement is to end it
    if "NOUN" not in (first.pos_, second.pos_):
        return False
    up_first, up_second = _arcs_up(first), _arcs_up(second)
    shared = [up_first[i] + d for i, d in up_second.items() if i in up_first]
    return bool(shared) and min(shared) <= 4


def _one_per_description(described: Sequence[tuple[Token, Event]]) -> list[Event]:
    """The events of one sentence with each event told once: when a verb and a noun (or
    two nouns) tell the same relation between the same actors ("the United States and
    Jordan agreed upon a free-trade pact"), one telling is kept: the asserted one before a
    purpose, then the more confident, then the more specific CAMEO code (event coders count
    one event a sentence too)."""
    kept: list[tuple[Token, Event]] = []
    for trigger, event in described:
        key = _telling_key(event)
        for n, (other_trigger, other) in enumerate(kept):
            if _telling_key(other) == key and (
                other.cameo == event.cameo
                or _one_description(other_trigger, trigger)
                # "donated and delivered goods to X": two verbs of one material act
                or (_quad(other) is _quad(event) and _shared_object(other_trigger, trigger))
            ):
                if _telling_rank(event) > _telling_rank(other):
                    kept[n] = (trigger, event)
                break
        else:
            kept.append((trigger, event))
    return [event for _, event in kept]


def _quad(event: Event) -> QuadClass:
    return event.quad or event.relation.quad


def _shared_object(first: Token, second: Token) -> bool:
    """Whether one verb trigger is the bare verb that shares the other's object."""
    return any(
        (p := _raising_partner(a)) is not None and p.i == b.i
        for a, b in ((first, second), (second, first))
    )


def _telling_key(event: Event) -> tuple[object, ...]:
    return (
        event.source.actor.actor_id,
        event.relation.name,
        event.target.actor.actor_id,
        event.negated,
        event.date,
    )


def _telling_rank(event: Event) -> tuple[bool, float, int]:
    # "began a hunger strike to protest": the strike is told as done, the purpose as aimed at
    return (event.modality is Modality.ASSERTED, event.confidence, len(event.cameo))


def events_from_doc(
    doc: Doc,
    document: Document,
    table: ActorMentions,
    lexicon: RelationLexicon,
    irregular: Mapping[str, str] = _NO_FORMS,
) -> list[Event]:
    """All events of one parsed document, in document order (``irregular``: the
    pipeline's irregular verb forms, see :func:`kg.pipeline.irregular_verb_forms`)."""
    repair_verb_lemmas(doc, _known_verbs(lexicon), irregular)
    extractor = _SentenceExtractor(table, lexicon)
    events: list[Event] = []
    full = doc.text  # Doc.text joins every token: build it once per document
    discarded = 0
    # the DATE entities of each sentence, found once per document (Span.ents walks them all)
    date_ents: dict[int, list[Span]] = {}
    for ent in doc.ents:
        if ent.label_ == "DATE":
            date_ents.setdefault(ent.sent.start, []).append(ent)
    for sent in doc.sents:
        if _discarded(sent):
            discarded += 1  # "Brazil beat Argentina in the World Cup qualifier"
            continue
        hits = extractor.sentence_hits(sent)
        seen: set[tuple[str, str, str, int]] = set()
        described: list[tuple[Token, Event]] = []
        s_start = sent.start_char
        s_end = sent.end_char
        text = full[s_start:s_end]
        stripped = text.strip()
        offset = text.index(stripped[:1]) if stripped else 0
        for h in hits:
            key = (h.source.actor.actor_id, h.relation, h.target.actor.actor_id, h.trigger.i)
            if key in seen:
                continue
            seen.add(key)
            anchor = h.trigger
            # a user's dictionary codes the verb with its object ("delayed their meeting")
            own_verb = h.user_coded
            if h.rule == "noun:light_verb":  # "will provide tons of aid": the verb's modality
                verb = _governing_verb(h.trigger)
                anchor = verb or h.trigger
                # "halted aid" is a lexicon pair: the verb is part of the event, not its denial
                own_verb = h.user_coded or (
                    verb is not None and _light_pair(lexicon, verb, h.trigger)
                )
            modality = _modality(anchor)
            if (
                modality is Modality.ASSERTED
                and anchor.lemma_.lower() in syntax_words("intent_light_verbs")
                and lexicon.relations[h.relation].intent is not None
            ):
                # "pledged more military aid", "offered its troops to X": still to come
                modality = Modality.PLANNED
            ultimatum = _ultimatum(anchor)
            if ultimatum:
                modality = Modality.CONDITIONAL
            negated = _negated(h.trigger, light_verb=own_verb)
            if (
                negated
                and lexicon.relations[h.relation].quad
                in (QuadClass.VERBAL_COOPERATION, QuadClass.VERBAL_CONFLICT)
                and extractor.heard_speech_act(h)
            ):
                # "rejected North Korea's demand": a demand, call or accusation of another
                # author was made, whatever the one who hears it does with it
                negated = False
            date, precision = _event_date(
                h.trigger, date_ents.get(sent.start, []), document.date, modality
            )
            rel = lexicon.relations[h.relation]
            conf = RULE_CONFIDENCE.get(h.rule, 0.6)
            conf *= _KIND_FACTOR.get(h.source.kind, 0.8) * _KIND_FACTOR.get(h.target.kind, 0.8)
            if not (h.source.actor.resolved and h.target.actor.resolved):
                conf *= 0.9
            trig_end = h.trigger.idx + len(h.trigger.text)
            cameo, plover, quad = h.cameo or rel.cameo, "", None
            if ultimatum and not negated:
                # "will withdraw its force from Chad unless ...": whatever is announced, an
                # ultimatum is a threat (CAMEO 13, PLOVER THREATEN)
                threat = lexicon.relations["threatens"]
                cameo, plover, quad = threat.cameo + "0", threat.plover, threat.quad
            elif modality in _INTENT_MODALITIES and rel.intent is not None and not h.user_coded:
                # (a user's dictionary codes its phrases as written, as PETRARCH does: "will
                # contribute" is what it says, the modality stays on the event)
                cameo, plover, quad = rel.intent.cameo, rel.intent.plover, rel.intent.quad
            elif (root := lexicon.cameo_class(cameo)) is not None and root[0] is not rel.quad:
                # "restored diplomatic ties" (CAMEO 050) is diplomatic, not material, cooperation
                quad, plover = root[0], root[1] or ""
            day = date or document.date

            def dated(actor: Actor, day: dt.date | None = day) -> str | None:
                return table.index.code_on(actor, day)

            described.append(
                (
                    h.trigger,
                    Event(
                        source=_to_mention(doc, full, h.source, dated),
                        relation=rel,
                        target=_to_mention(doc, full, h.target, dated),
                        provenance=Provenance(
                            doc_id=document.doc_id,
                            sentence=stripped,
                            start=s_start + offset,
                            end=s_start + offset + len(stripped),
                            trigger=h.trigger.text,
                            trigger_start=h.trigger.idx,
                            trigger_end=trig_end,
                            rule=h.rule,
                        ),
                        negated=negated,
                        modality=modality,
                        date=date,
                        date_precision=precision,
                        confidence=round(min(conf, 0.99), 3),
                        cameo=cameo,
                        plover=plover,
                        quad=quad,
                        participants=tuple(
                            _to_mention(doc, full, p, dated) for p in h.participants
                        ),
                    ),
                )
            )
        events.extend(_one_per_description(described))
    doc.user_data[DISCARDED_KEY] = discarded
    return events
