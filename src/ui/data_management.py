"""Kelola Data: upload export files, preview what they would change, commit or cancel; the versions
of the data, the import history and rollback.

The checks and the load are the warehouse's (src/warehouse/versions.py, the same code path as
`python -m src.cli import`); this module lays them out. Uploaded files are written to a private
temporary folder of the session and deleted after a commit or a cancel.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import polars as pl
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from src.i18n import t
from src.ui import auth, data
from src.ui.export import to_csv
from src.ui.format import format_number
from src.ui.pages_registry import spec_of
from src.warehouse import versions
from src.warehouse.history import Entry

_ROUND = "data_upload_round"  # bumping it gives the uploader a new key: an empty uploader
_FOLDER = "data_upload_folder"
_WRITTEN = "data_upload_written"
_PREVIEW = "data_upload_preview"
_MESSAGE = "data_upload_message"
WHO = "data_operator_name"
_WHO_KEPT = "data_operator_name_kept"  # survives runs of other pages

# History entries listed on the page; the CLI's `history --limit N` shows more.
HISTORY_ROWS = 50
# Problems shown at full height; a longer list scrolls in a box of fixed height.
PROBLEMS_IN_FULL = 12
# The newest entries are shown in full; older ones wait in a closed expander.
HISTORY_SHOWN = 10


def uploader_key() -> str:
    return f"data_upload_{st.session_state.get(_ROUND, 0)}"


def clear_upload() -> None:
    """Forget the uploaded files and their preview (after a commit or a cancel)."""
    folder = st.session_state.pop(_FOLDER, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
    st.session_state.pop(_PREVIEW, None)
    st.session_state.pop(_WRITTEN, None)
    st.session_state[_ROUND] = st.session_state.get(_ROUND, 0) + 1


def stage(uploaded: list[UploadedFile]) -> list[Path]:
    """Write the uploaded files under their own names into the session's private folder."""
    folder = Path(st.session_state.get(_FOLDER) or tempfile.mkdtemp(prefix="dasbor-upload-"))
    st.session_state[_FOLDER] = str(folder)
    written = st.session_state.setdefault(_WRITTEN, {})  # file name -> the upload's id it holds
    paths = []
    for file in uploaded:
        path = folder / Path(file.name).name  # never a path the browser chose
        if written.get(path.name) != file.file_id or not path.exists():  # new, or replaced by the same name
            path.write_bytes(file.getbuffer())
            written[path.name] = file.file_id
        paths.append(path)
    for stale in set(folder.iterdir()) - set(paths):  # a file removed from the uploader
        stale.unlink()
    return paths


def preview_of(paths: list[Path]) -> versions.Preview:
    """The preview of these files against the current version, kept while neither changes."""
    key = (tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in paths), data.current_data_file())
    kept = st.session_state.get(_PREVIEW)
    if kept is None or kept[0] != key:
        kept = (key, data.preview_import(paths, import_regions()))
        st.session_state[_PREVIEW] = kept
    return kept[1]


def remember_message(kind: str, text: str) -> None:
    """A message to show after the rerun that a commit or rollback triggers."""
    st.session_state[_MESSAGE] = (kind, text)


def show_remembered_message() -> None:
    kind, text = st.session_state.pop(_MESSAGE, (None, None))
    if kind == "success":
        st.success(text, icon=":material/check_circle:")
    elif kind == "error":
        st.error(text, icon=":material/error:")
    elif kind == "info":
        st.info(text, icon=":material/info:")


# ---- the pieces (pure: frames and lines out) ---------------------------------------------------------


def version_line(listed: list[versions.Version], entries: list[Entry], lang: str) -> str:
    """Which version is in use, who made it and, when a rollback brought it back, who did that."""
    current = next((v for v in listed if v.current), None)
    if current is None:
        return t("ui.manage.no_version", lang)
    # The version was made by an import or a sample build; a rollback only made it current again.
    made = next((e for e in entries if e.version_after == current.number and e.outcome == "committed"), None)
    who = markdown_text(made.who) if made else "–"
    line = t("ui.manage.current_version", lang, number=current.number,
             when=f"{current.created:%d-%m-%Y %H:%M}", who=who)  # fmt: skip
    switched = next((e for e in entries if e.outcome in ("committed", "rolled_back")), None)
    if switched and switched.outcome == "rolled_back" and switched.version_after == current.number:
        when = f"{switched.started_at:%d-%m-%Y %H:%M}"
        by = markdown_text(switched.who)
        line += " " + t("ui.manage.restored", lang, before=switched.version_before, who=by, when=when)
    return line


