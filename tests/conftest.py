"""Shared fixtures: one real spaCy pipeline per test session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from spacy.language import Language

from kg.pipeline import load_pipeline

if TYPE_CHECKING:
    from kg.api import Extractor
    from kg.datatypes import Event

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"  # beside the checkout, in development and in CI


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def extractor(nlp: Language) -> Extractor:
    from kg.api import Extractor

    return Extractor()


Triple = tuple[str, str, str]


def triples_of(extractor: Extractor, text: str, date: dt.date | None = None) -> list[Event]:
    """Events of one text, as a list (helper shared by the extraction tests)."""
    from kg.datatypes import Document

    doc = Document("test", text, date=date)
    return [e for _, evs in extractor.process([doc]) for e in evs]
