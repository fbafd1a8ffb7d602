"""Highlighted snippets: HTML-escaped text with <mark> around what matched.

Matches are found the way the index found them: tokens of the Japanese
analyzer whose normalised form is a query term (so 子供 in the text is marked
for the query 子ども), plus literal occurrences of the query's words (so
パパ is marked inside プレパパママクラス). Only the text is escaped and
only <mark> is added, so a snippet is safe to render as HTML.

The tokens of a passage come from the spans stored with the index when it has
them (`indexer.tokenspans`: written by the build from its own analysis, the
same tokens), else from analysing the passage here (an index built before
they were stored).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from html import escape

from indexer.analysis import japanese_analyzer

_ANALYZER = japanese_analyzer()
WINDOW = 160


_ANALYSED: OrderedDict[str, tuple] = OrderedDict()
_ANALYSED_MAX = 20_000
_ANALYSED_LOCK = threading.Lock()


def _analysed(text: str) -> tuple[dict[str, tuple[tuple[int, int], ...]], str, bool] | None:
    """What matching needs of one passage, if analysed before (least recently used
    first out: the same passages recur in results): the offsets of each analyser
    term (a query's terms are looked up, not searched for among all tokens), and
    the NFKC lower-cased text with whether it kept the text's length (its offsets
    are then the text's)."""
    with _ANALYSED_LOCK:
        found = _ANALYSED.get(text)
        if found is not None:
            _ANALYSED.move_to_end(text)
        return found


def _analyse(text: str) -> tuple[dict[str, tuple[tuple[int, int], ...]], str, bool]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for t in _ANALYZER(text, chars=True, mode="index"):
        if t.endchar > t.startchar:
            spans.setdefault(t.text, []).append((t.startchar, t.endchar))
    folded, same_length = _folded(text)
    found = ({k: tuple(v) for k, v in spans.items()}, folded, same_length)
    with _ANALYSED_LOCK:
        _ANALYSED[text] = found
        while len(_ANALYSED) > _ANALYSED_MAX:
            _ANALYSED.popitem(last=False)
    return found


def _compatibility_table() -> tuple[dict[str, str], "re.Pattern[str]"]:
    """The characters of the Basic Multilingual Plane with a compatibility
    decomposition that NFKC maps to their NFKD form (full-width letters and
    brackets, ①, the ideographic space, half-width katakana, ...), each with
    that form, and a pattern finding them."""
    table = {}
    for code in range(0x10000):
        ch = chr(code)
        if unicodedata.decomposition(ch).startswith("<"):
            nfkc = unicodedata.normalize("NFKC", ch)
            if nfkc != ch and nfkc == unicodedata.normalize("NFKD", ch):
                table[ch] = nfkc
    ranges: list[list[str]] = []
    for ch in sorted(table):
        if ranges and ord(ch) == ord(ranges[-1][1]) + 1:
            ranges[-1][1] = ch
        else:
            ranges.append([ch, ch])
    pattern = "".join(re.escape(a) if a == b else f"{re.escape(a)}-{re.escape(b)}" for a, b in ranges)
    return table, re.compile(f"[{pattern}]")


_COMPATIBLE, _COMPATIBLE_CHARS = _compatibility_table()


def _compatible(match: "re.Match[str]") -> str:
    return _COMPATIBLE[match.group()]


def fold(text: str) -> str:
    """`unicodedata.normalize("NFKC", text).lower()`, faster on the texts of reports.

    NFKC is canonical composition after compatibility decomposition, so replacing
    a character by its NFKD form first changes nothing; the characters that make
    a Japanese text not NFKC already (（）, ①, full-width letters, the ideographic
    space) are replaced by a regular expression, and when that leaves the text in
    NFKC (the quick check) it is the result; otherwise (a combining mark, a
    character outside the table) Python normalises what is left."""
    if unicodedata.is_normalized("NFKC", text):
        return text.lower()
    text = _COMPATIBLE_CHARS.sub(_compatible, text)
    return (text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)).lower()


@lru_cache(maxsize=20_000)
def _folded(text: str) -> tuple[str, bool]:
    folded = fold(text)
    return folded, len(folded) == len(text)


@lru_cache(maxsize=1024)
def _query(terms: frozenset[str], surfaces: frozenset[str]) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """The terms marked where the analyser finds them, and the surfaces marked
    literally (each as (NFKC lower-cased needle, needle as typed)): the same for
    every passage of one search."""
    # A one-character word (期 of 妊娠期) is marked only when it is all the query has:
    # otherwise it lights up every 時期 and 期間 in the text.
    if len(terms) > 1:
        terms = frozenset(t for t in terms if len(t) > 1) or terms
    needles = tuple((unicodedata.normalize("NFKC", surface).lower(), surface) for surface in surfaces
                    if not (len(surface) < 2 and not any("\u4e00" <= c <= "\u9fff" for c in surface)))
    return terms, needles