def version_label(version: versions.Version, lang: str) -> str:
    return t("ui.manage.version_label", lang, number=version.number, when=f"{version.created:%d-%m-%Y %H:%M}")


def markdown_text(text: str) -> str:
    """Text shown as itself where Streamlit renders markdown (st.table cells, st.markdown): a file
    called `*draft*.csv` stays `*draft*.csv`."""
    return re.sub(r"([\\`*_\[\]<>|~])", r"\\\1", text)


def rows_label(rows: dict[str, int], lang: str) -> str:
    """pengembangan 1.608 baris, kompetensi 589 baris."""
    parts = [t("import.rows_of", lang, dataset=d, rows=format_number(n, lang)) for d, n in rows.items()]
    return ", ".join(parts)


def files_table(preview: versions.Preview, lang: str) -> pl.DataFrame:
    """Each file checked: its dataset, rows read and size (the history keeps its SHA-256 too)."""
    rows = [
        {
            t("ui.manage.col_file", lang): markdown_text(str(f["name"])),
            t("ui.manage.col_dataset", lang): f.get("dataset") or "–",
            t("ui.manage.col_rows", lang): format_number(f.get("rows") or 0, lang),
            t("ui.manage.col_size", lang): size_label(int(f["size"]), lang),
        }
        for f in preview.plan.file_records
    ]
    return pl.DataFrame(rows)


def size_label(size: int, lang: str) -> str:
    if size >= 1_000_000:
        return f"{format_number(size / 1_000_000, lang, decimals=1)} MB"
    return f"{format_number(size / 1_000, lang, decimals=1)} KB"


def signed_number(value: int, lang: str) -> str:
    """+2, -1, 0: a change in a count."""
    return ("+" if value > 0 else "") + format_number(value, lang)


