"""Known limits left by the thirteenth round (docs/parsing.md, "unseen14"), each a general rule
proved on small documents: a grade followed by a colon and its reasons, a sheet's page header in
.ods and SpreadsheetML, a city whose name holds 村 or 町 inside it."""
from __future__ import annotations

from indexer import ratings, records
from indexer.parse import parse_text

_REPORT = """令和５年度　みなと市子育て支援センター　事業評価
重点目標１　親子の居場所づくり
実施内容
ひろばを週五日開いた。
{rating}
今後の方向性
午後の利用を増やす工夫をする。
"""


def _goal_one(parsed):
    unit = f"{parsed.document.doc_id}-y2023-g1"
    return [p for p in parsed.passages if p.unit == unit]


def _grades(passages):
    return {g for p in passages for g in (p.grades or {}).values()}


def _outcome(passages):
    return [p.text for p in passages if p.section == records.OUTCOME]


def test_a_grade_followed_by_a_colon_and_its_reasons_rates_the_goal_and_the_reasons_are_its_outcome():
    for rating in ("評価：Ａ：目標を上回った。初めて来た親子が前年の二倍になった。",
                   "評価\nＡ：目標を上回った。初めて来た親子が前年の二倍になった。"):
        goal = _goal_one(parse_text(_REPORT.format(rating=rating), "minato.txt", "d14colon", "utf-8"))
        assert _grades(goal) == {"A"}, rating
        assert _outcome(goal) == ["目標を上回った。初めて来た親子が前年の二倍になった。"], rating


def test_a_scale_explained_a_grade_a_line_under_a_rating_label_still_rates_no_goal():
    rating = "評価\nＡ：目標を上回った\nＢ：目標どおり\nＣ：目標を下回った"
    parsed = parse_text(_REPORT.format(rating=rating), "minato.txt", "d14scale", "utf-8")
    assert not any(p.grades for p in parsed.passages)
    assert not [p for p in parsed.passages if p.section == records.OUTCOME]


def test_a_grade_and_colon_is_a_rating_unless_another_grade_is_listed_after_it():
    assert ratings.leading_grade("Ａ：利用者が増えた。") == ("Ａ", "利用者が増えた。")
    assert ratings.leading_grade("Ａ：達成　Ｂ：概ね達成") is None
    assert ratings.leading_grade("Ａ：") is None
    assert not ratings.opens_legend("Ａ：利用者が増えた。", "今後の方向性")
    assert ratings.opens_legend("Ａ：目標を上回った", "Ｂ：目標どおり")
    assert ratings.opens_legend("Ａ＝十分")  # a grade and ＝ explains it, as before
