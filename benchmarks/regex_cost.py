"""Look for regular expressions in `indexer` and `search_app` whose cost grows faster than
the text (nested quantifiers, a search retried from every start of a long run) (reliab20).

Every compiled pattern held by a module of the two packages (module-level `re.Pattern`
objects, also inside tuples, lists and dicts) is searched (`search`: every start is tried) on hostile-but-legal strings —
long runs of one character class (spaces, fullwidth spaces, tabs, letters, digits, kana,
punctuation, alternations of two) with a character at the end that makes the pattern fail —
at lengths n and 4n. A linear pattern takes ≈4× as long at 4n; a quadratic one ≈16×. A
pattern slower than `--floor` seconds at 4n with a growth of more than 8× is listed (with the
first such string); one
that does not finish in `--limit` seconds (catastrophic backtracking) is listed as such.

    PYTHONPATH=$PWD nice .venv/bin/python -m benchmarks.regex_cost [--n 2000] [--json OUT]
"""

from __future__ import annotations

import argparse
import importlib
import json
import multiprocessing as mp
import pkgutil
import re
import sys
import time

PACKAGES = ("indexer", "search_app")
RUNS = [" ", "\u3000", "\t", "a", "1", "あ", "ア", "漢", "。", "・", "-", "(", "（", ".", "a ", "1 ", "あ\u3000",
        "1.", "\u3000a", "<br>", "<", "&", "\n", " \n"]
ENDS = ["", "!", "\x00", "。", "\n", "あ"]


def patterns() -> list[tuple[str, re.Pattern]]:
    """(module.name, pattern) of every compiled pattern the packages' modules hold."""
    found: dict[int, tuple[str, re.Pattern]] = {}
    for package in PACKAGES:
        pkg = importlib.import_module(package)
        for info in pkgutil.walk_packages(pkg.__path__, package + "."):
            try:
                module = importlib.import_module(info.name)
            except Exception:  # noqa: BLE001 - a module needing an optional tool
                continue
            for attr, value in vars(module).items():
                values = value if isinstance(value, (tuple, list)) else (
                    value.values() if isinstance(value, dict) else (value,))
                for v in values:
                    if isinstance(v, re.Pattern) and id(v) not in found:
                        found[id(v)] = (f"{info.name}.{attr}", v)
    return sorted(found.values(), key=lambda kv: kv[0])


def _cost(pattern: re.Pattern, text) -> float:
    if isinstance(pattern.pattern, bytes):
        text = text.encode("utf-8")
    t = time.perf_counter()
    pattern.search(text)  # (a search tries every start, a match only the first: the worse)
    return time.perf_counter() - t


def _worker(conn) -> None:
    while True:
        job = conn.recv()
        if job is None:
            return
        pattern, text = job
        conn.send(_cost(pattern, text))


class Runner:
    """One worker process, restarted when a pattern does not finish in time."""

    def __init__(self, limit: float):
        self.limit = limit
        self._start()

    def _start(self) -> None:
        self.conn, child = mp.Pipe()
        self.proc = mp.Process(target=_worker, args=(child,), daemon=True)
        self.proc.start()

    def cost(self, pattern: re.Pattern, text: str) -> float | None:
        self.conn.send((pattern, text))
        if self.conn.poll(self.limit):
            return self.conn.recv()
        self.proc.kill()
        self.proc.join()
        self._start()
        return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--limit", type=float, default=10.0)
    ap.add_argument("--floor", type=float, default=0.02)
    ap.add_argument("--json", help="write the findings here too")
    args = ap.parse_args(argv)
    found = patterns()
    runner = Runner(args.limit)
    rows = []
    t0 = time.perf_counter()
    for name, pattern in found:
        worst = None
        for run in RUNS:
            for end in ENDS:
                small = _cost(pattern, run * (args.n // len(run)) + end)
                if small > args.limit / 20:
                    big = runner.cost(pattern, run * (4 * args.n // len(run)) + end)
                else:
                    big = _cost(pattern, run * (4 * args.n // len(run)) + end)
                if big is None:
                    worst = {"pattern": name, "run": run, "end": end, "small_s": round(small, 4), "big_s": None}
                    break
                growth = big / max(small, 1e-6)
                if big > args.floor and growth > 8:
                    worst = {"pattern": name, "run": run, "end": end, "small_s": round(small, 4),
                             "big_s": round(big, 4), "growth": round(growth, 1)}
                    break
            if worst:
                break  # one hostile string is enough to list the pattern
        if worst:
            worst["regex"] = pattern.pattern if isinstance(pattern.pattern, str) else repr(pattern.pattern)
            rows.append(worst)
            print(json.dumps(worst, ensure_ascii=False), flush=True)
    runner.conn.send(None)
    print(f"{len(found)} patterns, {len(rows)} super-linear at n={args.n}→{4 * args.n}, "
          f"{time.perf_counter() - t0:.0f} s", flush=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
