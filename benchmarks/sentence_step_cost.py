"""The semantic half's parts at ~100k, thread CPU per query (sentence vectors' share).

    python benchmarks/sentence_step_cost.py INDEX_DIR

Per benchmark query (4 rounds, no filter): the query encoding, the passage
matrix product with the floor mask, `retrieval_semantic.best_sentences` alone,
and `retrieval_semantic.search` whole; median and p95 milliseconds; then
`best_sentences` split into its pool (`distinct_head`) and reading the rows.
"""
import sys, time, statistics
import numpy as np
from pathlib import Path
from benchmarks.run import QUERIES
from search_app.service import SearchService
from search_app import retrieval_semantic as rs
s = SearchService.open(Path(sys.argv[1])); e = s.embedder(); d = s.data
mask = np.ones(len(d.vectors), bool)
parts = {'matmul+mask': [], 'best_sentences': [], 'search (whole)': [], 'encode_query': []}
for r in range(4):
    for q in QUERIES:
        t = time.thread_time(); qv = e.encode_query(q); parts['encode_query'].append(time.thread_time() - t)
        t = time.thread_time(); sims = d.vectors @ qv; ok = mask & d.embedded & (sims >= rs.FLOOR); parts['matmul+mask'].append(time.thread_time() - t)
        t = time.thread_time(); rs.best_sentences(d, qv, sims, ok); parts['best_sentences'].append(time.thread_time() - t)
        t = time.thread_time(); rs.search(d, qv, mask); parts['search (whole)'].append(time.thread_time() - t)
print(sys.argv[1], 'thread CPU ms per query, median / p95 over', len(parts['search (whole)']))
for k, v in parts.items():
    v = np.array(v) * 1000
    print(f'  {k:16s} {np.median(v):6.2f} / {np.percentile(v, 95):6.2f}')
# best_sentences split: the pool's distinct_head, reading the rows (pread), and how
# often the 200-passage head held fewer than 50 distinct texts (widened to all)
dh, of, fallback = [], [], 0
for r in range(3):
    for q in QUERIES:
        qv = e.encode_query(q); sims = d.vectors @ qv; ok = mask & d.embedded & (sims >= rs.FLOOR)
        t = time.thread_time()
        found, distinct = rs.distinct_head(np.where(ok, sims, -np.inf), int(ok.sum()), d.duplicates.exact, rs.SENTENCE_POOL)
        dh.append(time.thread_time() - t)
        fallback += len(found) > rs.HEAD_FACTOR * rs.SENTENCE_POOL
        t = time.thread_time(); d.sentences.of(distinct[:rs.SENTENCE_POOL]); of.append(time.thread_time() - t)
f = lambda v: f"{np.median(v) * 1000:.2f} / {np.percentile(v, 95) * 1000:.2f}"
print(f"  pool distinct_head {f(dh)} | rows read (pread) {f(of)} | head widened to all: {fallback} of {len(dh)}")
