"""The app's pages, declared once: app.py builds the navigation from this list, the tests run every entry."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from src.config import ROOT
from src.i18n import t


@dataclass(frozen=True)
class PageSpec:
    path: str  # relative to the project root (where app.py is)
    # The address: /<url_path>; the default page is also served at /. It must be the file's name:
    # on the first request after a server start Streamlit still resolves addresses from the files
    # of pages/ (see leave_legacy_pages_mode) and shows "Page not found" for any other name.
    url_path: str
    title_key: str  # catalogue key of the title shown in the navigation
    icon: str
    default: bool = False
    # Address parameters the page owns beside the sidebar's filters (the sidebar keeps them).
    url_params: tuple[str, ...] = ()
    # False for a page that must open without any data loaded (Kelola Data: where data is loaded).
    needs_data: bool = True
    # The navigation's group: "overview" (the headline and the monthly review), "levers" (each lever
    # of competency development), "data" (explore, definitions, loading).
    section: str = "levers"
    # The roles that see the page once accounts exist (None: every role); the page checks it too.
    roles: tuple[str, ...] | None = None


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "pages/ringkasan.py",
        "ringkasan",
        "ui.nav.overview",
        ":material/dashboard:",
        default=True,
        section="overview",
    ),
    PageSpec("pages/tinjauan.py", "tinjauan", "ui.review.nav", ":material/event_note:", section="overview"),
    PageSpec("pages/partisipasi.py", "partisipasi", "ui.nav.participation", ":material/groups:"),
    PageSpec("pages/anggaran.py", "anggaran", "ui.nav.budget", ":material/payments:"),
    PageSpec("pages/kesenjangan.py", "kesenjangan", "ui.nav.competency", ":material/psychology:"),
    PageSpec(
        "pages/perbandingan.py",
        "perbandingan",
        "ui.nav.regions",
        ":material/compare_arrows:",
        section="overview",
    ),
    PageSpec("pages/evaluasi.py", "evaluasi", "ui.nav.evaluation", ":material/fact_check:"),
    PageSpec("pages/kebutuhan.py", "kebutuhan", "ui.nav.needs", ":material/checklist:"),
    PageSpec("pages/karier.py", "karier", "ui.nav.talent", ":material/trending_up:"),
    PageSpec("pages/ip_asn.py", "ip_asn", "ui.nav.ip_asn", ":material/workspace_premium:"),
    PageSpec(
        "pages/eksplorasi.py",
        "eksplorasi",
        "ui.nav.explorer",
        ":material/query_stats:",
        url_params=("metrik", "dim", "dim2"),
        section="data",
    ),
    PageSpec("pages/definisi.py", "definisi", "ui.nav.definitions", ":material/menu_book:", section="data"),
    PageSpec(
        "pages/kelola_data.py",
        "kelola_data",
        "ui.nav.data_management",
        ":material/upload_file:",
        needs_data=False,
        section="data",
        roles=("bkpsdm", "admin"),
    ),
    PageSpec(
        "pages/admin.py",
        "admin",
        "ui.nav.admin",
        ":material/admin_panel_settings:",
        needs_data=False,
        section="data",
        roles=("admin",),
    ),
)


SECTIONS = ("overview", "levers", "data")


def st_pages(lang: str, role: str | None = None) -> dict[str, list[st.Page]]:
    """The st.Page objects for st.navigation by section, titled in `lang` (addresses do not change);
    with a `role`, only the pages that role may see."""
    return {
        t(f"ui.nav.section_{section}", lang): [
            st.Page(
                ROOT / p.path, title=t(p.title_key, lang), icon=p.icon, url_path=p.url_path, default=p.default
            )
            for p in PAGES
            if p.section == section and (role is None or p.roles is None or role in p.roles)
        ]
        for section in SECTIONS
    }


def spec_of(url_path: str) -> PageSpec:
    """The page at `url_path` ("" is the default page)."""
    for page in PAGES:
        if page.url_path == url_path or (page.default and not url_path):
            return page
    raise KeyError(url_path)


def url_params_of(url_path: str) -> tuple[str, ...]:
    """The address parameters the page at `url_path` owns ("" is the default page)."""
    return spec_of(url_path).url_params


def leave_legacy_pages_mode(lang: str) -> None:
    """Make sure this run goes through app.py under st.navigation.

    Until the process's first st.navigation call, Streamlit treats a `pages/` folder beside the main
    script as its legacy page list: the very first run after the server starts either runs app.py as
    one page of that list (its widgets then get other ids than in later runs, so the first click is
    lost) or, for a page's own address, runs the page file without app.py at all. Declaring the
    navigation switches that mode off for the whole process; the rerun then takes the normal path.
    (`PagesManager.uses_pages_directory` is Streamlit's own flag for that mode; pinned in
    requirements.txt, covered by tests/ui/test_pages.py and tests/browser/test_app.py.)
    """
    if PagesManager.uses_pages_directory:
        st.navigation(st_pages(lang), position="hidden")
        st.rerun()
