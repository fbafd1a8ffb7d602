"""Reports nobody tuned the parser on (fifteenth round): other cities' evaluation sheets in Word
and PDF (and .odt, .rtf, .txt) — section words 取組状況・効果・改善点・次年度の方向性, ◎ ○ △ marks,
自己評価 beside 第三者評価, goals numbered ①, 【1】, 重点目標【1】, 目標１．, （１）, indicator tables,
years as 2023（R5）年度 or 令和４(2022)年度, a PDF of two page columns, a table running over pages,
a two-tier Word table header, headings typed as bold paragraphs; batch 3 (written after the
fixes of batches 1–2, before the parser was run on it) goal rows with indicator columns, labels
after 〇, a goal's three parts in one cell, 目標１ alone over the goal's words.

tests/data/unseen15/make_docs.py writes the documents, and expected.json what a reader of each
says; both were committed before the parser was run on them (batches 1–2: 69814d7, batch 3:
797edd1). Every document goes
through the real loaders and `indexer.corpus.parse_corpus`, as `kyoten reindex` reads a corpus
folder.

    python -m tests.test_parse_unseen15      # prints every judged check and the agreement
"""

from __future__ import annotations

from tests import unseen_harness as harness

DATA, EXPECTED = harness.round_data("unseen15")
unseen = harness.round_fixture(DATA, EXPECTED)


def _failures(unseen, name):
    return harness.failures(unseen, EXPECTED, name) + _round_checks_failed(unseen[name], name)


def _round_checks_failed(parsed, name):
    """This round's own checks (expected.json): a goal's 次年度の方向性 (`also`) under that goal
    as what remains to do, and each evaluator's grade (`grades_by`: 自己 and 第三者)."""
    doc, passages = parsed
    missing = []
    for goal in EXPECTED[name]["goals"]:
        unit = [p for p in passages if p.unit == f"{doc.doc_id}-y{goal['year']}-g{goal['no']}"]
        for section, piece in goal.get("also", {}).items():
            if not harness.has_piece([p for p in unit if p.section in harness.GOAL_SECTIONS[section]], piece):
                missing.append(f"goal {goal['no']} {section} 「{piece}」")
        if "grades_by" in goal:
            got = {who: harness.norm(g) for p in unit for who, g in (p.grades or {}).items()}
            if got != goal["grades_by"]:
                missing.append(f"goal {goal['no']} grades by evaluator {goal['grades_by']} (got {got})")
    return missing

def test_an_evaluation_sheet_with_self_and_third_party_rating_columns(unseen):
    assert _failures(unseen, "toyohashi_2023r5_self_third_columns.docx") == []


def test_goal_lines_in_brackets_each_over_a_table_of_its_indicator_then_bold_section_paragraphs(unseen):
    assert _failures(unseen, "okazaki_r4_2022_indicator_tables_word.pdf") == []


def test_headings_typed_as_bold_paragraphs_with_next_years_direction(unseen):
    assert _failures(unseen, "nagano_r3_bold_paragraph_heads.docx") == []


def test_a_pdf_of_two_page_columns_with_a_goal_running_into_the_second(unseen):
    assert _failures(unseen, "toyama_2022r4_two_page_columns_word.pdf") == []


def test_one_table_running_over_pages_with_its_header_row_repeated(unseen):
    assert _failures(unseen, "morioka_r2_table_over_pages_word.pdf") == []


def test_a_label_table_per_goal_saved_as_odt_titled_hyokahyo(unseen):
    assert _failures(unseen, "maebashi_r6_label_table_per_goal.odt") == []


def test_a_plain_text_of_bracketed_goal_numbers_and_bulleted_label_lines(unseen):
    assert _failures(unseen, "matsuyama_r1_2019_bracket_goals.txt") == []


def test_black_circle_labels_saved_as_rtf(unseen):
    assert _failures(unseen, "naha_r4_black_circle_labels.rtf") == []


def test_goals_in_brackets_with_kana_sections_and_both_evaluators_grades_on_one_line(unseen):
    assert _failures(unseen, "himeji_r5_kana_sections_two_raters.docx") == []


def test_a_printed_two_tier_header_naming_the_evaluators_under_its_rating(unseen):
    assert _failures(unseen, "kurashiki_2021r3_two_tier_raters_word.pdf") == []


def test_goals_numbered_in_brackets_with_sections_numbered_one_to_four(unseen):
    assert _failures(unseen, "asahikawa_r3_numbered_section_items.docx") == []


