"""Edits tests make to a built index or a corpus, to exercise incremental updates."""

from __future__ import annotations

import shutil
from pathlib import Path

from whoosh import query as Q

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"


def delete_two_passages(ix, word: str = "多胎児") -> list[str]:
    """Delete the first and last passage Whoosh finds for `word`, committed without
    merging (the segment keeps deletions); return their passage ids."""
    with ix.searcher() as s:
        hits = s.search(Q.Term("text", word), limit=None)
        victims = [hits[0]["passage_id"], hits[len(hits) - 1]["passage_id"]]
    writer = ix.writer()
    for pid in victims:
        writer.delete_by_term("passage_id", pid)
    writer.commit(optimize=False)
    return victims


def seed_reports_but_the_last(tmp_path: Path, reindex) -> tuple[Path, Path, list[Path]]:
    """A corpus of every seed report but the last, indexed with `reindex`; the last
    report is then copied in (not yet indexed). Returns (corpus, index, files)."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    files = sorted(CORPUS.glob("*.txt"))
    for f in files[:-1]:
        shutil.copy(f, corpus / f.name)
    reindex(corpus, index)
    shutil.copy(files[-1], corpus / files[-1].name)
    return corpus, index, files
