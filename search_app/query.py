"""User query text -> terms, phrases, exclusions and inferred filters.

Whatever a user types is a valid query: operators and symbols that are not
understood are treated as plain text, never as syntax errors. Years written
in the query (令和5年度, R5, 平成31年度, 2019年度) become a fiscal-year filter
and ward names become a ward filter; section words (重点目標, 課題, 成果, 取組内容)
say which part of a report the user wants to see. A year that cannot be real
(令和99年度) is dropped from the query with a notice for the user. A year said
relative to today (昨年度, 今年度), or a western year typed alone (2023 成果), is the
fiscal year it means, and the user is told which. The rest is analysed with the same Sudachi analyzer as the index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from indexer import metadata, records, wareki
from indexer.analysis import QueryTerm, SudachiTokenizer, analyze_query_terms

MAX_QUERY_CHARS = 1000

# Question frames: what a question says about itself, not its topic. Two kinds.
# Words, by meaning (Sudachi has no tag for them): interrogatives (どう, いかが),
# the light verbs of "is it done" (行う, 成す: …は行われているか, …がなされているか;
# the colloquial やる: …をやっている区は, どうやって),
# verbs of asking (教える, 知る), and nouns a question asks *for* (方法, 例, 工夫,
# 取組: …する方法はあるか, どんな工夫をしたか).
QUESTION_WORDS = frozenset({
    "どう", "どの", "どんな", "どのよう", "どのような", "何", "なに", "いかが", "如何",
    "か", "為る", "する", "した", "いる", "ある", "なる", "できる", "出来る",
    "行う", "成す", "為す", "遣る", "やる",
    "工夫", "取組", "取り組む", "取り組み", "方法", "遣り方", "仕方", "教える", "知る", "下さる", "くださる",
    "事例", "例", "具体例", "実例", "場合", "区", "ため", "為",
})
# Asking to compare the wards a query names (港南区と西区の違い, 西区 港南区 比較): the
# comparison is between those wards, not a topic. Only with two or more wards named:
# the reports themselves write 前年度比較 and 利用目的の違い.
COMPARE_WORDS = frozenset({"比較", "比べる", "違い", "違う", "差", "差異"})
# Morphemes, by part of speech (`_frame_starts`): a verb or adjective Sudachi marks
# as possibly dependent (非自立可能: いく, くる, みる, くださる, よい) right after a
# conjunctive particle, a conditional or an adjective in its continuative form (…ていく,
# …てみる, …てください, …すればよい, …したらいい, うまくいかなかった) is an auxiliary; a verb followed by …てください is the request itself (挙げてください).
# An adjectival suffix is not frame: 相談しやすい雰囲気 is about consulting being easy
# (the passages say 相談しやすい; dropping 易い lost them, tests/test_search_hybrid.py).
_AUXILIARY_POS = ("動詞", "形容詞")
# Words that relate the things a question names instead of naming one (`_frame_starts`):
# - the comitative 一緒に / と共に / とともに (保育園と一緒にやっている取組, 専門職と一緒に講座を
#   見直す): the topic is the partner (保育園, 専門職) and what was done; a unit writing
#   「赤ちゃんと一緒におしゃべりタイム」 shares the word with the question and nothing it asks
#   about, and the reports write the relation their own way (保育園と連携して, 区と共に検討);
# - a quantifier over the things named (妊娠期の支援と子サポの両方を…, それぞれの…): it says
#   how many of them, not what.
# By the analysed form (Sudachi tags them as plain nouns: 一緒 サ変可能, 両方 一般); the
# comitative only before に (一緒に, 共に; ともに analyses as とも + に after と).
COMITATIVE = frozenset({"一緒", "共", "とも"})
QUANTIFIERS = frozenset({"両方", "双方", "其々"})
_CONJUNCTIVE = ("て", "で", "ば")
_CONDITIONAL = ("たら", "だら")   # the auxiliary た in its conditional form (…したらいい)
_TOKENIZER = SudachiTokenizer()

# Interrogatives (疑問詞) say what a question asks for — a reason (なぜ, どうして), a
# number (何人, いくつ, どれくらい), a time (いつ), a place (どこ) — never its topic: a
# ward need not write なぜ or 何人 to answer. They are a closed class Sudachi has no tag
# for, told here by form and part of speech rather than listed one by one:
# - the ど- row of the こそあど demonstratives: a pronoun, adnominal, adverb or
#   adjectival noun built on a ど- stem (どこ, どれ, どちら, どの, どんな, どういう, どう,
#   どうして, どのよう);
# - the words built on 何, 幾, 誰 and 如何 as Sudachi normalises them (なぜ = 何故,
#   いくつ = 幾つ, いつ = 何時, いかが = 如何, いかに = 如何に; 何人, 何回, 何歳, 幾ら);
# - a counter written right after 何 (何件, 何割, 何ヶ所: Sudachi's 助数詞可能 nouns).
_DO_ROW_POS = ("代名詞", "連体詞", "副詞", "形状詞")
# the ど- row's stems: a word is of the row when it is built on one of them (どこで, どれほど,
# どうして, どのよう), not whenever it starts with ど (どんどん, どっさり, 港北区's hub どろっぷ,
# which Sudachi reads as the adverb どろっ + ぷ)
_DO_ROW_STEMS = ("どこ", "どれ", "どちら", "どっち", "どの", "どんな", "どう", "どなた", "どいつ")
_INTERROGATIVE_STEMS = ("何", "幾", "誰", "如何")
_STEM_POS = ("名詞", "代名詞", "連体詞", "副詞", "形状詞")
# A question asks for a number (an intent, ParsedQuery.asks_number) when its
# interrogative is a count (何人, 何件, いくつ, 幾ら) or a degree: the ど- row followed by
# an extent word (どれくらい, どのくらい, どれほど, どれだけ, どの程度).
_EXTENT = frozenset({"くらい", "ぐらい", "位", "ほど", "程", "だけ", "程度"})


def _interrogative(m) -> bool:
    pos = m.pos or ("",)
    if pos[0] in _DO_ROW_POS and m.surface.startswith(_DO_ROW_STEMS):
        return True
    form = m.text or m.surface
    return pos[0] in _STEM_POS and form.startswith(_INTERROGATIVE_STEMS)


def _interrogatives(ms) -> tuple[set[int], bool]:
    """(start offsets of the interrogatives among morphemes `ms`, with a counter written
    right after one; whether one of them asks for a number)."""
    out: set[int] = set()
    number = False
    for n, m in enumerate(ms):
        if not _interrogative(m):
            continue
        out.add(m.start)
        after = ms[n + 1] if n + 1 < len(ms) and ms[n + 1].start == m.end else None
        counter = after is not None and (after.pos or ("",))[2:3] == ("助数詞可能",)
        if counter:
            out.add(after.start)
        stem = (m.text or m.surface).startswith(("何", "幾"))
        noun_like = (m.pos or ("",))[0] == "名詞" or (m.text or m.surface).startswith("幾")
        number |= (stem and (noun_like or counter)) or (after is not None and after.surface in _EXTENT)
    return out, number


def _frame_starts(text: str) -> tuple[set[int], bool]:
    """(start offsets (in `text`) of the morphemes that are question frame by their
    part of speech (see QUESTION_WORDS), interrogatives, or words relating what the
    question names (COMITATIVE, QUANTIFIERS); whether the question asks for a number)."""
    ms = _TOKENIZER.morphemes(text, with_parts=False)
    out, number = _interrogatives(ms)
    for n, m in enumerate(ms):
        pos = m.pos or ("",)
        prev = ms[n - 1] if n else None
        after_conjunctive = prev is not None and prev.pos and (
            (prev.pos[:2] == ("助詞", "接続助詞") and prev.surface in _CONJUNCTIVE)
            or (prev.pos[0] == "助動詞" and prev.surface in _CONDITIONAL)
            or (prev.pos[0] == "形容詞" and prev.pos[5:6] and prev.pos[5].startswith("連用形")))
        if pos[0] in _AUXILIARY_POS and pos[1:2] == ("非自立可能",) and after_conjunctive:
            out.add(m.start)
        elif pos[0] == "動詞" and n + 2 < len(ms) and ms[n + 1].surface in ("て", "で") \
                and ms[n + 2].text == "下さる":
            out.add(m.start)
        elif m.text in QUANTIFIERS:
            out.add(m.start)
        elif m.text in COMITATIVE and n + 1 < len(ms) and ms[n + 1].surface == "に" \
                and (m.text == "一緒" or (prev is not None and prev.surface == "と")):
            out.add(m.start)
    return out, number


# Years said relative to today (昨年度の課題): the fiscal year (April to March) they
# mean, counted from the current one. 前年度 / 次年度 are left alone: in these reports
# they are relative to the report (次年度目標 is a section).
RELATIVE_YEARS = {"一昨年度": -2, "一昨年": -2, "昨年度": -1, "去年度": -1, "昨年": -1, "去年": -1,
                  "今年度": 0, "本年度": 0, "今年": 0, "来年度": 1, "来年": 1}
_RELATIVE = re.compile("|".join(sorted(RELATIVE_YEARS, key=len, reverse=True)))


def fiscal_year_of(day: date) -> int:
    """The Japanese fiscal year (April to March) `day` falls in."""
    return day.year if day.month >= 4 else day.year - 1


def _relative_years(text: str, today: date | None) -> list[wareki.YearMention]:
    now = fiscal_year_of(today or date.today())
    out = []
    for m in _RELATIVE.finditer(text):
        year = now + RELATIVE_YEARS[m.group()]
        out.append(wareki.YearMention(year, year, m.group(), m.start(), m.end()))
    return out


# A western year typed alone as a word (2023 成果, 多胎児 2022): the fiscal year, since a
# query has no other use for a four-digit number standing by itself. Only years the
# reports can hold (平成元年 = 1989 to a few years ahead), so 2500 or 1200 stay words.
# Two of them joined by a dash (2021-2023 課題) are the years from one to the other.
_BARE_YEAR = re.compile(r"(?<!\S)((?:19|20)\d{2})(?:\s*[～〜~\-－‐–]\s*((?:19|20)\d{2}))?(?!\S)")
# FY before it (FY2023, FY 2023, fy2023の課題: how English-style documents write a
# fiscal year) says it is a year whatever stands around it; FY23 is 2023.
_FY_YEAR = re.compile(r"(?<![A-Za-z0-9])FY\s?((?:19|20)?\d{2})"
                      r"(?:\s*[～〜~\-－‐–]\s*(?:FY\s?)?((?:19|20)?\d{2}))?(?![0-9A-Za-z])", re.IGNORECASE)
# FY written before a year the calendar reader took (FY2023年度, FY 令和5年度): part of that year.
_FY_BEFORE = re.compile(r"(?<![A-Za-z0-9])FY\s?$", re.IGNORECASE)
FIRST_YEAR = 1989


def _full_year(digits: str) -> int:
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def fy_years(text: str) -> tuple[int, int] | None:
    """The fiscal years of a text that is only an FY form (FY2023, ＦＹ23, FY2021-2023),
    as a year field may hold it; None for anything else, and for years no report can
    hold (as in a query: 平成元年 to a few years ahead)."""
    m = _FY_YEAR.fullmatch(unicodedata.normalize("NFKC", text or "").strip())
    if not m:
        return None
    first, to = sorted((_full_year(m.group(1)), _full_year(m.group(2) or m.group(1))))
    if first < FIRST_YEAR or to > fiscal_year_of(date.today()) + 5:
        return None
    return first, to


def _bare_years(text: str, today: date | None, taken: list[wareki.YearMention]) -> list[wareki.YearMention]:
    last = fiscal_year_of(today or date.today()) + 5
    out = []
    found = [(m, _full_year(m.group(1)), _full_year(m.group(2) or m.group(1))) for m in _FY_YEAR.finditer(text)]
    found += [(m, int(m.group(1)), int(m.group(2) or m.group(1))) for m in _BARE_YEAR.finditer(text)]
    for m, first, to in found:
        if FIRST_YEAR <= min(first, to) and max(first, to) <= last \
                and all(m.end() <= y.start or m.start() >= y.end for y in taken + out):
            out.append(wareki.YearMention(min(first, to), max(first, to), m.group(), m.start(), m.end()))
    return out


# A year with から・以降・以後 or a closing 〜 after it (2023年度〜, 令和5年度から, 令和5年度以降)
# is that year and every later one; with まで・以前 after it or 〜 before it (2023年度まで,
# 〜2023) it is every year up to it — within the years a report can hold (FIRST_YEAR to a
# few years ahead). The query box (parse_query) and the year filter (open_year_value)
# read them by this one rule.
_OPEN_TO_WORDS = r"まで|以前"
_OPEN_FROM_WORDS = r"から|以降|以後"
_OPEN_DASH = r"[～〜~\-－‐]"
_OPEN_AFTER = re.compile(rf"\s*(?:(?P<to>{_OPEN_TO_WORDS})|(?P<from>{_OPEN_FROM_WORDS}|{_OPEN_DASH}(?=\s|$)))")
_OPEN_BEFORE = re.compile(rf"(?:^|(?<=\s)){_OPEN_DASH}\s*$")
_OPEN_VALUE = re.compile(rf"(?P<before>{_OPEN_DASH})?\s*(?P<year>.+?)"
                         rf"\s*(?:(?P<to>{_OPEN_TO_WORDS})|(?P<from>{_OPEN_FROM_WORDS}|{_OPEN_DASH}))?")


def open_years(first: int, last: int, towards: str, today: date | None = None) -> tuple[int, int]:
    """The years `first`..`last` opened "from" (that year on) or "to" (up to it)."""
    if towards == "from":
        return first, max(last, fiscal_year_of(today or date.today()) + 5)
    return min(first, FIRST_YEAR), last


def _open_year_span(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """Whether the year at text[start:end] is opened by what stands around it: ("from" or
    "to", and the span with the words that say so)."""
    if m := _OPEN_AFTER.match(text, end):
        return ("to" if m.group("to") else "from"), start, m.end()
    if m := _OPEN_BEFORE.search(text, 0, start):
        return "to", m.start(), end
    return None


def open_year_value(value: str) -> tuple[str, str] | None:
    """A year filter value opened by the same words (2023年度〜, 令和5年度以降, 〜2023):
    ("from" or "to", the year as written); None when the value is no open year."""
    m = _OPEN_VALUE.fullmatch(unicodedata.normalize("NFKC", value or "").strip())
    if not m or bool(m.group("before")) + bool(m.group("to") or m.group("from")) != 1:
        return None
    return ("from" if m.group("from") else "to"), m.group("year")


# A ward named without 区 (港北の取組, 港南 課題): its name's stem when that has two or
# more characters (西, 中, 南, 緑, 栄, 泉, 旭 alone are everyday words) and stands as a
# word of its own — not the start of a longer name (港北ニュータウン, 鶴見川, 神奈川県).
# 神奈川 alone is the prefecture as often as the ward: it needs its 区.
_WARD_STEMS = {name[:-1]: metadata.canonical_ward(name)
               for name in metadata.YOKOHAMA_WARDS + tuple(metadata.WARD_ALIASES)
               if len(name) > 2 and name != "神奈川区"}


def ward_of_short_name(name: str) -> str | None:
    """The ward a name written without 区 stands for, by the rule the query box reads it
    with (港北 -> 港北区, full-width / half-width forms alike); None when it is no ward's."""
    return _WARD_STEMS.get(metadata.canonical_ward(name) or "")


