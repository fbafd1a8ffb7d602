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

import threading
import weakref

import numpy as np

from indexer import wareki

_CELL = ("|", "\t")
_cache: "weakref.WeakKeyDictionary[object, list[frozenset[int]]]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def named_years(text: str) -> frozenset[int]:
    """Fiscal years a passage's text names one at a time, outside table rows."""
    years: set[int] = set()
    for line in (text or "").splitlines():
        if any(c in line for c in _CELL):
            continue
        for m in wareki.find_years(line):
            if m.year_from == m.year_to:
                years.add(m.year_from)
    return frozenset(years)


def _named(data) -> list[frozenset[int]]:
    with _lock:
        found = _cache.get(data)
    if found is None:
        found = [named_years(p["text"]) for p in data.passages]
        with _lock:
            _cache[data] = found
    return found


def about(data, year_from: int, year_to: int) -> np.ndarray:
    """Mask of the passages about fiscal years year_from..year_to (see the module docstring)."""
    last = np.where(data.year_to > 0, data.year_to, data.year_from)
    exact = (data.year_from >= year_from) & (last <= year_to) & (data.year_from > 0)
    wanted = set(range(year_from, year_to + 1))
    named = np.fromiter((bool(ys & wanted) for ys in _named(data)), dtype=bool, count=data.n)
    return exact | named
