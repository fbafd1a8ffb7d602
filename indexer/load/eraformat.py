"""A spreadsheet number shown as a Japanese era date by its cell's number format.

Excel stores a date as a serial number and shows it as the cell's number format says. A
format with era codes — ggg (令和), gg (令), g (R), e / ee (the era's year) — shows it in 和暦:
[$-ja-JP-x-gannen]ggge"年度" shows 2020-04-01 as 令和2年度, [$-411]ggge"年"m"月"d"日" as
令和2年6月30日. openpyxl does not take such a format for a date (it looks for y, m and d), so the
sheet would read 43922 where a person reads 令和2年度: `text` gives what the cell shows.
"""

from __future__ import annotations

import datetime
import re

# (first day, name, abbreviation, letter) of the eras a report's dates fall in
_ERAS = (
    (datetime.date(2019, 5, 1), "令和", "令", "R"),
    (datetime.date(1989, 1, 8), "平成", "平", "H"),
    (datetime.date(1926, 12, 25), "昭和", "昭", "S"),
)
_EPOCH = datetime.date(1899, 12, 30)   # Excel's day 0 (its 1900 leap-year bug folded in)

# Quoted text, escaped characters and [...] sections (locale, colour, condition) of a format.
_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_TOKEN = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|g{1,3}|G{1,3}|e{1,2}|E{1,2}|y{1,4}|Y{1,4}|m{1,2}|M{1,2}'
                    r'|d{1,2}|D{1,2}|a{3,4}|.', re.DOTALL)


def has_era(number_format: str | None) -> bool:
    """Whether a number format shows its number as a date of the Japanese era: an era name
    code (g, gg, ggg) and an era year code (e, ee) outside quoted text (not 「General」, not the
    exponent of 0.00E+00)."""
    if not number_format:
        return False
    section = _LITERAL.sub("", number_format.split(";", 1)[0])
    section = re.sub(r"general|[eE][+-]", "", section, flags=re.IGNORECASE)
    return bool(re.search(r"[gG]", section)) and bool(re.search(r"[eE]", section))


def text(value, number_format: str) -> str | None:
    """What a cell of `value` (a date serial, or the date a reader made of it) shows under
    `number_format` with era codes, or None when the value is no date of a known era."""
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    else:
        try:
            day = _EPOCH + datetime.timedelta(days=int(value))
        except (OverflowError, ValueError, TypeError):
            return None
    era = next((e for e in _ERAS if day >= e[0]), None)
    if era is None:
        return None
    section = number_format.split(";", 1)[0]
    gannen = "gannen" in section.lower()
    year = day.year - era[0].year + 1
    out = []
    for token in _TOKEN.findall(section):
        low = token.lower()
        if token.startswith('"'):
            out.append(token[1:-1])
        elif token.startswith("\\"):
            out.append(token[1:])
        elif token.startswith(("[", "_", "*")):
            continue
        elif low.startswith("g"):
            out.append({3: era[1], 2: era[2]}.get(len(token), era[3]))
        elif low.startswith("e"):
            out.append("元" if gannen and year == 1 else (f"{year:02d}" if len(token) == 2 else str(year)))
        elif low.startswith("y"):
            out.append(str(day.year) if len(token) > 2 else f"{day.year % 100:02d}")
        elif low.startswith("m"):
            out.append(f"{day.month:02d}" if len(token) == 2 else str(day.month))
        elif low.startswith("d") and len(token) <= 2:
            out.append(f"{day.day:02d}" if len(token) == 2 else str(day.day))
        elif low.startswith("a"):
            out.append("日月火水木金土"[(day.weekday() + 1) % 7] + ("曜日" if len(token) == 4 else ""))
        else:
            out.append(token)
    return "".join(out)
