"""The duplicate check of an upload request against an archive-sized corpus.

Makes a corpus of N files of S KB (random bytes, distinct sizes) and times, in
turn, `--rounds` times: (a) hashing every corpus file, what the upload request
did before (`corpus_hashes`), and (b) `uploads.CorpusContents` as the request
uses it now (a walk and a stat of every file, hashing only those of the
upload's size), for an upload of a new file and for a re-upload of one of the
corpus files. Not a test: figures depend on the machine, its load and whether
the files are in the page cache (they are after the first round).

    python -m benchmarks.upload_duplicates [--files 2000] [--kb 1024] [--rounds 3]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from indexer.corpus import corpus_files  # noqa: E402
from indexer.load import file_sha256  # noqa: E402
from search_app.uploads import CorpusContents  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--kb", type=int, default=1024)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kyoten-dup-bench-"))
    try:
        corpus = work / "corpus"
        for i in range(args.files):
            folder = corpus / f"ward{i % 18:02d}" / f"{2005 + i % 20}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"report{i}.pdf").write_bytes(os.urandom(args.kb * 1024 + i))
        reupload = (corpus / "ward05" / f"{2005 + 5}" / "report5.pdf").read_bytes()
        new = os.urandom(args.kb * 1024 + args.files + 7)
        total = sum(p.stat().st_size for p in corpus_files(corpus))
        print(f"{args.files} files, {total / 2**20:.0f} MB; load {os.getloadavg()[0]:.2f}", flush=True)
        for rnd in range(args.rounds):
            t0 = time.perf_counter()
            everything = {file_sha256(p) for p in corpus_files(corpus)}
            t_all = time.perf_counter() - t0


            t0 = time.perf_counter()
            found_new = CorpusContents(corpus).find(hashlib.sha256(new).hexdigest(), len(new))
            t_new = time.perf_counter() - t0
            t0 = time.perf_counter()
            found_dup = CorpusContents(corpus).find(hashlib.sha256(reupload).hexdigest(), len(reupload))
            t_dup = time.perf_counter() - t0
            assert found_new is None and found_dup and len(everything) == args.files
            print(f"round {rnd + 1}: hash every file {t_all:6.2f} s | by size: new file {t_new:6.3f} s, "
                  f"re-upload {t_dup:6.3f} s ({found_dup}); load {os.getloadavg()[0]:.2f}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
