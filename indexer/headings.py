"""Headings by meaning: one normaliser for every way a report writes a heading.

Reports label the same section many ways: 取組内容, 取り組み内容, 【取組内容】,
"1 取組内容", "(2) 取組の成果", 取 組 内 容 (a PDF spreading a label over its
cell), and number their goals ①, (1), 1., １．, 重点目標1 or 重点目標（1）.
`label_form` removes what does not carry meaning (spaces, brackets, the
leading number) and `heading_key` maps what is left to one canonical key, so
the structure parser decides by meaning, not by the seed layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import wareki
from .clean import CIRCLED, circled_value, is_letter_spaced, norm

# Brackets that decorate labels (【取組内容】, (成果), 〔課題〕, ＜成果＞); quotes 「」 carry meaning.
_BRACKETS = frozenset("()（）【】[]〔〕［］《》〈〉<>≪≫«»")
_BRACKETS_TO_SPACES = str.maketrans(dict.fromkeys(_BRACKETS, " "))
# Symbols in front of a label: ■取組内容, ◆成果, ・課題, →取組内容 (※ marks a note, not a heading).
# (also a Markdown heading's #, ## …: a web page's CMS export as text)
# (〇, the kanji zero many offices type for a circle: 〇取組状況; not 〇〇, a template's blank, nor
# a kanji number 〇一)
ZERO_MARK = "〇(?![〇一二三四五六七八九十])"
_LEADING_MARKS = re.compile(rf"^(?:(?:[■□◆◇●○◯◎・▼▽▶▷►★☆◼◻→⇒➡]|{ZERO_MARK})+|#{{1,6}}(?=[ \u3000]))[ \u3000]*")
_SPACE = re.compile(r"[\s\u3000]+")
# A label in corner brackets filling its line (「取組状況」, 『効果』): the words quoted. Only the
# whole line: 「」 inside a line quote a name (つどいの広場「ぽかぽか」) or a phrase of a sentence.
_QUOTED_LINE = re.compile(r"「([^「」『』]{1,30})」|『([^「」『』]{1,30})』")
# ... or opening its line before a colon and the label's text: 「取組内容」：ひろばを… (not 「効果」が…).
_QUOTED_LABEL = re.compile(r"「([^「」『』]{1,30})」(?=[ \u3000]*[:：])|『([^「」『』]{1,30})』(?=[ \u3000]*[:：])")
_WORD = re.compile(r"\w")
# The number in front of a label or item: ①, (1) (brackets already spaces), 1., １．, 1、, 1 , ア .
# Roman numerals as NFKC writes Ⅰ Ⅱ Ⅲ Ⅳ (I II III IV): older reports number goals and parts with them.
_ROMAN = r"(?:VIII|VII|VI|IV|IX|III|II|I|V|X)"
_ROMAN_VALUES = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
# A compound number (Ⅰ-1, 1-2, 2－1, １－（１）: item 1 of part Ⅰ) is read as its last part,
# the part's number kept as `parent`.
# Items numbered ア イ ウ … (the order official documents number the level under (1) (2)).
_KANA_NUMBERS = "アイウエオカキクケコサシスセソタチツテト"
_LEADING_NUMBER = re.compile(
    rf"^(?:第\s*)?(?:(?P<p>{_ROMAN}|\d{{1,2}})\s*[-－‐−―]\s*(?P<s>\d{{1,2}})(?:[.．、:：]|\s+)"
    rf"|(?P<c>[{CIRCLED}])|(?P<r>{_ROMAN})(?:[.．、:：]|\s+)|(?P<d>\d{{1,2}})(?:[.．](?!\d)|[、:：]|\s+)"
    rf"|(?P<k>[{_KANA_NUMBERS}])(?:[.．、]|\s+)"
    # a b c numbering the parts under ア イ (ａ　取組内容): a lower-case letter before Japanese
    r"|(?P<l>[a-h])(?:[.．)）]|\s+)(?=\s*[^\x00-\x7f]))\s*"
)
# A number in kanji numerals after 第 or in brackets (第一, 第二, （一）, (二)): official
# documents number their parts so; a bare 一 may begin a word (一時預かり), so it is not read.
_KANJI_LEADING = re.compile(
    r"^(?:第\s*([一二三四五六七八九十]{1,3})(?=[\s\u3000.．、:：]|$)|[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）])[\s\u3000]*")


_OPENING_NUMBER = re.compile(rf"^\s*[(（［\[【〔]\s*[\d０-９]{{1,2}}\s*[)）］\]】〕]")

# A fiscal year as written in a heading (spaces already removed).
# 2023（令和5）年度 and 令和5（2023）年度 read as 2023令和5年度 / 令和52023年度 once brackets are gone
# (and so H31（2019）年度, 2019（H31）年度: H312019年度, 2019H31年度).
YEAR = (r"(?:(?:19|20)\d{2}(?:令和|平成|[RH]\.?)(?:元|\d{1,2})年度|(?:令和|平成|[RH]\.?)(?:元|\d{1,2})(?:19|20)\d{2}年度"
        r"|(?:令和|平成)(?:元|\d{1,2}|[一二三四五六七八九十]{1,3})年度?|[RH]\.?\d{1,2}年度?|(?:19|20)\d{2}年度)")
# ... possibly written twice: 平成31年度（令和元年度）, 2023年度（令和5年度）, the second also as a bare
# era year or western one in brackets (2019年度（H31）, 令和元年度（2019）).
_YEARS = rf"{YEAR}(?:{YEAR}|(?:令和|平成|[RH]\.?)(?:元|\d{{1,2}})|(?:19|20)\d{{2}})?"

# Words that follow a label and make it a heading (rather than a sentence starting
# with the same word): the end, a space, a colon, a closing bracket, a number or bullet.
_CLOSING = ")）】]〕］》〉>≫»"
# A corner bracket closes a label only where one opened it (「取組状況」 alone on its line); after a
# label starting a line it ends a quotation the line above opened (…である「
# 重点目標」について、…), a sentence, not a heading.
_QUOTE_CLOSING = {"」": "「", "』": "『"}
_SEPARATOR = re.compile(
    rf"^(?:$|[\s\u3000:：{re.escape(_CLOSING)}{CIRCLED}(（・●○■◆□◇※\-]|\d{{1,2}}[.．、)）](?!\d))")


@dataclass(frozen=True)
class Label:
    """A line's first text reduced to what carries meaning."""

    text: str                # no spaces or brackets, leading number removed (NFKC)
    number: int | None       # the leading number, if any (①, (1), 1., １．, 1 )
    marked: bool             # that number had a marker (circled, bracketed, dot) rather than a space
    prefix_chars: int        # meaningful characters the leading number took
    roman: bool = False      # the number is a roman numeral (Ⅱ), as reports number their parts
    parent: int | None = None  # Ⅰ-1, 1-2: the part (Ⅰ, 1) the numbered item belongs to
    bracketed: bool = False  # (1), 【1】: the number is in brackets
    kana: bool = False       # the number is a letter of the アイウ or a b c series, as reports number a part's items
    circled: bool = False    # the number is circled (②), as reports number a section's items


