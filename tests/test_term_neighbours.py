"""The corpus words nearest in meaning to a query word no report uses (issue 11 item 3).

Measured on dev + extra..extra4 and not adopted (docs/quality.md, "Corpus words
nearest in meaning"): e5-small's neighbours of a single word are mostly words that
share its characters (ポスティング -> ポスト, 年寄り -> 年齢), and no gain on the
paraphrase kind survived leave-one-out. The experiment lives in `benchmarks.term_neighbours`; the query
builder keeps the hook (`QueryBuilder(neighbours=...)`), and these tests hold what the
experiment relies on, on the real seed corpus, so that it can be rerun with another model.
"""

from __future__ import annotations

import pytest

from benchmarks import term_neighbours as tn
from search_app.querybuild import QueryBuilder
from search_app.query import parse_query

UNUSED = "相談者のプライバシーへの配慮"   # no report says プライバシー, nothing bridges it


@pytest.fixture(scope="module")
def neighbour_search(hybrid_index, embedder):
    service = tn.neighbour_service(hybrid_index)
    service._embedder = embedder   # the session's loaded model (as conftest does)
    return service


def meaning(result: dict) -> dict[str, list[str]]:
    return {a["word"]: a["terms"] for a in result["alternatives"] if a["source"] == "meaning"}


def test_a_word_no_report_uses_is_searched_through_the_corpus_words_nearest_in_meaning_and_the_answer_says_so(
        neighbour_search):
    r = neighbour_search.search(UNUSED)
    found = meaning(r)
    assert "個人情報" in found.get("プライバシー", []), found
    # still a word no report uses: the neighbours are a guess, not a bridge
    assert any("「プライバシー」は報告書に出てきません" in n for n in r["notices"])


def test_the_neighbours_of_a_word_are_none_of_the_querys_own_words(neighbour_search):
    r = neighbour_search.search(UNUSED)
    own = {t.term for t in parse_query(UNUSED).terms}
    assert not own & {w for terms in meaning(r).values() for w in terms}


def test_a_query_whose_words_the_reports_use_looks_up_no_neighbours(neighbour_search):
    assert meaning(neighbour_search.search("多胎児")) == {}
    assert meaning(neighbour_search.search("双子")) == {}, "the glossary bridges 双子 to 多胎児"


def test_keyword_search_never_looks_up_neighbours(neighbour_search):
    assert meaning(neighbour_search.search(UNUSED, mode="bm25")) == {}


def test_a_word_found_only_through_its_neighbours_never_claims_a_ward_by_itself(neighbour_search):
    data = neighbour_search.data
    builder = QueryBuilder(data, neighbour_search.glossary,
                           neighbours=lambda word, exclude, context: tn.neighbours(
                               data, neighbour_search.embedder(), word, exclude, context))
    concepts = {c.surface: c for c in builder.concepts(parse_query(UNUSED))}
    assert concepts["プライバシー"].feedback, "a stand-in, at a lower weight"
    assert not concepts["相談者"].feedback


def test_the_vocabulary_is_the_reports_own_nouns_without_the_commonest_words(neighbour_search):
    data = neighbour_search.data
    vocabulary = tn.vocabulary_terms(data)
    searcher = data.searcher()
    limit = tn.MAX_DF_SHARE * data.doc_count
    assert "多胎児" in vocabulary and "個人情報" in vocabulary
    assert "支援" not in vocabulary, "in most passages: names no topic"
    assert all(0 < searcher.doc_frequency("text", t) <= limit for t in vocabulary)
    assert not any(t.isdigit() for t in vocabulary)


def test_the_search_page_names_the_words_searched_by_meaning(neighbour_search, hybrid_index):
    from search_app.web import create_app

    app = create_app({"INDEX_DIR": str(hybrid_index), "TESTING": True, "SERVICE": neighbour_search})
    html = app.test_client().get("/", query_string={"q": UNUSED}).get_data(as_text=True)
    assert "言い換えも検索しました" in html
    line = html[html.index("言い換えも検索しました"):].split("</p>", 1)[0]
    assert "「プライバシー」→" in line and "個人情報" in line and "（意味の近い語）" in line
