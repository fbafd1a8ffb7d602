"""The semantic index is never silently lost: a reindex without the model keeps the
vectors of unchanged passages, counts the passages still lacking one, and the next
reindex with the model embeds only those."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from indexer import store
from indexer.reindex import reindex
from search_app.indexing import build_index
from search_app.service import SearchService

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
KYOTEN = [sys.executable, "-m", "search_app.cli"]
EXTRA = ("旭区地域子育て支援拠点事業\n\n"
         "ペンギン広場で双子の家庭向けの交流会を始めた。\n\n"
         "プレママ向けの沐浴教室を毎月開いた。\n")


def rows_by_passage(index: Path, name: str | None = None) -> dict:
    gen = store.open_generation(index, name)
    return {p["passage_id"]: np.asarray(gen.vectors[i]) for i, p in enumerate(gen.passages)}


def manifest(index: Path) -> dict:
    return store.open_generation(index).manifest


def semantic_service(index: Path, embedder) -> SearchService:
    service = SearchService.open(index)
    service.use_embedder(embedder)  # the session's loaded model
    return service


def test_a_keyword_only_reindex_after_a_semantic_build_keeps_every_vector(semantic_copy, embedder):
    corpus, index = semantic_copy
    before, model_before = rows_by_passage(index), manifest(index)
    (index / "embeddings.sqlite").unlink()          # the vectors come from the generation itself
    env = dict(os.environ, KYOTEN_CORPUS=str(corpus), KYOTEN_INDEX=str(index))
    done = subprocess.run(KYOTEN + ["reindex", "--no-semantic", "--json"], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["semantic"] and summary["unembedded"] == 0 and summary["embedded"] == 0
    assert any("これまでの埋め込み" in n for n in summary["notes"])
    after = rows_by_passage(index)
    assert after.keys() == before.keys()
    assert all(np.array_equal(after[k], before[k]) for k in before)
    m = manifest(index)
    assert (m["model_key"], m["dim"], m["unembedded"]) == (model_before["model_key"], model_before["dim"], 0)
    hits = semantic_service(index, embedder).search("双子", mode="semantic")["results"]
    assert {"港南区", "西区"} & {h["ward"] for h in hits[:10]}


def test_a_keyword_only_reindex_counts_new_passages_as_unembedded_and_the_next_model_reindex_fills_them(
        semantic_copy, embedder):
    corpus, index = semantic_copy
    before = rows_by_passage(index)
    (corpus / "extra.txt").write_text(EXTRA, encoding="utf-8")
    summary = reindex(corpus, index, embedder=None)
    gen = store.open_generation(index)
    new_ids = {p["passage_id"] for p in gen.passages if p["source"]["file"] == "extra.txt"}
    assert new_ids and summary.added == ["extra.txt"]
    assert summary.semantic and summary.unembedded == len(new_ids) == gen.manifest["unembedded"]
    assert any(f"埋め込みがない {len(new_ids)} 件は、モデルを使う次回の再索引で追加されます" in n
               for n in summary.notes)
    after = rows_by_passage(index)
    assert all(not after[k].any() for k in new_ids)                       # zero rows, one per passage
    assert all(np.array_equal(after[k], before[k]) for k in before)      # the rest kept
    assert len(gen.vectors) == len(gen.passages)
    hits = semantic_service(index, embedder).search("多胎児の家庭の交流", mode="semantic")["results"]
    assert hits and hits[0]["ward"] in {"港南区", "西区"}                  # passages with a vector answer

    filled = reindex(corpus, index, embedder=embedder)
    assert filled.unembedded == 0 and 0 < filled.embedded <= len(new_ids)
    assert filled.unchanged == 6 and filled.added == []
    final = rows_by_passage(index)
    assert all(final[k].any() for k in final)
    assert all(np.array_equal(final[k], before[k]) for k in before)
    assert manifest(index)["unembedded"] == 0


class OtherModel:
    """A second embedding model (tiny and deterministic) standing in for a model change."""
    model_name = "other-model"
    cache_key = "other-model:test"
    dim = 8

    def encode_passages(self, texts, show_progress=False, **_kwargs):
        rows = np.stack([np.frombuffer(hashlib.sha256(t.encode()).digest()[:8], dtype=np.uint8)
                         .astype(np.float32) + 1 for t in texts]) if texts else np.zeros((0, 8), np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_another_model_re_embeds_everything_and_without_a_model_its_vectors_are_kept(
        semantic_copy, embedder):
    corpus, index = semantic_copy
    passages = len(store.open_generation(index).passages)
    switched = reindex(corpus, index, embedder=OtherModel())
    assert switched.model == "other-model" and switched.unembedded == 0 and switched.embedded > 0
    assert any("埋め込みモデルが変わった" in n for n in switched.notes)
    assert (manifest(index)["model_key"], manifest(index)["dim"]) == ("other-model:test", 8)
    (corpus / "extra.txt").write_text(EXTRA, encoding="utf-8")
    kept = reindex(corpus, index, embedder=None)                # vectors cannot be mixed: keep the old key
    assert manifest(index)["model_key"] == "other-model:test" and kept.semantic
    assert kept.unembedded == kept.passages - passages > 0
    back = reindex(corpus, index, embedder=embedder)            # the seed texts come from the cache
    assert back.unembedded == 0 and back.embedded <= kept.unembedded
    assert manifest(index)["model_key"] == embedder.cache_key and manifest(index)["dim"] == embedder.dim


def test_without_any_vectors_or_model_the_summary_says_so(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "extra.txt").write_text(EXTRA, encoding="utf-8")
    monkeypatch.setenv("KYOTEN_MODEL", "no-such-model")
    summary = build_index(corpus, tmp_path / "index", semantic=True)
    assert not summary.semantic and summary.unembedded == summary.passages > 0
    assert any("no-such-model" in n for n in summary.notes)
    assert any("意味検索用の埋め込みがありません" in n for n in summary.notes)
    m = manifest(tmp_path / "index")
    assert m["model_key"] is None and m["unembedded"] == summary.passages
