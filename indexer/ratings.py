"""Ratings (評価) as reports write them.

A yearly goal's rating line (【評価】○, 自己評価：Ｂ（おおむね達成）, 達成度 A) and the
label of a rating written below it or heading a goal table's column; a five-year
summary's grades by evaluator (法人 / 区): beside a programme's name, on a line of
their own, in a grade table under a 法人 | 区 header, or as letters at the end of an
aims-table row. What counts as one grade value is `headings.GRADE_VALUE` (A–D (S),
◎○△×, a point on a 4- or 5-point scale, or the words of a 4-level scale 達成 /
おおむね達成 / 一部達成 / 未達成), and a grade header is `headings.GRADE_HEADER`.
"""

from __future__ import annotations

import re

from . import headings
from .blocks import GENERIC_COLUMN, row_label
from .clean import Row, norm

# A rating label (評価, 自己評価(法人), 達成度, 目標達成度, 評定 …): the words both patterns read.
# (達成状況 over a grade is its rating too: 達成状況　△; over words it is what came of the goal)
# (自己チェック / セルフチェック: a self-evaluation sheet's own word for the rating it asks for)
_LABEL_WORDS = (r"(?:(?:総合|自己|目標|取り?組み?の?)?(?:評価(?:結果)?|(?P<share>達成度|達成率)|評定|達成状況)"
                r"|(?:自己|セルフ)チェック)")
# (a column header may name its scale: 自己評価（A～C）, 評価（A・B・C）, 評価（5段階）, as label_form leaves it)
_SCALE_NOTE = (r"(?:[(（]?(?:[A-DS](?:[~〜～\-・、,][A-DS])+|[1-5](?:[~〜～\-・、,][1-5])+|[345]段階(?:評価)?)"
               r"[)）]?)?")
# (whose: 法人 / 区, or the city, town or village that rates a hub of another municipality: 評価（市）,
# or an evaluator from outside: 第三者評価, 外部評価)
_WHO = r"法人|区|市|町|村|第三者|外部"
GRADE_LABEL = re.compile(rf"(?:(?P<by>{_WHO})の?)?" + _LABEL_WORDS + rf"(?:[(（]?(?P<who>{_WHO})[)）]?)?"
                         + _SCALE_NOTE)
# An evaluator named alone, as a rating header's second row names them under 評価 (自己 | 第三者).
_EVALUATOR = re.compile(rf"自己|{_WHO}")
# An achievement given as a share (達成度：80％, 達成率 75%): that percentage is the goal's rating.
_PERCENT = re.compile(r"(?:100|\d{1,2})(?:\.\d)?%")
# A goal's rating line: 【評価】○, 自己評価：Ｂ（おおむね達成）, 達成度 A, 5 総合評価 3.
# (a run of marks or blanks is taken whole and the number's separators possessively: the label
# starts with a letter, so giving them back never helped, and 4,000 blanks took 0.3 s, now linear)
_GOAL_GRADE = re.compile(
    r"^(?:\W++|\d|" + headings.ZERO_MARK + r")*?(?:(?:\d{1,2}|[IVX]{1,4})[\s.．、:：)）]++)?[\s\W]*+"
    + rf"(?:(?P<by>{_WHO})の?)?" + _LABEL_WORDS + r"(?:[(（](?P<who>法人|区)[)）])?" + _SCALE_NOTE
    + r"[\s\]】)）〕］》>＞:：]*(?P<value>[^\s(（]*)(?P<rest>.*)$")


def grade_column(header: str) -> tuple[str, bool] | None:
    """A goal table's rating column header (評価, 法人評価, 区評価, 自己評価（区）, 達成率):
    (whose grades it holds, whether they may be percentages (達成度 / 達成率)); else None."""
    m = GRADE_LABEL.fullmatch(header)
    if m is None:
        return None
    return m.group("by") or m.group("who") or "自己", m.group("share") is not None