def match_spans(text: str, terms: set[str], surfaces: set[str],
                present: Callable[[frozenset[str]], set[str] | None] | None = None,
                stored: Callable[[frozenset[str]], dict | None] | None = None) -> list[tuple[int, int]]:
    """Spans of `text` to mark. `stored(terms)`: {term: its spans in `text`} for the
    terms `text` holds, from the token spans stored with the index (None: not
    stored; the text is then analysed). `present(terms)`: which of the terms occur
    in `text` (from the index's postings of its passage; None: not known): a
    passage holding none of the query's terms is not analysed (its analysis could
    only find none)."""
    terms, needles = _query(terms if terms.__class__ is frozenset else frozenset(terms),
                            surfaces if surfaces.__class__ is frozenset else frozenset(surfaces))
    spans: list[tuple[int, int]] = []
    from_index = stored(terms) if stored is not None and terms else None
    if from_index is not None:
        for term_spans in from_index.values():
            spans.extend(term_spans)
        terms = frozenset()   # found: nothing left to analyse
    analysed = _analysed(text) if terms else None
    if analysed is None and present is not None and terms:
        found = present(terms)
        if found is not None:
            terms = terms & found
    if terms:
        by_term, folded, same_length = analysed or _analyse(text)
        for term in terms:
            spans.extend(by_term.get(term, ()))
    elif needles:
        folded, same_length = _folded(text)
    for folded_needle, needle in needles:
        hay, needle = (folded, folded_needle) if same_length else (text, needle)
        if not needle:
            continue
        width = len(needle)
        start = hay.find(needle)
        while start >= 0:
            spans.append((start, start + width))
            start = hay.find(needle, start + width)
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted, overlapping and touching ones joined."""
    if not spans:
        return []
    spans = sorted(set(spans))   # a term's token is often a surface's literal match too
    merged: list[tuple[int, int]] = []
    start, end = spans[0]
    for s, e in spans:
        if s <= end:
            if e > end:
                end = e
        else:
            merged.append((start, end))
            start, end = s, e
    merged.append((start, end))
    return merged


# Stand-ins for the <mark> tags while the text is escaped in one piece: two
# noncharacters (reserved by Unicode for internal use, never in a report).
_OPEN, _CLOSE = "\ufdd0", "\ufdd1"


def render(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` HTML-escaped, with <mark> around each (sorted, disjoint) span."""
    if not spans:
        return escape(text)
    if _OPEN in text or _CLOSE in text:
        out, pos = [], 0
        for s, e in spans:
            out.append(escape(text[pos:s]))
            out.append(f"<mark>{escape(text[s:e])}</mark>")
            pos = e
        out.append(escape(text[pos:]))
        return "".join(out)
    out, pos = [], 0
    for s, e in spans:
        out += (text[pos:s], _OPEN, text[s:e], _CLOSE)
        pos = e
    out.append(text[pos:])
    return escape("".join(out)).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")


_SNIPPETS: OrderedDict[tuple, str] = OrderedDict()
_SNIPPETS_MAX = 256   # about one search's passages: a ward card repeats results' passages


def snippet_html(text: str, terms: set[str], surfaces: set[str], window: int = WINDOW,
                 present: Callable[[frozenset[str]], set[str] | None] | None = None,
                 stored: Callable[[frozenset[str]], dict | None] | None = None) -> str:
    """The best `window`-character stretch of `text` with matches marked
    (`present`, `stored`: see `match_spans`)."""
    terms, surfaces = frozenset(terms), frozenset(surfaces)
    key = (text, terms, surfaces, window)
    with _ANALYSED_LOCK:
        found = _SNIPPETS.get(key)
        if found is not None:
            _SNIPPETS.move_to_end(key)
            return found
    found = _snippet_html(text, terms, surfaces, window, present, stored)
    with _ANALYSED_LOCK:
        _SNIPPETS[key] = found
        while len(_SNIPPETS) > _SNIPPETS_MAX:
            _SNIPPETS.popitem(last=False)
    return found


def clear_caches() -> None:
    """Forget every snippet, analysed passage and folded text kept from earlier
    searches: the next snippet is worked out from the text, as on a first search."""
    with _ANALYSED_LOCK:
        _SNIPPETS.clear()
        _ANALYSED.clear()
    _folded.cache_clear()


def _snippet_html(text: str, terms: set[str], surfaces: set[str], window: int, present,
                  stored=None) -> str:
    spans = match_spans(text, terms, surfaces, present, stored)
    if len(text) <= window:
        return render(text, spans)
    if not spans:
        return escape(text[:window]) + "…"
    # the window holding the most matches, starting a little before the first of them
    # (spans are merged: their starts and their ends both ascend, so the spans inside
    # a window are those from the first starting in it to the last ending in it)
    starts = [a for a, _b in spans]
    ends = [b for _a, b in spans]
    best_start, best_count = 0, -1
    for s in starts:
        start = max(0, s - 30)
        count = max(0, bisect_right(ends, start + window) - bisect_left(starts, start))
        if count > best_count:
            best_start, best_count = start, count
    end = min(len(text), best_start + window)
    inside = [(max(a, best_start) - best_start, min(b, end) - best_start)
              for a, b in spans if a < end and b > best_start]
    prefix = "…" if best_start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + render(text[best_start:end], inside) + suffix
