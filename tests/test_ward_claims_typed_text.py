"""The wards claimed by meaning are read from the query as typed.

The semantic half ranks with the typed text widened by the glossary's synonyms; the ward
answer's cosines come from a second vector of the typed text only, over the same
candidates (docs/quality.md, wardvec18 and claims19)."""
import pytest


class CountingEmbedder:
    """The real embedder, recording each text it encodes."""

    def __init__(self, inner):
        self.inner, self.encoded = inner, []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def encode_query(self, text):
        self.encoded.append(text)
        return self.inner.encode_query(text)

    def encode_queries(self, texts):   # a search's texts in one call (service._query_vectors_of)
        self.encoded.extend(texts)
        return self.inner.encode_queries(texts)


@pytest.fixture
def counting(hybrid_service):
    loaded = hybrid_service.embedder()   # the session's model, wrapped while the test runs
    wrapper = CountingEmbedder(loaded)
    hybrid_service.use_embedder(wrapper)
    yield wrapper
    hybrid_service.use_embedder(loaded)


def _ids(result):
    return [r["passage_id"] for r in result["results"]]


def test_wards_are_claimed_from_the_words_the_user_typed(hybrid_service, counting):
    hybrid_service.search("双子の家庭への支援", mode="hybrid")
    assert counting.encoded[-1] == "双子の家庭への支援"
    assert any("多胎" in text for text in counting.encoded)   # the ranking still reads the synonyms


def test_a_query_the_glossary_does_not_widen_is_encoded_once(hybrid_service, counting):
    hybrid_service.search("離乳食", mode="hybrid")
    assert counting.encoded == ["離乳食"]
