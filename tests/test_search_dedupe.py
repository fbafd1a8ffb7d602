"""Near-duplicate passages collapse into one result; wards and years still count."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
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


# -- band keys computed for every passage at once (dedupe.band_keys) -----------------

VARIED_TEXTS = [
    "地域の子育て支援拠点として、妊娠期から子育て期までの切れ目のない支援を行った。",
    "ABC cafe: パパ講座を3回開催（参加者12名）、満足度95%。",
    "𠮷野家の前で多胎児の親子が集まる会を開いた😀記録。",   # characters outside the BMP
    "ｱﾝｹｰﾄ結果を踏まえ、ひろばの預かりを週２回に増やした。",
    "特になし",                                                # too short for a signature
    "",
]


def test_band_keys_of_all_texts_at_once_are_those_of_each_texts_own_minhash():
    norms = [dedupe.normalise(t) for t in VARIED_TEXTS]
    keys = dedupe.band_keys(norms, chunk_chars=40)   # several chunks
    for norm, row in zip(norms, keys):
        if len(norm) < dedupe.MIN_CHARS:
            assert not row.any(), "a text too short to compare has no band keys"
        else:
            expected = dedupe.band_hash(dedupe.minhash(dedupe.shingles(norm))[None, :])[0]
            assert row.tolist() == expected.tolist()


def _groups_one_bucket_at_a_time(finder, indices):
    """The near-duplicate grouping written plainly: every band of every head text's
    signature in a dict, buckets compared in the order they opened."""
    exact = finder.exact.tolist()
    parent = {i: exact[i] for i in indices}

    def find(g):
        while parent.get(g, g) != g:
            g = parent[g]
        return g

    reps, seen = [], set()
    for i in indices[:dedupe.NEAR_CANDIDATES]:
        if exact[i] not in seen:
            seen.add(exact[i])
            reps.append(i)
    buckets = {}
    rows = dedupe.PERMUTATIONS // dedupe.BANDS
    for i in reps:
        norm = dedupe.normalise(finder.texts[i])
        if len(norm) < dedupe.MIN_CHARS:
            continue
        mh = dedupe.minhash(dedupe.shingles(norm))
        for band in range(dedupe.BANDS):
            buckets.setdefault((band, mh[band * rows:(band + 1) * rows].tobytes()), []).append(i)
    for members in buckets.values():
        for x in range(1, len(members)):
            for j in members[:x]:
                gi, gj = find(exact[members[x]]), find(exact[j])
                if gi == gj:
                    break
                if finder.near(members[x], j):
                    parent[max(gi, gj)] = min(gi, gj)
                    break
    return {i: find(exact[i]) for i in indices}


def test_near_duplicate_groups_of_a_ranking_are_those_of_comparing_bucket_by_bucket():
    # a report's sentences carried over with small edits, in several wards and years
    base = ["令和{y}年度は両親教室を{n}回開催し、沐浴体験と先輩パパの話を組み合わせた。参加者アンケートでは満足度が高かった。",
            "地域の子育てサークルの担い手が不足しているため、{w}区の連絡会で活動紹介の機会を{n}回設けた。",
            "多胎児の家庭向けに、妊娠期から参加できる交流会を開催し、{w}区の保健師と連携して{n}家庭に周知した。"]
    texts = []
    tail = ("拠点の利用者からは、同じ立場の親同士で悩みを話せてよかった、家の近くに相談できる場所があると"
            "分かって安心したという声が寄せられ、スタッフも記録を共有して次の回の進め方を話し合った。")
    for k in range(60):
        template = base[k % 3] + tail
        texts.append(template.format(y=k % 6 + 1, n=k % 4 + 2, w="西中南港北"[k % 5]))
        if k % 7 == 0:
            texts.append(texts[-1].replace("開催し", "実施し"))
        if k % 11 == 0:
            texts.append(texts[-1] + "次年度も継続する。")
    finder = dedupe.DuplicateFinder(texts)
    rng = np.random.default_rng(7)
    for _ in range(20):
        ranking = rng.permutation(len(texts)).tolist()[: int(rng.integers(10, len(texts)))]
        assert finder.groups(ranking) == _groups_one_bucket_at_a_time(dedupe.DuplicateFinder(texts), ranking)
