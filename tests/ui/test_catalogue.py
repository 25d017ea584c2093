"""The text catalogues (src/i18n/*.toml): both languages, same placeholders, no missing or repeated key."""

from __future__ import annotations

import re
import string
import tomllib

import pytest

from src.config import ROOT
from src.i18n import LANGUAGES, catalogue, t
from src.metrics.registry import METRICS
from src.ui.components import DEFINITION_RULES, metrics_by_section, unit_label
from src.ui.pages_registry import PAGES

CATALOGUES = sorted((ROOT / "src" / "i18n").glob("*.toml"))
UI_CATALOGUES = [path for path in CATALOGUES if path.name.startswith("ui")]
CODE = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "src" / "ui").glob("*.py"))]


def _entries(path) -> dict[str, dict[str, str]]:
    flat: dict[str, dict[str, str]] = {}

    def walk(prefix: str, node: dict) -> None:
        for key, child in node.items():
            name = f"{prefix}.{key}" if prefix else key
            if isinstance(child, dict) and isinstance(child.get("id"), str):
                flat[name] = child
            elif isinstance(child, dict):
                walk(name, child)

    walk("", tomllib.loads(path.read_text(encoding="utf-8")))
    return flat


ENTRIES_BY_FILE = {path.name: _entries(path) for path in CATALOGUES}
ENTRIES = {key: entry for entries in ENTRIES_BY_FILE.values() for key, entry in entries.items()}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_app_catalogues_are_not_empty_and_live_under_ui():
    assert len(ENTRIES) > 50
    for path in UI_CATALOGUES:
        assert all(key.startswith("ui.") for key in ENTRIES_BY_FILE[path.name]), path.name


def test_no_key_is_defined_in_two_catalogues():
    seen: dict[str, str] = {}
    for name, entries in ENTRIES_BY_FILE.items():
        for key in entries:
            assert key not in seen, f"{key} in {seen.get(key)} and {name}"
            seen[key] = name


@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_every_text_has_both_languages_with_the_same_placeholders(key):
    entry = ENTRIES[key]
    assert set(entry) == set(LANGUAGES), f"{key}: languages {sorted(entry)}"
    for lang in LANGUAGES:
        assert entry[lang].strip(), f"{key}: empty {lang} text"
    assert _fields(entry["id"]) == _fields(entry["en"]), key


def test_every_key_the_code_uses_exists():
    used = set()
    for path in CODE:
        used |= set(re.findall(r"""["'](ui\.[a-z_]+\.[a-z_0-9]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "no catalogue keys found in the app's code"
    missing = sorted(k for k in used if k not in catalogue())
    assert not missing, missing


def test_every_registry_unit_has_words_in_both_languages():
    for spec in METRICS:
        for lang in LANGUAGES:
            assert unit_label(spec, lang) or not spec.unit, spec.id


def test_keys_built_from_names_exist():
    for section, _ in metrics_by_section():
        assert f"ui.definitions.section_{section}" in catalogue()
    for rule in DEFINITION_RULES:
        assert f"ui.definitions.{rule}" in catalogue()
    for spec in PAGES:
        assert spec.title_key in catalogue()


def test_names_of_rules_stay_as_users_say_them():
    assert t("ui.filter.units", "id") == "OPD"
    assert t("ui.filter.units", "en").startswith("OPD")
    assert "pagu" in t("ui.definitions.rule_budget", "en")
    assert t("ui.app.title", "en") == t("ui.app.title", "id") == "Dasbor Kompetensi ASN"