def _ward_stems(text: str) -> list[tuple[str, str, int, int]]:
    """(stem, ward, start, end) of the wards `text` names without 区, in order."""
    if not any(stem in text for stem in _WARD_STEMS):
        return []
    ms = _TOKENIZER.morphemes(text, with_parts=False)
    out = []
    for n, m in enumerate(ms):
        ward = _WARD_STEMS.get(m.surface)
        if ward is None:
            continue
        after = ms[n + 1] if n + 1 < len(ms) else None
        if after is not None and after.start == m.end and after.pos and after.pos[0] in ("名詞", "接尾辞"):
            continue
        out.append((m.surface, ward, m.start, m.end))
    return out


# A ward followed by a word that leaves it out (西区以外, 西区を除く, 西区を除いた, 西区除く,
# 西区抜き, 港北以外): that ward is excluded, as -西区 excludes it — never searched for.
_WARD_NAMES_AND_STEMS = sorted(set(metadata.YOKOHAMA_WARDS) | set(metadata.WARD_ALIASES) | set(_WARD_STEMS),
                               key=len, reverse=True)
_WARD_EXCEPT = re.compile(r"(?<![\u3400-\u9fff々ヶケ])(" + "|".join(map(re.escape, _WARD_NAMES_AND_STEMS)) + r")"
                          r"\s*(?:以外|(?:を|は)?\s*除(?:く|いた|いて|き)|抜き)")