def _core(ch: str) -> bool:
    return not ch.isspace() and ch not in _BRACKETS


@lru_cache(maxsize=8192)
def label_form(text: str) -> Label:
    """Strip spaces, brackets and the leading number: '【1】取 組 内 容' -> 取組内容 (number 1)."""
    s = norm(text).strip()
    quoted = _QUOTED_LINE.fullmatch(s) or _QUOTED_LABEL.match(s)
    if quoted:
        # 「取組状況」 alone on its line, or 「取組内容」：… : the label it quotes (and its text)
        s = (quoted.group(1) or quoted.group(2)).strip() + s[quoted.end():]
    marks = _LEADING_MARKS.match(s)
    if marks:
        s = s[marks.end():]
    marked_by_bracket = bool(_OPENING_NUMBER.match(s))
    kanji = _KANJI_LEADING.match(s)
    if kanji:
        # 第一　…, （二）…: a number in kanji, marked as a number by 第 or its brackets
        value = wareki.era_number(kanji.group(1) or kanji.group(2))  # 一 → 1, 十二 → 12
        rest = s[kanji.end():].translate(_BRACKETS_TO_SPACES).strip()
        prefix = sum(1 for ch in kanji.group(0) if _core(ch)) + (
            sum(1 for ch in marks.group(0) if _core(ch)) if marks else 0) + bool(quoted)
        return Label(_SPACE.sub("", rest).rstrip(":："), value, True, prefix, False, None,
                     kanji.group(2) is not None)
    spaced = s.translate(_BRACKETS_TO_SPACES).strip()
    number, marked, prefix, roman, parent = None, False, 0, False, None
    m = _LEADING_NUMBER.match(spaced)
    # "2 0 2 3 年 度" is a letter-spaced year, not item 2.
    if m and not re.match(r"\d[ \u3000]+\d", spaced[m.end():]):
        if m.group("s"):
            number, marked = int(m.group("s")), True
            p = m.group("p")
            parent = _ROMAN_VALUES[p] if p in _ROMAN_VALUES else int(p)
        elif m.group("c"):
            number, marked = circled_value(m.group("c")), True
        elif m.group("r"):
            number, marked, roman = _ROMAN_VALUES[m.group("r")], True, True
        elif m.group("d"):
            number = int(m.group("d"))
            marked = marked_by_bracket or m.group(0).strip()[-1:] in ".．、:："
        elif m.group("k"):
            number = _KANA_NUMBERS.index(m.group("k")) + 1
            marked = m.group(0).strip()[-1:] in ".．、"
        elif m.group("l"):
            number = ord(m.group("l")) - ord("a") + 1
            marked = m.group(0).strip()[-1:] in ".．)）"
        prefix = sum(1 for ch in m.group(0) if _core(ch))
        spaced = spaced[m.end():]
    if marks:
        prefix += sum(1 for ch in marks.group(0) if _core(ch))
    prefix += bool(quoted)  # (the opening 「 before the label)
    return Label(_SPACE.sub("", spaced).rstrip(":："), number, marked, prefix, roman, parent,
                 marked_by_bracket and number is not None, bool(m and (m.group("k") or m.group("l"))),
                 bool(m and m.group("c")))


def leading_number(text: str) -> int | None:
    """The number an item or goal line starts with (①, (1), 1., １．, 1 ), else None."""
    return label_form(text).number


def _separates(after: str, text: str) -> bool:
    """Whether `after` (what follows a label in `text`) makes the label a heading."""
    opening = _QUOTE_CLOSING.get(after[:1])
    if opening:
        return norm(text).lstrip(" \u3000").startswith(opening)
    return bool(_SEPARATOR.match(after))


