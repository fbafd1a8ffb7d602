"""regex20: each rewrite checked for the same behaviour on 60,000 strings (benchmarks.regex_equiv, all
six operations) and timed as the code uses it on hostile runs of 4,000 and 16,000 characters."""
import importlib, json, re, sys, time
from benchmarks.regex_equiv import check

def t(fn, s):
    t0 = time.perf_counter(); fn(s); return time.perf_counter() - t0

C = [  # (module.attr, new pattern, how the code uses it, hostile run, end)
 ("indexer.goaltables._NOTE", r"(?:(?<!\s)\s+)?[(（][^()（）]{1,20}[)）]\s*", "sub", " ", "x"),
 ("indexer.load.pdf_forms._FONT_SIZE", r"(?<!\d)(\d+(?:\.\d+)?)\s+Tf", "search", "1", ""),
 ("indexer.ratings.TRAILING_GRADES", r"(?<![ \u3000])(?:(?:[ \u3000]+[A-DＡ-Ｄ]){2}|(?<=[。.)）])[ \u3000]+[A-DＡ-Ｄ])[ \u3000]*$", "search", " ", "x"),
 ("indexer.ratings._WHO_GRADES_LINE", r"^[\s\u3000]*+[(（]?\s*法人\s*[:：]\s*(?P<op>\S+?)[\s\u3000/／、，,・]+区\s*[:：]\s*(?P<ward>\S+?)\s*+(?:[)）][\s\u3000]*+)?$", "match", " ", "x"),
 ("indexer.wardparts._QUANTITY", r"(?<!\d)(?<!\d[,.])\d[\d,.]*\s*(?:人|件|組|回|%|％|円|名|世帯|か所|箇所|日|時間)$", "search", "1", "x"),
 ("search_app.web.pages._YEAR_RANGE_SEP", r"(?:(?<!\s)\s+)?(?:[-–～〜~]|から)\s*", "split1", " ", "x"),
]
RUNS = {"_QUANTITY": ["1", "1.", "1,"], "_FONT_SIZE": ["1", "1."], "TRAILING_GRADES": [" ", "\u3000", " A"]}

def op(p, how):
    return {"sub": lambda s: p.sub("", s), "search": p.search, "match": p.match,
            "split1": lambda s: p.split(s, maxsplit=1), "fullmatch": p.fullmatch}[how]

# the patterns as main (30c4948) had them
OLD = {
 "indexer.goaltables._NOTE": r"\s*[(（][^()（）]{1,20}[)）]\s*",
 "indexer.load.pdf_forms._FONT_SIZE": r"(\d+(?:\.\d+)?)\s+Tf",
 "indexer.ratings.TRAILING_GRADES": r"(?:(?:[ \u3000]+[A-DＡ-Ｄ]){2}|(?<=[。.)）])[ \u3000]+[A-DＡ-Ｄ])[ \u3000]*$",
 "indexer.ratings._WHO_GRADES_LINE": r"^[\s\u3000]*[(（]?\s*法人\s*[:：]\s*(?P<op>\S+?)[\s\u3000/／、，,・]+区\s*[:：]\s*(?P<ward>\S+?)\s*[)）]?[\s\u3000]*$",
 "indexer.wardparts._QUANTITY": r"\d[\d,.]*\s*(?:人|件|組|回|%|％|円|名|世帯|か所|箇所|日|時間)$",
 "search_app.web.pages._YEAR_RANGE_SEP": r"\s*(?:[-–～〜~]|から)\s*",
}
rows = []
only = sys.argv[1:]
for name, new, how, run, end in C:
    if only and not any(o in name for o in only):
        continue
    mod, attr = name.rsplit(".", 1)
    old = OLD[name]
    k, bad, ops = check(old, new)
    row = {"pattern": name, "old": old, "new": new, "used_as": how, "equivalent_on": k if bad is None else None,
           "differs": None if bad is None else {"string": bad, "ops": ops}}
    for r in RUNS.get(attr, [run]):
        for n in (4000, 16000):
            s = r * (n // len(r)) + end
            row[f"{r!r}x{n} before_s"] = round(t(op(re.compile(old), how), s), 4)
            row[f"{r!r}x{n} after_s"] = round(t(op(re.compile(new), how), s), 5)
    rows.append(row)
    print(json.dumps(row, ensure_ascii=False), flush=True)
