"""Does a change to the result builder leave every answer as it was? (issue 13)

    python -m benchmarks.answer_check dump INDEX_DIR OUT.jsonl [QUERIES.jsonl ...]
        [--synthetic 300] [--modes bm25,hybrid] [--seed 0]
    python -m benchmarks.answer_check compare BEFORE.jsonl AFTER.jsonl

`dump` runs, through `SearchService.search` (the JSON the API returns), the
benchmark queries, the "query" (and "filter") of every JSON line given, and
`--synthetic` queries drawn from the index's own passages (seeded: one to three
of a passage's analysed words, some with a ward or fiscal year in front), each
as the first page, the second page, k=30, with a ward filter and with a year
filter, in each mode; one JSON line per search with everything but `took_ms`.
Run it from the tree before and the tree after a change (`PYTHONPATH=<tree>`,
same index, same `PYTHONHASHSEED`), then `compare` the two files: it prints
how many searches differ and the first differing field of a few.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from benchmarks.run import QUERIES

SEARCH_KEYS = {"ward", "year", "section", "programme", "doc_type"}


def judged(files: list[str]) -> list[tuple[str, dict]]:
    out = []
    for f in files:
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                filters = {k: v for k, v in (d.get("filter") or {}).items() if k in SEARCH_KEYS}
                out.append((d["query"], filters))
    return out


def synthetic(data, n: int, seed: int) -> list[str]:
    """`n` queries made of the index's own words: one to three analysed words of
    one passage (two characters or more), sometimes after a ward or a fiscal year."""
    from indexer.analysis import japanese_analyzer

    analyzer = japanese_analyzer()
    rng = random.Random(seed)
    wards = sorted({p["ward"] for p in data.passages if p["ward"]})
    out: list[str] = []
    while len(out) < n:
        text = data.passages[rng.randrange(data.n)]["text"]
        words = [t.text for t in analyzer(text[:400], mode="query") if len(t.text) >= 2]
        if not words:
            continue
        picked = rng.sample(words, min(len(words), rng.choice((1, 1, 2, 2, 3))))
        prefix = rng.random()
        if prefix < 0.15 and wards:
            picked.insert(0, rng.choice(wards))
        elif prefix < 0.25:
            picked.insert(0, f"令和{rng.randrange(1, 6)}年度")
        out.append(" ".join(picked))
    return out


def dump(index: Path, out: Path, files: list[str], n_synthetic: int, modes: list[str], seed: int) -> int:
    from search_app.service import QueryError, SearchService

    service = SearchService.open(index)
    data = service.data
    queries = [(q, {}) for q in QUERIES] + judged(files) + [(q, {}) for q in synthetic(data, n_synthetic, seed)]
    wards = sorted({p["ward"] for p in data.passages if p["ward"]})
    count = 0
    with out.open("w", encoding="utf-8") as fh:
        for n, (query, filters) in enumerate(queries):
            variants = [("page1", {}), ("page2", {"offset": 10}), ("k30", {"k": 30}),
                        ("ward", {"ward": wards[n % len(wards)]} if wards else {}),
                        ("year", {"year": str(2019 + n % 5)})]
            for mode in modes:
                for name, extra in variants:
                    kwargs = {"k": 10, **filters, **extra}
                    try:
                        answer = service.search(query, mode=mode, **kwargs)
                        answer.pop("took_ms", None)
                    except QueryError as exc:
                        answer = {"error": str(exc)}
                    fh.write(json.dumps({"query": query, "mode": mode, "variant": name, "kwargs": kwargs,
                                         "answer": answer}, ensure_ascii=False, sort_keys=True) + "\n")
                    count += 1
    print(f"{count} searches ({len(queries)} queries) -> {out}")
    return 0


def _first_difference(a, b, path: str = "") -> str:
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: only in {'after' if k in b else 'before'}"
            if a[k] != b[k]:
                return _first_difference(a[k], b[k], f"{path}.{k}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} != {len(b)} items"
        for k, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_difference(x, y, f"{path}[{k}]")
    return f"{path}: {str(a)[:80]!r} != {str(b)[:80]!r}"


def compare(before: Path, after: Path) -> int:
    a = before.read_text(encoding="utf-8").splitlines()
    b = after.read_text(encoding="utf-8").splitlines()
    if len(a) != len(b):
        print(f"different number of searches: {len(a)} before, {len(b)} after")
        return 1
    differ = [(x, y) for x, y in zip(a, b) if x != y]
    for x, y in differ[:10]:
        x, y = json.loads(x), json.loads(y)
        print(f"{x['query']!r} {x['mode']} {x['variant']}: {_first_difference(x, y)}")
    print(f"{len(a)} searches, {len(differ)} differ")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.answer_check", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("index", type=Path)
    d.add_argument("out", type=Path)
    d.add_argument("files", nargs="*")
    d.add_argument("--synthetic", type=int, default=300)
    d.add_argument("--modes", default="bm25,hybrid")
    d.add_argument("--seed", type=int, default=0)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        return dump(args.index, args.out, args.files, args.synthetic, args.modes.split(","), args.seed)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