def text_after(text: str, core_chars: int) -> str:
    """`text` after its first `core_chars` meaningful characters (spaces and brackets
    not counted), in original characters, without the separator that follows."""
    if core_chars <= 0:
        return text.strip()
    seen = 0
    for i, ch in enumerate(text):
        seen += sum(1 for c in norm(ch) if _core(c))
        if seen >= core_chars:
            return text[i + 1:].lstrip(" \u3000\t:：" + _CLOSING + "」』＞").strip()
    return ""


# --- the headings ------------------------------------------------------------------

# Canonical keys. Section keys are read by document type: in a five-year summary
# "outcome" / "issue" are its (成果) / (課題).
EVAL = "eval"                  # 令和5年度重点目標の評価 / 重点目標と取組の成果・課題
NEXT = "next"                  # 次年度重点目標
YEAR_ONLY = "year"             # 令和5年度 (on its own line, above a goal heading)
GOAL = "goal"                  # 令和5年度 重点目標① …
CONTENT = "content"            # 取組内容
OUTCOME = "outcome"            # 取組の成果 / 成果
ISSUE = "issue"                # 取組の課題 / 課題 / 今後の課題
REASON_OPERATOR = "reason_operator"   # 評価の理由(法人)
REASON_WARD = "reason_ward"           # 評価の理由(区)
RESULTS = "results"            # 拠点事業としての成果と課題
VIEWPOINT = "viewpoint"        # 振り返りの視点
AIMS = "aims"                  # 目指す拠点の姿
PREAMBLE = "preamble"          # metadata rows: 事業実施期間, 事業の実施者, 対象期間, 実施時期, …
OVERVIEW = "overview"          # the preamble's prose rows: 事業目的, 実施目的, 実施について, 事業の内容, …

# The phrase that makes a heading the evaluation of a year's goals (also inside titles).
# (重点目標　自己評価表, 重点目標評価票: the form the goals are evaluated on, named as its title)
EVAL_PHRASE = re.compile(r"重点目標(?:の?(?:自己)?評価(?:結果|シート|表|票)?|の?振り返り(?:シート)?|の?達成状況|に対する評価|と取り?組み?)")
_EVAL_RE = re.compile(
    rf"(?P<year>{_YEARS})?重点目標(?:の?(?:自己)?評価(?:結果|シート|表|票)?|の?振り返り(?:シート)?|の?達成状況|に対する評価"
    r"|の?(?:取り?組み?|実施)(?:の?状況|結果)"
    r"|と取り?組み?(?:の?(?:内容|成果|課題)[・、と及び]?)*)"
)
# Goals set for a period and evaluated for one year of it: 重点目標（令和３～５年度）　令和５年度の振り返り
# (the year after the period is the year evaluated; the period, 令和3~5年度, is the goals' term).
_PERIOD = r"(?:(?:令和|平成|[RH])(?:元|\d{1,2})|(?:19|20)\d{2})年?度?[~〜～\-－ー](?:(?:令和|平成|[RH])?(?:元|\d{1,2})|(?:19|20)\d{2})年度"
_PERIOD_EVAL_RE = re.compile(
    rf"重点目標の?{_PERIOD}の?(?P<year>{_YEARS})の?(?:振り返り(?:シート)?|評価(?:結果|シート)?|達成状況)")


_BARE_ERA_GOALS = re.compile(r"^([RH]\.?\d{1,2})(?=の?(?:重点)?目標)")
# A year's look back without the word 重点目標 (平成31年度（令和元年度）の振り返り, 令和5年度振り返り): the
# evaluation of that year's goals, as a ward page heads it.
_YEAR_REVIEW_RE = re.compile(rf"(?P<year>{_YEARS})の?振り返り(?:シート)?")


def year_evaluated_after_period(text: str) -> str | None:
    """The year a heading of goals set for a period evaluates (重点目標（令和３～５年度）　令和５年度の
    振り返り → 令和5年度), as written; None for any other line."""
    m = _PERIOD_EVAL_RE.fullmatch(label_form(text).text)
    return m.group("year") if m else None


# 次年度重点目標, 令和6年度 次年度重点目標, 次年度（令和2年度）の重点目標, 次年度に向けて（平成30年度 重点目標）.
# A heading of what comes next on its own (次年度に向けて, 令和4年度に向けて) opens the same part.
_NEXT_RE = re.compile(
    rf"(?P<year>{_YEARS})?(?:次年度|来年度|翌年度)(?:に向けて|へ向けて)?(?P<year2>{_YEARS})?の?重点目標"
    rf"|(?:(?P<year3>{_YEARS})|次年度|来年度|翌年度)(?:に向けて|へ向けて)(?P<year4>{_YEARS})?(?:の?重点目標|の目標)?")
