"""The wards claimed by meaning may be read from the query as typed (service.CLAIM_TEXT).

The semantic half ranks with the typed text widened by the glossary's synonyms; with
CLAIM_TEXT = "typed" the ward answer's cosines come from a second vector of the typed text
only, over the same candidates. Measured and not kept as the default (docs/quality.md,
wardvec18): these tests keep the switch honest so the measurement can be rerun."""
import pytest

from search_app import service as service_module


class CountingEmbedder:
    """The real embedder, recording each text it encodes."""

    def __init__(self, inner):
        self.inner, self.encoded = inner, []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def encode_query(self, text):
        self.encoded.append(text)
        return self.inner.encode_query(text)


@pytest.fixture
def counting(hybrid_service, monkeypatch):
    hybrid_service.embedder()   # loaded (and shared) before it is wrapped
    wrapper = CountingEmbedder(hybrid_service._embedder)
    monkeypatch.setattr(hybrid_service, "_embedder", wrapper)
    return wrapper


def _ids(result):
    return [r["passage_id"] for r in result["results"]]


def test_the_results_list_is_the_same_whichever_text_claims_the_wards(hybrid_service, monkeypatch):
    # 双子 is widened by 多胎児 / 多胎 in the semantic half: only the ward answer may move
    monkeypatch.setattr(service_module, "CLAIM_TEXT", "widened")
    widened = hybrid_service.search("双子の家庭への支援", mode="hybrid")
    monkeypatch.setattr(service_module, "CLAIM_TEXT", "typed")
    typed = hybrid_service.search("双子の家庭への支援", mode="hybrid")
    assert _ids(typed) == _ids(widened) and _ids(typed)


def test_wards_are_claimed_from_the_words_the_user_typed(hybrid_service, counting, monkeypatch):
    monkeypatch.setattr(service_module, "CLAIM_TEXT", "typed")
    hybrid_service.search("双子の家庭への支援", mode="hybrid")
    assert counting.encoded[-1] == "双子の家庭への支援"
    assert any("多胎" in text for text in counting.encoded)   # the ranking still reads the synonyms


def test_a_query_the_glossary_does_not_widen_is_encoded_once(hybrid_service, counting, monkeypatch):
    monkeypatch.setattr(service_module, "CLAIM_TEXT", "typed")
    hybrid_service.search("離乳食", mode="hybrid")
    assert counting.encoded == ["離乳食"]


def test_by_default_the_ward_answer_reads_the_ranking_vector(hybrid_service, counting):
    assert service_module.CLAIM_TEXT == "widened"
    hybrid_service.search("双子の家庭への支援", mode="hybrid")
    assert len(counting.encoded) == 1
