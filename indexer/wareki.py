"""Japanese era (和暦) years to western fiscal years, and back.

Reports and users write the same fiscal year many ways: 令和5年度, 令和５年度,
R5, 令5, R5年度, 令和元年度, 平成31年度 (= 令和元年度 = 2019), 2023年度, ranges
such as 令和3年度～7年度 or 2021～2025年度, and dates (令和6年3月31日,
2024年3月31日, 2024/3/31, 2024.3.31, R6.3.31), which belong to the fiscal year (April–March) they
fall in. One parser here serves both document metadata and
queries, so the two always agree.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

# era name -> western year of that era's year 1
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
# The eras' abbreviations: a Latin letter (R5, H30) or the era's first kanji (令5, 平30).
ERA_LETTERS = {"R": "令和", "H": "平成", "S": "昭和", "令": "令和", "平": "平成", "昭": "昭和"}
# The last year of each era (平成31 = 2019 = 令和元年; 昭和 ended in its 64th year).
# 令和 is open-ended: a year up to ten years ahead of today is accepted (plans).
ERA_LAST = {"平成": 31, "昭和": 64}
ERA_AHEAD = 10


class YearOutOfRange(ValueError):
    """An era year that cannot be real (令和0, 令和99, 平成32); `message` is for users."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def era_year_error(era: str, number: str | int, written: str | None = None) -> str | None:
    """The user-facing reason why `era` `number` is not a real year, or None when it is."""
    n = era_number(number)
    last = ERA_LAST.get(era, datetime.date.today().year - ERAS[era] + ERA_AHEAD)
    if 1 <= n <= last:
        return None
    label = written or f"{era}{n}年度"
    if era in ERA_LAST:   # an era that has ended
        return f"{label}は解釈できません（{era}は元〜{last}年度）"
    return f"{label}は解釈できません（指定できるのは{era}元〜{last}年度です）"

# An era year in kanji numerals, as formal documents write it: 令和五年度, 平成三十一年度.
_KANJI_NUM = "[一二三四五六七八九十]{1,3}"
_KANJI_DIGITS = {k: v for v, k in enumerate("〇一二三四五六七八九")}


def era_number(number: str | int) -> int:
    """An era year's number as written: 5, '5', '元', '五', '三十一'."""
    if isinstance(number, int):
        return number
    if number == "元":
        return 1
    if number.isdigit():
        return int(number)
    tens, _, ones = number.rpartition("十")
    if "十" not in number:
        return _KANJI_DIGITS[number] if len(number) == 1 else 0
    return (_KANJI_DIGITS.get(tens, 0) if tens else 1) * 10 + (_KANJI_DIGITS.get(ones, 0) if ones else 0)


_NUM = rf"(元|\d{{1,2}}|{_KANJI_NUM})"
# An era year with its western year run on after it, as 令和5（2023）年度 reads once its
# brackets are gone (令和52023年度): the era number is the digits before the western year.
_ERA_NUM = rf"(元|\d{{1,2}}(?=(?:19|20)\d{{2}}\s*年)|\d{{1,2}}|{_KANJI_NUM}(?=\s*(?:年|[～〜~\-－‐ー])))(?:(?<=\d)(?:19|20)\d{{2}}(?=\s*年))?"
_ERA_RE = re.compile(
    rf"(令和|平成|昭和)\s*{_ERA_NUM}\s*(年度|年)?"
    rf"(?:\s*[～〜~\-－‐ー]\s*(?:(令和|平成)\s*)?{_NUM}\s*(年度|年))?"
)
# (also with its western year run on after it: H31（2019）年度 reads H312019年度 once its brackets are gone)
# (and a range on from it, as with the era's name: R3年度～7年度, R3～R7年度)
_LETTER_RE = re.compile(r"((?<![A-Za-z])[RHS]|(?<![\u3400-\u9fff々])[令平昭])[.．]?\s*"
                        r"(元|\d{1,2}(?=(?:19|20)\d{2}\s*年)|\d{1,2}(?!\d))(?:(?<=\d)(?:19|20)\d{2}(?=\s*年))?\s*(年度|年)?"
                        r"(?:\s*[～〜~\-－‐ー]\s*([RHS]|令和|平成)?\s*(元|\d{1,2})(?!\d)\s*(年度|年))?")
