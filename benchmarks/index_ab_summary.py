"""Median / range table rows from benchmarks/index_ab.sh outputs (a, b, FTS5).

    python benchmarks/index_ab_summary.py OUT1.txt [OUT2.txt ...]
"""
import json, sys, statistics as st
rows = {}
for path in sys.argv[1:]:
    for line in open(path):
        label, t, _l, l1, l5, l15, js = line.split(' ', 6)
        rows.setdefault(label, []).append((t, float(l1), json.loads(js)))
def rng(v, f='{:.1f}'):
    lo, hi = min(v), max(v)
    return f.format(lo) if f.format(lo) == f.format(hi) else f.format(lo) + '–' + f.format(hi)
def med(v): return st.median(v)
for label in ('a', 'b'):
    R = [d for _t, _l, d in rows[label]]; loads = [l for _t, l, _d in rows[label]]
    b = [d['bm25'] for d in R]; h = [d['hybrid'] for d in R]
    print(f"| {label} | {len(R)} | {rng(loads, '{:.1f}')} | "
          f"{med([x['p50_ms'] for x in b]):.2f} ({rng([x['p50_ms'] for x in b], '{:.2f}')}) / {med([x['p95_ms'] for x in b]):.1f} | "
          f"{med([x['cpu_p50_ms'] for x in b]):.2f} | "
          f"{med([x['cold_ms'] for x in b]):.1f} ({med([x['cold_cpu_ms'] for x in b]):.1f}) | "
          f"×{med([x['cold_ms']/x['p50_ms'] for x in b]):.2f} ({rng([x['cold_ms']/x['p50_ms'] for x in b], '{:.2f}')}) | "
          f"{med([x['p50_ms'] for x in h]):.1f} / {med([x['p95_ms'] for x in h]):.1f} ({rng([x['p95_ms'] for x in h], '{:.0f}')}) | "
          f"{med([x['cpu_p50_ms'] for x in h]):.1f} / {med([x['cpu_p95_ms'] for x in h]):.1f} | "
          f"{med([x.get('process_cpu_p50_ms', float('nan')) for x in h]):.1f} / {med([x.get('process_cpu_p95_ms', float('nan')) for x in h]):.1f} | "
          f"{med([x['cold_ms'] for x in h]):.1f} | {med([d['peak_rss_mb'] for d in R]):,.0f} ({rng([d['peak_rss_mb'] for d in R], '{:.0f}')}) | "
          f"{med([d['semantic']['passing_p50'] for d in R]):,.0f} |")
F = [d for _t, _l, d in rows['fts5']]
print(f"| FTS5 | {len(F)} | {rng([l for _t, l, _d in rows['fts5']], '{:.1f}')} | {med([x['p50_ms'] for x in F]):.2f} ({rng([x['p50_ms'] for x in F], '{:.2f}')}) / {med([x['p95_ms'] for x in F]):.1f} | "
      f"{med([x['cpu_p50_ms'] for x in F]):.2f} | {med([x['cold_ms'] for x in F]):.1f} | | | | | | {med([x['peak_rss_mb'] for x in F]):,.0f} | |")
A = [d for _t, _l, d in rows['a']]
print('bm25 p50 ratio a/fts5 wall', round(med([x['bm25']['p50_ms'] for x in A]) / med([x['p50_ms'] for x in F]), 2),
      'cpu', round(med([x['bm25']['cpu_p50_ms'] for x in A]) / med([x['cpu_p50_ms'] for x in F]), 2))
print('bm25 cold cpu / warm cpu (a):', [round(x['bm25']['cold_cpu_ms'] / x['bm25']['cpu_p50_ms'], 2) for x in A])
print('hybrid cold / warm p50 (a):', [round(x['hybrid']['cold_ms'] / x['hybrid']['p50_ms'], 2) for x in A])
