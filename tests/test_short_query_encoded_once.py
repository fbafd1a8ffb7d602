"""A short query the glossary widens has two texts to encode — the typed words widened by
their synonyms (the semantic half's ranking) and the words as typed (the ward answer's
cosines, docs/quality.md claims19) — and they go to the query encoder in ONE call, one
padded run on the default fp32 encoder, instead of two runs one after the other. The
answer is the one the two separate runs gave. Timings: docs/benchmarks.md (userfix28)."""

from __future__ import annotations

import numpy as np
import pytest

from search_app.query import parse_query

WIDENED = ["双子", "多胎児の親の交流", "どのように父親の参加を促したか"]


class OneAtATime:
    """The real embedder with only `encode_query` (what the service had before),
    counting its encoder calls (each call: the texts it was given)."""

    def __init__(self, inner):
        self.inner, self.calls = inner, []

    def __getattr__(self, name):
        if name == "encode_queries":
            raise AttributeError(name)
        return getattr(self.inner, name)

    def encode_query(self, text):
        self.calls.append([text])
        return self.inner.encode_query(text)


class Calls(OneAtATime):
    """The real embedder, counting its encoder calls."""

    def encode_queries(self, texts):
        self.calls.append(list(texts))
        return self.inner.encode_queries(texts)


@pytest.fixture
def counted(hybrid_service):
    loaded = hybrid_service.embedder()
    wrapper = Calls(loaded)
    hybrid_service._query_vectors.clear()   # each test counts its own calls
    hybrid_service.use_embedder(wrapper)
    yield wrapper
    hybrid_service.use_embedder(loaded)
    hybrid_service._query_vectors.clear()


@pytest.mark.parametrize("query", WIDENED)
def test_a_short_query_widened_by_synonyms_makes_one_encoder_call(hybrid_service, counted, query):
    assert hybrid_service.builder().semantic_synonyms(parse_query(query))   # two texts to encode
    out = hybrid_service.search(query, mode="hybrid")
    assert out["results"]
    assert len(counted.calls) == 1, counted.calls
    assert len(counted.calls[0]) == 2 and counted.calls[0][1] == query   # widened, then as typed


def test_a_short_query_in_semantic_mode_makes_one_encoder_call(hybrid_service, counted):
    hybrid_service.search("双子", mode="semantic")
    assert len(counted.calls) == 1


def test_the_answer_is_the_one_two_separate_runs_gave(hybrid_service, embedder):
    one_call = hybrid_service.search("多胎児の親の交流", mode="hybrid", k=20)
    hybrid_service._query_vectors.clear()
    separate = OneAtATime(hybrid_service.embedder())
    loaded = hybrid_service.embedder()
    hybrid_service.use_embedder(separate)
    try:
        two_calls = hybrid_service.search("多胎児の親の交流", mode="hybrid", k=20)
    finally:
        hybrid_service.use_embedder(loaded)
        hybrid_service._query_vectors.clear()
    assert len(separate.calls) == 2
    assert [r["passage_id"] for r in one_call["results"]] == [r["passage_id"] for r in two_calls["results"]]
    assert [w["ward"] for w in one_call["wards"]] == [w["ward"] for w in two_calls["wards"]]


def test_vectors_encoded_together_are_the_vectors_encoded_alone(embedder):
    texts = ["双子 多胎児 多胎 ふたご", "双子"]
    together = embedder.encode_queries(texts)
    alone = np.stack([embedder.encode_query(t) for t in texts])
    assert together.shape == alone.shape
    np.testing.assert_allclose(together, alone, atol=1e-6)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
