"""A search's answer is built from the ranking's head only (issue 13): duplicate
groups as an array aligned with the ranking, the copy lists of the shown page
only, ward claims without per-passage loops. What a user sees must be what the
whole-ranking computation gives."""

from __future__ import annotations

import numpy as np

from search_app import dedupe, wardanswer

# a report's sentences carried over with small edits and copied between wards
_BASE = ["令和{y}年度は両親教室を{n}回開催し、沐浴体験と先輩パパの話を組み合わせた。参加者アンケートでは満足度が高かった。",
         "地域の子育てサークルの担い手が不足しているため、{w}区の連絡会で活動紹介の機会を{n}回設けた。",
         "多胎児の家庭向けに、妊娠期から参加できる交流会を開催し、{w}区の保健師と連携して{n}家庭に周知した。"]


def _texts() -> list[str]:
    texts = []
    for k in range(45):
        texts.append(_BASE[k % 3].format(y=k % 4 + 1, n=k % 3 + 2, w="西中南港北"[k % 5]))
        if k % 5 == 0:
            texts.append(texts[-1].replace("開催し", "実施し"))
    return texts + ["特になし", "特になし"]


def test_duplicate_groups_of_a_ranking_are_the_same_as_an_array_and_by_passage():
    finder = dedupe.DuplicateFinder(_texts())
    rng = np.random.default_rng(3)
    for _ in range(10):
        ranking = rng.permutation(len(finder.texts)).tolist()[: int(rng.integers(2, len(finder.texts)))]
        by_passage = finder.groups(ranking)
        assert finder.group_ids(ranking).tolist() == [by_passage[i] for i in ranking]
        assert len(set(by_passage.values())) < len(ranking)   # copies and near-copies joined


def test_a_result_page_lists_the_copies_it_would_list_if_every_result_were_listed():
    finder = dedupe.DuplicateFinder(_texts())
    rng = np.random.default_rng(5)
    for _ in range(10):
        order = rng.permutation(len(finder.texts)).tolist()
        ranked = [(i, 1.0 - k / 100) for k, i in enumerate(order)]
        group = finder.group_ids(order)
        allowed = rng.random(len(finder.texts)) < 0.7
        kept, every = dedupe.collapse(ranked, finder.groups(order), finder, allowed)
        for offset, k in ((0, 3), (3, 3), (len(kept) - 1, 10)):
            page_kept, page = dedupe.collapse(ranked, group, finder, allowed, page=slice(offset, offset + k))
            assert page_kept == kept
            assert page == {i: every[i] for i, _s in kept[offset:offset + k]}


def test_wards_claimed_from_a_group_array_are_those_claimed_from_the_group_dict(keyword_service):
    data = keyword_service.data
    for query in ("多胎児", "両親教室 沐浴体験", "子育てサークル 担い手", "外国につながる親子"):
        r = keyword_service.search(query, mode="bm25", k=50)
        ranked = [(data.by_id[p["passage_id"]], p["score"]) for p in r["results"]]
        ids = [i for i, _s in ranked]
        by_passage = wardanswer.claims(data, ranked, None, {}, group=data.duplicates.groups(ids))
        aligned = wardanswer.claims(data, ranked, None, {}, group=data.duplicates.group_ids(ids))
        assert aligned == by_passage and by_passage
        assert wardanswer.claims(data, ranked, None, {}) == by_passage   # groups computed inside
