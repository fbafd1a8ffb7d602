"""Index generations: a request's generation is never removed under it, and a crash
between renaming a build into place and switching CURRENT loses nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indexer import store
from indexer.reindex import reindex
from search_app.service import SearchService

REPO = Path(__file__).resolve().parent.parent


def publish_a_change(corpus: Path, index: Path, n: int) -> str:
    (corpus / "n.txt").write_text(f"栄区地域子育て支援拠点事業\n\n多胎児の交流会{n}回目。\n", encoding="utf-8")
    return reindex(corpus, index).generation


@pytest.fixture
def corpus(tmp_path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text("港南区地域子育て支援拠点事業\n\n双子の家庭の集いを開いた。\n", encoding="utf-8")
    return root


def gens(index: Path) -> list[str]:
    return sorted(p.name for p in index.glob("gen-*"))


def test_a_generation_pinned_by_a_long_request_in_another_process_survives_two_publishes(
        tmp_path, corpus, monkeypatch):
    monkeypatch.setenv(store.GRACE_ENV_VAR, "0")
    index = tmp_path / "index"
    held = publish_a_change(corpus, index, 0)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from indexer import store\n"
         f"with store.pin({str(index)!r}, {held!r}):\n"
         "    print('pinned', flush=True); sys.stdin.read()"],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "pinned"
        publish_a_change(corpus, index, 1)
        newest = publish_a_change(corpus, index, 2)
        assert held in gens(index) and store.current_name(index) == newest
        old = store.open_generation(index, held)          # the long request can still read it
        assert [d["source"] for d in old.documents] == ["a.txt", "n.txt"]
    finally:
        holder.stdin.close()                              # the request ends
        holder.wait(timeout=30)
    publish_a_change(corpus, index, 3)
    assert held not in gens(index) and len(gens(index)) == 2


def test_a_pin_in_this_process_holds_too_and_a_removed_generation_is_reported_gone(
        tmp_path, corpus, monkeypatch):
    monkeypatch.setenv(store.GRACE_ENV_VAR, "0")
    index = tmp_path / "index"
    first = publish_a_change(corpus, index, 0)
    with store.pin(index, first) as path:
        publish_a_change(corpus, index, 1)
        publish_a_change(corpus, index, 2)
        assert (path / "records.json").exists()
    publish_a_change(corpus, index, 3)
    assert first not in gens(index)
    with pytest.raises(store.GenerationGoneError):
        with store.pin(index, first):
            pass


def test_superseded_generations_are_kept_for_the_grace_period(tmp_path, corpus, monkeypatch):
    index = tmp_path / "index"
    monkeypatch.setenv(store.GRACE_ENV_VAR, "3600")
    names = [publish_a_change(corpus, index, n) for n in range(4)]
    assert gens(index) == sorted(names)                    # a request may still read any of them
    monkeypatch.setenv(store.GRACE_ENV_VAR, "0")
    last = publish_a_change(corpus, index, 4)
    assert gens(index) == [names[-1], last]


def test_a_crash_between_rename_and_switch_keeps_the_real_previous_generation(
        tmp_path, corpus, monkeypatch):
    monkeypatch.setenv(store.GRACE_ENV_VAR, "0")
    index = tmp_path / "index"
    publish_a_change(corpus, index, 0)
    serving = publish_a_change(corpus, index, 1)
    # a build renamed into place, then the process died before CURRENT was switched
    building = store.new_building_dir(index)
    shutil.copytree(index / serving, building, dirs_exist_ok=True)
    orphan = building.name.replace(".building-", "gen-")
    building.rename(index / orphan)
    assert store.current_name(index) == serving
    service = SearchService.open(index, semantic=False)
    assert service.health()["generation"] == serving
    newest = publish_a_change(corpus, index, 2)
    assert store.current_name(index) == newest and store.previous_name(index) == serving
    assert gens(index) == sorted([serving, newest])        # the orphan went, the real previous stayed


def test_a_generation_that_never_became_current_is_removed_by_the_next_reindex(tmp_path, corpus):
    index = tmp_path / "index"
    serving = publish_a_change(corpus, index, 0)
    building = store.new_building_dir(index)
    shutil.copytree(index / serving, building, dirs_exist_ok=True)
    orphan = building.name.replace(".building-", "gen-")
    building.rename(index / orphan)
    newest = publish_a_change(corpus, index, 1)            # default grace: superseded ones stay
    assert orphan not in gens(index)
    assert gens(index) == sorted([serving, newest])