def _ward_named(name: str) -> str | None:
    ward = metadata.canonical_ward(name)
    return ward if ward in metadata.YOKOHAMA_WARDS else ward_of_short_name(name)


# A word typed in hiragana that the reports and the glossary know only in katakana
# (ぷれまま for プレママ, ぶらんこ for ブランコ): Sudachi cuts such a spelling into fragments
# (ぷ + れ + まま) that match nothing, so it is read as the katakana word — when that is one
# word the reports or the glossary know and the hiragana spelling is not (as searched), and
# the user is told. Spans of a hiragana run are tried longest first, from 3 characters
# (shorter ones are particles and endings far more often than words; a two-character word
# is folded only where Sudachi reads it as a word standing on its own, `_fold_two`), at most
# KANA_FOLD_TRIES spans a query (each is looked up: a page of typed kana must not cost seconds).
_HIRAGANA_RUN = re.compile(r"[\u3041-\u3096ー]{3,}")
KANA_FOLD_MIN, KANA_FOLD_MAX, KANA_FOLD_TRIES = 3, 12, 600


_TWO_KANA_ALONE = re.compile(r"(?<![\u3041-\u3096ー])[\u3041-\u3096][\u3041-\u3096ー](?![\u3041-\u3096ー])")


def to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def _katakana_word(text: str) -> bool:
    terms = analyze_query_terms(text)
    return len(terms) == 1 and terms[0].surface == text