def changes_table(changes: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Which (dataset, region, year) slices the import replaces, and the row counts before and after."""
    rows = [
        {
            t("ui.manage.col_dataset", lang): c["dataset"],
            t("ui.manage.col_region", lang): markdown_text(c["wilayah"]),
            t("ui.manage.col_year", lang): t("ui.manage.whole_snapshot", lang)
            if c["tahun"] is None
            else str(c["tahun"]),
            t("ui.manage.col_stored", lang): format_number(c["rows_stored"], lang),
            t("ui.manage.col_new", lang): format_number(c["rows_new"], lang),
            t("ui.manage.col_change", lang): signed_number(c["rows_new"] - c["rows_stored"], lang),
        }
        for c in changes.iter_rows(named=True)
    ]
    return pl.DataFrame(rows)


def files_label(files: list[dict[str, object]], lang: str) -> str:
    """a.csv (5,4 KB, SHA-256 d072e6760218…); b.xlsx (…)."""
    return "; ".join(
        f"{markdown_text(str(f['name']))} ({size_label(int(f['size']), lang)}, "
        f"SHA-256 {str(f['sha256'])[:12]}…)"
        for f in files
    )


def history_entry(entry: Entry, lang: str) -> str:
    """One entry of the import history as markdown: when, who, what and its outcome, the versions,
    then the rows loaded, the number of problems and every file with its size and SHA-256.

    A list rather than a table: the files of one import can be many, and a wide table would cut them
    off on a narrow screen."""
    lines = [
        t("ui.manage.history_entry", lang, when=f"{entry.started_at:%d-%m-%Y %H:%M}",
          who=markdown_text(entry.who), action=t(f"history.action.{entry.action}", lang),
          outcome=t(f"history.outcome.{entry.outcome}", lang), before=entry.version_before or "–",
          after=entry.version_after or "–")
    ]  # fmt: skip
    if entry.rows:
        lines.append(t("ui.manage.history_rows", lang, rows=rows_label(entry.rows, lang)))
    if entry.problem_total:
        count = format_number(entry.problem_total, lang)
        lines.append(t("ui.manage.history_problem_count", lang, count=count))
    if entry.files:
        lines.append(t("ui.manage.history_files", lang, files=files_label(entry.files, lang)))
    return "  \n  ".join(lines)


def history_markdown(entries: list[Entry], lang: str) -> str:
    """The entries as a markdown list, newest first (as given)."""
    return "\n".join(f"- {history_entry(e, lang)}" for e in entries)


def problems_csv(lines: list[str], lang: str) -> bytes:
    return to_csv(
        pl.DataFrame({t("ui.manage.col_problem", lang): lines}), [t("ui.manage.problems_file", lang)]
    )


# ---- the sections ------------------------------------------------------------------------------------


def import_regions() -> tuple[str, ...] | None:
    """The regions the signed-in account may load data for: a bkpsdm account its own; else any."""
    account = auth.current_account()
    return (account.region,) if account and account.role == "bkpsdm" else None


def may_open() -> bool:
    """Kelola Data is for bkpsdm and admin accounts (or anyone before accounts exist)."""
    account = auth.current_account()
    return account is None or account.role in spec_of("kelola_data").roles


def may_roll_back() -> bool:
    """A rollback changes every region's data: the admin's (or anyone's before accounts exist)."""
    account = auth.current_account()
    return account is None or account.role == "admin"


def operator_name(lang: str) -> str:
    """Who loads the data (kept in the history). Until accounts exist, a name typed once per session.

    Streamlit forgets a widget's value when a run on another page does not draw it, so the name is
    also kept under a key of its own and given back to the field on the way back to this page.
    Signed in (once the installation has accounts), it is the account's name."""
    if account := auth.current_account():
        st.caption(t("ui.manage.who_account", lang, name=account.name))
        return account.name
    if WHO not in st.session_state and _WHO_KEPT in st.session_state:
        st.session_state[WHO] = st.session_state[_WHO_KEPT]
    name = st.text_input(t("ui.manage.who", lang), key=WHO, help=t("ui.manage.who_help", lang))
    st.session_state[_WHO_KEPT] = name
    return name.strip()


def upload_section(lang: str, who: str) -> None:
    st.subheader(t("ui.manage.upload_heading", lang))
    st.caption(t("ui.manage.upload_intro", lang, limit=data.max_upload_mb()))
    uploaded = st.file_uploader(
        t("ui.manage.upload_label", lang),
        type=["csv", "txt", "tsv", "xlsx", "xlsm"],
        accept_multiple_files=True,
        key=uploader_key(),
        max_upload_size=data.max_upload_mb(),
    )
    refusals = {f.name: data.upload_refusal(f.name, f.size, lang) for f in uploaded or []}
    for name, refusal in refusals.items():
        if refusal:  # too large, empty or not an export file: said at once, never saved
            st.error(f"{name}: {refusal}", icon=":material/block:")
    uploaded = [f for f in uploaded or [] if not refusals[f.name]]
    if not uploaded:
        return
    paths = stage(uploaded)
    with st.spinner(t("ui.manage.checking", lang)):
        preview = preview_of(paths)
    preview_section(preview, lang)
    commit_row(paths, preview, lang, who)


def preview_section(preview: versions.Preview, lang: str) -> None:
    plan = preview.plan
    st.markdown(f"#### {t('ui.manage.preview_heading', lang)}")
    if plan.file_records:  # none when every file was skipped as already loaded
        st.table(files_table(preview, lang), hide_index=True, border="horizontal")
    for note in preview.skipped:
        st.info(note.render(lang), icon=":material/content_copy:")
    if not plan.ok:
        lines = plan.result.problems.render(lang)
        st.error(t("ui.manage.refused", lang, count=format_number(plan.result.problems.total, lang)),
                 icon=":material/block:")  # fmt: skip
        # Every line in view while they are few (wrapped lines made a fixed height hide some on a
        # narrow screen); a long list scrolls inside its box, next to its download.
        height = "content" if len(lines) <= PROBLEMS_IN_FULL else 420
        st.code("\n".join(lines), language=None, wrap_lines=True, height=height)
        st.download_button(t("ui.manage.problems_download", lang), problems_csv(lines, lang),
                           file_name="masalah-impor.csv", mime="text/csv", on_click="ignore",
                           icon=":material/download:")  # fmt: skip
        return
    if not preview.changes.is_empty():
        st.markdown(t("ui.manage.changes_intro", lang))
        st.table(changes_table(preview.changes, lang), hide_index=True, border="horizontal")
    notes = [n.render(lang) for n in plan.result.notes]
    if plan.new_regions:
        notes.append(t("import.new_region", lang, regions=", ".join(plan.new_regions)))
    if notes:
        st.markdown(t("ui.manage.notes_intro", lang))
    for note in notes:
        st.warning(note, icon=":material/info:")


def commit_row(paths: list[Path], preview: versions.Preview, lang: str, who: str) -> None:
    can_commit = preview.plan.ok and bool(preview.plan.frames)
    if can_commit and not who:
        st.caption(t("ui.manage.who_needed", lang))
    row = st.container(horizontal=True)
    if row.button(t("ui.manage.commit", lang), type="primary", icon=":material/publish:",
                  disabled=not (can_commit and who)):  # fmt: skip
        commit(paths, lang, who)
    if row.button(t("ui.manage.cancel", lang), icon=":material/close:"):
        clear_upload()
        st.rerun()


def commit(paths: list[Path], lang: str, who: str) -> None:
    with st.spinner(t("ui.manage.committing", lang)):
        try:
            done = data.commit_import(paths, who, import_regions())
        except versions.Busy:
            st.error(t("ui.manage.busy", lang), icon=":material/hourglass:")
            return
    if done.outcome == "committed":
        rows = rows_label(done.result.rows, lang)
        remember_message("success", t("ui.manage.committed", lang, version=done.version, rows=rows))
    elif done.outcome == "unchanged":
        remember_message("info", t("import.unchanged", lang, version=done.version))
    else:  # refused now (the data changed since the preview) or failed: the preview shows why
        remember_message(
            "error", "\n\n".join([done.result.summary(lang), *done.result.problems.render(lang)])
        )
    clear_upload()
    st.rerun()


def versions_section(lang: str, who: str) -> None:
    listed, entries = data.data_versions(), data.import_history(HISTORY_ROWS)
    st.subheader(t("ui.manage.versions_heading", lang))
    in_use = version_line(listed, entries, lang)
    st.write(in_use)
    current = next((v for v in listed if v.current), None)
    earlier = [v for v in listed if current and v.number < current.number]
    if not may_roll_back():
        st.caption(t("ui.manage.rollback_admin_only", lang))
        earlier = others = []
    else:
        others = [v for v in listed if current and not v.current]
    if earlier:
        label = t("ui.manage.rollback", lang, number=earlier[-1].number)
        if st.button(label, icon=":material/undo:", disabled=not who):
            confirm_rollback(earlier[-1].number, current.number, in_use, lang, who)
        if not who:
            st.caption(t("ui.manage.who_needed_rollback", lang))
    else:
        st.caption(t("ui.manage.no_earlier", lang))
    if others:
        with st.expander(t("ui.manage.other_versions", lang, count=len(others))):
            chosen = st.selectbox(
                t("ui.manage.version_pick", lang),
                [v.number for v in reversed(others)],
                format_func=lambda n: version_label(next(v for v in others if v.number == n), lang),
            )
            if st.button(t("ui.manage.version_use", lang, number=chosen), disabled=not who):
                confirm_rollback(chosen, current.number, in_use, lang, who)
    st.markdown(f"#### {t('ui.manage.history_heading', lang)}")
    if not entries:
        st.caption(t("cli.history_empty", lang))
        return
    st.markdown(history_markdown(entries[:HISTORY_SHOWN], lang))
    if len(entries) > HISTORY_SHOWN:
        with st.expander(t("ui.manage.history_older", lang, count=len(entries) - HISTORY_SHOWN)):
            st.markdown(history_markdown(entries[HISTORY_SHOWN:], lang))
    for entry in [e for e in entries if e.problem_total][:5]:
        title = t("ui.manage.history_problems", lang, id=entry.id, when=f"{entry.started_at:%d-%m-%Y %H:%M}",
                  count=format_number(entry.problem_total, lang))  # fmt: skip
        with st.expander(title):
            st.code("\n".join(entry.rendered_problems(lang)), language=None, wrap_lines=True)


@st.dialog(" ", width="medium")
def confirm_rollback(target: int, current: int, in_use: str, lang: str, who: str) -> None:
    st.markdown(f"### {t('ui.manage.rollback_title', lang)}")
    st.write(in_use)
    st.write(t("ui.manage.rollback_confirm", lang, current=current, target=target))
    row = st.container(horizontal=True)
    if row.button(t("ui.manage.rollback_yes", lang, number=target), type="primary"):
        try:
            before, after = data.roll_back(who, target)
        except versions.Busy:
            st.error(t("ui.manage.busy", lang))
            return
        except versions.NothingToRollBack:
            remember_message("info", t("cli.rollback_nothing", lang))
        else:
            remember_message("success", t("cli.rollback_done", lang, before=before, after=after))
        st.rerun()
    if row.button(t("ui.manage.cancel", lang)):
        st.rerun()