def test_a_report_table_of_indicators_before_goals_with_labels_in_corner_brackets(unseen):
    assert _failures(unseen, "hachioji_2024r6_kpi_then_goals_word.pdf") == []


# --- batch 3 (written after batches 1–2's fixes, before the parser was run on it: the held-out check) --

def test_a_table_of_goal_rows_with_indicator_columns_and_marks(unseen):
    assert _failures(unseen, "takasaki_r5_2023_goal_rows_with_figures_word.pdf") == []


def test_section_labels_after_the_kanji_zero_offices_type_for_a_circle(unseen):
    assert _failures(unseen, "koriyama_2022_zero_marked_labels.docx") == []


def test_a_column_headed_by_the_goals_three_parts_joined_holding_each_after_its_label(unseen):
    assert _failures(unseen, "nara_r3_parts_in_one_cell.docx") == []


def test_a_goal_label_alone_over_the_goals_words_saved_as_odt(unseen):
    assert _failures(unseen, "kagoshima_r6_goal_label_alone.odt") == []


def test_no_other_citys_report_is_given_a_yokohama_ward(unseen):
    assert harness.given_a_yokohama_ward(unseen, EXPECTED) == []


def test_every_document_of_the_round_is_judged():
    assert harness.documents_in(DATA) == set(EXPECTED)


def _round_checks(name):
    """How many checks `_round_checks_failed` makes of a document."""
    return sum(len(g.get("also", {})) + ("grades_by" in g) for g in EXPECTED[name]["goals"])


if __name__ == "__main__":
    failed = []

    def _parse(name):
        result = harness.parse_alone(DATA, name)
        misses = _round_checks_failed(result, name) if result is not None else ["the parse raised"] * _round_checks(name)
        for miss in misses:
            print(f"{name}: round check FAIL {miss}")
        failed.extend(misses)
        return result
    harness.print_agreement(EXPECTED, _parse)
    total = sum(_round_checks(name) for name in EXPECTED)
    print(f"round checks (次年度の方向性, grades by evaluator): {total - len(failed)}/{total}")


# --- the rules on their own, and where they stop ---------------------------------------------------

from indexer import goaltables, headings, metadata, ratings, records  # noqa: E402
from indexer.parse import parse_text  # noqa: E402

_HEAD = "令和５年度　みなと市子育て支援センター　事業評価\n"


def _goal_units(parsed):
    return {no: [p for p in parsed.passages if p.unit == f"{parsed.document.doc_id}-y2023-g{no}"] for no in (1, 2)}


def _grades_by(passages):
    return {who: g for p in passages for who, g in (p.grades or {}).items()}


def test_a_line_of_two_evaluators_each_with_its_grade_rates_the_goal_by_both():
    assert ratings.goal_grades("自己評価：◎　　第三者評価：○") == {"自己": "◎", "第三者": "○"}
    assert ratings.goal_grades("法人評価 A 区評価 B") == {"法人": "A", "区": "B"}
    assert ratings.goal_grade("第三者評価　Ｂ") == ("第三者", "B")
    assert ratings.goal_grade("外部評価：○") == ("外部", "○")
    # a grade followed by words is still no rating line, and a second label needs its own grade
    assert ratings.goal_grade("評価：Ａ 利用者が増えた") is None
    assert ratings.goal_grade("自己評価：◎　第三者評価：まだ") is None
    text = _HEAD + "（１）親子の居場所づくり\n取組状況\nひろばを週五日開いた。\n効果\n利用が増えた。\n自己評価：◎　第三者評価：○\n"
    goal = _goal_units(parse_text(text, "minato.txt", "d15two", "utf-8"))[1]
    assert _grades_by(goal) == {"自己": "◎", "第三者": "○"}


def test_a_rating_header_naming_the_evaluators_under_it_gives_each_column_its_grades():
    text = (_HEAD + "重点目標\t取組状況\t効果\t改善点\t評価\n\t\t\t\t自己\t第三者\n"
            "①親子の居場所づくり\tひろばを週五日開いた。\t利用が増えた。\t午後が少ない。\t◎\t○\n"
            "②相談の充実\t相談日を増やした。\t相談が増えた。\t部屋が狭い。\t△\t○\n")
    goals = _goal_units(parse_text(text, "minato.tsv", "d15tier", "utf-8"))
    assert _grades_by(goals[1]) == {"自己": "◎", "第三者": "○"}
    assert _grades_by(goals[2]) == {"自己": "△", "第三者": "○"}
    assert [p.text for p in goals[1] if p.section == records.ISSUE] == ["午後が少ない。"]


