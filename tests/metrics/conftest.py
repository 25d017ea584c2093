"""Fixtures for the metric tests: a fresh `World` (see world.py) in a temporary directory."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.metrics.world import World


@pytest.fixture
def world(tmp_path) -> World:
    """An empty world for one test; fill it, then `world.load()` gives the warehouse connection."""
    return World(tmp_path)


@pytest.fixture(scope="session")
def make_world(tmp_path_factory) -> Callable[[], World]:
    """For module-scoped worlds shared by several tests (each gets its own directory)."""
    return lambda: World(tmp_path_factory.mktemp("world"))
