"""Resident memory of a serving process by stage (issue 13, serving RSS at ~100k).

    python benchmarks/rss_stages.py INDEX_DIR

Opens the index as the service does, loads the query encoder, waits for the
background preload, then runs the benchmark queries twice per mode (bm25, then
hybrid), printing after each stage the resident size (VmRSS), its anonymous and
file-backed parts (RssAnon: heap, the runtime's weights; RssFile: mapped index
files and libraries, which the kernel may drop under memory pressure) and the
peak (ru_maxrss), in MB.
"""
import resource, sys, time
from pathlib import Path
from benchmarks.run import QUERIES
def rss():
    cur = [l for l in open('/proc/self/status') if l.startswith(('VmRSS', 'RssAnon', 'RssFile'))]
    return {l.split(':')[0]: int(l.split()[1]) // 1024 for l in cur} | {'peak': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}
from search_app.service import SearchService
print('start', rss(), flush=True)
s = SearchService.open(Path(sys.argv[1])); print('open', rss(), flush=True)
s.embedder(); print('encoder', rss(), flush=True)
if getattr(s.data, 'preloaded', None) is not None: s.data.preloaded.wait()
print('preloaded', rss(), flush=True)
for mode in ('bm25', 'hybrid'):
    for r in range(2):
        for q in QUERIES: s.search(q, mode=mode, k=10)
        print(mode, r, rss(), flush=True)