_YEAR_RE = re.compile(rf"(?P<year>{_YEARS})")
# A year alone without 年度, as a sheet is named: R3, H30, 令和3.
_BARE_YEAR = re.compile(r"(?P<year>[RH]\d{1,2}|(?:令和|平成)(?:元|\d{1,2})年?)")
# 重点目標①, 令和5年度 重点目標1, 次年度重点目標, 今年度の重点目標, 令和3年度の目標, 目標1 (reports
# of other wards and cities often say 目標 without 重点), and the same goals called 重点取組,
# 重点項目, 取組項目 (取組項目1), 重点テーマ or テーマ1 (numbered); numbered 1, ①, Ⅱ, Ｂ or 二 (see heading_key).
_GOAL_PATTERN = (
    rf"(?P<year>{_YEARS})?の?(?:(?P<next>次年度の?)|(?P<this>今年度|本年度|当年度|当該年度|年間|年度)の?)?"
    # (ねらい① / ねらい１: a goal as "aim", only with its number — 目標（ねらい） is a column's name)
    # (評価項目１: a self-evaluation sheet's items, as other cities' sheets number their goals)
    # (取組目標, 重点的な取組: the same goals in other cities' words)
    # (今年度の重点１, 事業１: a form's numbered focus or 事業 of an administrative evaluation sheet)
    # (重点事項１, 重点取組事項: a city's self-evaluation naming its goals as matters of focus)
    rf"(?:(?P<key>重点)?目標|(?P<item>重点的?な?取り?組み?(?:事項)?|重点(?:項目|事項)|取り?組み?(?:項目|目標)|評価項目|重点テーマ|(?:ねらい|テーマ|重点|事業)(?=[{CIRCLED}\d])))"
    # (目標その１: その before the number)
    rf"(?:その(?=[{CIRCLED}\d]))?"
    rf"(?P<num>[{CIRCLED}]|NUMBER|{_ROMAN}(?![A-Za-z])|[A-H](?![A-Za-z]))?(?P<punct>[.．、:：]?)(?P<rest>.*)"
)
_GOAL_RE = re.compile(_GOAL_PATTERN.replace("NUMBER", r"\d{1,2}(?![\d年])"))
# 重点目標100: a long archive or a city-wide compilation numbers its goals past 99. Three digits
# are a goal's number only when a space, a mark or the line's end follows in the line as written
# (heading_key checks it: the label's form has no spaces), so 重点目標100人 stays a figure.
_GOAL_RE_PAST_99 = re.compile(_GOAL_PATTERN.replace("NUMBER", r"\d{3}(?!\d)"))


# The mark a bulleted line opens with (◆ ◇ ● ■ □ ○ ◎ ・): above a 取組内容 heading, a goal
# the report does not number (◆ 初めて来た親子が…雰囲気をつくる。).
BULLET_LINE = re.compile(rf"^[\s\u3000]*(?:[◆◇●■□○◎・]|{ZERO_MARK})")

_KANJI_DIGITS = "一二三四五六七八九"
# A goal numbered in kanji, then a space or a mark: 重点目標一　…, 目標二：… (重点目標一覧 is no goal).
_KANJI_GOAL_NUMBER = re.compile(r"^([\s\u3000■□◆◇●○◯◎・【\[(（]*(?:重点)?目標)([一二三四五六七八九])(?=[\s\u3000:：、.．)）】\]]|$)")


def _number_value(num: str) -> int:
    """①, 2, II or B (重点目標Ｂ) as a number."""
    if num in CIRCLED:
        return circled_value(num)
    if len(num) == 1 and "A" <= num <= "H":
        return ord(num) - ord("A") + 1
    return _ROMAN_VALUES[num] if num in _ROMAN_VALUES else int(num)
