"""Shared fixtures: one real spaCy pipeline per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from kg.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"
