"""regex20: clean._BOILERPLATE's 〇〇 12階 alternative, ^\S+\s*\d+階$ -> ^\S+(?:\s+\d+|\d)階$ (a digit
before 階 with no blank is the \s*-empty case: \S+ takes the other digits). Same match on 60,000
strings (whole pattern, six operations) and on 100,000 strings of blanks, digits, a letter and 階."""
import random, re, sys, time
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[3]))
from benchmarks.regex_equiv import check
OLD_ALT, NEW_ALT = r"^\S+\s*\d+階$", r"^\S+(?:\s+\d+|\d)階$"
from indexer import clean
new = clean._BOILERPLATE.pattern
old = new.replace(NEW_ALT, OLD_ALT)
assert old != new
print("whole pattern (re.I, as compiled):", check(old, new, 60000, flags=clean._BOILERPLATE.flags))
rnd = random.Random(5); po, pn = re.compile(OLD_ALT, re.I), re.compile(NEW_ALT, re.I); hits = 0
for _ in range(100000):
    s = "".join(rnd.choice(" \u30001１a階\n") for _ in range(rnd.randint(0, 12)))
    a, b = po.search(s), pn.search(s)
    assert (a and a.span()) == (b and b.span()), s
    hits += a is not None
print("alternative alone: 100,000 identical,", hits, "matches")
for n in (40, 4000, 16000):
    r = []
    for p in (old, new):
        c = re.compile(p, re.I); s = "1" * n; t = time.perf_counter(); c.search(s); r.append(round(time.perf_counter() - t, 5))
    print(f"search of {n} digits: {r[0]} s -> {r[1]} s")