# A heading that names a goal stated earlier, above that goal's sections:
# 目標1について, 重点目標②に対する取組, 重点目標1の振り返り.
# (also 重点目標１（続き）: the goal's part continued after a page break)
_GOAL_REFERENCE = re.compile(r"(?:について|に対する(?:取り?組み?|評価|振り返り)|の(?:振り返り|評価|取り?組み?)|の?(?:続き|つづき))")
# The span an outcome or issue is stated for: 5か年の成果, 今期の課題, これまでの成果, 主な成果.
_SPAN_PREFIX = r"(?:(?:5|五)[かカヶケヵ箇个]?年(?:度|間)?の?|(?:今期|前期|中間期?|期間中|これまで|上半期|下半期)の?|主な)?"
# Labels followed by a separator (or nothing); longest alternatives first.
_SECTION_LABELS = [
    (REASON_OPERATOR, re.compile(r"評価の?理由法人|法人の?評価の?理由")),
    (REASON_WARD, re.compile(r"評価の?理由区|区の?評価の?理由")),
    (OUTCOME, re.compile(r"拠点事業としての成果と課題成果")),
    (ISSUE, re.compile(r"拠点事業としての成果と課題課題")),
    (VIEWPOINT, re.compile(r"振り返りの視点")),
    # The PDCA cycle as section labels, its letter beside the word: Ｐ（計画）, Ｄ（実行）,
    # Ｃ（評価）, Ａ（改善）, 実行(Do): what was planned and done, what came of it, what to change.
    (CONTENT, re.compile(r"(?:Plan|PLAN|P)計画|計画(?:Plan|PLAN|P)|(?:Do|DO|D)(?:実行|実施)|(?:実行|実施)(?:Do|DO|D)")),
    (OUTCOME, re.compile(r"(?:Check|CHECK|C)(?:評価|点検)|(?:評価|点検)(?:Check|CHECK|C)")),
    (ISSUE, re.compile(r"(?:Action|ACTION|Act|ACT|A)(?:改善|見直し)|(?:改善|見直し)(?:Action|ACTION|Act|ACT|A)")),
    # What was done: 取組内容, 取り組み状況, 実施内容, 実施したこと, 活動内容, 主な取組, やったこと (and what
    # a year's plan will do: 取り組むこと).
    # (今年度の取組内容: the year's; 内容 alone, as other cities' sheets label it: ＜内容＞, 内容：…)
    # (事業計画 / 実施計画: older forms' plan of the year's measures, beside 実施結果)
    # (取組の概要 / 実施概要: a city page's summary of what was done)
    (CONTENT, re.compile(r"(?:(?:今年度|本年度|当年度)の)?(?:具体的な?|主な|(?:上半期|下半期)の)?(?:取り?組んだこと|取り?組むこと|取り?組み?(?:の?(?:内容|状況|概要))?|内容"
                         r"|(?:事業|実施|活動)計画"
                         r"|(?:実施|活動)(?:の?(?:内容|状況|概要))|(?:実施|実行)した(?:こと|取り?組み?|内容)"
                         r"|行った(?:こと|取り?組み?)|やった(?:こと|取り?組み?)|工夫した(?:こと|点)"
                         r"|実践(?:の?内容|したこと))(?:予定|計画)?")),
    # What came of it (a written 取組の評価 too): 取組の成果, 取り組みの結果, 実施結果, 結果, 成果と効果, 5か年の成果, 主な成果;
    # also 成果と課題 (both in one, told apart by their own labels: 【成果】… 【課題】…).
    # 実績 (what was achieved, often figures), 実績・効果, 効果・成果, 結果・評価 (a look-back sheet's column).
    (OUTCOME, re.compile(rf"{_SPAN_PREFIX}(?:取り?組み?の?|実施の?|活動の?)?"
                         r"(?:(?:成果|結果|実績)(?:[・と及び](?:効果|実績|成果|課題|評価))?|効果(?:[・と](?:成果|実績))?"
                         r"|達成状況|よかった(?:こと|点)|良かった(?:こと|点)|できたこと"
                         # (the やったこと / わかったこと / 次にやること look back: what was learnt)
                         r"|(?:わかった|分かった|気づいた|気付いた)(?:こと|点))"
                         # 取組の評価 followed by what came of it, in words (a grade after it is
                         # the goal's rating: `ratings.goal_grade`); 評価 alone likewise, and its
                         # reasons or comment when no evaluator is named (評価の理由, 評価コメント:
                         # 評価の理由（法人） is the operator's, above)
                         r"|(?:(?:取り?組み?|実施|活動)の?)?評価(?:の?理由|コメント)?|その結果"
                         # 振り返り / 取組の振り返り: what came of it, then (一方で、…) what remains
                         r"|(?:取り?組み?の?)?振り返り")),
    # What remains: 取組の課題, 今後の課題, 課題と今後の方向性, 課題と次年度への方向性, 反省点, 今期の課題,
    # 改善が必要な点, 課題及び改善策, 課題と対応, 次年度への改善点, 今後の展望,
    # 今後の取組, 次年度の方向性 (what the hub will do about what remains).
    (ISSUE, re.compile(rf"{_SPAN_PREFIX}(?:(?:取り?組み?の?|今後の|(?:次年度|来年度)(?:へ|に向けて)?の"
                       r"|(?:今後|次年度|来年度|下半期|後半)に向けた|残された|見えてきた"
                       r"|明らかになった|残った)課題"
                       r"|課題(?:(?:[・と]|及び|および)(?:(?:(?:今後|次年度|来年度)(?:へ|に向けて)?の?)?(?:方向性|取り?組み?|対応策?|対策|方針)"
                       r"|(?:今後|次年度|来年度)(?:へ|に)向けて"
                       r"|改善点|改善策|対応策|反省点))?"
                       r"|反省(?:点|と課題)?|(?:(?:今後|次年度|来年度)(?:へ|に向けて)?の)?改善(?:点|策|の?方向性|の?方針)|改善(?:が|を)?(?:必要|要する|すべき)な?(?:点|こと)|今後の(?:方向性|展開|展望|方針|対応|対策|取り?組み?(?:方針)?)|これからの課題"
                       # 次年度の方向性 / 来年度に向けての方針: what the hub will do about what remains
                       r"|(?:次年度|来年度)(?:へ|に向けて)?の(?:方向性|方針)"
                       # plain words of a hub's own look back: これから, これからのこと
                       r"|これから(?:のこと|やりたいこと)?|次に(?:やる|取り?組む)こと"
                       r"|できなかったこと)")),
    # The same three asked as questions (a plain-language sheet): どのように取り組んだか,
    # その結果どうなったか, 今後どうするか.
    (CONTENT, re.compile(r"(?:どのように|どう)取り?組んだか|(?:何|なに|どんなこと)を(?:した|行った|実施した|やった)か")),
    (OUTCOME, re.compile(r"(?:その)?結果[、,]?どう(?:なった|だった)か|(?:どのような|どんな)(?:成果|効果|変化)が(?:あった|見られた)か"
                         r"|(?:何|なに)が(?:できた|変わった)か")),
    (ISSUE, re.compile(r"(?:今後|これから|次年度|来年度)(?:は)?[、,]?どう(?:する|していく|取り?組む)か"
                       r"|(?:何|なに)が課題(?:だった)?か|(?:残った|見えてきた)課題は(?:何|なに)か")),
]
_RESULTS_RE = re.compile(r"拠点事業としての成果と課題")
# 評価 (評価結果) alone: over a grade it labels the goal's rating, over words what came of it;
# a table column so headed holds the goals' grades.
BARE_RATING = re.compile(r"評価(?:結果)?")
# 取組 alone, then a number and a space (取組１　乳児の親子の仲間づくり): numbered like 取組①, a
# goal when its own 内容 label follows (yearly), else a 取組内容 label with its text.
_BARE_TORIKUMI = re.compile(r"取り?組み?")
_NUMBER_THEN_SPACE = re.compile(r"\d{1,2}[\s\u3000]+\S")
# A section label said of its subject ends there (取組内容について, 課題について：…); 課題について、
# 区と話し合った。 runs on as a sentence.
_ABOUT_END = re.compile(r"$|[:：]")
# A section label's words saying it is the goal's: (重点)目標に対する, 目標達成に向けた.
_AIMED_AT_GOAL = re.compile(r"(?:重点)?目標(?:達成)?(?:に対する|に向けた|に向けての|のための)")
# The goal a section label names after it (the label's closing bracket already gone):
# 取組内容（目標１）, 成果【重点目標②】.
_SECTION_GOAL_REF = re.compile(rf"^[(（【\[〔]?\s*(?:重点)?目標\s*([{CIRCLED}]|\d{{1,3}})\s*[)）】\]〕]")
# A short note in brackets right after a section label, with no text after it.
_QUALIFIER = re.compile(r"[(（][^()（）]{1,8}[)）]")
# A draft's mark after a heading: 重点目標（案）, 重点目標(案).
# (also ねらい, 計画: 目標（ねらい）, 令和６年度の重点目標（計画）: what the goal column or part holds)
_DRAFT = re.compile(r"[\s(（]*(?:案|ねらい|計画)[)）\s]*")
_AIMS_RE = re.compile(r"目指す(?:べき)?(?:拠点の)?姿")
# The preamble's rows of prose (what the evaluation is for, the hub's purpose, the seven
# programmes): read as overview passages.
_OVERVIEW_RE = re.compile(
    r"(?:事業目的|実施目的|実施について|事業の内容|事業・施設運営の基本理念|"
    r"事業の評価(?:の?実施方法及び評価結果の公表方法)?|(?:参考)?拠点の7事業)"
)
# The city's standard lists among them, the same in every ward's report.
_STANDARD_LIST_RE = re.compile(
    r"(?:事業・施設運営の基本理念|事業の内容|事業の評価(?:の?実施方法及び評価結果の公表方法)?|(?:参考)?拠点の7事業)")
