"""The ward answer on an archive: a text that answers claims every ward whose reports
hold it, however many copies fill the head of the ranking, and only within the filters.

Built on real seed text: 港南区's 令和5年度 report (its 重点目標① names 多胎児
（ツインスターズ）) copied into the other 17 wards the way the archive benchmark
does it (benchmarks/archive.Relabel: ward name replaced, fiscal years shifted back).
"""

from __future__ import annotations

import numpy as np

from benchmarks.archive import Relabel
from indexer.metadata import YOKOHAMA_WARDS
from search_app import dedupe, wardanswer

from ward_copies import BOTH, KONAN, NEAR_WARD, OLD_ONLY, REPO, archive  # noqa: F401  (archive: fixture)


def _claimed(result) -> set[str]:
    return {w["ward"] for w in result["wards"]}


def test_a_report_copied_into_every_ward_claims_every_ward_for_its_topic(archive):
    r = archive.search("多胎児", mode="bm25")
    # 港南区's passage and its copies are one text in the list ...
    twins = [p for p in r["results"] if "ツインスターズ" in p["text"]]
    assert len(twins) == 1
    # ... whose copies outnumber the ward answer's depth, yet every ward holding it is claimed
    assert len(twins[0]["duplicates"]) + 1 > wardanswer.WARD_DEPTH
    assert set(YOKOHAMA_WARDS) <= _claimed(r)


def test_each_ward_card_shows_its_own_copy_of_the_evidence(archive):
    r = archive.search("多胎児", mode="bm25")
    for card in r["wards"]:
        assert card["best"]["ward"] == card["ward"]
        assert "多胎児" in card["best"]["text"]
        assert card["passage_count"] >= 1 and card["best_passage_id"] in card["passages"]


def test_a_copy_outside_the_year_filter_does_not_claim_its_ward(archive):
    r = archive.search("令和5年度 多胎児", mode="bm25")
    claimed = _claimed(r)
    assert set(BOTH) | {"港南区", "西区"} <= claimed      # 西区's five-year summary covers 2023
    assert not claimed & set(OLD_ONLY), "only copies of 2019/2020 there"
    assert set(OLD_ONLY) <= _claimed(archive.search("多胎児", mode="bm25"))


def test_a_ward_filter_claims_only_that_ward_even_when_the_text_is_everywhere(archive):
    r = archive.search("多胎児", mode="bm25", ward=BOTH[0])
    assert _claimed(r) == {BOTH[0]}


def test_near_identical_passages_in_two_wards_claim_both_while_the_list_shows_the_text_once(archive):
    r = archive.search("多胎児 ツインスターズ", mode="bm25")
    assert {NEAR_WARD, "港南区"} <= _claimed(r)
    shown = [p for p in r["results"] if "ツインスターズ" in p["text"]]
    assert len(shown) == 1
    copies = [shown[0]] + shown[0]["duplicates"]
    assert NEAR_WARD in {p["ward"] for p in copies}
    near = next(p for p in r["wards"] if p["ward"] == NEAR_WARD)["best"]
    assert "日頃の悩み" in near["text"], "the ward's card shows its own wording"


def test_copies_of_a_text_are_found_across_the_index_and_kept_to_the_filter():
    texts = ["中区の多胎児の親子が集まる会を開いた。", "外国籍の家庭への支援を行った。",
             "中区の多胎児の親子が集まる会を開いた。", "西区の多胎児の親子が集まる会を開いた。", "特になし"]
    finder = dedupe.DuplicateFinder(texts)
    assert finder.copies([2]).tolist() == [2, 0, 3]           # the given member first
    allowed = np.array([True, True, True, False, True])
    assert finder.copies([2], allowed).tolist() == [2, 0]     # a filtered-out copy is left out
    assert finder.copies([1]).tolist() == [1]


def test_the_list_names_every_copy_of_a_text_even_those_beyond_the_ranking():
    # 港南区's 多胎児 passage, and its copies in 鶴見区 (this year) and 栄区 (three years back)
    source = (REPO / "corpus" / KONAN).read_text(encoding="utf-8")
    line = next(ln for ln in source.splitlines() if "多胎児" in ln)
    texts = [line, Relabel("港南区", "鶴見区", 0)(line), "外国籍の家庭への支援として通訳を手配した。",
             Relabel("港南区", "栄区", 3)(line)]
    finder = dedupe.DuplicateFinder(texts)
    ranked = [(0, 1.0), (2, 0.5)]          # the ranking's head held one copy only
    kept, copies = dedupe.collapse(ranked, finder.groups([0, 2]), finder)
    assert kept == ranked
    assert copies == {0: [1, 3], 2: []}
    this_year = np.array([True, True, True, False])
    assert dedupe.collapse(ranked, finder.groups([0, 2]), finder, this_year)[1] == {0: [1], 2: []}
