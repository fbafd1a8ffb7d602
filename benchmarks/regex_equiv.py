"""Check that a rewritten regular expression matches exactly as the old one (regex20).

Random strings (lengths 0–40) drawn from the characters that matter — blanks (space, tab,
newline, full-width space), ASCII and full-width digits, kana/kanji, and every literal
character of the two patterns — plus strings of the patterns' own characters only and adversarial runs, are searched with both; the spans and
groups of `search`, `match`, `fullmatch`, every `finditer` match, `sub` and `split` must agree.

    PYTHONPATH=$PWD python -m benchmarks.regex_equiv OLD NEW [--n 60000]
"""

from __future__ import annotations

import argparse
import random
import re
import sys

BASE = list(" \t\n\u3000") + list("0123456789０１２３４５６７８９") + list("あア漢字。、.,-:") + ["x", "A"]
META = set("\\()[]{}?*+|^$.-")


def alphabet(*patterns: str) -> list[str]:
    chars = set(BASE)
    for p in patterns:
        chars |= {c for c in p if c not in META and c.isprintable()}
    return sorted(chars)


def _m(m):
    return None if m is None else (m.span(), m.groups(), m.groupdict())


OPS = ("search", "match", "fullmatch", "finditer", "sub", "split")


def behaviour(p: re.Pattern, s: str, ops=OPS) -> dict:
    out = {}
    for op in ops:
        if op == "finditer":
            out[op] = [_m(m) for m in p.finditer(s)]
        elif op == "sub":
            out[op] = p.sub("#", s)
        elif op == "split":
            out[op] = (p.split(s), p.split(s, maxsplit=1))
        else:
            out[op] = _m(getattr(p, op)(s))
    return out


def strings(chars: list[str], n: int, seed: int = 20, small: list[str] | None = None):
    rnd = random.Random(seed)
    small = small or chars
    for i in range(n):
        if i % 3 == 1:  # the pattern's own characters, a blank, a digit and a kana: more near-misses
            yield "".join(rnd.choice(small) for _ in range(rnd.randint(0, 25)))
        elif i % 3 == 2:  # adversarial: runs of one or two characters with random others around
            run = "".join(rnd.choice(chars) for _ in range(rnd.randint(1, 2))) * rnd.randint(1, 15)
            yield "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 4))) + run + \
                "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 6)))
        else:
            yield "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 40)))


def check(old: str, new: str, n: int = 60000, ops=OPS, flags: int = 0) -> tuple[int, str | None, list[str]]:
    """(strings compared, the first string on which they differ or None, the operations that differ)."""
    po, pn = re.compile(old, flags), re.compile(new, flags)
    small = sorted({c for p in (old, new) for c in p if c not in META and c.isprintable()
                    and not c.isascii() or c in "ABCDFTfIVX~:,/"} | set(" \u30001１あ\n"))
    # (and the patterns' words — 評価, 法人, から —, so that whole matches are frequent)
    small += sorted({w for p in (old, new) for w in re.findall(r"[^\x00-\x7f]{2,}", p)})
    for k, s in enumerate(strings(alphabet(old, new), n, small=small)):
        bo, bn = behaviour(po, s, ops), behaviour(pn, s, ops)
        if bo != bn:
            return k, s, [op for op in ops if bo[op] != bn[op]]
    return n, None, []


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--n", type=int, default=60000)
    ap.add_argument("--ops", default=",".join(OPS), help="the operations the code uses")
    a = ap.parse_args(argv)
    k, bad, ops = check(a.old, a.new, a.n, tuple(a.ops.split(",")))
    print(f"{k} strings identical" if bad is None else f"DIFFERENT ({', '.join(ops)}) on string {k}: {bad!r}")
    return 0 if bad is None else 1


if __name__ == "__main__":
    sys.exit(main())
