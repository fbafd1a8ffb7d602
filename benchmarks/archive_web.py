"""The served archive over HTTP: search latency, the cold first query, serving memory, and
the pages that list the whole archive, measured from a second process.

Starts ``python -m search_app.cli serve`` (waitress, loopback) over an existing index,
sends the first query as soon as /healthz answers (the cold query: model and caches not
yet warm), then, after one warm-up round, each of the judged queries (the dev set and
eval/extra … extra4, first ``--queries`` distinct strings) ``--rounds`` times to the
result page and to /api/search, in bm25 and hybrid mode. Then the pages whose size grows
with the archive: /status, /api/facets, the result page of a filter alone (a ward: every
one of its reports), a broad query's page (ward cards and the ward x year grid), a
document page. Reports p50/p95 per endpoint, each page's bytes, the server's resident
memory (VmRSS, VmHWM) and the server process's CPU seconds. Timings on a shared 2-core
machine are noisy: recorded, not asserted.

    python -m benchmarks.archive_web --index /tmp/x-idx [--rounds 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks.upload_latency import free_port, percentile

REPO = Path(__file__).resolve().parent.parent
GOLD = [Path("/work/shared/eval/dev.jsonl")] + [REPO / "eval" / f"extra{s}.jsonl" for s in ("", "2", "3", "4")]


def queries(n: int) -> list[str]:
    out: list[str] = []
    for path in GOLD:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line)["query"]
                if q not in out:
                    out.append(q)
    return out[:n]


def get(url: str) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=300) as response:
        body = response.read()
        status = response.status
    return (time.perf_counter() - started) * 1000, status, body


def proc_status(pid: int) -> dict:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) // 1024   # MB
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    out["cpu_s"] = round((int(fields[11]) + int(fields[12])) / tick, 1)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--queries", type=int, default=30)
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    qs = queries(args.queries)
    port = free_port()
    env = dict(os.environ, KYOTEN_INDEX=args.index, HF_HUB_OFFLINE="1",
               PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("KYOTEN_ADMIN_TOKEN", None)
    server = subprocess.Popen([sys.executable, "-m", "search_app.cli", "serve", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=str(REPO))
    base = f"http://127.0.0.1:{port}"
    report: dict = {"index": args.index, "queries": qs, "rounds": args.rounds}
    try:
        started = time.monotonic()
        while True:
            try:
                get(base + "/healthz")
                break
            except OSError:
                if time.monotonic() - started > 300:
                    raise SystemExit("server did not start")
                time.sleep(0.2)
        report["healthz_after_s"] = round(time.monotonic() - started, 1)
        ms, _, body = get(f"{base}/?q={urllib.parse.quote(qs[0])}")
        report["cold_first_page_ms"] = round(ms, 1)
        report["rss_after_cold"] = proc_status(server.pid)
        endpoints = {
            "page bm25": lambda q: f"{base}/?q={urllib.parse.quote(q)}&mode=bm25",
            "page hybrid": lambda q: f"{base}/?q={urllib.parse.quote(q)}",
            "api bm25": lambda q: f"{base}/api/search?q={urllib.parse.quote(q)}&mode=bm25",
            "api hybrid": lambda q: f"{base}/api/search?q={urllib.parse.quote(q)}",
        }
        for make in endpoints.values():
            for q in qs:
                get(make(q))
        results = {}
        for name, make in endpoints.items():
            times = [get(make(q))[0] for _ in range(args.rounds) for q in qs]
            results[name] = {"n": len(times), "p50_ms": round(statistics.median(times), 1),
                             "p95_ms": round(percentile(times, 95), 1)}
        report["search"] = results
        facets = json.loads(get(base + "/api/facets")[2])
        ward = sorted(w for w in (facets.get("ward") or {}) if w)[0]
        doc = json.loads(get(f"{base}/api/search?q={urllib.parse.quote(qs[0])}&mode=bm25")[2])["results"][0]["doc_id"]
        pages = {
            "/status": f"{base}/status",
            "/api/facets": f"{base}/api/facets",
            "/admin/": f"{base}/admin/",
            f"/?ward={ward} (filter alone)": f"{base}/?ward={urllib.parse.quote(ward)}",
            f"/?ward={ward}&view=list": f"{base}/?ward={urllib.parse.quote(ward)}&view=list",
            "/?q=子育て (cards + grid)": f"{base}/?q={urllib.parse.quote('子育て')}",
            "/api/search?q=子育て&k=100": f"{base}/api/search?q={urllib.parse.quote('子育て')}&k=100",
            "/documents/<id>": f"{base}/documents/{doc}",
            "/api/documents/<id>": f"{base}/api/documents/{doc}",
        }
        listed = {}
        for name, url in pages.items():
            times, size, status = [], 0, 0
            for _ in range(args.rounds + 1):
                ms, status, body = get(url)
                times.append(ms)
                size = len(body)
            listed[name] = {"status": status, "bytes": size, "p50_ms": round(statistics.median(times[1:]), 1)}
        report["pages"] = listed
        report["server"] = proc_status(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"cold first page {report['cold_first_page_ms']} ms (healthz after {report['healthz_after_s']} s); "
          f"server {report['server']}")
    print("| endpoint | requests | p50 ms | p95 ms |\n|---|---|---|---|")
    for name, r in report["search"].items():
        print(f"| {name} | {r['n']} | {r['p50_ms']} | {r['p95_ms']} |")
    print("\n| page | status | bytes | p50 ms |\n|---|---|---|---|")
    for name, r in report["pages"].items():
        print(f"| {name} | {r['status']} | {r['bytes']:,} | {r['p50_ms']} |")
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
