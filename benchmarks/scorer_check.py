"""Does the numpy keyword scorer rank exactly as Whoosh's searcher? (issue 13)

    python -m benchmarks.scorer_check INDEX_DIR [QUERIES.jsonl ...] [--limit 200]

For every query (the benchmark queries plus the "query" of each JSON line
given), the keyword half's Whoosh query as the service builds it is run through
`fastbm25` and through `searcher.search` with no filter, with the query's own
filters, with a ward filter, and with expansion terms; top-`limit` document
numbers must be the same in the same order and scores equal within 1e-9
(relative), or else be the same up to ties (`_same_up_to_ties`, counted
apart). Each query's concepts (the ward answer's `matching_passages`) must
match the same documents as `docs_for_query`. Prints mismatches and a summary.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.run import QUERIES


def read_queries(files: list[str]) -> list[str]:
    out = list(QUERIES)
    for f in files:
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["query"])
    return out


def _same_up_to_ties(fast, slow) -> bool:
    """Same scores position by position, and the same documents at every score
    above the last one; which of several documents tied at the last score fill
    the last places may differ. (Whoosh adds a passage's clause scores in a tree
    built per index segment from term counts, so two identical passages in two
    segments can score one float ulp apart, and its top-k skipping is not
    order-stable among documents tied at the k-th score; the fast scorer adds in
    one order everywhere and orders exact ties by document number.)"""
    if len(fast) != len(slow):
        return False
    key = lambda x: round(x, 9)  # noqa: E731 - one ulp apart = the same score
    if [key(a) for _, a in fast] != [key(b) for _, b in slow]:
        return False
    cut = key(slow[-1][1]) if slow else None
    above = lambda hits: sorted((key(sc), d) for d, sc in hits if key(sc) != cut)  # noqa: E731
    return above(fast) == above(slow)


def compare(index_dir: Path, queries: list[str], limit: int = 200, verbose: bool = True) -> dict:
    from search_app.params import Filters
    from search_app.query import parse_query
    from search_app.service import SearchService

    service = SearchService.open(index_dir, semantic=False)
    data = service.data
    data.preloaded.wait()   # the arrays derived after opening (word postings) are used
    searcher = data.searcher()
    # Whoosh's side: a searcher of its own (the service's answers document
    # frequencies from the fast scorer's arrays)
    plain = data.ix.searcher(weighting=data.weighting)
    wards = [w for w in data.ward_names if w][:2]
    checked = mismatched = concepts_checked = ties = 0
    fast_s = whoosh_s = 0.0
    worst = 0.0
    for text in queries:
        parsed = parse_query(text)
        builder = service.builder()
        q = builder.build(parsed)
        if q is None:
            continue
        own = Filters()  # the filters the query itself names (a ward, a year)
        if len(parsed.wards) == 1:
            own.ward = parsed.wards[0]
        if parsed.years:
            own.year_from, own.year_to = parsed.years
        variants = [("plain", q, Filters()), ("own filters", q, own)]
        for w in wards:
            f = Filters()
            f.ward = w
            variants.append((f"ward={w}", q, f))
        words = [t.term for t in parsed.terms][:1]
        if words:
            variants.append(("expanded", builder.build(parsed, [(words[0] + "支援", 0.3), ("相談", 0.2)]), Filters()))
        for label, query, f in variants:
            allowed = data.docnum_filter(f)
            if allowed is not None and not allowed:
                continue
            t0 = time.perf_counter()
            fast = data.fast.top(searcher, query, data.docnum_mask(allowed), limit)
            t1 = time.perf_counter()
            slow = [(h.docnum, h.score) for h in plain.search(query, filter=allowed, limit=limit)]
            t2 = time.perf_counter()
            fast_s += t1 - t0
            whoosh_s += t2 - t1
            checked += 1
            same_ids = [d for d, _ in fast] == [d for d, _ in slow]
            diffs = [abs(a - b) / max(abs(b), 1e-12) for (_, a), (_, b) in zip(fast, slow)]
            err = max(diffs, default=0.0)
            worst = max(worst, err)
            if not same_ids and err <= 1e-9 and _same_up_to_ties(fast, slow):
                ties += 1
                continue
            if not same_ids or err > 1e-9:
                mismatched += 1
                if verbose:
                    print(f"MISMATCH {text!r} [{label}] ids equal={same_ids} max rel err={err:.3g} "
                          f"fast={fast[:5]} whoosh={slow[:5]}", flush=True)
        for c in builder.concepts(parsed):
            concepts_checked += 1
            a = np.sort(data.fast.matches(searcher, c.query))
            b = np.sort(np.fromiter(plain.docs_for_query(c.query), dtype=np.int64))
            if not np.array_equal(a, b):
                mismatched += 1
                if verbose:
                    print(f"MISMATCH concept {c.term!r} of {text!r}: {len(a)} vs {len(b)} documents", flush=True)
    return {"index": str(index_dir), "passages": data.n, "queries": len(queries), "rankings": checked,
            "concepts": concepts_checked, "mismatches": mismatched, "max_rel_score_error": worst,
            "equal_up_to_ties": ties,
            "fast_ms_per_ranking": round(1000 * fast_s / max(1, checked), 2),
            "whoosh_ms_per_ranking": round(1000 * whoosh_s / max(1, checked), 2)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scorer_check", description=__doc__.split("\n")[0])
    parser.add_argument("index")
    parser.add_argument("queries", nargs="*", help="JSON lines files with a 'query' field")
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args(argv)
    result = compare(Path(args.index), read_queries(args.queries), args.limit)
    print(json.dumps(result, ensure_ascii=False))
    return 1 if result["mismatches"] else 0


if __name__ == "__main__":
    sys.exit(main())
