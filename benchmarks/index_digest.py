"""Digests of what a keyword index holds, to check that a build change keeps it.

    python -m benchmarks.index_digest INDEX_OR_FULLTEXT_DIR [--files]

Prints one JSON object of sha256 digests, independent of how the passages were
cut into segments (the documents are numbered across the whole index):

* ``postings``: every field's terms in order, each term's statistics (weight,
  document frequency, length and weight bounds) and postings (document, weight,
  encoded value);
* ``stored``: the stored fields in document order and each document's field lengths;
* ``spans``: every array of the token-spans store (`indexer.tokenspans`);
* ``positions``: the positions stored beside the segments (`indexer.positions`),
  as (term, document, positions) rows across segments;
* ``segments`` (with ``--files``): each segment file's bytes, segment id removed
  (equal only when the passages were cut into the same segments).

Two builds of the same passages hold the same index when every digest but
``segments`` is equal (and ``segments`` too when they were cut alike).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np


def _fulltext_dir(path: Path) -> Path:
    from indexer import store

    path = Path(path)
    name = store.current_name(path)
    if name:
        return path / name / "fulltext"
    return path / "fulltext" if (path / "fulltext").is_dir() else path


def digests(path: Path, files: bool = False) -> dict:
    from whoosh import index

    from indexer import fulltext, positions, tokenspans

    folder = _fulltext_dir(path)
    ix = index.open_dir(str(folder))
    out: dict[str, str | int] = {}
    h = hashlib.sha256()
    terms = 0
    with ix.reader() as reader:
        for field, term in reader.all_terms():
            info = reader.term_info(field, term)
            m = reader.postings(field, term)
            ids, weights, values = [], [], []
            while m.is_active():
                ids.append(m.id())
                weights.append(m.weight())
                values.append(m.value())
                m.next()
            # (repr, not pickle: equal values read from blocks where pickle shared one object
            # would pickle differently)
            h.update(repr((field, term, info.weight(), info.doc_frequency(), info.min_length(),
                           info.max_length(), info.max_weight(), ids, weights, values)).encode())
            terms += 1
        out["postings"] = h.hexdigest()
        out["terms"] = terms
        h = hashlib.sha256()
        fields = sorted(n for n, f in ix.schema.items() if f.scorable)
        for d in range(reader.doc_count_all()):
            h.update(repr((reader.stored_fields(d), [reader.doc_field_length(d, f) for f in fields])).encode())
        out["stored"] = h.hexdigest()
        out["documents"] = reader.doc_count_all()

    store = tokenspans.read_arrays(fulltext.spans_path(folder))
    if store is not None:
        h = hashlib.sha256()
        for name in sorted(store):
            h.update(name.encode())
            h.update(json.dumps(store[name], ensure_ascii=False).encode() if name == "vocab"
                     else np.ascontiguousarray(store[name]).tobytes())
        out["spans"] = h.hexdigest()

    rows = []
    for seg, base in zip(ix._segments(), _docbases(ix)):
        stored = positions.SegmentPositions.open(positions.segment_folder(folder, seg.segment_id()),
                                                 fulltext.POSITIONS_FIELD)
        if stored is None:
            continue
        counts = stored.counts.astype(np.int64)
        for t, term in enumerate(stored.terms.tolist()):
            a, b = int(stored.term_rows[t]), int(stored.term_rows[t + 1])
            first = int(stored.term_first[t])
            for doc, count in zip(stored.docs[a:b].tolist(), counts[a:b].tolist()):
                rows.append((term, base + doc, stored.positions[first:first + count].tolist()))
                first += count
    if rows:
        rows.sort(key=lambda r: (r[0], r[1]))
        out["positions"] = hashlib.sha256(repr(rows).encode()).hexdigest()
        out["position_rows"] = len(rows)

    if files:
        h = hashlib.sha256()
        for seg in ix._segments():
            storage = seg.open_compound_file(ix.storage) if seg.is_compound() else ix.storage
            for name in sorted(storage.list()):
                if seg.segid in name:
                    h.update(name.replace(seg.segid, "").encode())
                    h.update(storage.open_file(name).read())
        out["segments"] = h.hexdigest()
        out["segment_count"] = len(ix._segments())
    return out


def _docbases(ix) -> list[int]:
    bases, n = [], 0
    for seg in ix._segments():
        bases.append(n)
        n += seg.doc_count_all()
    return bases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.index_digest", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("index", help="an index folder (its current generation), a generation, or a fulltext folder")
    parser.add_argument("--files", action="store_true", help="also digest the segment files")
    args = parser.parse_args(argv)
    print(json.dumps(digests(Path(args.index), files=args.files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
