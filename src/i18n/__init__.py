"""Every word shown to people comes from messages.toml: Indonesian first, English second.

`t("key", lang, **values)` looks a text up and fills `{placeholders}` with str.format.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
_CATALOGUE = Path(__file__).with_name("messages.toml")


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Flatten the TOML tables into {"section.key": {"id": ..., "en": ...}}."""
    raw = tomllib.loads(_CATALOGUE.read_text(encoding="utf-8"))
    flat: dict[str, dict[str, str]] = {}

    def walk(prefix: str, node: dict) -> None:
        if "id" in node and isinstance(node["id"], str):
            flat[prefix] = node
            return
        for key, child in node.items():
            walk(f"{prefix}.{key}" if prefix else key, child)

    walk("", raw)
    return flat


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    entry = catalogue()[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
