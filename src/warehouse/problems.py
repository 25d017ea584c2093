"""Problems found in an import, rendered as `file, line, column: what is wrong (what was found)`."""

from __future__ import annotations

from dataclasses import dataclass, field

from src.i18n import t

# How many problems one import lists; the rest are counted.
MAX_LISTED = 200
# How much of a wrong value a message echoes.
MAX_FOUND = 80


def mask_nip(nip: str) -> str:
    """Personal data stays out of messages: only a NIP's last four digits are shown."""
    digits = "".join(ch for ch in nip if ch.isdigit())
    return "*" * max(len(digits) - 4, 0) + digits[-4:]


@dataclass(frozen=True)
class Problem:
    file: str
    key: str  # catalogue key of the message
    line: int | None = None
    column: str | None = None
    found: str | None = None  # already masked where personal
    values: dict[str, object] = field(default_factory=dict)

    def render(self, lang: str = "id") -> str:
        if self.line is not None and self.column is not None:
            where = t("import.location", lang, file=self.file, line=self.line, column=self.column)
        elif self.line is not None:  # a whole line is wrong (e.g. too many fields)
            where = t("import.location_line", lang, file=self.file, line=self.line)
        elif self.column is not None:
            where = t("import.location", lang, file=self.file, line="–", column=self.column)
        elif self.file:
            where = t("import.location_file", lang, file=self.file)
        else:
            where = ""
        message = t(self.key, lang, **self.values)
        text = f"{where}: {message}" if where else message
        if self.found is not None:
            found = self.found if len(self.found) <= MAX_FOUND else self.found[: MAX_FOUND - 1] + "…"
            text += " " + t("import.found", lang, value=f"'{found}'")
        return text


@dataclass
class ProblemList:
    """Collects problems; keeps the first MAX_LISTED and counts every one."""

    listed: list[Problem] = field(default_factory=list)
    total: int = 0
    by_key: dict[str, int] = field(default_factory=dict)  # how many of each kind (message key)

    def add(self, problem: Problem) -> None:
        self.total += 1
        self.by_key[problem.key] = self.by_key.get(problem.key, 0) + 1
        if len(self.listed) < MAX_LISTED:
            self.listed.append(problem)

    def add_many(self, problems: list[Problem], total: int) -> None:
        """Add the first few of `total` problems of one kind (the caller builds only a few)."""
        for problem in problems[: max(MAX_LISTED - len(self.listed), 0)]:
            self.listed.append(problem)
        self.total += total
        if problems:
            self.by_key[problems[0].key] = self.by_key.get(problems[0].key, 0) + total

    def __bool__(self) -> bool:
        return self.total > 0

    def render(self, lang: str = "id") -> list[str]:
        lines = [p.render(lang) for p in self.listed]
        if self.total > len(self.listed):
            lines.append(t("import.more_problems", lang, count=self.total - len(self.listed)))
        return lines
