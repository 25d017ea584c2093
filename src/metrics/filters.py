"""The one filter object every metric takes: validated once, frozen, hashable (so it can key caches)."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

GOLONGAN_GROUPS = ("I", "II", "III", "IV", "PPPK")
GENDERS = ("L", "P")
# Age at the period's last day, in whole years.
AGE_BANDS = ("<30", "30-39", "40-49", "50+")
JENIS_PEGAWAI = ("PNS", "CPNS", "PPPK", "PPPK Paruh Waktu")
JENIS_JABATAN = ("Struktural", "Fungsional", "Pelaksana")
EDUCATION = ("SD", "SMP", "SMA/SLTA", "D-I", "D-II", "D-III", "D-IV", "S-1", "S-2", "S-3")

Texts = tuple[str, ...]


class Filters(BaseModel):
    """Scope (who) and period (1 January `year` through the end of `month`, year to date).

    Empty tuples mean "no restriction". Budget figures follow only `regions` and `units`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int = Field(ge=1990, le=2100)
    month: int | None = Field(default=None, ge=1, le=12)
    regions: Texts = ()
    units: Texts = ()
    jenis_pegawai: tuple[Literal[JENIS_PEGAWAI], ...] = ()  # type: ignore[valid-type]
    jenis_jabatan: tuple[Literal[JENIS_JABATAN], ...] = ()  # type: ignore[valid-type]
    golongan_group: tuple[Literal[GOLONGAN_GROUPS], ...] = ()  # type: ignore[valid-type]
    gender: tuple[Literal[GENDERS], ...] = ()  # type: ignore[valid-type]
    age_band: tuple[Literal[AGE_BANDS], ...] = ()  # type: ignore[valid-type]
    education: tuple[Literal[EDUCATION], ...] = ()  # type: ignore[valid-type]

    @field_validator(
        "regions", "units", "jenis_pegawai", "jenis_jabatan", "golongan_group", "gender",
        "age_band", "education", mode="before",
    )  # fmt: skip
    @classmethod
    def _sorted_unique(cls, value: object) -> object:
        """Order and repeats do not change a filter, so they do not change its cache key."""
        if isinstance(value, str):
            value = (value,)
        return tuple(sorted(set(value))) if isinstance(value, list | tuple | set | frozenset) else value

    @property
    def end_month(self) -> int:
        return self.month or 12

    @property
    def period_start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def period_end(self) -> dt.date:
        return dt.date(self.year, self.end_month, calendar.monthrange(self.year, self.end_month)[1])

    def previous_year(self) -> Filters:
        """The same months of the previous year (the comparison period for "change" figures)."""
        return self.model_copy(update={"year": self.year - 1})

    def previous_month(self) -> Filters | None:
        """The year to date one month earlier (None in January: there is no earlier month)."""
        return None if self.end_month == 1 else self.model_copy(update={"month": self.end_month - 1})

    def sql_params(self) -> dict[str, object]:
        """The bound parameters every metric query takes (see src/metrics/sql/_scope.sql)."""
        return {
            "year": self.year,
            "end_month": self.end_month,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "regions": list(self.regions),
            "units": list(self.units),
            "jenis_pegawai": list(self.jenis_pegawai),
            "jenis_jabatan": list(self.jenis_jabatan),
            "golongan_group": list(self.golongan_group),
            "gender": list(self.gender),
            "age_band": list(self.age_band),
            "education": list(self.education),
        }