# An era letter typed in lowercase (r5, h31, ｒ５, r3-r7): read as R, H, S — where a user
# types it (the query box, the year filter), and only as a word of its own followed by its
# year's digits (or 元), so the letters of a word or a code (mr5, h264) stay as written.
_TYPED_LETTER = re.compile(r"(?<![A-Za-z0-9])[rhs](?=(?:元|\d{1,2})(?![0-9A-Za-z]))")


def _typed_letters(text: str) -> str:
    return _TYPED_LETTER.sub(lambda m: m.group().upper(), text)


_WESTERN_RANGE_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:年度|年)?\s*[～〜~\-－‐]\s*((?:19|20)\d{2})\s*年度"
)
_WESTERN_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(年度|年)")
_WESTERN_SLASH_DATE_RE = re.compile(
    r"(?<![\d/.])((?:19|20)\d{2})\s*([/／.．])\s*(\d{1,2})\s*\2\s*\d{1,2}(?![\d/])")
# The month and day of a date written with dots or slashes after an era letter's year
# (R4.4.1, H31.3.31): the month tells the fiscal year.
_DOTTED_MONTH = re.compile(r"([.．/／])\s*(\d{1,2})\s*\1\s*\d{1,2}(?![\d.．/／])")
# A month right after a calendar year ("令和6年3月", "2024年3月31日"): Japanese fiscal
# years start in April, so January to March belong to the previous fiscal year.
_MONTH_AFTER = re.compile(r"\s*(\d{1,2})\s*月")


def fiscal_year_of(year: int, month: int | None) -> int:
    """The fiscal year (April to March) of a calendar year and month: 2024, 3 -> 2023."""
    return year - 1 if month is not None and 1 <= month <= 3 else year


def _month_after(text: str, end: int, suffix: str | None) -> int | None:
    if suffix != "年":
        return None
    m = _MONTH_AFTER.match(text, end)
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class YearMention:
    """A fiscal-year mention found in text: western years plus what was written."""

    year_from: int
    year_to: int
    label: str
    start: int
    end: int


def era_to_western(era: str, number: str | int) -> int:
    """令和, 5 -> 2023; 平成, 元 -> 1989."""
    return ERAS[era] + era_number(number)


def western_to_label(year: int) -> str:
    """2019 -> 令和元年度 (the era in force for most of that fiscal year)."""
    if year >= 2019:
        n = year - ERAS["令和"]
        return f"令和{'元' if n == 1 else n}年度"
    if year >= 1989:
        n = year - ERAS["平成"]
        return f"平成{'元' if n == 1 else n}年度"
    return f"{year}年度"


def year_label(year_from: int | None, year_to: int | None) -> str | None:
    """Display label with both calendars, e.g. 令和5年度（2023年度）."""
    if year_from is None:
        return None
    if year_to is None or year_to == year_from:
        return f"{western_to_label(year_from)}（{year_from}年度）"
    return (f"{western_to_label(year_from)}～{western_to_label(year_to)}"
            f"（{year_from}～{year_to}年度）")


