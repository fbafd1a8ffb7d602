"""Check judged query sets against the parsed seed corpus (no search, no ranking output).

For every evidence string of every query: it is found (after `compact`, as scoring compares)
inside a parsed passage whose ward is the ward it is listed under, and of the named file when
the judgement names one; every relevant ward is a ward of the corpus; a year-filtered query's
evidence passage covers the filter year. Prints only counts and the failing (set, id, ward)
keys — never a blind set's queries or evidence — so it may be run on every set.

    python -m benchmarks.judgement_check eval/*.jsonl ../shared/eval/dev.jsonl [--corpus corpus]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from search_app.evaluation import compact, load_judgements


def parsed_passages(corpus: Path) -> list[dict]:
    """Every passage of every file of the corpus (each ward's part of a multi-ward file too)."""
    from indexer.corpus import parse_parts
    return [{"ward": p.ward, "file": path.name, "text": compact(p.text),
             "from": p.fiscal_year_from, "to": p.fiscal_year_to}
            for path in sorted(f for f in corpus.iterdir() if f.is_file())
            for part in parse_parts(path, corpus) for p in part.passages]


def check(paths, passages) -> tuple[int, list[tuple]]:
    wards = {p["ward"] for p in passages}
    n, failures = 0, []
    for path in paths:
        for j in load_judgements(Path(path)):
            year = j.filter.get("fiscal_year") if j.filter else None
            for ward, evidence in j.relevant.items():
                if ward not in wards:
                    failures.append((j.set, j.qid, ward, "ward not in corpus"))
                for e in evidence:
                    n += 1
                    needle = compact(e["evidence"])
                    hits = [p for p in passages if needle and needle in p["text"]
                            and p["ward"] == ward and (not e.get("file") or p["file"] == e["file"])]
                    if not hits:
                        failures.append((j.set, j.qid, ward, "evidence in no passage of that ward/file"))
                    elif year and not any((p["from"] or 0) <= year <= (p["to"] or p["from"] or 0)
                                          for p in hits):
                        failures.append((j.set, j.qid, ward, "evidence passage outside the filter year"))
    return n, failures


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--corpus", default="corpus")
    a = ap.parse_args(argv)
    n, failures = check(a.sets, parsed_passages(Path(a.corpus)))
    for f in failures:
        print(*f, sep="\t")
    print(f"{n} evidence strings, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
