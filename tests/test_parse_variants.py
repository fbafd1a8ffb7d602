"""The seed reports re-laid in the shapes real archives hold parse into the same records.

Each seed report is re-laid by benchmarks/variants.py (西暦 years, letter-spaced and
bracketed headings, (1)/1./１． numbering, one cell per line, " | " cells,
EUC-JP, and mixes of these); the variant must keep the seed's ward, fiscal
years and document type, and recover its goal / programme sections.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer import headings, records
from indexer.load import load_bytes
from indexer.parse import parse_text
from benchmarks.variants import (RECOVERED_CONTAINMENT, euc_jp_bytes, grades_of, metadata_diff, section_containments,
                      text_variants)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))
KINDS = sorted(text_variants("令和5年度 重点目標①\t目標"))
TARGET = 0.95  # share of seed sections each variant kind must recover (issue 10)


@pytest.fixture(scope="module")
def parsed_variants():
    """kind -> [(seed name, seed parse, variant parse)] over the five seed reports."""
    out: dict[str, list] = {}
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        seed = parse_text(text, path.name, "doc")
        for kind, variant_text in text_variants(text).items():
            out.setdefault(kind, []).append((path.name, seed, parse_text(variant_text, path.name, "doc")))
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_a_re_laid_report_keeps_its_ward_years_and_type(parsed_variants, kind):
    for name, seed, variant in parsed_variants[kind]:
        assert not metadata_diff(seed, variant), (name, metadata_diff(seed, variant))


@pytest.mark.parametrize("kind", KINDS)
def test_a_re_laid_report_keeps_its_goal_and_programme_sections(parsed_variants, kind):
    total = recovered = 0
    lost = []
    for name, seed, variant in parsed_variants[kind]:
        scores = section_containments(seed, variant)
        assert scores, name
        total += len(scores)
        for key, score in scores.items():
            if score >= RECOVERED_CONTAINMENT:
                recovered += 1
            else:
                lost.append((name, key, round(score, 2)))
    assert recovered / total >= TARGET, lost


@pytest.mark.parametrize("kind", KINDS)
def test_a_re_laid_five_year_summary_keeps_its_self_evaluation_grades(parsed_variants, kind):
    for name, seed, variant in parsed_variants[kind]:
        if seed.document.doc_type == records.FIVE_YEAR:
            assert grades_of(seed), name
            assert grades_of(variant) == grades_of(seed), name


@pytest.mark.parametrize("kind", KINDS)
def test_every_goal_and_programme_section_of_a_variant_names_its_evidence_unit(parsed_variants, kind):
    for name, _seed, variant in parsed_variants[kind]:
        doc_id = variant.document.doc_id
        for p in variant.passages:
            if p.programme is not None:
                assert p.unit == f"{doc_id}-p{p.programme}", (name, p.passage_id)
            elif p.section not in (records.OTHER, records.OVERVIEW):  # outside any unit
                assert p.unit in (f"{doc_id}-y{p.fiscal_year_from}-g{p.goal_no}",
                                  f"{doc_id}-y{p.fiscal_year_from}-n{p.goal_no}"), (name, p.passage_id, p.unit)


def test_an_euc_jp_file_read_by_the_loader_parses_like_the_utf8_original():
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        loaded = load_bytes(euc_jp_bytes(text), path.stem + ".txt")
        seed, variant = parse_text(text, path.name, "doc"), parse_text(loaded.text, path.name, "doc")
        assert [(p.section, p.goal_no, p.text) for p in variant.passages] == \
               [(p.section, p.goal_no, p.text) for p in seed.passages], path.name


# --- headings by meaning ------------------------------------------------------------

@pytest.mark.parametrize("text,key", [
    ("取組内容", headings.CONTENT), ("取り組み内容", headings.CONTENT), ("取組み内容", headings.CONTENT),
    ("取り組み", headings.CONTENT), ("【取組内容】", headings.CONTENT), ("取 組 内 容", headings.CONTENT),
    ("1 取組内容", headings.CONTENT), ("（２）取り組み内容", headings.CONTENT), ("〔取組内容〕", headings.CONTENT),
    ("取組の成果", headings.OUTCOME), ("取り組みの成果", headings.OUTCOME), ("成果", headings.OUTCOME),
    ("(成果)", headings.OUTCOME), ("【成果】", headings.OUTCOME), ("取 組 の 成 果", headings.OUTCOME),
    ("取組の課題", headings.ISSUE), ("課題", headings.ISSUE), ("今後の課題", headings.ISSUE),
    ("ア 今後の課題", headings.ISSUE), ("【取り組みの課題】", headings.ISSUE),
    ("評価の理由（法人）", headings.REASON_OPERATOR), ("評 価 の 理 由 ( 区 )", headings.REASON_WARD),
    ("【振り返りの視点】", headings.VIEWPOINT), ("目指す拠点の姿", headings.AIMS),
    ("令和5年度重点目標の評価", headings.EVAL), ("2023年度 重点目標の評価", headings.EVAL),
    ("令和3年度 重点目標と取組の成果・課題", headings.EVAL), ("次年度重点目標", headings.NEXT),
    ("2 次年度の重点目標", headings.NEXT), ("令 和 5 年 度", headings.YEAR_ONLY),
    ("■取組内容", headings.CONTENT), ("＜成果＞", headings.OUTCOME), ("◆今後の課題", headings.ISSUE),
    ("令和5年度 重点目標に対する評価", headings.EVAL), ("平成31年度（令和元年度）重点目標の評価", headings.EVAL),
])
def test_a_heading_is_recognised_however_it_is_spelled_bracketed_numbered_or_spaced(text, key):
    found = headings.heading_key(text)
    assert found is not None and found.key == key, found


@pytest.mark.parametrize("text", ["成果として、参加者が増えた。", "課題となっていた交流が進んだ。",
                                  "取組を進めた結果、利用が増えた。", "事業区分", "今年度の取組状況を公表します。"])
def test_a_sentence_starting_with_a_heading_word_stays_text(text):
    assert headings.heading_key(text) is None


@pytest.mark.parametrize("text,number,year", [
    ("令和5年度 重点目標①", 1, "令和5年度"), ("重点目標（2）", 2, None), ("重点目標1", 1, None),
    ("重点目標１", 1, None), ("2023年度 重点目標③", 3, "2023年度"), ("【令和6年度 重点目標②】", 2, "令和6年度"),
    ("R5年度 重点目標1", 1, "R5年度"), ("令 和 元 年 度 重 点 目 標 ①", 1, "令和元年度"),
])
def test_a_goal_heading_gives_its_number_and_year_in_any_numbering(text, number, year):
    found = headings.heading_key(text)
    assert found is not None and found.key == headings.GOAL
    assert (found.number, found.year) == (number, year)


@pytest.mark.parametrize("text,number", [
    ("①子育て", 1), ("(1)子育て", 1), ("（１）子育て", 1), ("1.子育て", 1), ("１．子育て", 1),
    ("2 子育て", 2), ("3、子育て", 3), ("2023年度の取組", None), ("2.5倍に増えた", None), ("18区の拠点", None),
])
def test_item_numbers_are_read_in_every_numbering_style(text, number):
    assert headings.leading_number(text) == number


def test_a_label_keeps_its_running_text_in_original_characters():
    found = headings.heading_key("取 組 内 容 ①プレマザーズクラス（両親教室）を開いた。")
    assert found.key == headings.CONTENT
    assert found.rest == "①プレマザーズクラス（両親教室）を開いた。"


def test_five_year_programmes_headed_by_name_without_a_number_keep_their_sections():
    path = CORPUS / "002_1e0f9424e05a3b67.txt"
    text = path.read_text(encoding="utf-8")
    seed = parse_text(text, path.name, "doc")
    # "3 情報収集・提供事業" -> "■情報収集・提供事業"; 評価の理由(法人) -> 法人の評価理由
    renamed = re.sub(r"(?m)^[2-7] (\S+事業)$", r"■\1", text)
    renamed = renamed.replace("評価の理由(法人)", "法人の評価理由").replace("評価の理由(区)", "区の評価理由")
    variant = parse_text(renamed, path.name, "doc")
    assert not metadata_diff(seed, variant)
    assert all(score >= RECOVERED_CONTAINMENT for score in section_containments(seed, variant).values())
    assert grades_of(variant) == grades_of(seed)


@pytest.mark.parametrize("row", ["\t{label}", "\t{label}\t地域の親子が集う場になった。"])
def test_a_five_year_section_label_after_an_empty_cell_is_not_kept_as_its_text(row):
    # a merged cell or an indent column exported as a leading tab before the label
    path = CORPUS / "002_1e0f9424e05a3b67.txt"
    text = path.read_text(encoding="utf-8")
    label = "評価の理由(法人)"
    lines = text.split("\n")
    at = lines.index(label)
    variant = parse_text("\n".join(lines[:at] + [row.format(label=label)] + lines[at + 1:]), path.name, "doc")
    reasons = [p for p in variant.passages if p.section == records.REASON_OPERATOR]
    assert reasons
    assert not [p.passage_id for p in variant.passages if label in p.text]
    if "地域の親子" in row:
        assert any(p.text.startswith("地域の親子が集う場になった。") for p in reasons)


_SPREAD_RUN = re.compile(r"(?:[\u3040-\u30ff\u4e00-\u9fff] ){3}")


def test_a_cell_spread_letter_by_letter_reads_as_its_words():
    """Word / Excel 均等割り付け, and PDFs of it: 「年 間 利 用 者 数」 is 「年間利用者数」 in the
    passage (shown and indexed as words), with the same text as the report written plainly."""
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        seed = {re.sub(r"\s+", "", p.text) for p in parse_text(text, path.name, "doc").passages}
        spread = parse_text(text_variants(text)["letter_spaced"], path.name, "doc").passages
        assert not _SPREAD_RUN.search(text)
        assert not [p.text[:80] for p in spread if _SPREAD_RUN.search(p.text)], path.name
        assert {re.sub(r"\s+", "", p.text) for p in spread} == seed
