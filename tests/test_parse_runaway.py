"""A file whose parsing runs away is stopped and named; the rest of the batch is indexed.

A text of one 120 KB line naming a ward 20,000 times once took over a minute to parse
(each mention looked back over the whole line; fixed since, tests/test_parse_long_lines.py);
an archive upload holding such a file held the reindex, and every upload queued behind it,
for as long as it ran. `indexer.reindex.PARSE_CPU_SECONDS` bounds the CPU time one file may
take, whatever the parser defect: here a parser that never ends on one file stands for the
next such defect."""

from __future__ import annotations

import shutil
from pathlib import Path

from indexer import reindex as reindex_module
from indexer.reindex import reindex

SEED = Path(__file__).resolve().parent.parent / "corpus" / "000_8f4773b09691ae88.txt"


def test_a_file_whose_parsing_runs_away_is_stopped_and_named_and_the_others_are_indexed(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    (corpus / "one_line.txt").write_text("泉区の取組、" * 20000, encoding="utf-8")
    parse = reindex_module.parse_parts

    def parse_that_never_ends_on_one_file(path, *args, **kwargs):
        while path.name == "one_line.txt":   # spins on the CPU until the limit stops it
            pass
        return parse(path, *args, **kwargs)

    monkeypatch.setattr(reindex_module, "parse_parts", parse_that_never_ends_on_one_file)
    monkeypatch.setattr(reindex_module, "PARSE_CPU_SECONDS", 1.0)
    summary = reindex(corpus, tmp_path / "index")
    assert [f["file"] for f in summary.failed] == ["one_line.txt"]
    assert "時間がかかりすぎる" in summary.failed[0]["reason"]
    assert summary.documents == 1 and summary.passages > 0      # the seed report is in


def test_the_limit_is_disarmed_after_each_file(tmp_path, monkeypatch):
    import signal

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    monkeypatch.setattr(reindex_module, "PARSE_CPU_SECONDS", 30.0)
    before = signal.getsignal(signal.SIGPROF)
    reindex(corpus, tmp_path / "index")
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGPROF) == before
