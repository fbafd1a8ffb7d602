"""Long pasted queries: how fast they are answered, and whether the pasted text is found.

    python -m benchmarks.long_queries INDEX_DIR [--rounds 3] [--pastes 24] [--json OUT]

Users paste a paragraph of a report (200–500 characters) into the search box to find
where else it, or something like it, was written. This harness opens INDEX_DIR as the
server does (query encoder loaded, background preload waited for) and times, per query:

* **pasted**: the first 200–500 characters of `--pastes` passages of the index (every
  n-th passage of at least 200 characters, whitespace folded), the known item being
  the passage itself (or an exact copy of its text);
* **written**: four paragraphs written for this harness in the reports' style but not
  copied from them (a user describing their own hub's practice);
* **short**: the 20 queries of `benchmarks.run.QUERIES`, for scale;

in Kyoten hybrid and bm25 (`SearchService.search`, k=10, wall and process CPU — the
encoder's runtime threads included — each a first asking: the query vectors the service
keeps for a text asked again are dropped before it) and in
SQLite FTS5 with the trigram tokenizer over the same passages' texts, built in memory
in the same run (`benchmarks.run.fts5_query`: an OR of the query's whitespace-separated
words). Medians per group and the ratio to FTS5 are printed. Quality of the pasted
group (known-item search; the judged sets hold no query over 31 characters): the known
item's rank in the first 10 results (hit@1, hit@10, MRR@10) and whether its ward is in
the ward answer, per mode; and how many of nine nonsense texts of paste length (`gibberish`:
kana, katakana, kanji, Latin, a paste's characters shuffled) are answered at all. Also the encoder calls per search and the texts they encode (the semantic half's cost
grows with the query's tokens: ~0.8 ms a token here).

No judged set is read.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from benchmarks.run import QUERIES, fts5_query

WRITTEN = [
    "当拠点では、妊娠期から子育て期にかけて切れ目のない支援を目指し、母子手帳交付時の面談や両親教室と連携して、"
    "出産前の家庭が拠点を訪れるきっかけづくりに取り組んだ。プレママ・プレパパ向けの見学会を月1回開催し、先輩ママとの"
    "座談会や沐浴体験を組み合わせたところ、参加者アンケートでは9割以上が「産後も利用したい」と回答した。一方で、"
    "就労中の父親の参加は土曜日開催に限られ、平日の参加は少なかった。",
    "子育てサポートシステムの提供会員が高齢化し、新たな担い手の確保が課題となっている。入会説明会をオンラインでも"
    "開催し、子育てを終えた世代や学生にも声をかけたが、登録後に活動につながる会員は多くない。区と協力して、"
    "地域の自治会や民生委員を通じた周知を強化し、提供会員同士の交流会を開いて活動の不安を軽減していきたい。",
    "外国につながる親子が拠点を利用しやすいよう、やさしい日本語のチラシや多言語の案内を用意し、通訳ボランティアの"
    "協力を得て相談を受けた。国際交流ラウンジとも連携したが、情報が届いていない家庭が多く、乳幼児健診の会場での"
    "声かけや、保育園・幼稚園を通じた案内など、届け方を工夫する必要がある。",
    "発達に心配のある子どもの養育者が気軽に相談できるよう、専門職による個別相談の日を設けた。相談後は区の"
    "こども家庭支援課や療育センターにつなぎ、必要に応じて継続してフォローした。利用者からは話を聞いてもらえて"
    "安心したという声が多かったが、相談日を知らない利用者もおり、ひろばでのスタッフの声かけを増やしていく。",
]

_SPACES = re.compile(r"\s+")
_GOJUON = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"


def gibberish(pastes: list[str]) -> dict[str, str]:
    """Nonsense of paste length, made the same way every run (seeded): the gojūon typed
    over and over, random hiragana / katakana / Latin, random kanji drawn from the pastes,
    and a paste with its characters shuffled. None should be answered (userfix28)."""
    import random

    rnd = random.Random(28)
    hira = [chr(c) for c in range(0x3042, 0x3094)]
    kata = [chr(c) for c in range(0x30A2, 0x30F4)]
    kanji = sorted({c for p in pastes for c in p if "\u4e00" <= c <= "\u9fff"}) or ["子"]

    def draw(alphabet, n):
        return "".join(rnd.choice(alphabet) for _ in range(n))
    out = {"gojuon300": (_GOJUON * 7)[:300], "hiragana300": draw(hira, 300), "hiragana300b": draw(hira, 300),
           "hiragana120": draw(hira, 120), "katakana300": draw(kata, 300), "kanji300": draw(kanji, 300),
           "mixed300": draw(hira + kata + kanji, 300), "latin300": draw(list("abcdefghijklmnopqrstuvwxyz "), 300)}
    if pastes:
        out["shuffled_paste"] = "".join(rnd.sample(pastes[0], len(pastes[0])))
    return out


def pasted_queries(data, count: int) -> list[tuple[str, int]]:
    """(query, passage index): the first 200–500 characters of every n-th passage of
    at least 200 characters, whitespace folded."""
    long_ones = [i for i, p in enumerate(data.passages) if len(_SPACES.sub(" ", p["text"]).strip()) >= 200]
    if not long_ones:
        return []
    step = max(1, len(long_ones) // count)
    out = []
    for n, i in enumerate(long_ones[::step][:count]):
        text = _SPACES.sub(" ", data.passages[i]["text"]).strip()
        size = 200 + (n * 100) % 301   # 200, 300, 400, 500, 200 …
        out.append((text[:size].strip(), i))
    return out


def _pct(values, q):
    values = sorted(values)
    if not values:
        return None
    return round(values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))], 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.long_queries")
    parser.add_argument("index")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pastes", type=int, default=24)
    parser.add_argument("--modes", default="hybrid,bm25")
    parser.add_argument("--json", help="write the figures (and each paste's top 10 and wards) here too")
    parser.add_argument("--compare", help="a --json file of an earlier run: how many pastes keep their top 10 and wards")
    args = parser.parse_args(argv)
    import os

    from search_app.service import SearchService

    service = SearchService.open(Path(args.index))
    embedder = service.embedder()
    preloaded = getattr(service.data, "preloaded", None)
    if preloaded is not None:
        preloaded.wait()
    data = service.data
    pasted = pasted_queries(data, args.pastes)
    groups = {"pasted": [q for q, _i in pasted], "written": WRITTEN, "short": list(QUERIES)}
    exact = data.duplicates.exact

    runs = {"n": 0, "texts": 0}   # encoder calls, and the texts they encoded
    if embedder is not None:
        original = embedder.encode_query

        def counting(text, *a, **kw):
            runs["n"] += 1
            runs["texts"] += 1
            return original(text, *a, **kw)
        embedder.encode_query = counting
        together = getattr(embedder, "encode_queries", None)
        if together is not None:   # a short query's two texts in one call (userfix28)
            def counting_together(texts, *a, **kw):
                runs["n"] += 1
                runs["texts"] += len(texts)
                return together(texts, *a, **kw)
            embedder.encode_queries = counting_together

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE p USING fts5(text, tokenize='trigram')")
    with db:
        db.executemany("INSERT INTO p(rowid, text) VALUES (?, ?)", ((i, p["text"]) for i, p in enumerate(data.passages)))

    def fts5(q: str) -> list[int]:
        match, short = fts5_query(q)
        if match and not short:
            sql, params = "SELECT rowid FROM p WHERE p MATCH ? ORDER BY bm25(p) LIMIT 10", [match]
        else:
            parts = [f"SELECT rowid FROM p WHERE {' OR '.join(['text LIKE ?'] * len(short))}"] if short else []
            params = [f"%{w}%" for w in short]
            if match:
                parts.append("SELECT rowid FROM p WHERE p MATCH ?")
                params.append(match)
            if not parts:
                return []
            sql = " UNION ".join(parts) + " LIMIT 10"
        return [r[0] for r in db.execute(sql, params)]

    def forget() -> None:
        """Drop the query vectors the service keeps for texts asked again (the next page):
        the timings are of a text asked for the first time."""
        kept = getattr(service, "_query_vectors", None)
        if kept is not None:
            kept.clear()

    modes = [m for m in args.modes.split(",") if m]
    out: dict = {"index": str(args.index), "passages": data.n, "rounds": args.rounds,
                 "load_before": os.getloadavg()[0], "groups": {}}
    for name, queries in groups.items():
        chars = [len(q) for q in queries]
        row: dict = {"queries": len(queries), "chars_median": statistics.median(chars) if chars else 0}
        for engine in [*modes, "fts5"]:
            wall, cpu, encodes, texts = [], [], [], []
            for q in queries:   # one unmeasured run each (first use of its words)
                fts5(q) if engine == "fts5" else service.search(q, mode=engine, k=10)
            for _r in range(args.rounds):
                for q in queries:
                    runs["n"] = runs["texts"] = 0
                    forget()   # each timed search a first asking of its text
                    t0, c0 = time.perf_counter(), time.process_time()
                    fts5(q) if engine == "fts5" else service.search(q, mode=engine, k=10)
                    wall.append((time.perf_counter() - t0) * 1000)
                    cpu.append((time.process_time() - c0) * 1000)
                    encodes.append(runs["n"])
                    texts.append(runs["texts"])
            row[engine] = {"p50_ms": _pct(wall, 50), "p95_ms": _pct(wall, 95), "cpu_p50_ms": _pct(cpu, 50)}
            if engine != "fts5":
                row[engine]["encoder_runs_median"] = statistics.median(encodes)
                row[engine]["encoder_calls_mean"] = round(statistics.mean(encodes), 2)
                row[engine]["encoded_texts_mean"] = round(statistics.mean(texts), 2)
        for engine in modes:
            row[engine]["x_fts5"] = round(row[engine]["p50_ms"] / max(row["fts5"]["p50_ms"], 1e-3), 1)
        out["groups"][name] = row
    quality: dict = {}
    tops: dict = {}
    for engine in [*modes, "fts5"]:
        ranks, ward_found = [], 0
        for q, i in pasted:
            if engine == "fts5":
                hits = fts5(q)
                wards = set()
            else:
                res = service.search(q, mode=engine, k=10)
                hits = [data.by_id[r["passage_id"]] for r in res["results"]]
                wards = {w["ward"] for w in res["wards"]}
                tops.setdefault(engine, []).append({"top10": [r["passage_id"] for r in res["results"]],
                                                    "wards": sorted(wards), "total": res["total"]})
            rank = next((n for n, j in enumerate(hits, 1) if exact[j] == exact[i]), None)
            ranks.append(rank)
            ward_found += (data.passages[i]["ward"] or "") in wards or not data.passages[i]["ward"]
        n = max(1, len(ranks))
        quality[engine] = {"hit@1": round(sum(r == 1 for r in ranks) / n, 3),
                           "hit@10": round(sum(r is not None for r in ranks) / n, 3),
                           "mrr@10": round(sum(1 / r for r in ranks if r) / n, 3),
                           **({"ward_in_answer": round(ward_found / n, 3)} if engine != "fts5" else {})}
    for engine in modes:   # the written paragraphs' answers too, for --compare
        for q in WRITTEN:
            res = service.search(q, mode=engine, k=10)
            tops.setdefault(engine, []).append({"top10": [r["passage_id"] for r in res["results"]],
                                                "wards": sorted(w["ward"] for w in res["wards"]),
                                                "total": res["total"]})
    junk = gibberish([q for q, _i in pasted])
    answered: dict = {}
    for engine in modes:
        rows = {name: service.search(text, mode=engine, k=10) for name, text in junk.items()}
        answered[engine] = {"texts": len(rows), "with_results": sum(bool(r["total"]) for r in rows.values()),
                            "with_wards": sum(bool(r["wards"]) for r in rows.values()),
                            "totals": {name: r["total"] for name, r in rows.items()}}
    out["gibberish"] = answered
    out["pasted_known_item"] = quality
    out["answers"] = tops
    out["load_after"] = os.getloadavg()[0]

    print(f"{data.n} passages, {args.rounds} rounds, load {out['load_before']:.2f} -> {out['load_after']:.2f}")
    print("group (queries, median chars) | engine | p50 / p95 ms | process CPU p50 ms | encoder calls (mean) | "
          "texts encoded (mean) | × FTS5 p50")
    for name, row in out["groups"].items():
        for engine in [*modes, "fts5"]:
            r = row[engine]
            print(f"{name} ({row['queries']}, {row['chars_median']:.0f}) | {engine} | {r['p50_ms']} / {r['p95_ms']} | "
                  f"{r['cpu_p50_ms']} | {r.get('encoder_calls_mean', '-')} | {r.get('encoded_texts_mean', '-')} | "
                  f"{r.get('x_fts5', '-')}")
    print("pasted known item:", json.dumps(quality, ensure_ascii=False))
    for engine, row in answered.items():
        print(f"gibberish ({engine}): {row['with_results']} of {row['texts']} answered with results, "
              f"{row['with_wards']} with a ward; totals {json.dumps(row['totals'], ensure_ascii=False)}")
    if args.compare:
        before = json.loads(Path(args.compare).read_text(encoding="utf-8")).get("answers", {})
        for engine in modes:
            old, new = before.get(engine, []), tops.get(engine, [])
            if len(old) != len(new):
                continue
            same = sum(a["top10"] == b["top10"] for a, b in zip(old, new))
            same_set = sum(set(a["top10"]) == set(b["top10"]) for a, b in zip(old, new))
            overlap = statistics.mean(len(set(a["top10"]) & set(b["top10"])) / max(1, len(a["top10"]))
                                      for a, b in zip(old, new))
            wards = sum(a["wards"] == b["wards"] for a, b in zip(old, new))
            print(f"against {args.compare} ({engine}, {len(new)} pastes and paragraphs): same top 10 in order "
                  f"{same}, same set {same_set}, mean overlap {overlap:.3f}, same wards {wards}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