def evaluator(header: str) -> str | None:
    """An evaluator named alone (自己, 第三者, 法人, 区), as a rating header's second row names
    each column under 評価: whose grades that column holds; else None."""
    return header if _EVALUATOR.fullmatch(header) else None


def is_share(value: str) -> bool:
    """An achievement written as a percentage: 80%, 75.5%."""
    return bool(_PERCENT.fullmatch(value))


def is_grade_label(row: Row) -> bool:
    """評価, 自己評価, 達成度 alone on a line: the label of a grade written below it."""
    return len(row.filled_cells) == 1 and bool(GRADE_LABEL.fullmatch(row_label(row).text))


# A self-evaluation sheet's options, each after a box, one of them ticked:
# 【自己評価】☑達成 □おおむね達成 □一部達成 □未達成.
_TICKED = "☑☒✓✔■"
_EMPTY_BOX = "□☐"
_TICKED_OPTION = re.compile(rf"[{_TICKED}]\s*(?P<value>[^\s{_TICKED}{_EMPTY_BOX}]+)")


def _ticked_option(text: str) -> str:
    """A line of boxed options with exactly one ticked: the line with the options replaced by
    the ticked one (its grade then read as if written alone); else the line unchanged."""
    ticked = _TICKED_OPTION.findall(text)
    if len(ticked) != 1 or not any(c in text for c in _EMPTY_BOX):
        return text
    start = min(text.index(c) for c in _TICKED + _EMPTY_BOX if c in text)
    return text[:start] + ticked[0]


# The mark a table puts under the grade it gives (a column per grade): ○ ◯ ● ◎ ✓ ✔ ☑ レ.
_MARK = re.compile(r"[○◯●◎✓✔☑レ]")


def is_mark(text: str) -> bool:
    """A cell holding only a mark (○, ✓, レ …): the row chooses that cell's column."""
    return bool(_MARK.fullmatch(text))


def scale_header(cells: list[str]) -> bool:
    """A row naming a grade in each of three or more cells (十分できた | できた | あまりできなかった
    | できなかった; Ａ | Ｂ | Ｃ | Ｄ): the header of a rating table whose next row marks one."""
    values = [norm(c).strip() for c in cells if c.strip()]
    return len(values) >= 3 and len(values) == len(cells) and all(headings.GRADE_VALUE.match(v) for v in values)


def marked_column(cells: list[str]) -> int | None:
    """The one column of a row holding a mark (○, ✓ …), the rest empty; else None."""
    marked = [i for i, c in enumerate(cells) if c.strip()]
    return marked[0] if len(marked) == 1 and is_mark(norm(cells[marked[0]]).strip()) else None


# A point written with 点 (自己評価：４点（５点満点）): the point on the scale.
_POINTS = re.compile(r"(?<![\d.])([1-5])点(?=$|[\s(（/／])")
# A point on a scale drawn as stars (★★★★☆: 4 of 5), filled ones first.
_STARS = re.compile(r"★{1,5}☆{0,4}")


def stars_as_points(text: str) -> str:
    """★★★★☆ (a rating drawn as stars on a 3- to 5-point scale) as the point it gives (4);
    other text unchanged."""
    def points(m):
        return str(m.group(0).count("★")) if 3 <= len(m.group(0)) <= 5 else m.group(0)
    return _STARS.sub(points, text) if "★" in text else text


