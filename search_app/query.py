"""User query text -> terms, phrases, exclusions and inferred filters.

Whatever a user types is a valid query: operators and symbols that are not
understood are treated as plain text, never as syntax errors. Years written
in the query (令和5年度, R5, 平成31年度, 2019年度) become a fiscal-year filter
and ward names become a ward filter; the rest is analysed with the same
Sudachi analyzer as the index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from indexer import metadata, wareki
from indexer.analysis import QueryTerm, analyze_query_terms

MAX_QUERY_CHARS = 1000

# Question phrasing that carries no topic ("…にはどうしたか", "どんな工夫").
QUESTION_WORDS = frozenset({
    "どう", "どの", "どんな", "どのよう", "どのような", "何", "なに", "いかが", "如何",
    "か", "為る", "する", "した", "いる", "ある", "なる", "できる", "出来る",
    "工夫", "取組", "取り組む", "取り組み", "方法", "教える", "知る", "下さる", "くださる",
    "事例", "例", "場合", "区", "ため", "為",
})

_PHRASE = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」')
_NEGATION = re.compile(r"(?:(?<=\s)|^)[-－]\s*(\S+)")
_OPERATORS = re.compile(r"(?<![A-Za-z])(AND|OR|NOT)(?![A-Za-z])")
_SYNTAX = re.compile(r"[()（）\[\]{}*?？!！:：^~\\|<>＜＞=+＋&＆;；\"'`“”]")


@dataclass
class ParsedQuery:
    original: str
    text: str                         # what remains for term analysis
    terms: list[QueryTerm] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    years: tuple[int, int] | None = None
    wards: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.phrases)


def normalize_query(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text)
    return text[:MAX_QUERY_CHARS].strip()


def parse_query(raw: str) -> ParsedQuery:
    text = normalize_query(raw)
    parsed = ParsedQuery(original=raw or "", text="")

    def take_phrase(m: re.Match) -> str:
        phrase = next(g for g in m.groups() if g is not None).strip()
        if phrase:
            parsed.phrases.append(phrase)
        return " "

    # 「」 quotes are also how reports name events; only treat them as phrases when
    # the user clearly quoted (ASCII or curly quotes); 「」 stay plain text.
    text = re.sub(r'"([^"]+)"|“([^”]+)”', take_phrase, text)

    def take_negation(m: re.Match) -> str:
        parsed.excluded.append(m.group(1))
        return " "

    text = _NEGATION.sub(take_negation, text)
    text = _OPERATORS.sub(" ", text)

    years = wareki.find_years(text)
    if years:
        parsed.years = (min(y.year_from for y in years), max(y.year_to for y in years))
        for y in sorted(years, key=lambda y: y.start, reverse=True):
            text = text[:y.start] + " " + text[y.end:]
    wards = metadata.wards_in_text(text)
    if wards:
        parsed.wards = wards
        for ward in sorted(set(wards) | {w for w in metadata.WARD_ALIASES if metadata.canonical_ward(w) in wards},
                           key=len, reverse=True):
            text = text.replace(ward, " ")
    text = _SYNTAX.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    parsed.text = text
    parsed.terms = [t for t in analyze_query_terms(text) if t.term not in QUESTION_WORDS]
    if not parsed.terms and text and not parsed.phrases:
        # Nothing but question words: keep them rather than return everything.
        parsed.terms = analyze_query_terms(text)
    return parsed
