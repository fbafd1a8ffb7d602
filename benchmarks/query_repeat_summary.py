"""Medians (and ranges) of benchmarks/query_repeat.sh outputs, with issue 13's ratios.

    python benchmarks/query_repeat_summary.py OUT1.txt [OUT2.txt ...]

Each input line: "<label> <time> load <1 5 15> <step JSON>" (label kyoten, fts5 or
tantivy). Prints one markdown row per engine and the ratios of issue 13 item 3:
bm25 p50 ÷ FTS5 p50 (medians over the steps, wall and thread CPU, and per repeat),
cold ÷ warm p50 per Kyoten step (bm25 and hybrid, wall and CPU), hybrid p95, peak RSS.
"""
from __future__ import annotations

import json
import statistics as st
import sys


def rng(values, fmt="{:.2f}"):
    lo, hi = fmt.format(min(values)), fmt.format(max(values))
    return lo if lo == hi else f"{lo}–{hi}"


def main(paths: list[str]) -> None:
    rows: dict[str, list[tuple[str, float, dict]]] = {}
    for path in paths:
        for line in open(path, encoding="utf-8"):
            if not line.strip():
                continue
            label, t, _load, l1, _l5, _l15, js = line.split(" ", 6)
            rows.setdefault(label, []).append((t, float(l1), json.loads(js)))
    med = st.median
    K = [d for _t, _l, d in rows.get("kyoten", [])]
    loads = [l for _t, l, _d in rows.get("kyoten", [])]
    print("| engine | steps | load (1 min) | p50 ms (range) | p95 ms | thread CPU p50 ms | cold ms (CPU) | cold ÷ warm p50, wall (range) | cold CPU ÷ warm CPU p50 | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for mode in ("bm25", "hybrid"):
        m = [d[mode] for d in K]
        cw = [x["cold_ms"] / x["p50_ms"] for x in m]
        cc = [x["cold_cpu_ms"] / x["cpu_p50_ms"] for x in m]
        print(f"| Kyoten {mode} | {len(m)} | {rng(loads, '{:.1f}')} | {med([x['p50_ms'] for x in m]):.2f} "
              f"({rng([x['p50_ms'] for x in m])}) | {med([x['p95_ms'] for x in m]):.1f} ({rng([x['p95_ms'] for x in m], '{:.1f}')}) | "
              f"{med([x['cpu_p50_ms'] for x in m]):.2f} | {med([x['cold_ms'] for x in m]):.1f} ({med([x['cold_cpu_ms'] for x in m]):.1f}) | "
              f"×{med(cw):.2f} ({rng(cw)}) | ×{med(cc):.2f} ({rng(cc)}) | "
              f"{med([d['peak_rss_mb'] for d in K]):,.0f} ({rng([d['peak_rss_mb'] for d in K], '{:.0f}')}) |")
    for peer in ("fts5", "tantivy"):
        P = [d for _t, _l, d in rows.get(peer, []) if "skipped" not in d]
        if not P:
            continue
        pl = [l for _t, l, d in rows[peer] if "skipped" not in d]
        print(f"| {peer} | {len(P)} | {rng(pl, '{:.1f}')} | {med([x['p50_ms'] for x in P]):.2f} ({rng([x['p50_ms'] for x in P])}) | "
              f"{med([x['p95_ms'] for x in P]):.1f} | {med([x['cpu_p50_ms'] for x in P]):.2f} | {med([x['cold_ms'] for x in P]):.1f} | | | "
              f"{med([x['peak_rss_mb'] for x in P]):,.0f} |")
    F = [d for _t, _l, d in rows.get("fts5", [])]
    if K and F:
        b = [d["bm25"] for d in K]
        print("bm25 p50 ÷ FTS5 p50 (medians of steps): wall ×%.2f, CPU ×%.2f" % (
            med([x["p50_ms"] for x in b]) / med([x["p50_ms"] for x in F]),
            med([x["cpu_p50_ms"] for x in b]) / med([x["cpu_p50_ms"] for x in F])))
        # per repeat: each FTS5 step against the Kyoten steps on either side of it
        order = sorted(((t, label, d) for label, items in rows.items() for (t, _l, d) in items), key=lambda r: r[0])
        per = []
        for i, (_t, label, d) in enumerate(order):
            if label != "fts5":
                continue
            near = [o[2]["bm25"]["p50_ms"] for o in order[max(0, i - 2): i + 4] if o[1] == "kyoten"]
            if near:
                per.append(med(near) / d["p50_ms"])
        if per:
            print("bm25 p50 ÷ FTS5 p50 per repeat (neighbouring steps): " + ", ".join(f"×{r:.2f}" for r in per))
    print("open s:", rng([d["open_seconds"] for d in K], "{:.1f}"), " encoder load s:",
          rng([d["encoder_load_seconds"] for d in K], "{:.1f}"),
          " first-pass bm25 p50 ms:", rng([d["bm25"]["first_pass_p50_ms"] for d in K]))
    for i, (t, l, d) in enumerate(rows.get("kyoten", [])):
        b, h = d["bm25"], d["hybrid"]
        print(f"  {t} load {l:.1f}: bm25 {b['p50_ms']:.2f}/{b['p95_ms']:.1f} cold {b['cold_ms']:.1f} ({b['cold_cpu_ms']:.1f} CPU, warm CPU {b['cpu_p50_ms']:.2f}) "
              f"×{b['cold_ms'] / b['p50_ms']:.2f}; hybrid {h['p50_ms']:.1f}/{h['p95_ms']:.1f} cold {h['cold_ms']:.1f} ×{h['cold_ms'] / h['p50_ms']:.2f}; "
              f"RSS {d['peak_rss_mb']:,.0f}")


if __name__ == "__main__":
    main(sys.argv[1:])
