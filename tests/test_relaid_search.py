"""End to end: the seed reports printed as paged PDFs answer the judged queries as the text does.

The five seed reports are rendered as A5 PDFs with a running header and 「ページ n/N」
footers, table rows cut by page breaks (benchmarks/format_variants.to_pdf_paged), and
indexed (keyword half only, to stay fast). Every judged evidence string of the held-out
sets (eval/extra*.jsonl) that the text corpus's keyword search shows in its top 10 must be
in the PDF corpus's top 10 too. The full comparison over every format and both modes is
`python -m benchmarks.relaid` (docs/quality.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.format_variants import RENDERERS
from search_app.evaluation import compact

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "corpus").glob("*.txt"))
JUDGED = sorted((REPO / "eval").glob("extra*.jsonl"))


@pytest.fixture(scope="module")
def paged_pdf_service(tmp_path_factory):
    from search_app.indexing import build_index
    from search_app.service import SearchService

    render, suffix = RENDERERS["pdf_paged"]
    corpus = tmp_path_factory.mktemp("paged-pdf-corpus")
    for seed in SEEDS:
        (corpus / (seed.stem + suffix)).write_bytes(render(seed.read_text(encoding="utf-8")))
    index = tmp_path_factory.mktemp("paged-pdf-index")
    summary = build_index(corpus, index, semantic=False)
    assert not summary.failed
    return SearchService.open(index)


def judged_queries() -> list[dict]:
    return [json.loads(line) for path in JUDGED
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evidence_in_top10(service, query: dict) -> set[tuple[str, str]]:
    texts = [compact(r["text"]) for r in service.search(query["query"], mode="bm25", k=10)["results"]]
    return {(ward, e["evidence"]) for ward, ev in query["relevant"].items() for e in ev
            if any(compact(e["evidence"]) in t for t in texts)}


# Evidence the paged PDFs are known to lose, with why. Asserted exactly: one that comes back
# fails the test until it is taken off this list.
KNOWN_LOSSES = {
    # The seed text (itself a PDF extraction) breaks インス|タグラム at its own line end; printed
    # on A5 its long line wraps again, leaving 「拠点のインス」 as a short line of its own, and
    # clean.join_wrapped joins only lines about as wide as the page's wide lines: the word stays
    # cut, and the passage no longer matches インスタグラム (docs/parsing.md, Known limits).
    ("k12b04", "港南区", "拠点のインスタグラムは細やかな情報発信をした結果"),
}


def test_reports_printed_as_paged_pdfs_show_the_judged_evidence_the_text_shows(keyword_service, paged_pdf_service):
    queries = judged_queries()
    assert len(queries) > 40
    found = 0
    missing = []
    for q in queries:
        want = evidence_in_top10(keyword_service, q)
        got = evidence_in_top10(paged_pdf_service, q)
        found += len(want)
        missing += [(q["id"], ward, ev) for ward, ev in sorted(want - got)]
    assert found > 50  # the keyword half shows most held-out evidence in its top 10
    assert set(missing) == KNOWN_LOSSES, missing


def test_reports_printed_as_paged_pdfs_keep_their_wards_and_years(keyword_service, paged_pdf_service):
    def metadata(service):
        return sorted((d["ward"], d["fiscal_year_from"], d["fiscal_year_to"], d["doc_type"])
                      for d in service.data.documents.values())

    assert metadata(paged_pdf_service) == metadata(keyword_service)