def test_a_third_party_rating_column_is_read_beside_the_self_evaluation():
    assert ratings.grade_column("第三者評価") == ("第三者", False)
    assert ratings.evaluator("第三者") == "第三者" and ratings.evaluator("効果") is None
    text = (_HEAD + "重点目標\t取組状況\t効果\t自己評価\t第三者評価\n"
            "①親子の居場所づくり\tひろばを週五日開いた。\t利用が増えた。\t◎\t○\n")
    goal = _goal_units(parse_text(text, "minato.tsv", "d15third", "utf-8"))[1]
    assert _grades_by(goal) == {"自己": "◎", "第三者": "○"}


def test_a_label_in_corner_brackets_alone_on_its_line_is_a_section_label_but_quotes_in_a_sentence_are_not():
    assert headings.heading_key("「取組状況」").key == headings.CONTENT
    assert headings.heading_key("『効果』").key == headings.OUTCOME
    assert headings.heading_key("「効果」が見られた。") is None
    assert headings.heading_key("つどいの広場「ぽかぽか」") is None
    text = _HEAD + "① 親子の居場所づくり\n「取組状況」\nひろばを週五日開いた。\n「効果」\n利用が増えた。\n「改善点」\n午後が少ない。\n"
    goal = _goal_units(parse_text(text, "minato.txt", "d15quote", "utf-8"))[1]
    assert [(p.section, p.text) for p in goal if p.section != records.GOAL] == [
        (records.CONTENT, "ひろばを週五日開いた。"), (records.OUTCOME, "利用が増えた。"), (records.ISSUE, "午後が少ない。")]


def test_next_years_direction_is_what_remains_to_do_not_next_years_goals():
    assert headings.heading_key("次年度の方向性").key == headings.ISSUE
    assert headings.heading_key("来年度に向けての方針").key == headings.ISSUE
    assert headings.heading_key("次年度の重点目標").key == headings.NEXT  # next year's goals, as before
    text = _HEAD + "重点目標１　親子の居場所づくり\n取組状況\nひろばを週五日開いた。\n次年度の方向性\n午後の担当を決める。\n"
    goal = _goal_units(parse_text(text, "minato.txt", "d15next", "utf-8"))[1]
    assert [p.text for p in goal if p.section == records.ISSUE] == ["午後の担当を決める。"]


def test_a_goal_line_over_a_table_of_its_indicator_then_its_sections_is_a_goal():
    text = (_HEAD + "【1】親子の居場所づくり\n指標\t目標値\t実績値\n新規来所者数\t1,200人\t1,350人\n"
            "取組状況\nひろばを週五日開いた。\n効果\n利用が増えた。\n"
            "【2】相談の充実\n指標\t目標値\t実績値\t達成率\n相談件数\t400件\t612件\t153%\n"
            "取組状況\n相談日を増やした。\n効果\n相談が増えた。\n")
    parsed = parse_text(text, "minato.txt", "d15figures", "utf-8")
    assert parsed.document.doc_type == records.YEARLY
    goals = _goal_units(parsed)
    assert [p.text for p in goals[2] if p.section == records.CONTENT] == ["相談日を増やした。"]
    assert any("新規来所者数" in p.text for p in goals[1])  # the indicator stays with its goal
    # a table of figures, not a goal table; a goal table's header is not one
    assert goaltables.is_figures_header(_row("指標", "目標値", "実績値"))
    assert goaltables.is_figures_header(_row("成果指標", "目標", "実績", "達成率"))
    assert not goaltables.is_figures_header(_row("重点目標", "取組内容", "成果"))
    assert not goaltables.is_figures_header(_row("指標", "取組内容"))


def _row(*cells):
    from indexer.clean import Row
    return Row([[c] for c in cells], 1, 1)


def test_achievement_status_over_a_mark_rates_the_goal_and_over_words_is_its_outcome():
    assert ratings.goal_grade("達成状況　△") == ("自己", "△")
    assert ratings.goal_grade("達成状況：目標を上回った") is None
    text = (_HEAD + "①親子の居場所づくり\n取組状況\nひろばを週五日開いた。\n達成状況　△\n"
            "②相談の充実\n取組状況\n相談日を増やした。\n達成状況\n相談が前年の倍になった。\n")
    goals = _goal_units(parse_text(text, "minato.txt", "d15status", "utf-8"))
    assert _grades_by(goals[1]) == {"自己": "△"}
    assert [p.text for p in goals[2] if p.section == records.OUTCOME] == ["相談が前年の倍になった。"]


