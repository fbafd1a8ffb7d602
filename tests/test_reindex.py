"""Reindexing is incremental, atomic and safe: search never sees a half-built index."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer import store
from indexer.reindex import reindex
from search_app import retrieval_bm25
from search_app.service import SearchService

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
KYOTEN = [sys.executable, "-m", "search_app.cli"]
QUERIES = ["多胎児", "パパ", "令和5年度 妊娠期", "子育てサポートシステム", "外国につながる", "相談件数"]


def copy_corpus(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for f in CORPUS.glob("*.txt"):
        shutil.copy(f, dest / f.name)
    return dest


def answers(index_dir: Path, mode: str = "bm25") -> dict:
    service = SearchService.open(index_dir, semantic=mode != "bm25")
    return {q: [(p["passage_id"], p["score"]) for p in service.search(q, mode=mode)["results"]] for q in QUERIES}


def fingerprint(index_dir: Path) -> dict:
    """The passages each query returns, in order."""
    return {q: [pid for pid, _score in hits] for q, hits in answers(index_dir).items()}


def assert_same_scores(a: dict, b: dict) -> None:
    """Whoosh keeps collection statistics per segment, so an incrementally
    updated index may differ from a fresh one in the fourth decimal."""
    for q in a:
        for (_pa, sa), (_pb, sb) in zip(a[q], b[q]):
            assert sa == pytest.approx(sb, abs=0.01), q


def test_incremental_and_full_rebuild_give_the_same_results(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus")
    (corpus / "004_edbefdd13c451103.txt").unlink()
    inc, full = tmp_path / "inc", tmp_path / "full"
    reindex(corpus, inc)
    shutil.copy(CORPUS / "004_edbefdd13c451103.txt", corpus)            # added
    changed = corpus / "001_c1c139b861364dac.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("麒麟の会", "ペンギンの会"), encoding="utf-8")
    (corpus / "000_8f4773b09691ae88.txt").unlink()                      # removed
    summary = reindex(corpus, inc)
    assert summary.added == ["004_edbefdd13c451103.txt"]
    assert summary.changed == ["001_c1c139b861364dac.txt"]
    assert summary.removed == ["000_8f4773b09691ae88.txt"]
    assert summary.unchanged == 2 and not summary.full
    reindex(corpus, full, full=True)
    assert fingerprint(inc) == fingerprint(full)
    assert_same_scores(answers(inc), answers(full))
    service = SearchService.open(inc, semantic=False)
    assert service.search("ペンギンの会", mode="bm25")["results"]
    assert not service.search('"麒麟の会"', mode="bm25")["results"]
    assert "泉区" not in service.facets()["ward"]


def test_unchanged_corpus_reuses_every_cached_embedding(tmp_path, hybrid_index, embedder):
    index = tmp_path / "index"
    index.mkdir()
    shutil.copy(hybrid_index / "embeddings.sqlite", index / "embeddings.sqlite")
    first = reindex(CORPUS, index, embedder=embedder)
    assert first.embedded == 0 and first.passages > 100
    corpus = copy_corpus(tmp_path / "corpus")
    extra = corpus / "extra.txt"
    extra.write_text("旭区地域子育て支援拠点事業\n\n双子の家庭向けの新しい交流会を始めた。\n", encoding="utf-8")
    second = reindex(corpus, index, embedder=embedder)
    assert second.added == ["extra.txt"] and 0 < second.embedded <= 3


def test_search_picks_up_a_new_generation_without_restart(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus")
    index = tmp_path / "index"
    reindex(corpus, index)
    service = SearchService.open(index, semantic=False)
    assert not service.search("ペンギン", mode="bm25")["results"]
    (corpus / "new.txt").write_text("磯子区地域子育て支援拠点事業\n\nペンギンの会を開いた。\n", encoding="utf-8")
    reindex(corpus, index)
    # The service re-reads CURRENT at most once a second and opens the new
    # generation in the background, answering from the old one meanwhile.
    deadline = time.monotonic() + 60
    while not (found := service.search("ペンギン", mode="bm25")["results"]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert found and found[0]["ward"] == "磯子区"


def test_old_generations_are_cleaned_up(tmp_path, monkeypatch):
    """Beyond the current and the previous generation, superseded ones go once the
    grace period for unpinned readers is over (here: none; see test_generations.py)."""
    monkeypatch.setenv(store.GRACE_ENV_VAR, "0")
    corpus = copy_corpus(tmp_path / "corpus")
    index = tmp_path / "index"
    for n in range(4):
        (corpus / "n.txt").write_text(f"栄区地域子育て支援拠点事業\n\n取組{n}回目。\n", encoding="utf-8")
        reindex(corpus, index)
    gens = sorted(p.name for p in index.glob("gen-*"))
    assert len(gens) == store.KEEP_GENERATIONS
    assert store.current_name(index) == gens[-1]
    assert store.previous_name(index) == gens[-2]


def big_corpus(dest: Path, copies: int = 25) -> Path:
    """Enough text that a full build takes a few seconds (so it can be killed mid-way)."""
    copy_corpus(dest)
    seed = (CORPUS / "002_1e0f9424e05a3b67.txt").read_text(encoding="utf-8")
    for n in range(copies):
        (dest / f"copy{n:02d}.txt").write_text(seed.replace("西区", "緑区") + f"\n版{n}\n", encoding="utf-8")
    return dest


def test_killed_reindex_leaves_the_old_index_serving(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus")
    index = tmp_path / "index"
    reindex(corpus, index)
    before = fingerprint(index)
    current = store.current_name(index)
    big_corpus(corpus)
    env = dict(os.environ, KYOTEN_CORPUS=str(corpus), KYOTEN_INDEX=str(index))
    proc = subprocess.Popen(KYOTEN + ["reindex", "--full", "--no-semantic", "--json"], env=env, cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(index.glob(".building-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert list(index.glob(".building-*")), "the build never started"
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert store.current_name(index) == current
    assert fingerprint(index) == before
    summary = reindex(corpus, index)
    assert not list(index.glob(".building-*"))
    assert summary.documents == 5 + 25
    assert SearchService.open(index, semantic=False).search("緑区 多胎児", mode="bm25")["results"]


def _limit_file_size():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_disk_full_during_reindex_is_a_clear_error_and_keeps_the_old_index(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus")
    index = tmp_path / "index"
    reindex(corpus, index)
    before, current = fingerprint(index), store.current_name(index)
    big_corpus(corpus, copies=5)
    env = dict(os.environ, KYOTEN_CORPUS=str(corpus), KYOTEN_INDEX=str(index))
    done = subprocess.run(KYOTEN + ["reindex", "--full", "--no-semantic"], env=env, cwd=REPO,
                          capture_output=True, text=True, preexec_fn=_limit_file_size, timeout=300)
    assert done.returncode != 0
    assert "索引を書き込めません" in done.stderr
    assert "Traceback" not in done.stderr
    assert store.current_name(index) == current
    assert fingerprint(index) == before
    assert not list(index.glob(".building-*"))


def test_index_path_that_is_not_a_directory_is_a_clear_error(tmp_path):
    blocker = tmp_path / "index"
    blocker.write_text("not a folder")
    env = dict(os.environ, KYOTEN_CORPUS=str(CORPUS), KYOTEN_INDEX=str(blocker))
    done = subprocess.run(KYOTEN + ["reindex", "--no-semantic"], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "索引を書き込めません" in done.stderr and "Traceback" not in done.stderr


def test_second_reindex_at_the_same_time_exits_with_a_clear_message(tmp_path):
    index = tmp_path / "index"
    env = dict(os.environ, KYOTEN_CORPUS=str(CORPUS), KYOTEN_INDEX=str(index))
    with store.reindex_lock(index):
        done = subprocess.run(KYOTEN + ["reindex", "--no-semantic"], env=env, cwd=REPO,
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 3
    assert "別の再索引が実行中" in done.stderr
    assert store.current_name(index) is None


def test_a_generation_published_mid_search_is_not_read_half_way(tmp_path, monkeypatch):
    """Search pins one generation per call: a reindex that publishes while a search
    is between its keyword half and building results must not mix the two."""
    corpus = copy_corpus(tmp_path / "corpus")
    index = tmp_path / "index"
    reindex(corpus, index)
    service = SearchService.open(index, semantic=False)
    service.data.preloaded.wait(60)  # its warm-up search (a keyword search) has run
    keyword_half = retrieval_bm25.search
    published = []

    def keyword_half_then_publish(*args, **kwargs):
        hits = keyword_half(*args, **kwargs)
        if not published:  # once: the new generation's own warm-up search comes through here too
            published.append(True)
            (corpus / "002_1e0f9424e05a3b67.txt").unlink()  # the five-year summary: most passages
            reindex(corpus, index)
            service.refresh()  # switch now: the search in flight must stay on its generation
        return hits

    before = {p["passage_id"] for p in service.data.passages}
    monkeypatch.setattr(retrieval_bm25, "search", keyword_half_then_publish)
    result = service.search("多胎児", mode="bm25")
    assert {p["ward"] for p in result["results"]} == {"西区", "港南区"}
    assert {p["passage_id"] for p in result["results"]} <= before
    monkeypatch.undo()
    assert {p["ward"] for p in service.search("多胎児", mode="bm25")["results"]} == {"港南区"}


# -- person-set metadata (sidecars) -------------------------------------------------

from indexer import sidecar  # noqa: E402

NO_WARD = "地域子育て支援拠点 事業報告\n\n双子の家庭向けの交流会を始めた。\n"


def one_report(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A corpus folder holding one report whose text names no ward, and an index folder."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    report = corpus / "report.txt"
    report.write_text(NO_WARD, encoding="utf-8")
    return corpus, index, report


def wards_of(index_dir: Path) -> dict:
    gen = store.open_generation(index_dir)
    return {d["source"]: (d["ward"], d["fiscal_year_from"]) for d in gen.documents}


def test_person_set_metadata_survives_every_reindex(tmp_path):
    corpus, index, report = one_report(tmp_path)
    sidecar.write(report, sidecar.validate(ward="西区", year_from="令和5年度"))
    first = reindex(corpus, index)
    assert first.added == ["report.txt"] and first.failed == []
    assert wards_of(index)["report.txt"] == ("西区", 2023)
    assert reindex(corpus, index).unchanged == 1
    (corpus / "other.txt").write_text("栄区地域子育て支援拠点事業\n\nパパの会を開いた。\n", encoding="utf-8")
    reindex(corpus, index)
    reindex(corpus, index, full=True)
    assert wards_of(index)["report.txt"] == ("西区", 2023)
    service = SearchService.open(index, semantic=False)
    hits = service.search("双子", mode="bm25", ward="西区")["results"]
    assert hits and hits[0]["fiscal_year_from"] == 2023


def test_a_changed_added_or_removed_sidecar_reparses_its_unchanged_file(tmp_path):
    corpus, index, report = one_report(tmp_path)
    reindex(corpus, index)
    detected = wards_of(index)["report.txt"][0]
    assert detected != "港北区"
    sidecar.write(report, sidecar.validate(ward="港北区"))                    # added
    summary = reindex(corpus, index)
    assert summary.reparsed == ["report.txt"] and summary.unchanged == 0
    assert wards_of(index)["report.txt"][0] == "港北区"
    sidecar.write(report, sidecar.validate(ward="都筑区"))                    # changed
    assert reindex(corpus, index).reparsed == ["report.txt"]
    assert wards_of(index)["report.txt"][0] == "都筑区"
    sidecar.sidecar_path(report).unlink()                                     # removed
    assert reindex(corpus, index).reparsed == ["report.txt"]
    assert wards_of(index)["report.txt"][0] == detected
    assert SearchService.open(index, semantic=False).search("双子", mode="bm25", ward="都筑区")["results"] == []


def test_a_bad_sidecar_fails_its_file_with_the_reason_until_it_is_fixed(tmp_path):
    corpus, index, report = one_report(tmp_path)
    sidecar.sidecar_path(report).write_text('{"ward": "事業区"}', encoding="utf-8")
    summary = reindex(corpus, index)
    assert [f["file"] for f in summary.failed] == ["report.txt"]
    assert "事業区" in summary.failed[0]["reason"]
    assert summary.documents == 0
    assert [f["file"] for f in reindex(corpus, index).failed] == ["report.txt"]  # still reported
    sidecar.sidecar_path(report).write_text('{"ward": "南区"}', encoding="utf-8")
    fixed = reindex(corpus, index)
    assert fixed.failed == [] and fixed.retried == ["report.txt"]
    assert wards_of(index)["report.txt"][0] == "南区"


def test_a_file_moved_with_its_sidecar_keeps_its_metadata(tmp_path):
    corpus, index, report = one_report(tmp_path)
    sidecar.write(report, sidecar.validate(ward="瀬谷区", year_from="2021"))
    reindex(corpus, index)
    (corpus / "2021").mkdir()
    report.rename(corpus / "2021" / "report.txt")
    sidecar.sidecar_path(report).rename(sidecar.sidecar_path(corpus / "2021" / "report.txt"))
    summary = reindex(corpus, index)
    assert summary.added == ["2021/report.txt"] and summary.removed == ["report.txt"]
    assert wards_of(index) == {"2021/report.txt": ("瀬谷区", 2021)}


def test_a_sidecar_left_behind_by_a_moved_file_is_reported_not_ignored(tmp_path):
    corpus, index, report = one_report(tmp_path)
    sidecar.write(report, sidecar.validate(ward="瀬谷区"))
    reindex(corpus, index)
    (corpus / "2021").mkdir()
    report.rename(corpus / "2021" / "report.txt")          # the sidecar stays where it was
    summary = reindex(corpus, index)
    assert any("report.txt.meta.json" in note and "使われていません" in note for note in summary.notes)
    assert wards_of(index)["2021/report.txt"][0] != "瀬谷区"
    sidecar.sidecar_path(report).unlink()
    assert not any("meta.json" in note for note in reindex(corpus, index).notes)


def test_an_archive_parsed_by_several_processes_gives_the_same_index_as_one_process(tmp_path, monkeypatch):
    """A first build of many files parses them in worker processes; the records,
    their order and the failures are the same as when one process parses them."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k in range(7):  # 35 distinct files (a trailing blank line changes the content hash)
        for f in sorted(CORPUS.glob("*.txt")):
            (corpus / f"{k}_{f.name}").write_text(f.read_text(encoding="utf-8") + "\n" * k, encoding="utf-8")
    (corpus / "9_broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    results = {}
    for procs in ("2", "1"):
        monkeypatch.setenv("KYOTEN_INDEX_PROCS", procs)
        summary = reindex(corpus, tmp_path / f"ix{procs}")
        gen = store.open_generation(tmp_path / f"ix{procs}")
        results[procs] = (gen.documents, gen.passages, summary.failed, summary.added)
    assert len(results["2"][1]) > 1000
    assert [f["file"] for f in results["2"][2]] == ["9_broken.pdf"]
    assert results["2"] == results["1"]
