"""A year the query asks for: which passages speak of that year.

A year in a query (令和7年度, R5, ２０２０年度) filters to the reports covering it,
and a five-year summary covers each of its five years: every one of its passages
passes the filter of 令和5年度 alike. But only some of them speak of that year
(「令和7年度からは定期的に栄養士相談も開始した」, 「R5年度より常設ひろば全6施設に拡大」);
the others lie in it because their report spans it. A passage is *about* the
fiscal years asked for when

- its report covers exactly those years (a yearly evaluation of 令和5年度 is all
  about 令和5年度), or
- its own text names one of them outside a table row: a single-year mention
  (`indexer.wareki.find_years`, 和暦, R/H letters, 西暦) on a line that is not a
  row of cells. A table's year columns (R3年度 | R4年度 | R5年度 | R6年度) name
  every year of a series and are about none of them; a range (令和3年度～令和7年度)
  is the report's span again, not one year.

`fusion.rank` ranks the passages that are not about the asked years lower
(YEAR_INTENT_OTHER), as it does for a section the query did not ask for.
"""

from __future__ import annotations

import re
import threading
import unicodedata
import weakref

import numpy as np

from indexer import wareki

_CELL = ("|", "\t")
_MAYBE_YEAR = re.compile(r"年|[RHSrhs]\s*(?:元|\d)")
_NONE: frozenset[int] = frozenset()
_cache: "weakref.WeakKeyDictionary[object, dict[int, frozenset[int]]]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def named_years(text: str) -> frozenset[int]:
    """Fiscal years a passage's text names one at a time, outside table rows."""
    text = unicodedata.normalize("NFKC", text or "")
    if not _MAYBE_YEAR.search(text):
        return _NONE   # most passages name no year: skip the slower full scan
    years: set[int] = set()
    for m in wareki.find_years(text):
        if m.year_from != m.year_to:
            continue
        start = text.rfind("\n", 0, m.start) + 1
        end = text.find("\n", m.end)
        line = text[start:end if end >= 0 else len(text)]
        if not any(c in line for c in _CELL):
            years.add(m.year_from)
    return frozenset(years)


def _named(data, i: int) -> frozenset[int]:
    """`named_years` of passage i, computed once per generation (on first need: a
    passage of a yearly report is about its year whatever its text says, so only
    the passages of multi-year reports that a year query ranks are ever read)."""
    cache = _cache.get(data)
    if cache is None:
        with _lock:
            cache = _cache.setdefault(data, {})
    found = cache.get(i)
    if found is None:
        found = cache[i] = named_years(data.passages[i]["text"])
    return found


def about(data, year_from: int, year_to: int, indices=None) -> np.ndarray:
    """Whether each passage of `indices` (default: all) is about the fiscal years
    year_from..year_to (see the module docstring)."""
    idx = np.arange(data.n) if indices is None else np.asarray(indices, dtype=np.int64)
    first = data.year_from[idx]
    last = np.where(data.year_to[idx] > 0, data.year_to[idx], first)
    out = (first >= year_from) & (last <= year_to) & (first > 0)
    wanted = set(range(year_from, year_to + 1))
    for k in np.nonzero(~out)[0].tolist():
        out[k] = bool(_named(data, int(idx[k])) & wanted)
    return out


def naming(data, year_from: int, year_to: int, indices) -> set[int]:
    """The passages of `indices` whose own text names one of the fiscal years asked
    for while their report spans other years too: in a five-year summary, the lines
    that say what happened that year (令和4年5月から…, R4(2022)年10月~) rather than
    the whole period's. A yearly report of the asked year is about it throughout, so
    none of its passages is singled out here."""
    wanted = set(range(year_from, year_to + 1))
    out = set()
    for i in indices:
        first = int(data.year_from[i])
        last = int(data.year_to[i]) if data.year_to[i] > 0 else first
        if first <= 0 or (first >= year_from and last <= year_to):
            continue
        if _named(data, int(i)) & wanted:
            out.add(int(i))
    return out