def _fold_hiragana(text: str, known) -> tuple[str, list[tuple[str, str]]]:
    """`text` with its hiragana spellings of katakana-only words in katakana (same length,
    so offsets hold), and the (hiragana, katakana) pairs read so."""
    folded: list[tuple[str, str]] = []
    tries = 0
    for m in _HIRAGANA_RUN.finditer(text):
        i = m.start()
        while i + KANA_FOLD_MIN <= m.end() and tries < KANA_FOLD_TRIES:
            for j in range(min(m.end(), i + KANA_FOLD_MAX), i + KANA_FOLD_MIN - 1, -1):
                tries += 1
                span, kata = text[i:j], to_katakana(text[i:j])
                if not span.startswith("ー") and known(kata) and _katakana_word(kata) and not known(span):
                    folded.append((span, kata))
                    text = text[:i] + kata + text[j:]
                    i = j
                    break
            else:
                i += 1
    return _fold_two(text, known, folded)


def _fold_two(text: str, known, folded: list[tuple[str, str]]) -> tuple[str, list[tuple[str, str]]]:
    """Two-character hiragana words (まま for ママ): folded only when Sudachi reads the two
    characters as a word of their own — not the end of a longer word (そのまま) — with at
    most a particle beside them in hiragana (ままの会, ぱぱとまま), never after an
    inflected word (したまま, where まま is the ordinary word), and by the same test as
    longer spans: the hiragana spelling matches nothing, the katakana is one word the reports
    or the glossary know."""
    if not re.search(r"[\u3041-\u3096]{2}", text):
        return text, folded
    ms = _TOKENIZER.morphemes(text, with_parts=False)

    def beside_ok(other) -> bool:
        return other is None or not re.fullmatch(r"[\u3041-\u3096ー]+", other.surface) \
            or (other.pos or ("",))[0] == "助詞"

    for n, m in enumerate(ms):
        span = m.surface
        if len(span) != KANA_FOLD_MIN - 1 or not re.fullmatch(r"[\u3041-\u3096]{2}", span) \
                or text[m.start:m.end] != span:
            continue
        before = ms[n - 1] if n and ms[n - 1].end == m.start else None
        after = ms[n + 1] if n + 1 < len(ms) and ms[n + 1].start == m.end else None
        if not (beside_ok(before) and beside_ok(after)):
            continue
        kata = to_katakana(span)
        if known(kata) and _katakana_word(kata) and not known(span):
            folded.append((span, kata))
            text = text[:m.start] + kata + text[m.end:]
    # two kana standing alone, which Sudachi cuts into fragments (けあ: け + あ, for ケア)
    for m in _TWO_KANA_ALONE.finditer(text):
        span, kata = m.group(), to_katakana(m.group())
        if known(kata) and _katakana_word(kata) and not known(span):
            folded.append((span, kata))
            text = text[:m.start()] + kata + text[m.end():]
    return text, folded


