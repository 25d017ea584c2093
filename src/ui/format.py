"""Every number shown to people goes through here (named formats, never hand-made strings in pages).

Indonesian (`id`, the default) and English (`en`):

| format  | id            | en            | notes                                              |
|---------|---------------|---------------|----------------------------------------------------|
| count   | 1.234.567     | 1,234,567     | whole numbers                                      |
| percent | 87,5 %        | 87.5 %        | from a share (0.875); always one decimal           |
| jp      | 12,3 JP       | 12.3 JP       | one decimal                                        |
| score   | 3,45          | 3.45          | two decimals                                       |
| index   | 84,2          | 84.2          | JPM and other 0–100 indices; one decimal           |
| rupiah  | Rp350.000     | Rp350,000     | below a million: whole Rupiah                      |
|         | Rp350 jt      | Rp350 mn      | juta / million                                     |
|         | Rp1,2 M       | Rp1.2 bn      | miliar / billion                                   |
|         | Rp1,5 T       | Rp1.5 tn      | triliun / trillion                                 |
| None    | –             | –             | also NaN: "no value" (a zero denominator)          |

Compact Rupiah keeps three significant digits at most: one optional decimal below 100 units
(`Rp1,2 M`, `Rp2 M`), none from 100 up (`Rp350 jt`). English uses the financial press's
`mn`/`bn`/`tn` rather than `M`/`B`/`T`, because `M` means *miliar* (10⁹) to an Indonesian reader
and *million* (10⁶) to an English one: the same screen must never show `M` with two meanings.

Rounding is half up (2,25 → 2,3), as people round by hand, not Babel's default half-even.
Changes (`format_delta`) carry a sign and, for percentages, are in percentage points
(`+3,2 poin`, `+3.2 pts`).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import get_month_names
from babel.numbers import format_decimal

from src.i18n import t
from src.metrics.registry import Format, MetricSpec

MISSING = "–"
_LOCALES = {"id": "id_ID", "en": "en_US"}
# (size, Indonesian suffix, English suffix), smallest first.
_RUPIAH_UNITS = (
    (Decimal(10) ** 6, "jt", "mn"),
    (Decimal(10) ** 9, "M", "bn"),
    (Decimal(10) ** 12, "T", "tn"),
)


def _locale(lang: str) -> str:
    return _LOCALES.get(lang, _LOCALES["id"])


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value)))


def _exact(value: float | int | Decimal) -> Decimal:
    """The number as written (repr of a float: 2.25, not 2.24999…), numpy scalars included."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(float(value)))


