"""Where the seed reports' judged evidence lands when their content is re-laid: in the right place?

    python -m benchmarks.relaid_placement [FOLDER] [--gold FILE ...] [-v]

FOLDER (default tests/data/unseen30) holds re-laid seed reports and an expected.json naming, for
each, the seed it re-lays (``"seed": "000"``). For every judged evidence string of the opened sets
(dev + eval/extra, extra2–4, extra10–15, extra22–25, extra28, extra29; never a blind set) that a
passage of the seed's ``.txt`` parse holds inside a goal or programme block, the string counts as
recovered in a re-laid report when a passage of that report holds it with the same section kind
(取組の成果 ≡ 成果, 取組の課題 ≡ 課題, 目標 ≡ 次年度目標 as the kinds are read), goal number or
programme, fiscal year and ward as the seed's passage. A string the re-laid report does not carry
at all (the layout leaves that part out) is not counted. Prints recovered / total per report and
in all; ``-v`` lists the strings not recovered. Parse-level only: no index is built.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from indexer import records
from indexer.parse import parse_file
from search_app.evaluation import compact, load_judgements

from . import blind_sets

REPO_ROOT = Path(__file__).resolve().parent.parent
OPENED = ("extra", "extra2", "extra3", "extra4", *(f"extra{n}" for n in range(10, 16)),
          "extra22", "extra23", "extra24", "extra25", "extra28", "extra29")
DEV = (REPO_ROOT / "eval" / "dev.jsonl", Path("/work/shared/eval/dev.jsonl"))
_SAME = {records.RESULT: records.OUTCOME, records.CHALLENGE: records.ISSUE, records.NEXT_GOAL: records.GOAL}


def gold_files(given: list[str] | None) -> list[Path]:
    if given:
        return [Path(g) for g in given]
    dev = next((p for p in DEV if p.exists()), None)
    return ([dev] if dev else []) + [REPO_ROOT / "eval" / f"{name}.jsonl" for name in OPENED]


def _place(p: records.Passage) -> tuple:
    return (_SAME.get(p.section, p.section), p.goal_no if p.programme is None else None, p.programme,
            p.fiscal_year_from, p.ward)


def references(seed_file: Path, evidence: list[str]) -> list[tuple[str, set[tuple]]]:
    """Each evidence string the seed's .txt parse holds in a goal or programme block, with the
    places (section, goal, programme, year, ward) of the passages holding it."""
    passages = [p for p in parse_file(seed_file).passages if p.unit]
    texts = [(compact(p.text), p) for p in passages]
    out = []
    for ev in evidence:
        places = {_place(p) for text, p in texts if ev in text}
        if places:
            out.append((ev, places))
    return out


def measure(folder: Path, gold: list[Path], verbose: bool = False) -> tuple[int, int]:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["documents"]
    judged = [j for path in gold for j in load_judgements(path)]
    seeds = {p.name[:3]: p for p in (REPO_ROOT / "corpus").glob("*.txt")}
    by_seed: dict[str, list[str]] = {}
    for j in judged:
        for items in j.relevant.values():
            for item in items:
                seed = (item.get("file") or "")[:3]
                if seed in seeds and (ev := compact(item.get("evidence", ""))):
                    by_seed.setdefault(seed, []).append(ev)
    refs = {seed: references(seeds[seed], sorted(set(evs))) for seed, evs in by_seed.items()}
    total_ok = total_n = 0
    for name, want in expected.items():
        seed = want.get("seed")
        if seed is None:
            continue
        passages = parse_file(folder / name).passages
        texts = [(compact(p.text), _place(p)) for p in passages]
        carried = [(ev, places) for ev, places in refs.get(seed, [])
                   if any(ev in text for text, _ in texts) or _carried_in_pieces(ev, texts)]
        ok = [ev for ev, places in carried if any(ev in text and place in places for text, place in texts)]
        total_ok += len(ok)
        total_n += len(carried)
        print(f"{name}: {len(ok)}/{len(carried)}")
        if verbose:
            for ev, places in carried:
                if ev not in ok:
                    got = sorted({place for text, place in texts if ev in text}, key=str)
                    print(f"   lost 「{ev[:40]}」 want {sorted(places, key=str)[0]} got {got[:2]}")
    print(f"recovered in the right section / goal / year / ward: {total_ok}/{total_n}")
    return total_ok, total_n


def _carried_in_pieces(ev: str, texts) -> bool:
    """A string the layout split over two passages (a section cut in chunks) still counts as carried."""
    whole = "".join(text for text, _ in texts)
    return ev in whole


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", default=str(REPO_ROOT / "tests" / "data" / "unseen30"))
    parser.add_argument("--gold", nargs="*")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    gold = gold_files(args.gold)
    blind_sets.refuse(parser, gold)
    measure(Path(args.folder), gold, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