_PHRASE = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」')
_QUOTED = r'"([^"]+)"|“([^”]+)”'
# The minus signs staff type before a word to leave it out: ASCII and full-width
# hyphen-minus (NFKC folds － to -), the minus sign (U+2212, what a Mac's full-width
# minus key gives), hyphens and dashes, and the long-vowel mark ー that a kana keyboard
# gives for "-" where no kana precedes it and a non-kana follows (ー西区: no word starts
# with ー). They used to be read as part of the word: 多胎児 −西区 searched ONLY 西区.
_MINUS = r"(?:[-－−‐‑–—―]|ー(?=[^\s\u3041-\u30ffー]))"
_NEGATION = re.compile(r"(?:(?<=\s)|^)" + _MINUS + r"\s*(\S+)")
# A dash with spaces around it between two years is a range, as without the spaces
# (令和2年度 - 令和5年度, R2 – R5, 2019 - 2023), not "leave out the second year": it used
# to search 令和2年度 only and leave 令和5年度 out.
_SPACED_DASH = re.compile(r"(?<=\S)\s+[-－−‐‑–—―]\s+(?=\S)")
_BARE_YEAR_END = re.compile(r"(?:FY)?(?:19|20)\d\d(?:年度|年)?$", re.IGNORECASE)
_BARE_YEAR_START = re.compile(r"^(?:FY)?(?:19|20)\d\d(?!\d)", re.IGNORECASE)


def _join_year_ranges(text: str) -> str:
    for m in reversed(list(_SPACED_DASH.finditer(text))):
        left, right = text[:m.start()], text[m.end():]
        before, after = left.rsplit(None, 1)[-1], right.split(None, 1)[0]
        years_before = wareki.find_years(before, typed=True)
        years_after = wareki.find_years(after, typed=True)
        ends_year = bool(years_before and years_before[-1].end == len(before)) or bool(_BARE_YEAR_END.search(before))
        starts_year = bool(years_after and years_after[0].start == 0) or bool(_BARE_YEAR_START.match(after))
        if ends_year and starts_year:
            text = left + "-" + right
    return text
# NOT before a word (NOT 西区, not 多胎児, NOT西区) is the same exclusion as -西区 / -多胎児;
# NOT written last, after a word (西区 NOT), leaves out the word before it. Any case:
# a query has no use for the English word "not" as a term.
_NOT_BEFORE = re.compile(r"(?:(?<=\s)|^)NOT(?:\s+|(?=[^\sA-Za-z0-9]))(?=[^\s\-－])", re.IGNORECASE)
_NOT_AFTER = re.compile(r"(?:(?<=\s)|^)(?!(?:AND|OR|NOT)\s)([^\s\-－]+)\s+NOT\s*$", re.IGNORECASE)
# AND / OR in any case (多胎児 or 双子, full-width ｏｒ folds to or): an operator, as NOT is,
# never a word to search (lower-case "or" was searched and named as 「or」は報告書に出てきません)
_OPERATORS = re.compile(r"(?<![A-Za-z])(AND|OR|NOT)(?![A-Za-z])", re.IGNORECASE)
_SYNTAX = re.compile(r"[()（）\[\]{}*?？!！:：^~\\|<>＜＞=+＋&＆;；\"'`“”]")


