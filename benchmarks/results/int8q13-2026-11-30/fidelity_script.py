"""|Δ similarity| of int8 forms against fp32 x fp32: the 80 judged queries (dev + extra..extra4)
x the passage and sentence vectors of seed indexes built with each encoder (/tmp/q13-fp32, /tmp/q13-int8).
Run from the repository root with PYTHONPATH=$PWD."""
import json, glob, numpy as np
from pathlib import Path
from indexer.embeddings import Embedder
path = Path('models/multilingual-e5-small')
qs = []
for f in ['/work/shared/eval/dev.jsonl'] + [f'eval/extra{s}.jsonl' for s in ('', '2', '3', '4')]:
    qs += [json.loads(l)['query'] for l in open(f) if l.strip()]
def load(n):
    g = glob.glob(f'/tmp/q13-{n}/gen-*')[0]
    return np.load(g + '/vectors.npy').astype(np.float32), np.load(g + '/sentences.npy').astype(np.float32)
P32, S32 = load('fp32'); P8, S8 = load('int8')
E32 = Embedder.load(path, encoder='fp32'); E8 = Embedder.load(path, encoder='int8')
Q32 = np.stack([E32.encode_query(q) for q in qs]); Q8 = np.stack([E8.encode_query(q) for q in qs])
def stats(d):
    d = np.abs(d).ravel(); return f"{d.mean():.5f} / {np.percentile(d,99):.5f} / {d.max():.5f}"
print(len(qs), 'queries; passages', P32.shape, 'sentences', S32.shape)
for name, P, S in (('passages', (P32, P8), None), ('sentences', (S32, S8), None)):
    ref = Q32 @ P[0].T
    print(name, 'symmetric int8 (int8 q x int8 p):', stats(Q8 @ P[1].T - ref))
    print(name, 'asymmetric (fp32 q x int8 p):   ', stats(Q32 @ P[1].T - ref))
    print(name, 'int8 q x fp32 p:                ', stats(Q8 @ P[0].T - ref))
print('query cosine int8 vs fp32 mean/min', (Q8*Q32).sum(1).mean(), (Q8*Q32).sum(1).min())
