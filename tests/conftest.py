"""Shared fixtures: a database file in tmp_path, a CLI runner, sample paths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SAMPLES = ROOT / "quotetrail" / "samples"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def cli() -> Iterator[CliRunner]:
    yield CliRunner()


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture
def sample_paths() -> list[str]:
    return sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in {".txt", ".jsonl"})
