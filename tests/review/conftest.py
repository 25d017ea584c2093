"""Fixtures of the review tests: the hand-computed world of tests/review/world.py."""

from __future__ import annotations

import duckdb
import pytest

from tests.metrics_views.builder import Exports
from tests.review import world


@pytest.fixture(scope="module")
def review_con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    con = world.build(Exports(tmp_path_factory.mktemp("review_exports")))
    yield con
    con.close()
