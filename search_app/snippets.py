"""Highlighted snippets: HTML-escaped text with <mark> around what matched.

Matches are found the way the index found them: tokens of the Japanese
analyzer whose normalised form is a query term (so 子供 in the text is marked
for the query 子ども), plus literal occurrences of the query's words (so
パパ is marked inside プレパパママクラス). Only the text is escaped and
only <mark> is added, so a snippet is safe to render as HTML.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from html import escape

from indexer.analysis import japanese_analyzer

_ANALYZER = japanese_analyzer()
WINDOW = 160


@lru_cache(maxsize=20_000)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """The analyzer's terms with offsets; cached, as the same passages recur in results."""
    return tuple((t.text, t.startchar, t.endchar)
                 for t in _ANALYZER(text, chars=True, mode="index") if t.endchar > t.startchar)


def match_spans(text: str, terms: set[str], surfaces: set[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    # A one-character word (期 of 妊娠期) is marked only when it is all the query has:
    # otherwise it lights up every 時期 and 期間 in the text.
    if len(terms) > 1:
        terms = {t for t in terms if len(t) > 1} or terms
    if terms:
        spans.extend((start, end) for term, start, end in _tokens(text) if term in terms)
    folded = unicodedata.normalize("NFKC", text).lower()
    same_length = len(folded) == len(text)
    for surface in surfaces:
        if len(surface) < 2 and not any("\u4e00" <= c <= "\u9fff" for c in surface):
            continue
        hay, needle = (folded, unicodedata.normalize("NFKC", surface).lower()) if same_length else (text, surface)
        start = hay.find(needle)
        while start >= 0 and needle:
            spans.append((start, start + len(needle)))
            start = hay.find(needle, start + len(needle))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def render(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for s, e in spans:
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:]))
    return "".join(out)


def snippet_html(text: str, terms: set[str], surfaces: set[str], window: int = WINDOW) -> str:
    """The best `window`-character stretch of `text` with matches marked."""
    spans = match_spans(text, terms, surfaces)
    if len(text) <= window:
        return render(text, spans)
    if not spans:
        return escape(text[:window]) + "…"
    # the window holding the most matches, starting a little before the first of them
    best_start, best_count = 0, -1
    for s, _e in spans:
        start = max(0, s - 30)
        count = sum(1 for a, b in spans if a >= start and b <= start + window)
        if count > best_count:
            best_start, best_count = start, count
    end = min(len(text), best_start + window)
    inside = [(max(a, best_start) - best_start, min(b, end) - best_start)
              for a, b in spans if a < end and b > best_start]
    prefix = "…" if best_start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + render(text[best_start:end], inside) + suffix
