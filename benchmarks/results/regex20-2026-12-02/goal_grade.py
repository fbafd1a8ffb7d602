import re, time, sys
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[3]))
from indexer import ratings
from benchmarks.regex_equiv import check
"""regex20: ratings._GOAL_GRADE before (main 30c4948) and after: the same match on 60,000 + 180,000
strings, and the time of a match (as goal_grade uses it) on hostile runs."""
new = ratings._GOAL_GRADE.pattern
a = r"^[\W\d]*?(?:(?:\d{1,2}|[IVX]{1,4})[\s.．、:：)）]+)?[\s\W]*"
b = r"^(?:\W++|\d)*?(?:(?:\d{1,2}|[IVX]{1,4})[\s.．、:：)）]++)?[\s\W]*+"
assert new.startswith(b)
old = a + new[len(b):]
print(new)
print(check(old, new, 60000))
for run, end in ((" ", "x"), ("\u3000", "評価"), ("1.", "x"), ("・", "x"), ("1 ", "x"), ("I ", "x")):
    for n in (4000, 16000):
        s = run * (n // len(run)) + end
        r = []
        for p in (old, new):
            c = re.compile(p); t = time.perf_counter(); m = c.match(s); r.append(round(time.perf_counter() - t, 5))
        print(repr(run), repr(end), n, r)
from benchmarks.regex_equiv import strings, alphabet, META
po, pn = re.compile(old), re.compile(new)
small = sorted({c for p in (old,) for c in p if c not in META and c.isprintable() and not c.isascii() or c in "ABCDFTfIVX~:,/"} | set(" \u30001１あ\n.")) + sorted(set(re.findall(r"[^\x00-\x7f]{2,}", old)))
hits = diff = 0
for seed in (1, 2, 3):
    for s in strings(alphabet(old), 60000, seed=seed, small=small):
        a, b = po.match(s), pn.match(s)
        hits += a is not None
        if (a and (a.span(), a.groupdict())) != (b and (b.span(), b.groupdict())): diff += 1
print("match on 180,000 more strings: old matched", hits, "differences", diff)
