from __future__ import annotations

from pathlib import Path

import pytest

from quotetrail.settings import Settings


def test_every_setting_has_help() -> None:
    assert all(text for _, _, text in Settings.describe())


def test_db_comes_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTETRAIL_DB", "/tmp/elsewhere.db")
    assert Settings().db == Path("/tmp/elsewhere.db")