def goal_grade(text: str, legend: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """A rating line of a yearly report: (whose, the grade), else None. A line of boxed
    options (☑達成 □おおむね達成 …) gives the ticked one; stars (★★★★☆) their point.
    `legend`: the grade words the document's own legend defines (`legend_words`)."""
    chain = _rating_chain(_POINTS.sub(r"\1", _ticked_option(stars_as_points(norm(text)))), legend)
    return chain[0] if chain else None


def _rating_chain(text: str, legend: frozenset[str]) -> list[tuple[str, str]] | None:
    """A rating line's grades in order, [(whose, grade), …]: one, or several evaluators' each
    after its own label (自己評価：◎　第三者評価：○, at most `_MAX_RATERS`); None when the line is
    no rating."""
    chain: list[tuple[str, str]] = []
    while len(chain) < _MAX_RATERS:
        m = _GOAL_GRADE.match(text)
        if not m or not (headings.GRADE_VALUE.match(m.group("value")) or m.group("value") in legend
                         or (m.group("share") and _PERCENT.fullmatch(m.group("value")))):
            return None
        chain.append((m.group("by") or m.group("who") or "自己", m.group("value")))
        text = m.group("rest").strip()
        if not text or text.startswith(("(", "（")):
            return chain
        # (the words after a grade are another evaluator's label and grade, or no rating line)
    return None


# A line rating a goal names at most this many evaluators (自己 / 法人 / 区 / 第三者); a longer
# chain of labels and grades is no rating line (and reading it stays linear in its length).
_MAX_RATERS = 4


# A grade typed first in a rating's own text, set apart from the words after it by a space, a
# line break or a colon, or run into them as a PDF joins a cell's lines (Ｂ少人数の日に…):
# 評価 | Ｂ / 少人数の日に来所した家庭から…, 評価：Ａ：目標を上回った。利用者は…
# (a grade followed by a colon is a legend's item only where another grade is listed after it:
# `opens_legend`)
_LEADING_GRADE = re.compile(r"^[\s\u3000]*(?P<value>[A-DSＡ-ＤＳ]|[◎○◯△×])"
                            r"(?:$|[ \u3000]*[:：][ \u3000]*(?=\S)|[\s\u3000、，,]+(?![:：=＝])"
                            r"|(?=[\u3001-\u30ff\u4e00-\u9fff]))(?P<rest>.*)$", re.S)
# A rating's scale explained after its label (評価　A：達成　B：概ね達成, 評価：Ａ 達成できた／Ｂ …,
# 評価：◎よくできた　○できた　△課題が残った):
# grades each followed by their meaning after a colon, or each heading an item of a list — two
# or more of them, on the text's lines or a grade and its meaning opening the line after it
# (評価 / Ａ：目標を上回った / Ｂ：目標どおり). One grade and words after its colon is a rating and
# its reasons (評価：Ａ：目標を上回った。利用者は…).
_LEGEND_OPENING = re.compile(r"^[\s\u3000]*[A-DSＡ-ＤＳ◎○◯△×][ \u3000]*[:：=＝]")
_LISTED_GRADE = re.compile(r"(?:^|(?<=[\s\u3000、，,／/・]))([A-DSＡ-ＤＳ◎○◯△×])(?=[ \u3000:：=＝(（ぁ-んァ-ヶ一-龥])")


def _lists_grades(text: str, next_line: str = "") -> bool:
    """Whether a text lists two or more grades (Ａ：達成　Ｂ：概ね達成), or a grade explained
    after a colon on its line and another on the line after it."""
    if len(set(_LISTED_GRADE.findall(text))) >= 2:
        return True
    return bool(_LEGEND_OPENING.match(text) and _LEGEND_OPENING.match(next_line))


def opens_legend(text: str, next_line: str = "") -> bool:
    """Whether the words after a rating's label explain its scale rather than give a grade.
    `next_line`: the line after `text`, where a scale lists a grade a line."""
    return _lists_grades(text, next_line) or bool(_LEGEND_OPENING.match(text) and not _LEADING_GRADE.match(text))


def leading_grade(text: str) -> tuple[str, str] | None:
    """The grade a rating's text opens with and the words after it, else None
    (「Ｂ　少人数の日に…」, 「Ｂ少人数の日に…」 and 「Ｂ：少人数の日に…」 → (Ｂ, 少人数の日に…);
    「◎：よくできた　○：できた」 explains the grades, it gives none). Read only under a rating's
    label (評価 | …), where a capital letter run into Japanese words is the grade's line joined
    to its reasons."""
    m = _LEADING_GRADE.match(text)
    if not m or _lists_grades(text):
        return None
    return m.group("value"), m.group("rest").strip()


# A legend of the document's own grade words: its label (評価の区分, 評価基準, 自己評価の基準,
# 達成度の目安, 凡例) then two or more "word：what it means" pairs (on its line, or one a line under
# it), or three pairs on a line without a label:
# 評価の区分　順調：目標を達成した　概ね順調：目標をおおむね達成した　遅れ：目標を下回った.
# (or the rating's own label and a colon before the pairs: 自己評価：十分＝…　まあまあ＝…)
_LEGEND_LABEL = re.compile(r"^\W*(?:(?:自己|総合)?評価|達成度|判定)の?(?:区分|基準|尺度|目安|凡例)|^\W*凡例"
                           r"|^\W*(?:自己|総合)?評価[:：](?=[^:：=＝]{1,6}[=＝])")
_LEGEND_PAIR = re.compile(r"(?:^|(?<=[\s、，,／/]))([^\s:：、，,／/=＝]{1,6})[ \u3000]*[:：=＝][ \u3000]*(?=\S)")
_LEGEND_PAIRS_ALONE = 3


def is_legend_label(text: str) -> bool:
    """A legend's label on a line of its own (【評価の凡例】, 凡例, 評価基準：) or followed by the
    pairs it explains (評価の区分　Ａ：達成　Ｂ：概ね達成); a sentence opening with those words
    (評価の基準を見直した。) is none."""
    s = norm(text).strip()
    m = _LEGEND_LABEL.match(s)
    if m is None:
        return False
    rest = s[m.end():].strip(" \t\u3000:：】］]）)」>＞")
    return not rest or len(_LEGEND_PAIR.findall(rest)) >= 2


def is_legend_line(text: str) -> bool:
    """A legend's label (`is_legend_label`), or a line of a scale's grades each explained after a
    colon, no label before them (Ａ：目指す姿に達している　Ｂ：概ね達している　Ｃ：取組の強化が必要,
    ◎：大いに成果があった　○：成果があった): the line opens with a grade and its colon, and every word
    explained is a grade."""
    if is_legend_label(text):
        return True
    s = norm(text).strip()
    if not _LEGEND_OPENING.match(s):
        return False
    words = _LEGEND_PAIR.findall(s)
    return len(set(words)) >= 2 and all(headings.GRADE_VALUE.match(w) for w in words)


# A scale's label before the grades it explains: 評価　Ａ：達成　Ｂ：概ね達成, 自己評価　◎：十分…
_SCALE_LABEL = re.compile(r"^(?:(?:自己|総合|法人|区)?評価(?:結果)?|達成度|達成状況|判定)[\s\u3000:：]*")


def is_scale_line(text: str, next_line: str = "") -> bool:
    """A line explaining a rating's scale, in brackets or not: a legend (`is_legend_line`), or a
    rating's label before two or more grades each explained after a colon, every word explained a
    grade (（評価　Ａ：達成　Ｂ：概ね達成　Ｃ：未達成）), or before one whose scale goes on on the next
    line (評価　◎：十分に達成できた / ○：おおむね…). 評価：Ａ：目標を上回った。利用者は… (one grade and
    its reasons) is none."""
    s = norm(text).strip()
    if len(s) >= 2 and s[0] in "(（［[【〔" and s[-1] in ")）］]】〕":
        s = s[1:-1].strip()
    if is_legend_line(s):
        return True
    m = _SCALE_LABEL.match(s)
    rest = s[m.end():] if m else ""
    if not m or "。" in rest or not _LEGEND_OPENING.match(rest):
        return False
    words = _LEGEND_PAIR.findall(rest)
    if len(set(words)) >= 2:
        return all(headings.GRADE_VALUE.match(w) for w in words)
    return bool(words) and bool(_LEGEND_OPENING.match(norm(next_line).strip()))


def lone_grade(text: str) -> str | None:
    """A cell holding a grade alone (Ｂ, ◎, △): the grade, else None."""
    s = norm(text).strip()
    return s if _LONE_GRADE.fullmatch(s) else None


_LONE_GRADE = re.compile(r"[A-DSＡ-ＤＳ]|[◎○◯△×]")


def legend_words(lines) -> frozenset[str]:
    """The grade words a document's own legend or scale defines (順調 / 概ね順調 / 遅れ, ◎ ○ △ ×,
    よくできた / まあまあ / 不十分): a rating line may give one of them as its grade. Words outside
    the known scales (`headings.GRADE_VALUE`) are read as grades only where the document
    says what they mean; there is no list of such words."""
    words: set[str] = set()
    listed: list[str] | None = None  # the words listed one a line under a label of its own
    for line in lines:
        s = norm(line).strip()
        label = _LEGEND_LABEL.match(s)
        pairs = _LEGEND_PAIR.findall(s[label.end():].strip(" \t:：") if label else s)
        if listed is not None and len(pairs) == 1 and s.startswith(pairs[0]):
            listed.append(pairs[0])  # 評価基準 / 順調：計画どおり / 遅れ：…
            continue
        if listed is not None and len(listed) >= 2:
            words.update(listed)
        listed = [] if label and not s[label.end():].strip(" \t:：") else None
        if len(pairs) >= (2 if label else _LEGEND_PAIRS_ALONE):
            words.update(pairs)
    if listed is not None and len(listed) >= 2:
        words.update(listed)
    return frozenset(words)


# A letter grade alone in a five-year summary's aims table (目指す拠点の姿: 法人 | 区).
LETTER_GRADE = re.compile(r"^[A-DＡ-Ｄ]$")
# Grades at the end of a table row whose cells ran together (PDF text): "…ている。 A B"
# (a wrapped row may end with the first grade only).
TRAILING_GRADES = re.compile(r"(?<![ \u3000])(?:(?:[ \u3000]+[A-DＡ-Ｄ]){2}|(?<=[。.)）])[ \u3000]+[A-DＡ-Ｄ])[ \u3000]*$")


def goal_grades(text: str, legend: frozenset[str] = frozenset()) -> dict[str, str] | None:
    """A rating line of a yearly report with its grades by whose they are: both evaluators'
    when the line gives them (評価：Ａ（法人）／Ｂ（区）, 評価 法人：Ａ 区：Ｂ), else
    {whose: grade} of `goal_grade`; None when the line is no rating."""
    grade = goal_grade(text, legend)
    if grade is None:
        return None
    chain = dict(_rating_chain(_POINTS.sub(r"\1", _ticked_option(stars_as_points(norm(text)))), legend) or [])
    if len(chain) >= 2:
        return chain  # 自己評価：◎　第三者評価：○
    s = norm(text)
    both = dict((who, g) for g, who in _GRADE_THEN_WHO.findall(s)) or dict(INLINE_GRADE.findall(s))
    return both if len(both) >= 2 else {grade[0]: grade[1]}


# A rating in brackets at the end of a goal's heading: 重点目標１　…を届ける（評価：Ａ）.
_TRAILING_RATING = re.compile(r"[(（]([^()（）]{1,24})[)）][\s\u3000]*$")


def trailing_grades(text: str) -> tuple[str, dict[str, str]] | None:
    """A goal heading's text ending in its rating in brackets (（評価：Ａ）, （自己評価 Ｂ）): the
    text without it and the grades; None when the brackets hold no rating (（新規）)."""
    m = _TRAILING_RATING.search(text)
    grades = goal_grades(m.group(1)) if m else None
    return (text[:m.start()].rstrip(), grades) if grades else None


# Both evaluators' grades written after an aim: …場になっている。 法人：A 区：A, （法人A／区B）.
# (the blanks before them are taken whole, from the start of their run only: searched from
# every blank of a long run, the two overlapping runs of blanks cost the cube of its length)
_TRAILING_WHO_GRADES = re.compile(
    r"(?<![\s\u3000])[\s\u3000]*+[(（]?\s*+((?:(?:法人|区)\s*[:：]?\s*[A-DSＡ-ＤＳ]\s*[/／、，,・\s\u3000]*){2})[)）]?[\s\u3000]*$")


def trailing_who_grades(text: str) -> tuple[str, dict[str, str]] | None:
    """An aim's text ending in both evaluators' grades (法人：A 区：B, （法人A／区B））: the text
    without them and {whose: grade}; None when the text does not so end."""
    m = _TRAILING_WHO_GRADES.search(text)
    if not m:
        return None
    grades = {who: norm(g) for who, g in INLINE_GRADE.findall(m.group(1))}
    if set(grades) != {"法人", "区"}:
        return None
    return text[:m.start()].rstrip(), grades


# Both evaluators' grades as a line of their own, in any grade words: 法人：十分に実施できた　区：概ね実施できた.
_WHO_GRADES_LINE = re.compile(r"^[\s\u3000]*+[(（]?\s*法人\s*[:：]\s*(?P<op>\S+?)[\s\u3000/／、，,・]+区\s*[:：]\s*(?P<ward>\S+?)"
                              r"\s*+(?:[)）][\s\u3000]*+)?$")


def who_grades_line(text: str) -> dict[str, str] | None:
    """A line giving both evaluators' grades (法人：十分に実施できた　区：概ね実施できた, 法人：A／区：B):
    {whose: grade}, each a grade as reports write them (`headings.GRADE_VALUE`); else None."""
    m = _WHO_GRADES_LINE.match(norm(text))
    if not m or not all(headings.GRADE_VALUE.match(m.group(g)) for g in ("op", "ward")):
        return None
    return {"法人": m.group("op"), "区": m.group("ward")}


# Grades written beside a programme: 法人：B 区：B, 法人 A／区 B.
INLINE_GRADE = re.compile(r"(法人|区)\s*[:：]?\s*([A-DSＡ-ＤＳ◎○◯△×]|[1-5１-５])(?![\w])")
# Grades written after whose they are: A（法人） B（区）.
_GRADE_THEN_WHO = re.compile(r"([A-DSＡ-ＤＳ◎○◯△×]|[1-5１-５])\s*[(（](法人|区)[)）]")
_GRADE_LINE = re.compile(r"^[\W\d]*(?:自己)?評価(?:結果)?[\s:：]*(?P<rest>.+)$")


_WHO = {"法人": "法人", "運営法人": "法人", "拠点": "法人", "区": "区", "区役所": "区"}


def evaluator_columns(row: Row) -> dict[int, str] | None:
    """A grade table's header with a column per evaluator (評価項目 | 法人 | 区): column -> whose."""
    cells = [headings.label_form(" ".join(c)).text if c else "" for c in row.cells]
    who = {i: _WHO[c] for i, c in enumerate(cells) if c in _WHO}
    others = [c for i, c in enumerate(cells) if c and i not in who]
    if len(set(who.values())) < 2 or any(not GENERIC_COLUMN.fullmatch(c) and not headings.GRADE_HEADER.match(c)
                                         and not _CRITERION_COLUMN.fullmatch(c) for c in others):
        return None
    return who


# A grade table's first column naming what is rated on each row (評価の観点 | 法人 | 区, then 目指す
# 拠点の姿にどの程度近づいたか | Ａ | Ｂ).
_CRITERION_COLUMN = re.compile(r"(?:評価の?)?(?:観点|視点|基準)|評価項目|振り返りの視点")


# The label of a rating's reason written under it (理由：…, 評価の理由：…, コメント | …).
_REASON_LABEL = r"(?:(?:自己)?評価|判断|達成度)?の?理由|(?:評価)?(?:コメント|所見|講評)"
_REASON_LINE = re.compile(rf"^[\W]*?(?:{_REASON_LABEL})[\s\u3000]*[:：][\s\u3000]*(?P<words>\S.*)$")
_REASON_CELL = re.compile(rf"[\W]*?(?:{_REASON_LABEL})[\W]*")


def is_reason_label(label: str) -> bool:
    """理由, 評価の理由, コメント, 所見 as a label or column header: a rating's reason."""
    return bool(re.fullmatch(_REASON_LABEL, label))


def reason_words(row: Row) -> list[str] | None:
    """The words of a line or row giving a rating's reason (理由：講座の参加者は…, 理由 | …):
    what came of the goal, said to explain its grade; None for any other row."""
    first = norm(row.first).strip()
    m = _REASON_LINE.match(first)
    if m:
        return [m.group("words"), *(t for c in row.cells[1:] for t in c)] if len(row.filled_cells) <= 2 else None
    if _REASON_CELL.fullmatch(first) and len(row.filled_cells) == 2:
        return [t for c in row.cells for t in c][1:]
    return None


# The header of a grade table with a row per evaluator (評価者 | 評価, then 法人 | Ａ and 区 | Ｂ).
_EVALUATOR_COLUMN = re.compile(r"評価者|評価主体|記入者|評価区分")


def evaluator_rows_header(row: Row) -> int | None:
    """A grade table's header whose rows are the evaluators (評価者 | 評価, 評価者 | 自己評価):
    the grade column's index; else None."""
    cells = [headings.label_form(" ".join(c)).text if c else "" for c in row.cells]
    filled = [i for i, c in enumerate(cells) if c]
    if len(filled) != 2 or not _EVALUATOR_COLUMN.fullmatch(cells[filled[0]]):
        return None
    return filled[1] if headings.GRADE_HEADER.match(cells[filled[1]]) else None


def evaluator_row(row: Row, grade_col: int) -> tuple[str, str] | None:
    """A row of such a table: (whose, grade) — 法人 | Ａ, 区 | Ｂ; else None."""
    who = _WHO.get(headings.label_form(row.first).text)
    value = norm(" ".join(row.cells[grade_col])).strip() if grade_col < len(row.cells) else ""
    return (who, value) if who and headings.GRADE_VALUE.match(value) else None


def grade_table_row(row: Row, who_columns: dict[int, str]) -> dict[str, str] | None:
    """自己評価 | Ａ | Ｂ under a 法人 | 区 header, or ｜ Ａ | Ｂ under 自己評価 | 法人 | 区 (the
    header's first cell naming the row below): {whose: grade}."""
    unlabelled = bool(row.cells) and not row.cells[0] and 0 not in who_columns
    values = {who: norm(" ".join(row.cells[col])).strip() if col < len(row.cells) else ""
              for col, who in who_columns.items()}
    others = [c for i, c in enumerate(row.cells) if i not in who_columns and any(t.strip() for t in c)]
    every = len(values) >= 2 and len(others) <= 1 and all(headings.GRADE_VALUE.match(v) for v in values.values())
    if not unlabelled and not every and not headings.GRADE_HEADER.match(headings.label_form(row.first).text):
        # (a row naming what it rates in its one other cell gives grades when each evaluator's cell
        # holds one: 目指す拠点の姿にどの程度近づいたか | Ａ | Ｂ under 評価の観点 | 法人 | 区; a row of
        # more cells is an aims table's: aim | earlier issue | Ａ | Ｂ)
        return None
    grades = {who: value for who, value in values.items() if headings.GRADE_VALUE.match(value)}
    return grades or None


# Grades written as whose evaluation they are: 法人評価 Ａ ／ 区評価 Ｂ, 区の評価：B.
_WHO_EVAL_GRADE = re.compile(r"(法人|区)の?(?:自己)?評価\s*[:：]?\s*([A-DSＡ-ＤＳ◎○◯△×]|[1-5１-５])(?![\w])")


def is_rating_line(text: str) -> bool:
    """A line giving a goal's or a programme's grades (達成度 A, 法人評価：Ｂ　区評価：Ｃ, 自己評価
    法人：Ａ　区：Ｂ): a line of its own, never the rest of a wrapped line above it."""
    return (goal_grade(text) is not None or who_grades_line(text) is not None
            or programme_grade_line(Row([[text]], 0, 0)) is not None)


# Whose grades first, then the grades in that order: 評価（法人／区）：Ａ／Ｂ.
_GRADE_VALUES = r"([A-DSＡ-ＤＳ◎○◯△×]|[1-5１-５])"
_WHOSE_THEN_GRADES = re.compile(
    r"^[\W\d]*(?:自己)?評価[(（](法人|区)[/／・､、](法人|区)[)）]\s*[:：]?\s*"
    + _GRADE_VALUES + r"\s*[/／・､、]\s*" + _GRADE_VALUES + r"\s*$")


def programme_grade_line(row: Row) -> dict[str, str] | None:
    """A line giving a programme's grades: 自己評価：A（法人） B（区）, 評価 法人：B 区：A,
    法人評価 A ／ 区評価 B, 評価（法人／区）：A／B."""
    pair = _WHOSE_THEN_GRADES.match(norm(row.text))
    if pair and pair.group(1) != pair.group(2):
        return {pair.group(1): pair.group(3), pair.group(2): pair.group(4)}
    m = _GRADE_LINE.match(norm(row.text))
    if not m:
        text = norm(row.text)
        grades = {who: g for who, g in _WHO_EVAL_GRADE.findall(text)}
        return grades if grades and not re.search(r"\w", _WHO_EVAL_GRADE.sub("", text)) else None
    rest = m.group("rest")
    grades = {who: g for g, who in _GRADE_THEN_WHO.findall(rest)}
    grades.update({who: g for who, g in INLINE_GRADE.findall(rest)})
    left = INLINE_GRADE.sub("", _GRADE_THEN_WHO.sub("", rest))
    return grades if grades and not re.search(r"\w", left) else None



# A grade letter heading its own column of a rating table (A | B | C | D under 自己評価（法人）).
_COLUMN_LETTER = re.compile(r"^[A-DSＡ-ＤＳ]$")


def header_whose(cells: list[str]) -> dict[int, str]:
    """The columns of a table header naming whose grades they head (自己評価（法人） | 自己評価
    （区）, 法人 | 区): column -> "法人" / "区"."""
    out = {}
    for i, cell in enumerate(cells):
        label = headings.label_form(cell).text if cell.strip() else ""
        if not label:
            continue
        if label in _WHO:
            out[i] = _WHO[label]
        elif headings.GRADE_HEADER.match(label) and re.search(r"法人|拠点|運営|区", label):
            out[i] = "区" if re.search(r"^区|区$|区[(（]?$|^(?:自己)?評価区", label) else "法人"
    return out


def letter_columns(cells: list[str], whose: dict[int, str]) -> dict[int, tuple[str, str]] | None:
    """A header row of grade letters, one a column (A | B | C | D | A | B | C | D), under the
    columns `whose` names (header_whose of the row above): column -> (whose, letter). Without
    such a row above, the letters' first run is the 法人's and the second the 区's, as the
    city's form lays them out. None when the row is no such header."""
    filled = {i: norm(c).strip() for i, c in enumerate(cells) if c.strip()}
    if len(filled) < 4 or not all(_COLUMN_LETTER.match(v) for v in filled.values()):
        return None
    out: dict[int, tuple[str, str]] = {}
    run, previous = 0, None
    for i, letter in sorted(filled.items()):
        if previous is not None and "SABCD".index(letter) <= "SABCD".index(previous):
            run += 1
        previous = letter
        heads = [k for k in whose if k <= i]
        who = whose[max(heads)] if heads else ("法人", "区")[run] if run < 2 else None
        if who is None:
            return None
        out[i] = (who, letter)
    if len({w for w, _l in out.values()}) < 2:
        return None
    return out


def marked_grades(cells: list[str], letters: dict[int, tuple[str, str]]) -> dict[str, str]:
    """{whose: letter} of the letter columns a row marks (○ under 法人's B)."""
    return {who: letter for col, (who, letter) in letters.items()
            if col < len(cells) and is_mark(norm(cells[col]).strip())}
