"""A passage is found by its best sentence as well as by its whole text (the semantic
half's sentence vectors, search_app.retrieval_semantic.best_sentences), and those
vectors are kept like the passage vectors: from the embedding cache, through a
keyword-only reindex, and without them a generation still answers."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from indexer import sentences, store
from indexer.reindex import reindex
from search_app import retrieval_semantic

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"


# -- splitting --------------------------------------------------------------------------

def test_a_passage_of_bullets_is_split_at_line_ends_and_sentence_ends():
    text = ("・相談方法について、電話・オンラインなど様々な形で対応した。\n"
            "・関係機関と情報共有を行い、丁寧に事後フォローをした。また、事例を共有して知識を深めた。")
    assert sentences.split(text) == [
        "・相談方法について、電話・オンラインなど様々な形で対応した。",
        "・関係機関と情報共有を行い、丁寧に事後フォローをした。",
        "また、事例を共有して知識を深めた。",
    ]


def test_a_short_fragment_joins_the_sentence_after_it_and_no_text_is_lost():
    text = "④親の育ち\n・利用者と共にイベントを企画した。\n・交流が継続している。など。"
    parts = sentences.split(text)
    assert parts[0].startswith("④親の育ち・利用者と共に")
    assert all(len(p) >= sentences.MIN_CHARS for p in parts)
    assert "".join(parts) == text.replace("\n", "")


def test_a_one_sentence_passage_has_no_sentences_of_its_own():
    assert sentences.split("妊娠期からの支援について、父親への支援も意識しながら取り組みます。") == []
    assert sentences.split("") == []


# -- storage and reindexing -------------------------------------------------------------

def sentence_rows(index: Path) -> dict[str, np.ndarray]:
    gen = store.open_generation(index)
    assert gen.sentences is not None
    return {p["passage_id"]: gen.sentences.of([i])[0] for i, p in enumerate(gen.passages)}


def test_each_sentence_of_a_passage_of_several_gets_its_own_vector_and_one_sentence_passages_none(
        hybrid_index, embedder):
    gen = store.open_generation(hybrid_index)
    held = gen.sentences
    assert held is not None and len(held.offsets) == len(gen.passages) + 1
    counts = held.count(np.arange(len(gen.passages)))
    for i, p in enumerate(gen.passages):
        assert counts[i] == len(sentences.split(p["text"]))
    assert (counts == 0).any() and (counts > 1).any()
    i = int(np.argmax(counts))
    rows, owner = held.of([i])
    assert (owner == 0).all()
    expected = embedder.encode_passages(sentences.split(gen.passages[i]["text"]))
    assert np.allclose(rows, expected, atol=2e-3)   # stored as float16


def test_a_second_reindex_embeds_no_sentence_again(semantic_copy, embedder):
    corpus, index = semantic_copy
    summary = reindex(corpus, index, embedder=embedder, full=True)
    assert summary.embedded == 0 and summary.sentences_embedded == 0
    assert store.open_generation(index).manifest["sentences"] > 0


def test_a_keyword_only_reindex_keeps_the_sentence_vectors_without_the_cache(semantic_copy):
    corpus, index = semantic_copy
    before = sentence_rows(index)
    (index / "embeddings.sqlite").unlink()          # the vectors come from the generation itself
    reindex(corpus, index, embedder=None, full=True)
    after = sentence_rows(index)
    assert before.keys() == after.keys()
    for pid, rows in before.items():
        assert np.array_equal(rows, after[pid]), pid


def test_a_generation_built_before_sentence_vectors_still_answers_by_meaning(semantic_copy, embedder):
    from search_app.service import SearchService

    _corpus, index = semantic_copy
    gen = index / store.current_name(index)
    (gen / store.SENTENCES).unlink()
    (gen / store.SENTENCE_OFFSETS).unlink()
    service = SearchService.open(index)
    service.use_embedder(embedder)
    assert service.data.sentences is None
    r = service.search("双子を育てる親どうしのつながり", mode="semantic")
    assert r["results"]


def test_damaged_sentence_files_are_not_used_and_the_passage_vectors_still_answer(semantic_copy, embedder):
    from search_app.service import SearchService

    _corpus, index = semantic_copy
    gen = index / store.current_name(index)
    (gen / store.SENTENCES).write_bytes((gen / store.SENTENCES).read_bytes()[:1000])   # cut short
    assert store.open_generation(index).sentences is None
    service = SearchService.open(index)
    service.use_embedder(embedder)
    r = service.search("双子を育てる親どうしのつながり", mode="semantic")
    assert r["results"]


# -- ranking ----------------------------------------------------------------------------

def test_a_paraphrase_of_one_sentence_of_a_long_passage_lifts_that_passage(hybrid_service, embedder,
                                                                            monkeypatch):
    """The passage holding the sentence ranks higher with its sentences than by its
    averaged vector alone; the best passage cosine (what the floor and the band are
    set on) is never lowered."""
    data = hybrid_service.data
    everything = np.ones(data.n, dtype=bool)
    # 港南区's 取組の成果: four bullets, one of them on the ward's LINE channel
    target = next(i for i, p in enumerate(data.passages) if "LINEwith港南" in p["text"])
    assert len(sentences.split(data.passages[target]["text"])) >= 3
    qvec = embedder.encode_query("スマホのアプリで子育て情報を届けている")

    def rank_of(weight: float) -> tuple[int, float]:
        monkeypatch.setattr(retrieval_semantic, "SENTENCE_WEIGHT", weight)
        found = retrieval_semantic.search(data, qvec, everything)
        return [i for i, _c in found].index(target), found[0][1]

    without, best_without = rank_of(0.0)
    with_sentences, best_with = rank_of(retrieval_semantic.SENTENCE_WEIGHT or 0.2)
    assert with_sentences < without
    assert best_with >= best_without


class _Exact:
    def __init__(self, n):
        self.exact = np.arange(n)


class _Data:
    """What `best_sentences` reads of a generation: the sentence store and exact copies."""

    def __init__(self, held, n):
        self.sentences, self.duplicates = held, _Exact(n)


def _at_cosine(q: np.ndarray, c: float, rng) -> np.ndarray:
    """A unit vector at cosine `c` to the unit vector q."""
    u = rng.standard_normal(len(q))
    u -= (u @ q) * q
    return c * q + np.sqrt(1 - c * c) * u / np.linalg.norm(u)


def test_the_best_of_many_ordinary_sentences_earns_no_lift_but_one_answering_sentence_does(tmp_path):
    """Forty passages at the cosines e5 gives (≈0.83 ± 0.015), sentences a little
    lower. A passage of fifteen ordinary sentences has one that scores high by
    chance; a passage of four with one sentence close to the query is the one
    to lift. Placed on the passage scale less the expected best of n draws, the
    answering sentence lifts its passage above the other, which stays put."""
    from statistics import NormalDist

    rng = np.random.default_rng(7)
    dim = 64
    q = np.zeros(dim)
    q[0] = 1.0
    passage_cos = list(0.83 + 0.015 * rng.standard_normal(40))
    sentence_cos = [list(0.82 + 0.015 * rng.standard_normal(int(k))) for k in rng.integers(2, 6, 40)]
    passage_cos += [0.83, 0.83]
    ordinary = [0.82 + 0.015 * NormalDist().inv_cdf((k - 0.375) / 15.25) for k in range(1, 16)]
    sentence_cos += [ordinary, [0.81, 0.81, 0.81, 0.88]]
    many, answering = 40, 41
    vectors = np.stack([_at_cosine(q, c, rng) for c in passage_cos]).astype(np.float32)
    rows = np.stack([_at_cosine(q, c, rng) for cs in sentence_cos for c in cs])
    offsets = np.concatenate([[0], np.cumsum([len(cs) for cs in sentence_cos])])
    np.save(tmp_path / store.SENTENCES, rows.astype(np.float16))
    np.save(tmp_path / store.SENTENCE_OFFSETS, offsets)
    held = store.SentenceVectors.open(tmp_path)
    data = _Data(held, len(vectors))
    sims = vectors @ q.astype(np.float32)
    lifted = retrieval_semantic.best_sentences(data, q.astype(np.float32), sims, np.ones(len(sims), bool))
    lift = lifted - sims
    assert lift[answering] > 0.01
    assert lift[many] < 0.3 * lift[answering]
    assert lifted[answering] > lifted[many]
    assert (lift >= 0).all()


def test_on_an_archive_of_copies_every_copy_of_a_passage_is_lifted_by_its_best_sentence(
        tmp_path_factory, embedder, monkeypatch):
    """Copies of one report in three wards: the nearest passages are copies of a few
    texts, yet the pool holds distinct texts (as the semantic cut does), and each copy
    of the passage whose sentence answers is lifted alike."""
    from benchmarks.archive import Relabel
    from search_app.indexing import build_index
    from search_app.service import SearchService

    konan = "003_d2a364418de75729.txt"
    root = tmp_path_factory.mktemp("sentence-copies")
    corpus = root / "corpus"
    corpus.mkdir()
    source = (CORPUS / konan).read_text(encoding="utf-8")
    (corpus / konan).write_text(source, encoding="utf-8")
    for n, ward in enumerate(("南区", "栄区")):
        (corpus / f"9{n:02d}_copy.txt").write_text(Relabel("港南区", ward, 0)(source), encoding="utf-8")
    build_index(corpus, root / "index", embedder=embedder)
    data = SearchService.open(root / "index").data
    qvec = embedder.encode_query("スマホのアプリで子育て情報を届けている")
    sims = data.vectors @ qvec
    ok = data.embedded & (sims >= retrieval_semantic.FLOOR)
    # a head of one passage per text wanted holds copies: the pool must look further
    monkeypatch.setattr(retrieval_semantic, "HEAD_FACTOR", 1)
    monkeypatch.setattr(retrieval_semantic, "SENTENCE_POOL", int(len(np.unique(data.duplicates.exact[ok]))))
    lift = retrieval_semantic.best_sentences(data, qvec, sims, ok) - sims
    exact = data.duplicates.exact
    order = np.argsort(-np.where(ok, sims, -np.inf), kind="stable")
    pool = retrieval_semantic.SENTENCE_POOL
    lifted = np.flatnonzero(lift > 0)
    # passages beyond the first `pool` by cosine were looked at too (copies filled those)
    assert max(int(np.flatnonzero(order == i)[0]) for i in lifted) >= pool
    copied = [g for g in np.unique(exact[lifted]) if (exact[ok] == g).sum() > 1]
    assert copied                       # some lifted text has copies in other wards
    for g in copied:
        members = np.flatnonzero(ok & (exact == g))
        assert np.allclose(lift[members], lift[members[0]])
