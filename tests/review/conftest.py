"""Fixtures of the review tests: the hand-computed world of tests/review/world.py."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.metrics_views.builder import Exports
from tests.review import world


@pytest.fixture(scope="module")
def review_con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    con = world.build(Exports(tmp_path_factory.mktemp("review_exports")))
    yield con
    con.close()


@pytest.fixture(scope="module")
def review_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same world in a database file of its own (notes are written beside it)."""
    folder = tmp_path_factory.mktemp("review_db")
    return world.build_file(Exports(folder / "exports"), folder / "asn.duckdb")