# The preamble's metadata rows (who, when, which hub): detectors read them, no passage.
_PREAMBLE_RE = re.compile(
    r"(?:事業実施期間|事業の実施者|対象事業|対象期間|評価(?:実施|対象)?期間|実施時期|事業名|施設名|所在地|評価対象年度|"
    r"対象年度|実施主体|運営法人|所管課)"
)
# A label followed by kana is a sentence starting with the same words (事業目的に叶う…,
# 運営法人と区で…), not a label; a label followed by its value (事業の内容 1 乳幼児…,
# spaces removed: 事業の内容1乳幼児…) is one.
_SENTENCE_GOES_ON = re.compile(r"[\u3040-\u309f]")


@dataclass(frozen=True)
class Heading:
    key: str
    number: int | None = None   # goal number (重点目標①) or the leading number (1 取組内容)
    year: str | None = None     # the year written in the heading, e.g. 令和5年度 / 2023年度
    rest: str = ""              # text after the heading in the same cell, original characters
    refers: bool = False        # 目標1について: names a goal stated earlier rather than stating one
    is_next: bool = False       # 次年度重点目標…
    label: str = ""             # an overview's or a section's label as words (事業目的, 評価), spaces and brackets removed
    goal_ref: int | None = None  # 取組内容（目標１）: the goal whose section this is


