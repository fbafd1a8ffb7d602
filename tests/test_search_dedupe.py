"""Near-duplicate passages collapse into one result; wards and years still count."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from search_app import dedupe

REPO = Path(__file__).resolve().parent.parent


def test_identical_and_near_identical_texts_share_a_group():
    base = ("地域の子育て支援拠点として、妊娠期から子育て期までの切れ目のない支援を行うため、"
            "区と連携して両親教室を開催した。参加者は前年度より増加した。")
    texts = [base, base.replace("増加した", "増えた"), "外国籍の家庭への支援として通訳を手配し、講座を開いた記録。",
             "  " + base + "。", "特になし", "特になし"]
    groups = dedupe.DuplicateFinder(texts).groups(list(range(len(texts))))
    assert groups[0] == groups[1] == groups[3] == 0
    assert groups[2] == 2
    assert groups[4] == groups[5] == 4


def test_a_short_table_copied_to_another_ward_and_year_is_the_same_text():
    # what differs is where and when it was written, which the copy list shows
    original = "(主なデータ)\nR3年度 | R6年度\n地域の親子の居場所延訪問回数 | 21回 | 96回\n西区子育てひろば連絡会開催 | 1回 | 2回"
    copy = "(主なデータ)\nR1年度 | R4年度\n地域の親子の居場所延訪問回数 | 21回 | 96回\n旭区子育てひろば連絡会開催 | 1回 | 2回"
    other_counts = original.replace("21回 | 96回", "35回 | 140回")
    groups = dedupe.DuplicateFinder([original, copy, other_counts]).groups([0, 1, 2])
    assert groups[0] == groups[1] == 0
    assert groups[2] == 2, "a table with other counts is not a copy"


def test_collapse_keeps_the_best_copy_and_lists_the_others():
    groups = {0: 0, 1: 0, 2: 2, 3: 0}
    kept, copies = dedupe.collapse([(3, 0.9), (2, 0.8), (0, 0.7), (1, 0.1)], groups)
    assert kept == [(3, 0.9), (2, 0.8)]
    assert copies == {3: [0, 1], 2: []}


@pytest.fixture(scope="module")
def archive_service(tmp_path_factory):
    """The seed corpus plus 港南区's report copied as 鶴見区's (same texts, another ward)."""
    from search_app.indexing import build_index
    from search_app.service import SearchService

    root = tmp_path_factory.mktemp("archive")
    corpus = root / "corpus"
    shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns("uploads"))
    source = next(p for p in corpus.iterdir() if p.name.startswith("003_"))
    text = source.read_text(encoding="utf-8").replace("港南区", "鶴見区")
    (corpus / "903_tsurumi_copy.txt").write_text(text, encoding="utf-8")
    build_index(corpus, root / "index", semantic=False)
    return SearchService.open(root / "index", semantic=False)


def test_a_text_in_two_wards_is_one_result_with_its_copy(archive_service):
    r = archive_service.search("多胎児", mode="bm25", k=10)
    texts = [dedupe.normalise(p["text"]) for p in r["results"]]
    assert len(texts) == len(set(texts))
    copied = [p for p in r["results"] if p["duplicates"]]
    assert copied
    wards = {copied[0]["ward"]} | {d["ward"] for d in copied[0]["duplicates"]}
    assert wards == {"港南区", "鶴見区"}
    assert {"passage_id", "ward", "fiscal_year_from"} <= set(copied[0]["duplicates"][0])


def test_ward_answer_still_claims_every_ward_that_has_the_text(archive_service):
    r = archive_service.search("多胎児", mode="bm25")
    assert {"港南区", "鶴見区", "西区"} <= {w["ward"] for w in r["wards"]}
    assert r["total_passages"] > r["total"]


def test_near_duplicates_collapse_the_same_way_after_a_restart():
    """Signatures must not depend on Python's per-process string hash salt."""
    import subprocess
    import sys

    code = ("from search_app import dedupe; "
            "print(dedupe.minhash(dedupe.shingles(dedupe.normalise('多胎児向けのチラシを配布して周知した'))).tolist())")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2")}
    assert len(outputs) == 1


def test_a_row_whose_era_year_carries_its_western_year_in_brackets_matches_its_copy_a_year_on():
    # 西区's information-tools table, as the same report written one and two years later
    from benchmarks.archive import Relabel

    seed = (REPO / "corpus" / "002_1e0f9424e05a3b67.txt").read_text(encoding="utf-8")
    row = next(line for line in seed.splitlines() if line.startswith("Facebook"))
    assert "(2022)" in row
    later, earlier = Relabel("西区", "西区", 0)(row), Relabel("西区", "中区", 2)(row)
    assert "(2020)" in earlier
    groups = dedupe.DuplicateFinder([later, earlier]).groups([0, 1])
    assert groups[0] == groups[1] == 0
