"""A paragraph pasted into the search box (200–500 characters of a report) is answered
in about the time of a short query's encoder runs, not twice that: the semantic half's
cost grows with the query's tokens, so the text is encoded once (search_app.service,
LONG_QUERY_CHARS), and the same query asked again (its next page, the CSV export of its
results) is not encoded again. Timings are in benchmarks/long_queries.py, never here."""

from __future__ import annotations

import pytest

from search_app import service as service_module
from search_app.query import parse_query

# written for these tests in a report's style; 父親 and 産後 bring glossary synonyms
PASTE = ("当拠点では、妊娠期から子育て期にかけて切れ目のない支援を目指し、母子手帳交付時の面談や両親教室と連携して、"
         "出産前の家庭が拠点を訪れるきっかけづくりに取り組んだ。プレママ・プレパパ向けの見学会を月1回開催し、先輩ママとの"
         "座談会や沐浴体験を組み合わせたところ、参加者アンケートでは9割以上が「産後も利用したい」と回答した。一方で、"
         "就労中の父親の参加は土曜日開催に限られ、平日の参加は少なかった。")


@pytest.fixture
def encoder_runs(hybrid_service, monkeypatch):
    """The texts the query encoder is run on during a test."""
    embedder = hybrid_service.embedder()
    getattr(hybrid_service, "_query_vectors", {}).clear()   # each test counts its own runs
    runs: list[str] = []
    original = embedder.encode_query

    def counting(text, *args, **kwargs):
        runs.append(text)
        return original(text, *args, **kwargs)

    monkeypatch.setattr(embedder, "encode_query", counting)
    together = embedder.encode_queries   # a short query's two texts in one call (userfix28)

    def counting_together(texts, *args, **kwargs):
        runs.extend(texts)
        return together(texts, *args, **kwargs)

    monkeypatch.setattr(embedder, "encode_queries", counting_together)
    return runs


def test_a_pasted_paragraph_is_encoded_once(hybrid_service, encoder_runs):
    assert len(PASTE) >= service_module.LONG_QUERY_CHARS
    assert hybrid_service.builder().semantic_synonyms(parse_query(PASTE))   # (two texts to encode before)
    out = hybrid_service.search(PASTE, mode="hybrid", k=10)
    assert out["results"] and out["wards"]
    assert len(encoder_runs) == 1


def test_a_pasted_paragraph_is_encoded_as_typed_in_semantic_mode(hybrid_service, encoder_runs):
    hybrid_service.search(PASTE, mode="semantic", k=10)
    assert len(encoder_runs) == 1 and encoder_runs[0] == PASTE


def test_a_short_query_still_reaches_the_semantic_half_with_its_synonyms(hybrid_service, encoder_runs):
    hybrid_service.search("双子の家庭への支援", mode="hybrid", k=10)
    assert any("多胎児" in text for text in encoder_runs)


def test_the_next_page_of_a_pasted_paragraph_does_not_encode_it_again(hybrid_service, encoder_runs):
    first = hybrid_service.search(PASTE, mode="hybrid", k=5)
    runs = len(encoder_runs)
    second = hybrid_service.search(PASTE, mode="hybrid", k=5, offset=5)
    assert len(encoder_runs) == runs
    assert second["total"] == first["total"]
    assert {r["passage_id"] for r in first["results"]}.isdisjoint(r["passage_id"] for r in second["results"])


def test_a_kept_query_vector_is_the_one_the_encoder_gives(hybrid_service, encoder_runs):
    again = hybrid_service.search("双子の家庭への支援", mode="semantic", k=10)
    fresh = service_module.SearchService.open(hybrid_service.index_dir)
    fresh.use_embedder(hybrid_service.embedder())
    assert fresh.search("双子の家庭への支援", mode="semantic", k=10)["results"] == again["results"]


def test_a_pasted_paragraph_answered_by_meaning_is_not_told_its_words_match_nothing(client):
    from urllib.parse import quote

    page = client.get("/?q=" + quote(PASTE)).get_data(as_text=True)
    assert "検索語に一致する取組はありません" not in page
    assert "貼り付けた文章の言葉をまとめて含む取組はありません" in page


def test_a_query_cut_at_the_limit_says_so_in_the_cli(keyword_index, capsys, monkeypatch):
    """The web page refuses a paste over 1,000 characters with its length; the CLI (and the
    service) searched its first 1,000 silently."""
    from search_app import cli

    long_query = "多胎児の家庭への支援について。" * 80   # 1,200 characters
    assert cli.main(["search", long_query, "--mode", "bm25", "--index", str(keyword_index), "-k", "1"]) == 0
    assert "検索語が長いため（1200 文字）、先頭の 1000 文字で検索しました" in capsys.readouterr().err