@lru_cache(maxsize=8192)
def heading_key(text: str) -> Heading | None:
    """What heading a line's first text is, by meaning, or None for running text."""
    kanji = _KANJI_GOAL_NUMBER.match(norm(text))
    if kanji:
        # 重点目標一　地域の…: the goal number in kanji, read as its digit
        digit = str(_KANJI_DIGITS.index(kanji.group(2)) + 1)
        return heading_key(norm(text)[:kanji.start(2)] + digit + norm(text)[kanji.end(2):])
    label = label_form(text)
    s = label.text
    if not s:
        return None
    # a sheet's name of an era year without 年度 run into its goals: R2重点目標, H31目標 (R2年度重点目標)
    s = _BARE_ERA_GOALS.sub(r"\1年度", s)
    m = _EVAL_RE.fullmatch(s)
    if m:
        return Heading(EVAL, year=m.group("year"))
    m = _PERIOD_EVAL_RE.fullmatch(s) or _YEAR_REVIEW_RE.fullmatch(s)
    if m:
        return Heading(EVAL, year=m.group("year"))
    m = _NEXT_RE.fullmatch(s)
    if m:
        return Heading(NEXT, year=next((y for y in m.groups() if y), None), is_next=True)
    m = _YEAR_RE.fullmatch(s) or _BARE_YEAR.fullmatch(s)
    if m:
        return Heading(YEAR_ONLY, year=m.group("year"))
    if label.number is not None and _GOAL_REFERENCE.fullmatch(s):
        # ①について, (2)の振り返り: a goal listed above, referred to by its number alone
        return Heading(GOAL, number=label.number, refers=True)
    m = _GOAL_RE_PAST_99.fullmatch(s)
    if not (m and m.group("num") and m.group("num").isdigit()
            and (m.group("punct") or _SEPARATOR.match(_after_label(text, label.prefix_chars + m.end("num"))))):
        m = _GOAL_RE.fullmatch(s)
    if m and m.group("num") and _GOAL_REFERENCE.fullmatch(m.group("rest")):
        num = m.group("num")
        return Heading(GOAL, number=_number_value(num),
                       year=m.group("year"), is_next=bool(m.group("next")), refers=True)
    if m and _DRAFT.fullmatch(m.group("rest")):
        # 重点目標（案）, 目標（ねらい）: the heading with a note on what it holds
        return Heading(GOAL, number=_number_value(m.group("num")) if m.group("num") else label.number,
                       year=m.group("year"), is_next=bool(m.group("next")))
    # A bare 目標 (no 重点, number, year or 今年度) heads a goal only alone on its line:
    # "目標：2,000件" inside a section is a target figure, not a new goal.
    weak = m is not None and not (m.group("key") or m.group("item") or m.group("num") or m.group("year")
                                  or m.group("this") or m.group("next"))
    if m and weak and m.group("rest"):
        m = None
    if m and not m.group("rest").startswith(("の評価", "評価", "と")) and (
            m.group("num") or not m.group("rest")
            or _separates(_after_label(text, label.prefix_chars + m.start("punct")), text)):
        num = m.group("num")
        number = _number_value(num) if num else label.number
        rest = text_after(text, label.prefix_chars + m.start("rest"))
        if _DRAFT.fullmatch(rest):
            rest = ""  # 令和5年度の重点目標（案）: a draft, no goal text
        return Heading(GOAL, number=number, year=m.group("year"), is_next=bool(m.group("next")),
                       rest=rest if _WORD.search(rest) else "")  # ◆重点目標1◆: the mark is no goal text
    if _RESULTS_RE.fullmatch(s):
        return Heading(RESULTS)
    if _AIMS_RE.match(s):
        return Heading(AIMS)
    spread = is_letter_spaced(norm(text).strip())
    # 目標に対する取組内容, 目標達成に向けた取組: the section label, said of the goal above
    aimed = _AIMED_AT_GOAL.match(s)
    skip = aimed.end() if aimed else 0
    for key, pattern in _SECTION_LABELS:
        m = pattern.match(s, skip)
        if m and m.end() > skip:
            end = m.end()
            if s.startswith("について", end) and _ABOUT_END.match(s, end + 4):
                end += 4  # 成果について: the label said of its subject
            # What follows the label: in a letter-spaced line spaces separate letters, not words.
            after = s[end:] if spread else _after_label(text, label.prefix_chars + end)
            if _separates(after, text) or (key == CONTENT and _BARE_TORIKUMI.fullmatch(s[skip:end])
                                           and _NUMBER_THEN_SPACE.match(after)):
                rest = text_after(text, label.prefix_chars + end)
                ref = _SECTION_GOAL_REF.match(norm(rest))
                if ref:
                    # 取組内容（目標１）: the section of goal 1, the text after the bracket
                    rest = norm(rest)[ref.end():].strip()
                    return Heading(key, number=label.number, rest=rest if _WORD.search(rest) else "",
                                   goal_ref=_number_value(ref.group(1)))
                if _QUALIFIER.fullmatch(rest):
                    if BARE_RATING.fullmatch(s[skip:end]):
                        return None  # 評価（５段階）, 評価（法人）: a rating's label, naming its scale or evaluator
                    rest = ""  # 取組の成果（数値）, 取組内容（上半期）: a note on the label, no text
                # ◆成果◆: the closing mark decorates the label, it is not the section's text
                return Heading(key, number=label.number, rest=rest if _WORD.search(rest) else "",
                               label=s[skip:end])
    m = _OVERVIEW_RE.match(s)
    if m and not _SENTENCE_GOES_ON.match(s[m.end():]):
        return Heading(OVERVIEW, rest=text_after(text, label.prefix_chars + m.end()), label=s[:m.end()])
    m = _PREAMBLE_RE.match(s)
    if m and not _SENTENCE_GOES_ON.match(s[m.end():]):
        return Heading(PREAMBLE)
    return None


def is_standard_list(head: str) -> bool:
    """Whether an overview part's head — its label (事業の内容) or bracketed title
    (【参考】拠点の7事業, 【事業・施設運営の基本理念】, possibly with the list run on after
    it) — titles one of the city's standard lists rather than a report's own prose."""
    return bool(_STANDARD_LIST_RE.match(label_form(head).text))


def _after_label(text: str, core_chars: int) -> str:
    """The original text right after the label (separator included)."""
    seen = 0
    for i, ch in enumerate(text):
        seen += sum(1 for c in norm(ch) if _core(c))
        if seen >= core_chars:
            return norm(text[i + 1:])
    return ""


# --- the columns of a five-year summary's programme table --------------------------