def _round(value: float | int | Decimal, decimals: int) -> Decimal:
    """Half-up rounding on the written form, so 2.25 becomes 2.3 as people expect."""
    return _exact(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _decimal(value: float | int | Decimal, decimals: int, lang: str, optional: bool = False) -> str:
    """`value` with `decimals` fixed decimals (or at most that many when `optional`)."""
    rounded = _round(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0,0"
    pattern = "#,##0" + ("." + ("#" if optional else "0") * decimals if decimals else "")
    return format_decimal(rounded, format=pattern, locale=_locale(lang), decimal_quantization=True)


def format_number(value: float | int | None, lang: str = "id", decimals: int = 0) -> str:
    """1.234.567 (id), 1,234,567 (en)."""
    return MISSING if _is_missing(value) else _decimal(value, decimals, lang)


# `trim=True` drops trailing zero decimals, for round figures such as targets: 100 %, 20 JP, 90.


def format_percent(share: float | None, lang: str = "id", trim: bool = False) -> str:
    """A share (0.875) as 87,5 % (id) or 87.5 % (en)."""
    if _is_missing(share):
        return MISSING
    return f"{_decimal(_exact(share) * 100, 1, lang, optional=trim)} %"


def format_jp(value: float | None, lang: str = "id", trim: bool = False) -> str:
    """12,3 JP."""
    return MISSING if _is_missing(value) else f"{_decimal(value, 1, lang, optional=trim)} JP"


def format_score(value: float | None, lang: str = "id", trim: bool = False) -> str:
    """3,45 (two decimals: satisfaction 1–5, competency gaps in levels)."""
    return MISSING if _is_missing(value) else _decimal(value, 2, lang, optional=trim)


def format_index(value: float | None, lang: str = "id", trim: bool = False) -> str:
    """84,2 (an index on 0–100, such as JPM)."""
    return MISSING if _is_missing(value) else _decimal(value, 1, lang, optional=trim)


def format_rupiah(value: float | int | None, lang: str = "id") -> str:
    """Compact Rupiah: Rp350.000, Rp350 jt, Rp1,2 M, Rp1,5 T (id); Rp350,000, Rp350 mn, Rp1.2 bn (en)."""
    if _is_missing(value):
        return MISSING
    amount = _exact(value)
    sign, amount = ("-", -amount) if amount < 0 else ("", amount)
    # The largest unit the amount reaches; one up when rounding reaches the next (999,96 jt: Rp1 M).
    level = max((i for i, (size, *_) in enumerate(_RUPIAH_UNITS) if amount >= size), default=-1)
    while level + 1 < len(_RUPIAH_UNITS) and _rounded_in(amount, level) >= _RUPIAH_UNITS[level + 1][0]:
        level += 1
    if level < 0:
        return f"{sign}Rp{_decimal(amount, 0, lang)}"
    size, suffix_id, suffix_en = _RUPIAH_UNITS[level]
    scaled = amount / size
    text = _decimal(scaled, 1 if scaled < 100 else 0, lang, optional=True)
    return f"{sign}Rp{text} {suffix_en if lang == 'en' else suffix_id}"


def _rounded_in(amount: Decimal, level: int) -> Decimal:
    """The amount as it would be shown in unit `level` (-1: whole Rupiah), back in Rupiah."""
    if level < 0:
        return _round(amount, 0)
    size = _RUPIAH_UNITS[level][0]
    scaled = amount / size
    return _round(scaled, 1 if scaled < 100 else 0) * size


_WITH_DECIMALS = {
    Format.PERCENT: format_percent,
    Format.JP: format_jp,
    Format.SCORE: format_score,
    Format.INDEX: format_index,
}


def format_value(fmt: Format, value: float | None, lang: str = "id", trim: bool = False) -> str:
    """A value in a named format (`trim`: no trailing zero decimals, for round figures)."""
    if fmt is Format.COUNT:
        return format_number(value, lang)
    if fmt is Format.RUPIAH:
        return format_rupiah(value, lang)
    return _WITH_DECIMALS[fmt](value, lang, trim)


def format_metric(spec: MetricSpec, value: float | None, lang: str = "id", trim: bool = False) -> str:
    """A metric's value in the format its registry entry names."""
    return format_value(spec.format, value, lang, trim)


def format_delta(spec: MetricSpec, delta: float | None, lang: str = "id") -> str:
    """A change in the metric's own unit with its sign: +120, -1,5 JP, +3,2 poin, +Rp120 jt, 0,00."""
    if _is_missing(delta):
        return MISSING
    if spec.format is Format.PERCENT:
        text = f"{_decimal(_exact(abs(delta)) * 100, 1, lang)} {t('ui.format.points', lang)}"
        rounded_zero = _round(_exact(delta) * 100, 1) == 0
    else:
        text = format_metric(spec, abs(delta), lang)
        rounded_zero = text == format_metric(spec, 0.0, lang)
    if rounded_zero:
        return text
    return ("+" if delta > 0 else "-") + text


def month_name(month: int, lang: str = "id", width: str = "wide") -> str:
    """Januari / January (width "abbreviated": Jan, Agu / Aug)."""
    return str(get_month_names(width, locale=_locale(lang))[month])


def period_label(year: int, month: int | None, lang: str = "id", width: str = "wide") -> str:
    """Januari–Juni 2026 (width "abbreviated": Jan–Jun 2026); Januari 2026 for January alone."""
    end = month or 12
    if end == 1:
        return f"{month_name(1, lang, width)} {year}"
    return f"{month_name(1, lang, width)}–{month_name(end, lang, width)} {year}"
