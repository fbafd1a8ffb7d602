"""In semantic mode (no keyword half) a passage scores as its best sentence: a paraphrase
of one line of a long passage finds that passage on the first page, while the best of many
ordinary sentences still earns nothing (search_app.retrieval_semantic, `alone`,
ALONE_SENTENCE_WEIGHT / ALONE_SENTENCE_CHANCE, `max_of_n_as_one`). Hybrid keeps its half
lift (the keyword half decides the top-10 edge there)."""

from __future__ import annotations

from statistics import NormalDist

import numpy as np

from indexer import store
from search_app import retrieval_semantic


def test_in_semantic_mode_a_paraphrase_of_one_line_finds_its_passage_on_the_first_page(hybrid_service):
    """港北区's 取組の成果 is a long passage; one line of it says 子育て当事者のデザインによる
    …リーフレット. Asked in other words, it ranked 22nd by meaning (half a lift)."""
    r = hybrid_service.search("ママたちが作ったちらし", mode="semantic", k=10)
    assert any("子育て当事者のデザイン" in x["text"] for x in r["results"])


def test_in_semantic_mode_an_entrance_paraphrase_ranks_the_event_line_near_the_top(hybrid_service):
    """西区's passage of nine lines holds 幼稚園入園を控えた親子向けイベント「春から幼稚園へ」 (7th
    with half a lift)."""
    r = hybrid_service.search("入園を控えた子と保護者向けの行事", mode="semantic", k=10)
    ranks = [n for n, x in enumerate(r["results"], 1) if "春から幼稚園へ" in x["text"]]
    assert ranks and ranks[0] <= 3


class _Exact:
    def __init__(self, n):
        self.exact = np.arange(n)


class _Data:
    """What `retrieval_semantic.search` reads of a generation."""

    def __init__(self, vectors, held):
        self.vectors, self.sentences = vectors, held
        self.embedded = np.ones(len(vectors), dtype=bool)
        self.duplicates = _Exact(len(vectors))


def _at_cosine(q: np.ndarray, c: float, rng) -> np.ndarray:
    u = rng.standard_normal(len(q))
    u -= (u @ q) * q
    return c * q + np.sqrt(1 - c * c) * u / np.linalg.norm(u)


def _corpus(tmp_path):
    """Forty passages at e5's cosines (≈0.83 ± 0.015), sentences a little lower; one of
    fifteen ordinary sentences (its best high by chance), one of four with one sentence
    close to the query (0.88)."""
    rng = np.random.default_rng(7)
    dim = 64
    q = np.zeros(dim)
    q[0] = 1.0
    passage_cos = list(0.83 + 0.015 * rng.standard_normal(40)) + [0.83, 0.83]
    sentence_cos = [list(0.82 + 0.015 * rng.standard_normal(int(k))) for k in rng.integers(2, 6, 40)]
    ordinary = [0.82 + 0.015 * NormalDist().inv_cdf((k - 0.375) / 15.25) for k in range(1, 16)]
    sentence_cos += [ordinary, [0.81, 0.81, 0.81, 0.88]]
    vectors = np.stack([_at_cosine(q, c, rng) for c in passage_cos]).astype(np.float32)
    rows = np.stack([_at_cosine(q, c, rng) for cs in sentence_cos for c in cs])
    offsets = np.concatenate([[0], np.cumsum([len(cs) for cs in sentence_cos])])
    np.save(tmp_path / store.SENTENCES, rows.astype(np.float16))
    np.save(tmp_path / store.SENTENCE_OFFSETS, offsets)
    return _Data(vectors, store.SentenceVectors.open(tmp_path)), q.astype(np.float32), 40, 41


def test_in_semantic_mode_a_passage_whose_one_sentence_stands_out_ranks_first_and_many_ordinary_ones_earn_nothing(
        tmp_path):
    data, q, many, answering = _corpus(tmp_path)
    everything = np.ones(len(data.vectors), dtype=bool)
    sims = data.vectors @ q
    found = retrieval_semantic.search(data, q, everything, floor=0.0, alone=True)
    assert found[0][0] == answering
    scored = dict(found)
    assert scored[many] - sims[many] < 0.3 * (scored[answering] - sims[answering])


def test_hybrid_keeps_half_a_lift_with_the_expected_maximum_correction(tmp_path):
    """The keyword half decides the top-10 edge in hybrid: there the lift stays as it was
    (measured: the full lift costs the dev set's questions)."""
    data, q, many, answering = _corpus(tmp_path)
    everything = np.ones(len(data.vectors), dtype=bool)
    sims = data.vectors @ q
    hybrid = dict(retrieval_semantic.search(data, q, everything, floor=0.0))
    alone = dict(retrieval_semantic.search(data, q, everything, floor=0.0, alone=True))
    expected = retrieval_semantic.best_sentences(data, q, sims, everything, 0.5, "expected")
    assert np.isclose(hybrid[answering], expected[answering])
    assert hybrid[answering] < alone[answering]


def test_the_best_of_n_is_discounted_by_its_chance_less_when_it_stands_out():
    z = np.array([1.5, 3.0, 2.0])
    n = np.array([9, 9, 1])
    out = retrieval_semantic.max_of_n_as_one(z, n)
    assert abs(out[0] - 0.09) < 0.02          # an ordinary best: about what expected_max takes off
    assert abs(out[1] - 2.25) < 0.02          # one that stands out keeps most of its score
    assert out[2] == 2.0                      # one sentence: nothing to correct