def find_years(text: str, *, letters: bool = True, western: bool = True,
               invalid: list[YearMention] | None = None, typed: bool = False) -> list[YearMention]:
    """All fiscal-year mentions in `text`, in order of appearance.

    Full-width digits are accepted (the text is NFKC-normalised for matching,
    which keeps character offsets for these characters). When `invalid` is a
    list (queries), era years outside their era (令和99, R0, 平成32) are not
    returned but appended to it, their `label` holding the reason
    (`era_year_error`); without it they are read as written (documents).
    `typed` (text a user typed: queries, filters) also reads a lowercase era
    letter standing as a word before its digits (r5, h31) as the era.
    """

    def out_of_range(era: str, nums, m: re.Match) -> bool:
        if invalid is None:
            return False
        for num in nums:
            if num is not None and (reason := era_year_error(era, num, text[m.start():m.end()].strip())):
                invalid.append(YearMention(0, 0, reason, m.start(), m.end()))
                taken.append((m.start(), m.end()))
                return True
        return False

    norm = unicodedata.normalize("NFKC", text)
    if len(norm) != len(text):  # offsets would drift; fall back to the normalised text
        text = norm
    if typed and letters:
        norm = _typed_letters(norm)   # same length: offsets and labels keep what was typed
    found: list[YearMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _ERA_RE.finditer(norm):
        era, num, suffix, era2, num2, suffix2 = m.groups()
        if out_of_range(era, (num,), m) or (num2 and out_of_range(era2 or era, (num2,), m)):
            continue
        if num2:
            y1 = era_to_western(era, num)
            y2 = era_to_western(era2 or era, num2)
        else:
            y1 = y2 = fiscal_year_of(era_to_western(era, num), _month_after(norm, m.end(), suffix))
        if y2 < y1:
            y2 = y1
        found.append(YearMention(y1, y2, text[m.start():m.end()].strip(), m.start(), m.end()))
        taken.append((m.start(), m.end()))
    if letters:
        for m in _LETTER_RE.finditer(norm):
            if not free(m.start(), m.end()):
                continue
            letter, num, suffix, letter2, num2, _suffix2 = m.groups()
            era2 = ERA_LETTERS.get(letter2, letter2) if letter2 else ERA_LETTERS[letter]
            if out_of_range(ERA_LETTERS[letter], (num,), m) or (num2 and out_of_range(era2, (num2,), m)):
                continue
            if num2:
                y = era_to_western(ERA_LETTERS[letter], num)
                found.append(YearMention(y, max(y, era_to_western(era2, num2)), text[m.start():m.end()].strip(),
                                         m.start(), m.end()))
                taken.append((m.start(), m.end()))
                continue
            date = _DOTTED_MONTH.match(norm, m.end()) if suffix is None else None
            y = fiscal_year_of(era_to_western(ERA_LETTERS[letter], num), int(date.group(2)) if date else None)
            found.append(YearMention(y, y, text[m.start():m.end()].strip(), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    if western:
        for m in _WESTERN_RANGE_RE.finditer(norm):
            if not free(m.start(), m.end()):
                continue
            y1, y2 = int(m.group(1)), int(m.group(2))
            found.append(YearMention(y1, max(y1, y2), text[m.start():m.end()], m.start(), m.end()))
            taken.append((m.start(), m.end()))
        for m in _WESTERN_RE.finditer(norm):
            if not free(m.start(), m.end()):
                continue
            y = fiscal_year_of(int(m.group(1)), _month_after(norm, m.end(), m.group(2)))
            found.append(YearMention(y, y, text[m.start():m.end()], m.start(), m.end()))
            taken.append((m.start(), m.end()))
        for m in _WESTERN_SLASH_DATE_RE.finditer(norm):
            if not free(m.start(), m.end()):
                continue
            y = fiscal_year_of(int(m.group(1)), int(m.group(3)))
            found.append(YearMention(y, y, text[m.start():m.end()], m.start(), m.end()))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda y: y.start)
    return found


def parse_year(value: str) -> tuple[int, int] | None:
    """A filter value typed by a user ('2023', '令和5年度', 'R5', 'H31') -> (from, to).

    Returns None when the value holds no recognisable year; raises
    YearOutOfRange when it names an era year that cannot be real.
    """
    value = unicodedata.normalize("NFKC", value or "").strip()
    if not value:
        return None
    if re.fullmatch(r"(19|20)\d{2}", value):
        y = int(value)
        return y, y
    invalid: list[YearMention] = []
    mentions = find_years(value, invalid=invalid, typed=True)
    if invalid:
        raise YearOutOfRange(invalid[0].label)
    if not mentions:
        return None
    return mentions[0].year_from, mentions[-1].year_to
