"""AppTest helpers: run app.py (the frame and its navigation) against the session's sample database,
and read what a run drew (no_errors, chart_specs, chart_title; imported by the page tests)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from src.config import ROOT
from src.metrics import compute, options
from src.metrics.filters import AGE_BANDS, EDUCATION, GENDERS, GOLONGAN_GROUPS, JENIS_PEGAWAI, Filters
from src.warehouse.db import connect

APP = ROOT / "app.py"


@pytest.fixture
def run_app(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """run_app(query={...}, page="pages/definisi.py") -> the AppTest after its run."""
    monkeypatch.setenv("DASBOR_DB", str(sample_db))

    def run(query: Mapping[str, str | list[str]] | None = None, page: str | None = None) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=30)
        at.query_params.update(query or {})
        at.run()
        if page:
            at.switch_page(page).run()
        return at

    return run


def no_errors(at: AppTest) -> None:
    """The run raised nothing and showed no error box."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def chart_specs(at: AppTest) -> list[dict]:
    """Every Plotly chart of the run, as the figure's JSON."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def flat(text: str) -> str:
    """A chart text on one line (titles are broken with <br> to fit a tablet)."""
    return text.replace("<br>", " ")


def chart_title(chart: dict) -> str:
    return flat(chart["layout"]["title"]["text"])


class Figures:
    """What the pages must show, computed straight from the metrics layer on the sample database."""

    def __init__(self, db: Path) -> None:
        self.con = connect(db, read_only=True)
        periods = options.periods(self.con)
        self.periods = periods
        self.year = int(periods["year"].max())
        self.month = int(periods.filter(periods["year"] == self.year)["last_month"][0])
        self.units = options.units(self.con)
        self.regions = sorted(self.units["region"].unique().to_list())

    @property
    def default(self) -> Filters:
        return Filters(year=self.year, month=self.month)

    def kpis(self, filters: Filters, by: str | None = None):
        return compute.kpis(self.con, filters, by=by)

    def empty_staff_filter(self) -> dict[str, str]:
        """URL parameters of a staff filter that matches nobody in the sample (searched, not assumed)."""
        combos = itertools.product(JENIS_PEGAWAI[::-1], GOLONGAN_GROUPS, GENDERS, AGE_BANDS, EDUCATION)
        for pegawai, golongan, gender, age, education in combos:
            filters = self.default.model_copy(
                update={"jenis_pegawai": (pegawai,), "golongan_group": (golongan,), "gender": (gender,),
                        "age_band": (age,), "education": (education,)}
            )  # fmt: skip
            counts = compute.kpis(self.con, filters, metric_ids=["asn_count"])["asn_count"]
            if counts.is_empty() or not counts[0]:
                return {"pegawai": pegawai, "golongan": golongan, "jk": gender, "usia": age,
                        "pendidikan": education}  # fmt: skip
        raise AssertionError("every staff filter combination matches someone")


@pytest.fixture(scope="session")
def figures(sample_db: Path) -> Figures:
    figures = Figures(sample_db)
    yield figures
    figures.con.close()


@pytest.fixture
def navigation_already_declared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every AppTest run as a running server does after its first request.

    AppTest resets `PagesManager.uses_pages_directory` before each run, so every run starts in
    Streamlit's legacy `pages/` mode and app.py's leave_legacy_pages_mode() reruns it once; that
    rerun resets button triggers, and a click on a button without a callback (Muat data, Batal,
    Kembalikan) never reaches the page. A real server leaves that mode for good after its first
    request (tests/ui/test_pages.py and tests/browser/test_app.py cover that first request).
    """
    original = PagesManager.__init__

    def declared(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", declared)