@dataclass
class ParsedQuery:
    original: str
    text: str                         # what remains for term analysis
    terms: list[QueryTerm] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    excluded_phrases: list[str] = field(default_factory=list)   # -"two words": passages with the phrase left out
    excluded_wards: list[str] = field(default_factory=list)   # -西区: that ward's reports are left out
    years: tuple[int, int] | None = None
    wards: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)   # section groups asked for (records.SECTION_GROUPS)
    programmes: list[int] = field(default_factory=list)  # hub programmes named as such (records.PROGRAMMES)
    notices: list[str] = field(default_factory=list)    # what was not understood, for the user
    asks_number: bool = False   # the question asks for a number (何人, いくつ, どれくらい)
    frame_only: bool = False    # every word was question frame (kept as terms only not to return everything)
    unheld_wards: list[str] = field(default_factory=list)   # wards named that the index holds no report of,
    #                                                         searched beyond (search_beyond_unheld_wards)

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.phrases)

    @property
    def only_function_words(self) -> bool:
        """The query has words, but only particles or operators (の, AND OR NOT): nothing
        in it to search for, and nothing else read from it (no year, ward, section,
        exclusion)."""
        return has_words(self.original) and self.is_empty and not (
            self.excluded or self.excluded_phrases or self.excluded_wards or self.years or self.wards or self.sections or self.notices)

    @property
    def wants_numbers(self) -> bool:
        """The query asks for counts or figures (相談件数, 利用者数の推移, 何人参加したか)."""
        return self.asks_number or any(w in t.surface for t in self.terms for w in NUMBER_WORDS)

    @property
    def has_topic(self) -> bool:
        """The query asks about something beyond a year, a ward, a section and the
        frame of a question: a quoted phrase, or a word that is not one of the
        GENERIC_WORDS every report of a hub is about (子育て支援, 拠点, 状況)."""
        return bool(self.phrases) or (not self.frame_only and any(
            t.term not in GENERIC_WORDS and t.surface not in GENERIC_WORDS for t in self.terms))

    @property
    def is_listing(self) -> bool:
        """Only a year, a ward and/or a section word: list what exists, no topic."""
        return self.is_empty and bool(self.years or self.wards or self.sections)


# Words every report of a child-rearing hub is about, or that ask about a report as a
# whole (its 状況, 様子, 特徴): beside a ward they say "that ward's reports", not a topic
# the other wards' reports could answer (戸塚区の子育て支援の状況, 戸塚の報告書).
GENERIC_WORDS = frozenset({
    "子育て", "支援", "子育て支援", "拠点", "地域子育て支援拠点", "子育て支援拠点", "地域",
    "報告", "報告書", "状況", "様子", "内容", "特徴", "特色", "活動", "実施", "事業", "概要", "全体",
    "現状", "様々", "色々", "いろいろ", "全て", "すべて", "全部", "一覧", "まとめ",
})


def search_beyond_unheld_wards(parsed: "ParsedQuery", held) -> bool:
    """A query naming only wards the index holds no report of (`held`: the wards it
    does hold), as a comparison or an aside (戸塚区でもアプリを作ったの？, 保土ケ谷区のように
    父親向けの講座をしている区は？), asks what the wards that are held did about its topic:
    the named wards stop being a filter (kept in `unheld_wards`) and the user is told,
    in `notices`, that their reports are not held and which wards were searched. True
    when so. Not when the query has no topic (保土ケ谷区の取組, 戸塚区の課題: nothing to
    search for but the ward itself), nor when it also names a held ward (that ward's
    filter stands), nor when the index holds no ward."""
    held_wards = [w for w in metadata.YOKOHAMA_WARDS if w in set(held or ())]
    held_wards += sorted(w for w in set(held or ()) if w and w not in held_wards)
    if not parsed.wards or not held_wards or any(w in held_wards for w in parsed.wards) \
            or not parsed.has_topic:
        return False
    parsed.unheld_wards, parsed.wards = list(parsed.wards), []
    parsed.notices.append(f"{'・'.join(parsed.unheld_wards)}の報告書は収録されていません。"
                          f"収録している区（{'、'.join(held_wards)}）の報告書から検索しました")
    return True


# Words asking for figures (semantic mode lets number tables answer such a query).
NUMBER_WORDS = ("数", "率", "割合", "推移", "データ", "実績", "統計")

