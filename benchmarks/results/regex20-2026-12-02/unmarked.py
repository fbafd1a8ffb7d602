"""regex20: wardparts.unmarked(line) == _MARKUP.sub("", line) on 60,000 strings, and its time on
a run of "<" (as _next_texts reads every line after a ward heading)."""
import random, re, sys, time
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[3]))
from indexer.wardparts import _MARKUP, unmarked
from benchmarks.regex_equiv import strings
chars = list("<>/a 1あ\t\u3000")
n = 0
for s in strings(chars, 60000, seed=7):
    assert unmarked(s) == _MARKUP.sub("", s), s
    n += 1
print(n, "strings identical")
for run, end in (("<", ""), ("<", ">"), ("<a", ""), (">", "<")):
    for k in (4000, 16000):
        s = end + run * (k // len(run)) if end == "<" else run * (k // len(run)) + end
        t = time.perf_counter(); _MARKUP.sub("", s); a = time.perf_counter() - t
        t = time.perf_counter(); unmarked(s); b = time.perf_counter() - t
        print(repr(run), repr(end), k, round(a, 4), round(b, 5))
