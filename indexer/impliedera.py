"""Fiscal years written without their era, in the era the document's other years are in.

Older reports state the era once (「H22年度　…事業報告」 in the title) and then write the years
of their headings without it: 「22年度　重点目標(1)」, 「23年度　重点目標」. `with_implied_era`
writes the era into such a heading's year, so the heading reads as any other; the era is
the one, of the eras the document writes years in, that puts the year within a year of the
years so written. A year no era or more than one era fits is left as written, and so is
every line that is not a heading with a year once the era is written in (prose: 「22年度は…」).
"""

from __future__ import annotations

import re
import unicodedata

from . import headings, wareki

# A fiscal year without its era opening a line (after marks, brackets or a list number).
_ERALESS_LINE = re.compile(r"^(?P<lead>[ \t\u3000■□◆◇●○・【\[(（「〔]*)(?P<n>[0-9０-９]{1,2})(?=[ \u3000]*年度)", re.M)
_ERA_WRITTEN = re.compile(r"^\s*(?:令和|平成|昭和|[RHS令平昭])")


def _era_of(label: str) -> str | None:
    label = unicodedata.normalize("NFKC", label).strip()
    for era in wareki.ERAS:
        if label.startswith(era):
            return era
    return wareki.ERA_LETTERS.get(label[:1])


def with_implied_era(text: str) -> str:
    """`text` with the implied era written into the era-less years of its heading lines
    (「22年度　重点目標(1)」 → 「平成22年度　重点目標(1)」); see the module's doc."""
    if not _ERALESS_LINE.search(text):
        return text
    stated = [m for m in wareki.find_years(text) if _ERA_WRITTEN.match(unicodedata.normalize("NFKC", m.label))]
    if not stated:
        return text
    low, high = min(m.year_from for m in stated) - 1, max(m.year_to for m in stated) + 1
    eras = {era for m in stated if (era := _era_of(m.label))}

    def written(m: re.Match) -> str:
        fits = [era for era in eras if low <= wareki.ERAS[era] + int(unicodedata.normalize("NFKC", m.group("n"))) <= high]
        if len(fits) != 1:
            return m.group(0)
        end = text.find("\n", m.end())
        line = fits[0] + text[m.start("n"): len(text) if end < 0 else end]
        h = headings.heading_key(line)
        if h is None or not h.year:
            return m.group(0)
        return f"{m.group('lead')}{fits[0]}{m.group('n')}"

    return _ERALESS_LINE.sub(written, text)
