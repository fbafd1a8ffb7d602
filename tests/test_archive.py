"""The archive test corpus builder (benchmarks/archive.py): seed reports relabelled to
other wards and shifted back in time, with judgements derived from the seed ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.archive import Relabel, build, derive, load_manifest, score

REPO = Path(__file__).resolve().parent.parent
NISHI = "002_1e0f9424e05a3b67.txt"      # 西区 5か年のまとめ, 令和3年度～7年度
KONAN = "003_d2a364418de75729.txt"      # 港南区 令和５年度 (full-width digits)


@pytest.fixture(scope="module")
def one_seed_archive(tmp_path_factory):
    seeds = tmp_path_factory.mktemp("seeds")
    shutil.copy(REPO / "corpus" / NISHI, seeds / NISHI)
    out = tmp_path_factory.mktemp("archive")
    copies = build(out, seeds)
    return out, copies


def test_every_ward_gets_copies_and_parsing_gives_the_new_ward_and_shifted_years(one_seed_archive):
    from indexer.corpus import parse_corpus
    from indexer.metadata import YOKOHAMA_WARDS

    out, copies = one_seed_archive
    assert {c.ward for c in copies} == set(YOKOHAMA_WARDS)
    assert load_manifest(out) == copies
    parsed = parse_corpus(out / "corpus")
    assert not parsed.errors
    by_file = {Path(d.source).name: d for d in parsed.documents}
    for c in copies:
        doc = by_file[c.file]
        assert doc.ward == c.ward, c.file
        assert (doc.fiscal_year_from, doc.fiscal_year_to) == (2021 - c.shift, 2025 - c.shift), c.file


def test_a_copy_names_its_own_ward_everywhere_and_its_years_consistently(one_seed_archive):
    out, copies = one_seed_archive
    c = next(c for c in copies if c.ward == "鶴見区" and c.shift == 3)
    text = (out / "corpus" / c.file).read_text(encoding="utf-8")
    assert "西区" not in text.replace("鶴見区", "")
    assert "鶴見区こども家庭支援課" in text and "鶴見区地域子育て支援拠点事業" in text
    assert "広報よこはま鶴見区版" in text
    assert "対象期間\t平成30年度～令和4年度(5か年)" in text       # was 令和3年度～7年度
    assert "R4(2022)年2月" in text and "R7(2025)" not in text     # was R7(2025)年2月
    assert "H30年度末(2018)" in text                              # was R3年度末(2021)
    assert "令和2年度はダブルケアカフェ" in text                   # was 令和5年度
    assert "(総数1476件)" in text                                  # counts are not years
    assert "スマイル・ポート" in text                              # hub names stay


def test_relabelling_crosses_eras_and_keeps_full_width_digits():
    r = Relabel("港南区", "鶴見区", 5)
    assert r("令和５年４月１日～令和６年３月31日") == "平成３０年４月１日～平成３１年３月31日"  # March 2019 was still 平成
    assert r("平成31年4月1日") == "平成26年4月1日"
    assert r("子育て情報LINEwith港南 港南区子育て連絡会") == "子育て情報LINEwith鶴見 鶴見区子育て連絡会"
    assert Relabel("西区", "中区", 0)("西区と中区") == "中区と西区"  # a swap, never two 中区


def test_derived_judgements_count_each_evidence_string_once_across_copies(one_seed_archive):
    _out, copies = one_seed_archive
    query = {"id": "t", "query": "ダブルケア", "type": "a", "relevant": {"西区": [
        {"evidence": "令和5年度はダブルケアカフェだけでなく、地域の勉強会も企画", "grade": 2, "file": NISHI}]}}
    judged = derive(query, copies)
    assert len(judged["wards"]) == 18
    (evidence,) = judged["evidence"]
    assert {"令和5年度はダブルケアカフェだけでなく、地域の勉強会も企画",
            "令和2年度はダブルケアカフェだけでなく、地域の勉強会も企画"} <= evidence["variants"]
    text = "令和2年度はダブルケアカフェだけでなく、地域の勉強会も企画した。"
    result = {"results": [{"ward": "中区", "text": text}, {"ward": "南区", "text": text},
                          {"ward": "泉区", "text": "別の話"}],
              "wards": [{"ward": "中区"}, {"ward": "南区"}]}
    s = score(judged, result)
    assert s["distinct_evidence_recall"] == 1.0   # found twice, counted once
    assert s["duplicates"] == 1                    # the second identical text
    assert s["ward_f1"] == pytest.approx(2 * (1 * 2 / 18) / (1 + 2 / 18))


def test_year_filters_keep_only_copies_that_still_cover_the_year(one_seed_archive):
    _out, copies = one_seed_archive
    query = {"id": "d", "query": "令和7年度 ダブルケア", "type": "d", "filter": {"fiscal_year": 2025},
             "relevant": {"西区": [{"evidence": "ダブルケアカフェ", "grade": 1, "file": NISHI}]}}
    wards = set(derive(query, copies)["wards"])
    covering = {c.ward for c in copies if c.year_from <= 2025 <= c.year_to}
    assert wards == covering and 0 < len(wards) < 18


def test_a_copy_the_year_shift_moves_into_the_filtered_year_is_unjudged_not_wrong(tmp_path):
    # 泉区's report covers 2023-2024: a copy shifted by one year puts its 2024 goals
    # into 2023, which no judge of "2023" ever looked at
    izumi = "000_8f4773b09691ae88.txt"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(REPO / "corpus" / izumi, seeds / izumi)
    copies = build(tmp_path / "archive", seeds)
    query = {"id": "d", "query": "令和5年度 妊娠期支援", "type": "d", "filter": {"fiscal_year": 2023},
             "relevant": {"泉区": [{"evidence": "妊娠期からの支援について", "grade": 2, "file": izumi}]}}
    judged = derive(query, copies)
    unshifted = {c.ward for c in copies if c.shift == 0}
    moved_in = {c.ward for c in copies if c.shift and c.year_from <= 2023 <= c.year_to} - unshifted
    assert set(judged["wards"]) == unshifted
    assert moved_in and set(judged["unjudged"]) == moved_in
    claimed = sorted(unshifted) + sorted(moved_in)[:1]
    s = score(judged, {"results": [], "wards": [{"ward": w} for w in claimed]})
    assert s["ward_f1"] == 1.0 and s["unjudged_claims"] == 1
    assert s["ward_f1_strict"] < 1.0   # the strict figure counts the claim as false
    elsewhere = next(w for w in {c.ward for c in copies} - unshifted - moved_in)
    s = score(judged, {"results": [], "wards": [{"ward": w} for w in sorted(unshifted) + [elsewhere]]})
    assert s["ward_f1"] < 1.0, "a ward with no copy in the year is a false claim"
