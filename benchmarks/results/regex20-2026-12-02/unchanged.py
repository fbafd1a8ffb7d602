"""regex20: the patterns of reliab20's list left unchanged, timed as the code uses them (and as
regex_cost searches them) on runs of 4,000 and 16,000 characters."""
import importlib, sys, time
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[3]))
rows = [  # (module.attr, how the code uses it, run, end)
    ("indexer.clean._BOILERPLATE", "search", "1", ""),
    ("indexer.headings._DRAFT", "fullmatch", " ", ""),
    ("indexer.metadata._MONTH", "match", " ", ""),
    ("indexer.metadata._RANGE_JOIN", "fullmatch", " ", ""),
    ("indexer.metadata._MUNICIPALITY_RE", "finditer", "・", "\x00"),
    ("indexer.wardparts._BRACKETED", "sub", "(", ""),
    ("search_app.query._BARE_YEAR", "finditer", "ア", "\x00"),
    ("search_app.query._FY_BEFORE", "search", "あ", "!"),
    ("search_app.query._FY_YEAR", "finditer", "-", "\x00"),
]
for name, how, run, end in rows:
    mod, attr = name.rsplit(".", 1)
    p = getattr(importlib.import_module(mod), attr)
    f = {"finditer": lambda s: list(p.finditer(s)), "sub": lambda s: p.sub("", s)}.get(how) or getattr(p, how)
    out = []
    for k in (4000, 16000):
        s = run * k + end
        for fn in (f, p.search):
            t = time.perf_counter(); fn(s); out.append(round(time.perf_counter() - t, 4))
    print(f"{name} ({how}) {run!r}+{end!r}: as used 4k {out[0]} s, 16k {out[2]} s; search 4k {out[1]} s, 16k {out[3]} s")