# The section keys a five-year summary has (its 成果 / 課題 / 評価の理由 / 振り返りの視点).
FIVE_YEAR_SECTION_KEYS = (REASON_OPERATOR, REASON_WARD, OUTCOME, ISSUE, VIEWPOINT)
# A self-evaluation column (自己評価（法人）, 評価（区）, 達成度, 自己評価（4段階）, 法人評価, 区の評価).
# (法人の振り返り | 区の振り返り: whose look back, as older five-year summaries head the columns)
GRADE_HEADER = re.compile(r"^(?:(?:法人|区|拠点|運営法人)の?)?(?:自己)?評価|^達成度|^評定|^(?:法人|区|拠点|運営法人)の?(?:自己)?振り返り$")
# One grade as reports write them: A–D (S), ◎○△×, a point on a 4- or 5-point scale, or the
# words of a 4-level scale (達成 / おおむね達成 / 一部達成 / 未達成; 十分できた / できた / …).
GRADE_VALUE = re.compile(r"^(?:[A-DSＡ-ＤＳ]|[◎○◯△×▲]|[1-5１-５]|(?:おおむね|概ね|ほぼ|一部)?達成|未達成"
                         # a scale in words of what could be done: 十分できた / できた / あまりできなかった
                         # (取り組めた / 取り組めなかった: the same scale said of the hub's efforts)
                         # (十分に実施できた / 概ね達成できた: what was done, named between the two)
                         r"|(?:(?:十分|よく|おおむね|概ね|ほぼ|ある程度|あまり|ほとんど)に?)?(?:実施|達成|対応|実践)?"
                         r"(?:でき|取り?組め)(?:た|なかった|ている|ていない))$")
# The column saying whose self-evaluation a row gives (法人 / 区), one row each.
_WHO_COLUMN = re.compile(r"^(?:評価者|評価主体|記入者|評価区分)$")
# The column naming the programme, and one numbering it.
_PROGRAMME_COLUMN = re.compile(r"^(?:拠点)?事業(?:名|区分)?$|^項目$|^取組事業$")
_PROGRAMME_NUMBER_COLUMN = re.compile(r"^(?:事業)?(?:番号|No\.?|NO\.?)$")


def _year_column(text: str) -> str | None:
    """A header cell that is one fiscal year and nothing else (令和元年度, R2年度, 2021年度):
    the year as the reports' label (令和元年度), else None."""
    cell = norm(text).strip()
    mentions = wareki.find_years(cell)
    if len(mentions) != 1 or mentions[0].year_from != mentions[0].year_to:
        return None
    if re.sub(r"[\s()（）]", "", cell[:mentions[0].start] + cell[mentions[0].end:]):
        return None
    return wareki.western_to_label(mentions[0].year_from)


# One fiscal year in front of a table header's section word (令和５年度の取組実績, 2023年度の取組内容,
# 今年度の実績): what was done in that one year, a year's table (not the five years' programmes).
_ONE_YEAR_PREFIX = re.compile(rf"^(?:{YEAR}|(?:今|本|当)年度)の?")


def year_of_column(text: str) -> str | None:
    """A table header cell naming one fiscal year's section (令和５年度の取組実績): that section's
    words without the year (取組実績); None for any other cell."""
    label = label_form(text).text
    m = _ONE_YEAR_PREFIX.match(label)
    if m is None or m.end() == len(label):
        return None
    rest = label[m.end():]
    h = heading_key(rest)
    return rest if h is not None and h.key in (CONTENT, OUTCOME, ISSUE) and not h.rest else None


def programme_table_columns(cells: list[str]) -> dict[int, str] | None:
    """A table header naming, per column, the programme, its self-evaluation and its
    成果 / 課題 (事業 | 自己評価（法人） | 自己評価（区） | 5か年の成果 | 今後の課題, or an
    open-data export: 事業番号 | 事業名 | 法人評価 | 区評価 | 成果 | 課題): column index ->
    "name", "number", "who", "grade:<whose>" or a section heading key; None when the row
    is no such header."""
    if sum(1 for c in cells if c.strip()) < 3:
        return None
    columns: dict[int, str] = {}
    # one grade column per year (事業 | 令和元年度 | … | 令和５年度 | 成果 | 課題): a header
    # cell that is a single fiscal year, when two or more are, heads that year's grades
    years = {i: _year_column(text) for i, text in enumerate(cells)}
    years = {i: y for i, y in years.items() if y} if sum(1 for y in years.values() if y) >= 2 else {}
    for i, text in enumerate(cells):
        if not text.strip():
            continue
        if i in years:
            columns[i] = f"grade:{years[i]}"
            continue
        label = label_form(text).text
        if _PROGRAMME_COLUMN.match(label) and "name" not in columns.values():
            columns[i] = "name"
            continue
        if _PROGRAMME_NUMBER_COLUMN.match(label) and "number" not in columns.values():
            columns[i] = "number"
            continue
        if _WHO_COLUMN.match(label) and "who" not in columns.values():
            columns[i] = "who"
            continue
        if GRADE_HEADER.match(label):
            whose = "区" if re.search(r"^区|区$|区[(（]?$|^(?:自己)?評価区", label) else (
                "法人" if re.search(r"法人|拠点|運営", label) else "自己")
            columns[i] = f"grade:{whose}"
            continue
        h = heading_key(text)
        if h is not None and h.key in FIVE_YEAR_SECTION_KEYS and not h.rest:
            columns[i] = h.key
        elif h is not None and h.key == AIMS and not h.rest and "aim" not in columns.values():
            columns[i] = "aim"  # 事業 | 目指す拠点の姿 | 自己評価 …: a row per aim of the programme
        elif h is not None and h.key == CONTENT and not h.rest:
            return None  # 項目 | 取組内容 | 成果 | 評価: a year's goal table, what was done per item
        elif year_of_column(text) is not None:
            return None  # 事業名 | 令和５年度の取組実績 | 成果 | 評価: one year's table of its 事業
    roles = set(columns.values())
    if "name" in roles and any(r.startswith("grade:") for r in roles) and roles & set(FIVE_YEAR_SECTION_KEYS):
        return columns
    return None
