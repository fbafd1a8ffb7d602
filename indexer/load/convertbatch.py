"""The old Word files (and OpenDocument files) of a reindex converted in batches before they are parsed.

LibreOffice's start-up (1.3–2.3 s) dominates converting one .doc or .rtf, so
converting the files one run each costs seconds per file; one run for up to
`officeconvert.BATCH_SIZE` files costs it once (docs/benchmarks.md, "Old Word
files converted in batches"). The files are parsed one by one afterwards
(possibly in worker processes), each by its own loader, so the conversions
are made first, for the files the loaders would hand to LibreOffice
(`doc.conversion`, `rtf.conversion`, `odf.conversion`), and kept in a locked work folder for the
time of the parse (`officeconvert.work_folder`: swept if the reindex is
killed). The loaders find them there through `officeconvert.prepared_result`
(the folder is named in the environment, which worker processes inherit).

Nothing depends on it for correctness: a file whose batch conversion is
missing (not prepared, an unexpected error) is converted alone when parsed,
exactly as without this module, and a file LibreOffice could not convert
gets the same reason as when converted alone (`officeconvert.convert_many`
isolates failures per file).
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from . import doc as doc_format
from . import odf as odf_format
from . import rtf as rtf_format
from . import officeconvert
from .common import LoadError

logger = logging.getLogger(__name__)

_MODULES = {suffix: module for module in (doc_format, rtf_format, odf_format) for suffix in module.SUFFIXES}
# A batch's files are held in memory while LibreOffice converts them: bounded in
# bytes too (a batch of large files is split), one file larger than this goes alone.
BATCH_BYTES = 64 * 1024 * 1024


@contextmanager
def prepared(paths: Iterable[Path], max_bytes: int, workers: int = 1):
    """Convert the old Word files among `paths` in batches (`workers` LibreOffice
    runs at a time) and make the results available to the loaders for the
    time of the block. Fewer than two such files: nothing to gain, nothing done."""
    candidates = [Path(p) for p in paths if Path(p).suffix.lower() in _MODULES]
    if len(candidates) < 2 or officeconvert.executable() is None or os.environ.get(officeconvert.PREPARED_ENV):
        yield
        return
    chunks = _chunks(candidates, officeconvert.BATCH_SIZE, BATCH_BYTES)
    with officeconvert.work_folder(officeconvert.TIMEOUT * len(candidates)) as folder:
        out = folder / "converted"
        out.mkdir()
        with ThreadPoolExecutor(max(1, min(workers, len(chunks))), thread_name_prefix="convert") as pool:
            done = sum(pool.map(lambda chunk: _convert_chunk(chunk, out, max_bytes), chunks))
        logger.info("converted %d old Word files in %d batches", done, len(chunks))
        os.environ[officeconvert.PREPARED_ENV] = str(out)
        try:
            yield
        finally:
            os.environ.pop(officeconvert.PREPARED_ENV, None)


def _chunks(paths: list[Path], most: int, most_bytes: int) -> list[list[Path]]:
    """`paths` in order, in runs of at most `most` files and `most_bytes` bytes."""
    chunks: list[list[Path]] = []
    size = 0
    for path in paths:
        try:
            n = path.stat().st_size
        except OSError:
            n = 0
        if not chunks or len(chunks[-1]) >= most or (chunks[-1] and size + n > most_bytes):
            chunks.append([])
            size = 0
        chunks[-1].append(path)
        size += n
    return chunks


def _convert_chunk(paths: list[Path], out: Path, max_bytes: int) -> int:
    """Convert what the loaders would convert among `paths`; keep each result
    (.docx bytes, or the failure reason) under its key. Returns how many."""
    try:
        items = []
        for path in paths:
            try:
                if path.stat().st_size > max_bytes:
                    continue   # refused by load_file before any conversion
                data = path.read_bytes()
            except OSError:
                continue
            item = _MODULES[path.suffix.lower()].conversion(data, path.name)
            if item is not None:
                items.append(item)
        results = officeconvert.convert_many(items) if items else []
        for item, result in zip(items, results):
            base = out / officeconvert.prepared_key(item.data, item.suffix)
            if isinstance(result, LoadError):
                _write(base.with_name(base.name + ".reason"), result.reason.encode("utf-8"))
            else:
                _write(base.with_name(base.name + ".docx"), result)
        return len(items)
    except Exception:  # noqa: BLE001 — the files are then converted one by one when parsed
        logger.exception("batch conversion of %d files failed; they are converted one by one", len(paths))
        return 0


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
