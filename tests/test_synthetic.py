"""The synthetic corpus generator (indexer.synthetic) and the benchmark's pure helpers.

The generator exists for speed and scale benchmarks: these tests prove it is
deterministic, that the *real* parser reads what it writes as the intended
reports (all 18 wards, several years, yearly and five-year documents, PDF-style
text with out-of-order blocks), and that it hits its passage target.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

from indexer import records
from indexer.corpus import parse_corpus
from indexer.metadata import YOKOHAMA_WARDS
from indexer.parse import parse_text
from indexer.synthetic import KINDS, generate_corpus, generate_document


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.txt"))}


@pytest.fixture(scope="module")
def corpus_500(tmp_path_factory):
    out = tmp_path_factory.mktemp("synthetic-500")
    stats = generate_corpus(out, 500, seed=0)
    return out, stats, parse_corpus(out)


def _parse(doc):
    return parse_text(doc.text, doc.name, hashlib.sha256(doc.text.encode("utf-8")).hexdigest()[:16])


def test_same_seed_writes_the_same_files(tmp_path):
    a = generate_corpus(tmp_path / "a", 300, seed=7)
    b = generate_corpus(tmp_path / "b", 300, seed=7)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert {k: v for k, v in a.items() if k not in ("out_dir", "seconds", "parse_seconds")} == \
        {k: v for k, v in b.items() if k not in ("out_dir", "seconds", "parse_seconds")}


def test_another_seed_writes_other_reports(tmp_path):
    generate_corpus(tmp_path / "a", 300, seed=1)
    generate_corpus(tmp_path / "b", 300, seed=2)
    assert set(_files(tmp_path / "a").values()).isdisjoint(_files(tmp_path / "b").values())


def test_regenerating_replaces_earlier_synthetic_files(tmp_path):
    generate_corpus(tmp_path, 600, seed=0)
    stats = generate_corpus(tmp_path, 200, seed=0)
    assert len(list(tmp_path.glob("*.txt"))) == stats["documents"]


def test_target_passage_count_is_respected(corpus_500):
    _out, stats, parsed = corpus_500
    assert not parsed.errors
    assert len(parsed.passages) == stats["passages"]  # the stats count what the real parser makes
    assert 500 * 0.85 <= len(parsed.passages) <= 500 * 1.15


@pytest.mark.parametrize("target", [60, 2500])
def test_other_targets_within_tolerance(tmp_path, target):
    stats = generate_corpus(tmp_path, target, seed=3)
    assert target * 0.85 <= stats["passages"] <= target * 1.15


def test_every_ward_several_years_and_both_document_types(corpus_500):
    _out, stats, parsed = corpus_500
    assert {d.ward for d in parsed.documents} == set(YOKOHAMA_WARDS)
    assert {p.ward for p in parsed.passages} == set(YOKOHAMA_WARDS)
    years = {p.fiscal_year_from for p in parsed.passages if p.fiscal_year_from}
    assert len(years) >= 5
    types = {d.doc_type for d in parsed.documents}
    assert {records.YEARLY, records.FIVE_YEAR} <= types
    assert stats["wards"] == 18
    assert set(stats["documents_by_kind"]) == set(KINDS)
    five = [p for p in parsed.passages if p.doc_type == records.FIVE_YEAR]
    assert {p.programme for p in five} == set(range(1, 8))
    assert {records.SELF_EVAL, records.REASON_OPERATOR, records.REASON_WARD, records.RESULT,
            records.CHALLENGE, records.VIEWPOINT} <= {p.section for p in five}


def test_reports_vary_by_ward_and_year(corpus_500):
    _out, _stats, parsed = corpus_500
    goals = [p.text for p in parsed.passages if p.section == records.GOAL]
    assert len(set(goals)) >= 0.7 * len(goals)
    # ward names in sentences are those of the report's own ward
    for p in parsed.passages:
        named = {w for w in YOKOHAMA_WARDS if w in p.text and not (w == "南区" and "港南区" in p.text)}
        assert named <= {p.ward}, (p.ward, named, p.text[:80])


@pytest.mark.parametrize("index", range(0, 60))
def test_parser_reads_each_generated_report_as_generated(index):
    doc = generate_document(index, seed=0)
    parsed = _parse(doc)
    assert parsed.document.ward == doc.ward
    assert parsed.document.doc_type == doc.doc_type
    assert parsed.document.fiscal_year_from == doc.year_from
    assert not [p for p in parsed.passages if p.section == records.OTHER]
    for goal in range(1, doc.goals + 1):
        sections = {p.section for p in parsed.passages if p.goal_no == goal and p.fiscal_year_from == doc.year_from}
        assert {records.GOAL, records.CONTENT, records.OUTCOME, records.ISSUE} <= sections


def test_pdf_style_report_gets_its_out_of_order_blocks_attached():
    docs = [generate_document(i, seed=0) for i in range(40)]
    pdfs = [d for d in docs if d.kind == "pdf"]
    assert len(pdfs) >= 3
    for doc in pdfs:
        lines = doc.text.split("\n")
        # PDF shape: goal ①'s outcome block comes before any goal, the header sits mid-page,
        # full-width digits, and lines wrapped mid-sentence
        assert lines[0] == "取組の成果"
        assert doc.text.index("【単年度事業評価様式】") > doc.text.index("重点目標①")
        assert re.search(r"[０-９]年度", doc.text)
        assert max(len(line) for line in lines) <= 50
        parsed = _parse(doc)
        for goal in range(1, doc.goals + 1):
            mine = [p for p in parsed.passages if p.goal_no == goal and p.fiscal_year_from == doc.year_from]
            assert any(p.section == records.OUTCOME for p in mine), (doc.name, goal)
            assert any(p.section == records.ISSUE for p in mine), (doc.name, goal)
        # the block printed before the first goal is not lost: every outcome sentence is in some passage
        outcome_text = re.sub(r"\s", "", "".join(p.text for p in parsed.passages if p.section == records.OUTCOME))
        for first in doc.outcomes:
            assert re.sub(r"\s", "", first)[:30] in outcome_text


def test_header_less_report_still_names_its_ward():
    doc = next(generate_document(i, seed=0) for i in range(40) if generate_document(i, seed=0).kind == "noheader")
    assert "地域子育て支援拠点事業" not in doc.text and "こども家庭支援課" not in doc.text
    assert _parse(doc).document.ward == doc.ward


# --- benchmark helpers (no subprocesses, no model) --------------------------------------


def test_random_embedder_gives_deterministic_unit_vectors():
    from search_app.bench import RandomEmbedder

    e = RandomEmbedder()
    v = e.encode_passages(["多胎児の支援", "父親の講座", "多胎児の支援"])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(v[0], v[2]) and not np.array_equal(v[0], v[1])
    assert e.encode_query("多胎児").shape == (384,)
    assert e.encode_passages([]).shape == (0, 384)


def test_update_docs_keeps_other_sections(tmp_path):
    from search_app import bench

    path = tmp_path / "benchmarks.md"
    path.write_text("# Benchmarks\n\nintro\n\n## Embedding model\n\nkeep me\n\n"
                    "## Scale and speed (synthetic corpus)\n\nold figures\n\n## Web page latency\n\nkeep me too\n",
                    encoding="utf-8")
    fake = bench.format_markdown  # the real formatter, on a minimal result
    results = _fake_results()
    assert "## Scale and speed" in fake(results)
    bench.update_docs(results, path)
    text = path.read_text(encoding="utf-8")
    assert "old figures" not in text
    assert "keep me\n" in text and "keep me too" in text and "intro" in text
    assert text.count("## Scale and speed") == 1 and text.count("## Growth analysis") == 1


def _fake_results() -> dict:
    from search_app.bench import growth_analysis

    def size(n, p95):
        parts = {"bm25": 5.0, "semantic": 20.0, "encode_query": 15.0, "grouping": n / 1000, "facets": 1.0, "other": 2.0}
        mode = {"n": 60, "p50_ms": p95, "p95_ms": 2 * p95, "mean_ms": p95, "max_ms": 2 * p95, "mean_parts_ms": parts,
                "mean_parts_cpu_ms": parts, "encode_query": {"p50_ms": 15.0, "min_ms": 10.0, "max_ms": 90.0},
                "idle_estimate": {"p50_ms": p95 / 2, "p95_ms": p95, "encode_floor_ms": 10.0}}
        timings = {"parse": 0.1, "analyse_write": n / 200, "embed": 0.5, "write": 0.1}
        return {
            "target": n, "vectors": "random", "generation": {"fiscal_years": [2012, 2025]},
            "build": {"passages": n, "documents": n // 20, "seconds": 1.0, "timings": timings, "embedded": n,
                      "keyword_seconds": 1.0, "passages_per_second_keyword": n, "index_mb": 1.0,
                      "embedding_cache_mb": 1.0, "index_parts_mb": {"fulltext": 1.0}, "process_peak_rss_mb": 300.0,
                      "model_load_seconds": 0.0, "embed_seconds_real_extrapolated": n / 20,
                      "total_seconds_real_extrapolated": 1 + n / 20},
            "incremental": {"passages": n + 10, "embedded": 10, "timings": timings, "seconds": 0.5,
                            "process_peak_rss_mb": 300.0},
            "query": {"passages": n, "repeats": 3, "open_seconds": 0.1, "process_peak_rss_mb": 900.0 + n / 100,
                      "modes": {m: mode for m in ("bm25", "semantic", "hybrid")}},
            "whoosh_baseline": {"passages": n, "build_seconds": 0.5, "index_mb": 0.5, "queries_with_hits": 3,
                                "queries": 20, "query": {"p50_ms": 1.0, "p95_ms": 2.0}},
            "ratios": {"analyse_write_vs_whoosh_build": 1.0, "keyword_build_vs_whoosh_build": 2.0,
                       "index_size_vs_whoosh": 2.0, "bm25_p50_vs_whoosh": 5.0, "hybrid_p50_vs_whoosh": 9.0,
                       "hybrid_p95_vs_whoosh": 9.0},
        }

    results = {"date": "2026-01-01", "command": "kyoten bench", "machine": {"nproc": 2}, "settings": {"queries": ["x"]},
               "sizes": [size(1000, 60.0), size(10000, 150.0)]}
    results["growth"] = growth_analysis(results)
    return results


def test_growth_analysis_extrapolates_the_200ms_limit():
    g = _fake_results()["growth"]
    # idle p95 = 50 + 0.01 ms per passage -> 200 ms at 15 000 passages
    assert g["hybrid_p95_200ms_limit_passages"] == 15000
    by_target = {t["target"]: t for t in g["targets"]}
    ten = by_target["10k passages: warm hybrid p95 ≤ 150 ms"]
    assert ten["met_idle_estimate"] is True and ten["met_measured"] is False  # measured 300 ms under load
    hundred = by_target["100k passages: warm hybrid p95 ≤ 200 ms"]
    assert hundred["met_idle_estimate"] is False and hundred["measured"] is None  # extrapolated only
