"""Shared pytest fixtures. Each engineer keeps their fixtures in a clearly marked block."""

from __future__ import annotations

# --- data fixtures (DATA engineer) -------------------------------------------------------------
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


@pytest.fixture
def seed_path() -> Path:
    """The published seed scorecard, kept in the repo (never ../shared)."""
    return DATA_DIR / "raw" / "scorecard-2024-25.txt"


@pytest.fixture
def tmp_data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped data/ (settings, catalogue, values, arrows) that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("raw"))
    return target


@pytest.fixture
def empty_data_dir(tmp_path: Path) -> Path:
    """A data folder holding only settings.yaml, for a first import."""
    target = tmp_path / "fresh"
    target.mkdir()
    shutil.copy(DATA_DIR / "settings.yaml", target / "settings.yaml")
    return target


# --- end of data fixtures ----------------------------------------------------------------------