def test_a_form_titled_hyokahyo_or_naming_a_tsudoi_hiroba_is_filed_under_its_city():
    assert metadata.find_ward("令和6年度　子育てひろば事業　評価票\n前橋市　つどいの広場「ぽかぽか」\n目標①　居場所") == "前橋市"
    assert metadata.find_ward("令和6年度　評価表\n高崎市　子育て広場\n") == "高崎市"


def _pdf_drawn(pieces) -> bytes:
    """A PDF page whose text pieces are drawn in the order given: (x, y, text)."""
    import io
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("HeiseiKakuGo-W5", 11)
    for x, y, text in pieces:
        c.drawString(x, y, text)
    c.save()
    return buf.getvalue()


def test_a_mark_drawn_before_the_label_left_of_it_on_its_line_is_read_after_the_label():
    from indexer.load import load_bytes
    top = [(50, 780, "令和５年度　みなと市子育て支援センター　事業評価"), (50, 760, "重点目標１　親子の居場所づくり"),
           (50, 740, "取組状況"), (50, 720, "ひろばを週五日開いた。")]
    # LibreOffice draws a symbol font's mark before the label it follows
    text = load_bytes(_pdf_drawn(top + [(100, 700, "◎"), (50, 700, "達成状況")]), "a.pdf").text
    assert text.splitlines()[-1].replace(" ", "") == "達成状況◎"
    parsed = parse_text(text, "a.pdf", "d15left", "utf-8")
    assert _grades_by(_goal_units(parsed)[1]) == {"自己": "◎"}
    # drawn left to right, the page reads as drawn
    text = load_bytes(_pdf_drawn(top + [(50, 700, "達成状況"), (100, 700, "◎")]), "b.pdf").text
    assert text.index("達成状況") < text.index("◎")


def test_a_label_after_the_kanji_zero_is_a_label_but_a_templates_blank_is_not():
    assert headings.heading_key("〇取組状況：ひろばを開いた。").key == headings.CONTENT
    assert headings.heading_key("〇課題と改善点").key == headings.ISSUE
    assert ratings.goal_grade("〇自己評価　Ａ") == ("自己", "A")
    assert headings.label_form("〇〇区子育て支援センター").text == "〇〇区子育て支援センター"
    assert ratings.goal_grade("〇〇評価 A") is None


def test_a_column_headed_by_joined_part_names_holds_each_part_after_its_label():
    text = (_HEAD + "目標\t取組状況・効果・改善点\t評価\n"
            "１．親子の居場所づくり\t【取組状況】<br>ひろばを週五日開いた。<br>【効果】<br>利用が増えた。<br>【改善点】<br>午後が少ない。\t○\n")
    goal = _goal_units(parse_text(text, "minato.tsv", "d15joined", "utf-8"))[1]
    assert [(p.section, p.text) for p in goal if p.section != records.GOAL] == [
        (records.CONTENT, "ひろばを週五日開いた。"), (records.OUTCOME, "利用が増えた。"), (records.ISSUE, "午後が少ない。")]
    # a part name joined to a word that is none (取組状況・備考) is no such column
    assert goaltables.goal_table_columns(_row("目標", "取組状況・備考", "成果")) == {
        0: headings.GOAL, 1: "other:取組状況・備考", 2: headings.OUTCOME}


def test_a_quotation_closed_after_a_goal_word_at_a_line_start_is_no_goal_heading():
    """「」 closes a label only where it opened one: a wrapped sentence whose quotation of 重点目標
    closes at the next line's start (…である「 / 重点目標」について、…) stays the overview's text,
    while 「取組状況」 alone on its line is still a label."""
    from indexer import records
    from indexer.parse import parse_text
    report = ("令和６年度　地域子育て支援拠点事業　評価結果\n"
              "１　今年度の達成目標のうち、特に重点的に取り組む達成目標である「\n"
              "重点目標」について、以下の通り、取組成果と課題を公表します。\n\n"
              "重点目標１\n親子の居場所づくり\n"
              "「取組状況」\nひろばを週五日開いた。\n"
              "「効果」\n利用者が増えた。\n")
    parsed = parse_text(report, "quote.txt", "quote")
    goals = [p.text for p in parsed.passages if p.section == records.GOAL]
    assert goals and not any("について" in g for g in goals)
    assert any("ひろばを週五日開いた" in p.text for p in parsed.passages if p.section == records.CONTENT)
