"""Old Word files are converted several to one LibreOffice run, and a bad file
stays a failure of its own.

The batch behaviour is checked with a stand-in for LibreOffice (a script that
"converts" each input by prefixing its bytes, and that refuses, crashes on or
hangs on an input carrying a marker), so every path is exercised in
seconds; the last test uses the real LibreOffice on the real fixtures.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest

from indexer.load import LoadError, convertbatch, load_file, officeconvert

REPO = Path(__file__).resolve().parent.parent
LEGACY = REPO / "tests" / "data" / "legacy"
KIND = "Word 文書（.doc）"

FAKE_SOFFICE = f"""#!{sys.executable}
import os, sys, time
args = sys.argv[1:]
out = args[args.index("--outdir") + 1]
inputs = args[args.index("--outdir") + 2:]
with open(os.environ["FAKE_RUNS"], "a") as log:
    log.write(f"{{len(inputs)}}\\n")
os.makedirs(out, exist_ok=True)
for src in inputs:
    data = open(src, "rb").read()
    if b"HANG" in data:
        time.sleep(600)
    if b"CRASH" in data:
        os.kill(os.getpid(), 9)
    if b"REFUSE" in data:
        print("Error: source file could not be loaded", flush=True)
        continue
    stem = os.path.splitext(os.path.basename(src))[0]
    with open(os.path.join(out, stem + ".docx"), "wb") as f:
        f.write(b"PK\\x03\\x04converted:" + data)
"""


@pytest.fixture
def fake_office(tmp_path, monkeypatch) -> Path:
    """LibreOffice replaced by the stand-in; returns the file listing each run's input count."""
    exe = tmp_path / "soffice"
    exe.write_text(FAKE_SOFFICE)
    exe.chmod(0o755)
    runs = tmp_path / "runs.txt"
    runs.write_text("")
    monkeypatch.setattr(officeconvert, "executable", lambda: str(exe))
    monkeypatch.setenv("FAKE_RUNS", str(runs))
    return runs


def items(*contents: bytes) -> list[officeconvert.Conversion]:
    return [officeconvert.Conversion(c, f"file{i}.doc", ".doc", KIND) for i, c in enumerate(contents)]


def runs(log: Path) -> list[int]:
    return [int(line) for line in log.read_text().split()]


def converted(data: bytes) -> bytes:
    return b"PK\x03\x04converted:" + data


def test_several_old_word_files_are_converted_in_one_run_each_into_its_own_output(fake_office):
    files = items(*(f"report {i}".encode() for i in range(5)))
    results = officeconvert.convert_many(files)
    assert results == [converted(f.data) for f in files]
    assert runs(fake_office) == [5]


def test_a_batch_holds_at_most_the_batch_size(fake_office, monkeypatch):
    monkeypatch.setattr(officeconvert, "BATCH_SIZE", 2)
    files = items(*(f"report {i}".encode() for i in range(5)))
    assert officeconvert.convert_many(files) == [converted(f.data) for f in files]
    assert runs(fake_office) == [2, 2, 1]


def test_a_file_libreoffice_cannot_read_is_reported_alone_and_the_rest_of_the_batch_kept(fake_office):
    files = items(b"report 0", b"REFUSE me", b"report 2")
    results = officeconvert.convert_many(files)
    assert results[0] == converted(b"report 0") and results[2] == converted(b"report 2")
    assert isinstance(results[1], LoadError) and results[1].name == "file1.doc"
    assert results[1].reason == officeconvert.msg_failed(KIND)
    assert runs(fake_office) == [3]   # an orderly refusal needs no second run


def test_a_file_that_crashes_libreoffice_mid_batch_is_reported_alone_and_the_others_kept(fake_office):
    files = items(b"report 0", b"report 1", b"CRASH here", b"report 3", b"report 4")
    results = officeconvert.convert_many(files)
    assert isinstance(results[2], LoadError) and results[2].reason == officeconvert.msg_failed(KIND)
    assert [r for i, r in enumerate(results) if i != 2] == [converted(f.data) for i, f in enumerate(files) if i != 2]
    # the batch, then one by one: the file converted last before the crash (its
    # output may be cut short), the crashing one and the two never reached
    assert runs(fake_office) == [5, 1, 1, 1, 1]


def test_a_file_that_hangs_libreoffice_in_a_batch_is_stopped_at_the_per_file_limit_and_reported_alone(
        fake_office, monkeypatch):
    monkeypatch.setattr(officeconvert, "TIMEOUT", 1.0)
    files = items(b"report 0", b"HANG here", b"report 2")
    results = officeconvert.convert_many(files)
    assert results[0] == converted(b"report 0") and results[2] == converted(b"report 2")
    assert isinstance(results[1], LoadError)
    assert results[1].reason == officeconvert.msg_timeout(KIND, 1.0)


@pytest.mark.skipif(officeconvert.executable() is None, reason="LibreOffice is not installed")
def test_a_reindexs_old_word_files_read_the_same_when_converted_in_one_run(caplog):
    files = sorted(LEGACY.glob("0*.doc")) + sorted(LEGACY.glob("0*.rtf"))
    alone = {f.name: load_file(f).text for f in files}
    with caplog.at_level(logging.INFO, logger="indexer.load"):
        with convertbatch.prepared(files, 20 * 1024 * 1024):
            assert os.environ.get(officeconvert.PREPARED_ENV)
            batched = {f.name: load_file(f).text for f in files}
    assert batched == alone
    assert f"converted {len(files)} files in one LibreOffice run" in caplog.text
    assert "converted to .docx in" not in caplog.text   # no file was converted again when parsed
    assert not os.environ.get(officeconvert.PREPARED_ENV)


def test_a_reindexs_large_old_word_files_are_split_into_batches_that_bound_memory(fake_office, tmp_path, monkeypatch):
    word = (LEGACY / "000_8f4773b09691ae88.docx.doc").read_bytes()
    paths = []
    for i in range(5):
        path = tmp_path / f"report{i}.doc"
        path.write_bytes(word + bytes(i))   # five distinct Word files of about the same size
        paths.append(path)
    monkeypatch.setattr(convertbatch, "BATCH_BYTES", int(len(word) * 2.5))
    with convertbatch.prepared(paths, 20 * 1024 * 1024):
        ready = [officeconvert.prepared_result(p.read_bytes(), ".doc") for p in paths]
    assert ready == [converted(p.read_bytes()) for p in paths]
    assert sorted(runs(fake_office)) == [1, 2, 2]
