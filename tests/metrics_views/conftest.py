"""Fixtures for the metrics-view tests: fresh export builders in temporary folders."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.metrics_views.builder import Exports


@pytest.fixture
def exports(tmp_path) -> Exports:
    """An empty builder for one test."""
    return Exports(tmp_path / "exports")


@pytest.fixture(scope="session")
def make_exports(tmp_path_factory) -> Callable[[], Exports]:
    """For module-scoped warehouses shared by several tests (each builder gets its own folder)."""
    return lambda: Exports(tmp_path_factory.mktemp("exports"))
