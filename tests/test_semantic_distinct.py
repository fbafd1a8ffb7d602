"""The semantic half on an archive keeps its best *distinct* texts: copies of one
report in three wards (港南区's real 令和5年度 report relabelled by the archive
benchmark's Relabel) fill the cut with one candidate per text, not three, and the
ward answer still claims every ward that holds the text."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from benchmarks.archive import Relabel
from search_app import retrieval_semantic

REPO = Path(__file__).resolve().parent.parent
KONAN = "003_d2a364418de75729.txt"
COPIES = ("南区", "栄区")


@pytest.fixture(scope="module")
def copied(tmp_path_factory, embedder):
    from search_app.indexing import build_index
    from search_app.service import SearchService

    root = tmp_path_factory.mktemp("semantic-copies")
    corpus = root / "corpus"
    corpus.mkdir()
    source = (REPO / "corpus" / KONAN).read_text(encoding="utf-8")
    (corpus / KONAN).write_text(source, encoding="utf-8")
    for n, ward in enumerate(COPIES):
        (corpus / f"9{n:02d}_copy.txt").write_text(Relabel("港南区", ward, 0)(source), encoding="utf-8")
    build_index(corpus, root / "index", embedder=embedder)
    service = SearchService.open(root / "index")
    service.use_embedder(embedder)
    return service


def test_the_semantic_cut_holds_distinct_texts_when_reports_are_copied_into_other_wards(copied, embedder):
    data = copied.data
    qvec = embedder.encode_query("多胎児の親同士の交流")
    everything = np.ones(len(data.passages), dtype=bool)
    found = retrieval_semantic.search(data, qvec, everything, limit=10)
    groups = [int(data.duplicates.exact[i]) for i, _c in found]
    assert len(found) == 10
    assert len(set(groups)) == 10
    # best first, and the best text is the same as without the cut
    cosines = [c for _i, c in found]
    assert cosines == sorted(cosines, reverse=True)
    assert cosines[0] == pytest.approx(float((data.vectors @ qvec)[data.embedded].max()))


def test_a_copied_text_found_by_meaning_still_claims_every_ward_that_holds_it(copied):
    r = copied.search("双子を育てる親どうしのつながり", mode="semantic")
    claimed = {w["ward"] for w in r["wards"]}
    assert {"港南区", *COPIES} <= claimed
