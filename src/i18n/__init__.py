"""Every word shown to people comes from the catalogues beside this file (*.toml): Indonesian first,
English second. `messages.toml` holds the importer's texts, `ui.toml` the app's.

`t("key", lang, **values)` looks a text up and fills `{placeholders}` with str.format.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
_CATALOGUE_DIR = Path(__file__).parent


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Flatten the TOML tables into {"section.key": {"id": ..., "en": ...}}."""
    flat: dict[str, dict[str, str]] = {}

    def walk(prefix: str, node: dict) -> None:
        if "id" in node and isinstance(node["id"], str):
            flat[prefix] = node
            return
        for key, child in node.items():
            walk(f"{prefix}.{key}" if prefix else key, child)

    for path in sorted(_CATALOGUE_DIR.glob("*.toml")):
        walk("", tomllib.loads(path.read_text(encoding="utf-8")))
    return flat


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    entry = catalogue()[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


class MessageError(Exception):
    """A refusal told to people: `key` names a catalogue message, `values` fill it."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return t(self.key, lang, **self.values)
