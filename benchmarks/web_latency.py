"""Warm page and API latency of the real server, measured from a second process.

Starts `kyoten serve` (waitress) on a free loopback port over an existing index,
waits until it answers, warms it up, then sends a fixed list of typical queries
from this process and reports median and p95 per endpoint. Not a test: timings
on a shared 2-core machine are noisy, so they are recorded, not asserted.

    .venv/bin/python benchmarks/web_latency.py [--index var/index] [--rounds 5] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks.upload_latency import free_port, percentile

REPO = Path(__file__).resolve().parent.parent
QUERIES = ["多胎児", "妊娠期支援", "双子を育てる家庭への支援", "令和5年度 父親", "外国につながる親子",
           "子育てサポートシステム 提供会員", "利用者同士の交流を促すためにどんな工夫をしたか", "沐浴体験",
           "西区 相談件数", "復職"]


def get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        assert response.status == 200, response.status
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", default=str(REPO / "var" / "index"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json")
    args = parser.parse_args()
    port = free_port()
    env = dict(os.environ, KYOTEN_INDEX=args.index, HF_HUB_OFFLINE="1")
    server = subprocess.Popen([str(REPO / ".venv" / "bin" / "kyoten"), "serve", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                get(base + "/healthz")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("server did not start")
                time.sleep(0.3)
        endpoints = {
            "page / (hybrid)": lambda q: f"{base}/?q={urllib.parse.quote(q)}",
            "page / (bm25)": lambda q: f"{base}/?q={urllib.parse.quote(q)}&mode=bm25",
            "api hybrid": lambda q: f"{base}/api/search?q={urllib.parse.quote(q)}",
            "api bm25": lambda q: f"{base}/api/search?q={urllib.parse.quote(q)}&mode=bm25",
            "api semantic": lambda q: f"{base}/api/search?q={urllib.parse.quote(q)}&mode=semantic",
        }
        for make in endpoints.values():  # warm-up: model load, caches
            for q in QUERIES:
                get(make(q))
        results = {}
        for name, make in endpoints.items():
            times = [get(make(q)) for _ in range(args.rounds) for q in QUERIES]
            results[name] = {"n": len(times), "median_ms": round(statistics.median(times), 1),
                             "p95_ms": round(percentile(times, 95), 1)}
    finally:
        server.terminate()
        server.wait(timeout=30)
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    report = {"date": time.strftime("%Y-%m-%d"), "machine": machine, "index": args.index,
              "queries": QUERIES, "rounds": args.rounds, "results": results,
              "command": "python benchmarks/web_latency.py " + " ".join(sys.argv[1:])}
    print("| endpoint | requests | median ms | p95 ms |\n|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['n']} | {r['median_ms']} | {r['p95_ms']} |")
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