# Section words -> section group (records.SECTION_GROUPS) or section kind, by
# analysed term. "重点" before 目標 belongs to it; 取組 followed by 内容 is 取組内容.
# 自己評価 is the rated rows of a five-year summary (the A-D grades of each
# programme); 評価 is the whole 評価 group (the grades and their reasons).
# 取組 and 評価 alone are also everyday wording ("父親支援の取組", "事業評価"): they
# ask for their section only when nothing else is asked (中区の取組, 西区の評価).
SECTION_WORDS = {"目標": "目標", "課題": "課題", "成果": "成果", "取り組み": "取組内容",
                 "評価": "評価", "自己評価": records.SELF_EVAL}
_SECTION_PREFIX = {"目標": ("重点",)}
_SECTION_SUFFIX = {"取組内容": ("内容",)}
_ONLY_ALONE = ("取組内容", "評価")

# The seven hub programmes (records.PROGRAMMES) named as programmes: a full name, or a
# name's core followed by 事業 (子育て相談事業, 相談事業, 利用者支援事業, 情報提供事業).
# A core alone is everyday wording (相談, 居場所, ネットワーク are topics): only 事業
# says the user means the programme, whose five-year block they want to see.
PROGRAMME_CORES = {
    1: ("親子の居場所", "居場所"),
    2: ("子育て相談", "相談"),
    3: ("情報収集・提供", "情報収集提供", "情報収集", "情報提供"),
    4: ("支援者ネットワーク", "ネットワーク"),
    5: ("人材育成・活動支援", "人材育成活動支援", "人材育成", "活動支援"),
    6: ("横浜子育てサポートシステム区支部事務局運営", "子育てサポートシステム", "サポートシステム", "子サポ"),
    7: ("利用者支援",),
}
_PROGRAMME_NAMED = [(n, re.compile("|".join(
    [re.escape(unicodedata.normalize("NFKC", records.PROGRAMMES[n]))]
    + [re.escape(core) + "の?事業" for core in cores])))
    for n, cores in PROGRAMME_CORES.items()]


def programmes_in_text(text: str) -> list[int]:
    """The hub programmes a query names as programmes, in programme order."""
    flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    return [n for n, pattern in _PROGRAMME_NAMED if pattern.search(flat)]


# "For each X" (事業ごとの, 年度別の, 区ごとに): the distributive suffix and the
# dimension before it say how the user wants the answer grouped — by the index's
# own facets (ward, year, programme, section) — not a topic to match.
DISTRIBUTIVE = frozenset({"毎", "別"})
GROUPING_NOUNS = frozenset({"区", "年度", "事業", "区分"})


def _take_grouping(terms: list[QueryTerm]) -> list[QueryTerm]:
    skip = set()
    for n, t in enumerate(terms):
        if t.term in DISTRIBUTIVE:
            skip.add(n)
            if n > 0 and terms[n - 1].term in GROUPING_NOUNS:
                skip.add(n - 1)
        elif len(t.parts) == 2 and t.parts[0] in GROUPING_NOUNS and t.parts[1] in DISTRIBUTIVE:
            skip.add(n)   # 事業別 analysed as one compound
    return [t for n, t in enumerate(terms) if n not in skip]


def _take_sections(terms: list[QueryTerm]) -> tuple[list[QueryTerm], list[str]]:
    sections: list[str] = []
    skip = set()
    for n, t in enumerate(terms):
        group = SECTION_WORDS.get(t.term)
        if group is None:
            continue
        suffix = n + 1 < len(terms) and terms[n + 1].term in _SECTION_SUFFIX.get(group, ())
        if group in _ONLY_ALONE and not suffix and any(
                x.term not in QUESTION_WORDS and x.term not in SECTION_WORDS for x in terms):
            continue
        if group not in sections:
            sections.append(group)
        skip.add(n)
        if n > 0 and terms[n - 1].term in _SECTION_PREFIX.get(group, ()):
            skip.add(n - 1)
        if suffix:
            skip.add(n + 1)
    keep = [t for n, t in enumerate(terms) if n not in skip]
    return keep, sections


def normalize_query(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text)
    return text[:MAX_QUERY_CHARS].strip()


def has_words(raw: str) -> bool:
    """Whether a query holds anything to search: a letter or a digit, not only symbols
    (*, ？？, 「」, ・・・)."""
    return any(unicodedata.category(c)[0] in "LN" for c in normalize_query(raw))


def parse_query(raw: str, today: date | None = None, known=None) -> ParsedQuery:
    """`today` (default: the date now) is what relative years (昨年度) count from.
    `known(word) -> bool` (the reports or the glossary know `word` as searched), when
    given, lets a hiragana spelling of a katakana-only word be read as that word."""
    text = normalize_query(raw)
    parsed = ParsedQuery(original=raw or "", text="")
    text = _join_year_ranges(text)
    text = _NOT_BEFORE.sub("-", text)
    after = _NOT_AFTER.search(text)
    if after:
        text = text[:after.start()] + "-" + after.group(1)
        parsed.notices.append(f"「{after.group().strip()}」を「-{after.group(1)}」（{after.group(1)}を除く）として検索しました")

    def take_phrase(m: re.Match) -> str:
        phrase = next(g for g in m.groups() if g is not None).strip()
        if phrase:
            parsed.phrases.append(phrase)
        return " "

    def take_excluded_phrase(m: re.Match) -> str:
        phrase = next(g for g in m.groups() if g is not None).strip()
        if phrase:
            parsed.excluded_phrases.append(phrase)
        return " "

    # 「」 quotes are also how reports name events; only treat them as phrases when
    # the user clearly quoted (ASCII or curly quotes); 「」 stay plain text.
    # A minus (or NOT) right before a quoted phrase leaves the phrase out, as -word does.
    text = re.sub(r'(?:(?<=\s)|^)' + _MINUS + r'\s*(?:' + _QUOTED + ')', take_excluded_phrase, text)
    text = re.sub(_QUOTED, take_phrase, text)

    def exclude_ward(name: str) -> bool:
        """Leave out the ward `name` names (西区, 港北); False when it names none."""
        ward = _ward_named(name)
        if ward is None:
            return False
        if ward not in parsed.excluded_wards:
            parsed.excluded_wards.append(ward)
            if metadata.canonical_ward(name) != ward:   # named without 区 (港北以外, -港北): say so, as 港北の取組 does
                parsed.notices.append(f"「{name}」を{ward}として、{ward}を除いて検索しました")
        return True

    def take_negation(m: re.Match) -> str:
        if not exclude_ward(m.group(1)):   # (a word that is no ward's name stays itself)
            parsed.excluded.append(m.group(1))
        return " "

    text = _NEGATION.sub(take_negation, text)

    def take_except(m: re.Match) -> str:
        return " " if exclude_ward(m.group(1)) else m.group()

    text = _WARD_EXCEPT.sub(take_except, text)
    text = _OPERATORS.sub(" ", text)

    invalid: list[wareki.YearMention] = []
    years = wareki.find_years(text, invalid=invalid, typed=True)
    for bad in invalid:  # blanked, not cut: the other mentions' offsets stay valid
        parsed.notices.append(bad.label)
        text = text[:bad.start] + " " * (bad.end - bad.start) + text[bad.end:]
    # years not written as a year (昨年度, a bare 2023): searched, and the user told which
    read = _relative_years(text, today)
    read += _bare_years(text, today, years + read)
    years = sorted(years + read, key=lambda y: y.start)
    opened = _open_year_span(text, years[0].start, years[0].end) if len(years) == 1 else None
    if opened:   # 令和5年度以降, 2023年度まで: the years from or up to it, and the user told which
        y = years[0]
        towards, start, end = opened
        first, last = open_years(y.year_from, y.year_to, towards, today)
        years = read = [wareki.YearMention(first, last, text[start:end].strip(), start, end)]
    for y in read:
        parsed.notices.append(f"「{y.label}」を{wareki.year_label(y.year_from, y.year_to)}として検索しました")
    if years:
        parsed.years = (min(y.year_from for y in years), max(y.year_to for y in years))
        for y in sorted(years, key=lambda y: y.start, reverse=True):
            fy = _FY_BEFORE.search(text[:y.start])
            text = text[:fy.start() if fy else y.start] + " " + text[y.end:]
    wards = metadata.wards_in_text(text)
    if wards:
        parsed.wards = wards
        for ward in sorted(set(wards) | {w for w in metadata.WARD_ALIASES if metadata.canonical_ward(w) in wards},
                           key=len, reverse=True):
            text = text.replace(ward, " ")
    stems = _ward_stems(text)
    for stem, ward, _start, _end in stems:
        if ward not in parsed.wards:
            parsed.wards.append(ward)
            parsed.notices.append(f"「{stem}」を{ward}として検索しました")
    for _stem, _ward, start, end in reversed(stems):
        text = text[:start] + " " + text[end:]
    text = _SYNTAX.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if known is not None:
        text, folded = _fold_hiragana(text, known)
        parsed.notices.extend(f"「{h}」を「{k}」として検索しました" for h, k in folded)
    parsed.notices = list(dict.fromkeys(parsed.notices))   # a year said twice (今年度 … 今年度) is told once
    parsed.text = text
    parsed.programmes = programmes_in_text(text)
    analysed = _take_grouping(analyze_query_terms(text))
    analysed, parsed.sections = _take_sections(analysed)
    frame, parsed.asks_number = _frame_starts(text)
    frame_words = QUESTION_WORDS | COMPARE_WORDS if len(parsed.wards) >= 2 else QUESTION_WORDS
    parsed.terms = [t for t in analysed if t.term not in frame_words and t.startchar not in frame]
    comparing = len(parsed.wards) >= 2 and all(t.term in frame_words for t in analysed)
    if not parsed.terms and analysed and not parsed.phrases and not comparing:
        # Nothing but question words: keep them rather than return everything
        # (asking to compare the wards named lists those wards instead).
        parsed.terms = analysed
        parsed.frame_only = True
    return parsed
