"""Search latency while a large upload is reindexed, against idle, in one run.

Starts `kyoten serve` (waitress) on a free loopback port over a fresh copy of
the seed corpus and its index (with embeddings unless --no-semantic), warms it
up, then measures /api/search with 4 concurrent clients (threads, bounded
loops of typical queries):

1. idle: nothing else happening in the server;
2. during: a ~300 KB report built from the seed reports (every line made
   unique, so nothing comes from the embedding cache) is uploaded through the
   admin API, and the clients keep searching until its reindex job is done.

Reports p50 / p95 / max per phase and the targets of issue 12 (p95 during ≤ 2×
idle, no request over 1 s). Not a test: the figures depend on the machine and
on whatever else runs on it, so they are recorded, not asserted.

    .venv/bin/python benchmarks/upload_latency.py [--clients 4] [--idle-loops 25]
        [--report-kb 300] [--mode hybrid] [--no-semantic] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUERIES = ["多胎児", "妊娠期支援", "双子を育てる家庭への支援", "令和5年度 父親", "外国につながる親子",
           "子育てサポートシステム 提供会員", "利用者同士の交流を促すためにどんな工夫をしたか", "沐浴体験",
           "西区 相談件数", "復職"]
TOKEN = "bench-" + uuid.uuid4().hex
MAX_DURING_REQUESTS = 20_000     # bound on the loop while the job runs


def large_report(target_bytes: int = 300_000) -> bytes:
    """A report of about `target_bytes` (UTF-8) made of the seed reports' lines,
    each copy's lines made unique so they are parsed and embedded afresh."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").glob("*.txt"))]
    out: list[str] = []
    size, copy = 0, 0
    while size < target_bytes:
        copy += 1
        for text in seeds:
            for i, line in enumerate(text.splitlines()):
                line = line.rstrip()
                if len(line) > 20:   # headings stay headings; sentences get a unique tail
                    line = f"{line} （記録{copy}-{i}）"
                out.append(line)
                size += len(line.encode("utf-8")) + 1
            out.append("")
    return "\n".join(out).encode("utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(proc: subprocess.Popen, timeout: float = 15.0) -> None:
    """Ask a server process to stop; kill it when it does not within `timeout`."""
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def request(method: str, url: str, body: bytes | None = None, headers: dict | None = None,
            timeout: float = 120.0) -> tuple[int, dict]:
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read().decode("utf-8") or "{}")


def multipart(field: str, name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "kyoten-" + uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
            "Content-Type: text/plain\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def stats(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50_ms": round(percentile(values, 50), 1),
            "p95_ms": round(percentile(values, 95), 1), "max_ms": round(max(values), 1)}


def run_clients(base: str, mode: str, clients: int, loops: int | None, stop: threading.Event | None):
    """`clients` threads querying in turn; each runs `loops` queries, or until `stop`.
    Returns (latencies in ms, errors, (start, ms) of the requests over 1 s)."""
    latencies: list[float] = []
    slow: list[tuple[float, float]] = []     # (monotonic start, ms) of requests over 1 s
    errors: list[str] = []
    lock = threading.Lock()

    def client(offset: int):
        n = 0
        while True:
            if loops is not None and n >= loops:
                return
            if stop is not None and (stop.is_set() or len(latencies) >= MAX_DURING_REQUESTS):
                return
            q = QUERIES[(offset + n) % len(QUERIES)]
            url = base + "/api/search?" + urllib.parse.urlencode({"q": q, "mode": mode, "k": 10})
            started = time.perf_counter()
            started_mono = time.monotonic()
            try:
                status, _ = request("GET", url, timeout=120)
                ms = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(ms)
                    if ms > 1000:
                        slow.append((started_mono, ms))
                    if status != 200:
                        errors.append(f"HTTP {status}")
            except Exception as exc:  # noqa: BLE001 — recorded, not fatal
                with lock:
                    errors.append(repr(exc))
            n += 1

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, slow


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--idle-loops", type=int, default=25, help="queries per client when idle")
    parser.add_argument("--report-kb", type=int, default=300)
    parser.add_argument("--mode", default="hybrid", choices=["hybrid", "bm25", "semantic"])
    parser.add_argument("--no-semantic", action="store_true", help="keyword-only server and index")
    parser.add_argument("--json", help="write the results here")
    args = parser.parse_args()
    semantic = not args.no_semantic
    if not semantic and args.mode != "bm25":
        args.mode = "bm25"

    sys.path.insert(0, str(REPO))
    from search_app.indexing import build_index

    work = Path(tempfile.mkdtemp(prefix="kyoten-upload-bench-"))
    corpus, index = work / "corpus", work / "index"
    shutil.copytree(REPO / "corpus", corpus)
    print(f"building the seed index in {index} (semantic={semantic}) …", file=sys.stderr)
    build_index(corpus, index, semantic=semantic, full=True)

    port = free_port()
    env = dict(os.environ, KYOTEN_CORPUS=str(corpus), KYOTEN_INDEX=str(index), KYOTEN_ADMIN_TOKEN=TOKEN,
               KYOTEN_SEMANTIC="1" if semantic else "0", HF_HUB_OFFLINE="1",
               PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    log = open(work / "server.log", "wb")
    server = subprocess.Popen([sys.executable, "-m", "search_app.cli", "serve", "--port", str(port)],
                              cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    result: dict = {}
    try:
        deadline = time.monotonic() + 180
        while True:
            if server.poll() is not None:
                raise SystemExit((work / "server.log").read_text(errors="replace"))
            try:
                if request("GET", base + "/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("server did not start")
            time.sleep(0.3)
        run_clients(base, args.mode, 1, len(QUERIES), None)   # warm-up: model, caches

        load_before = os.getloadavg()
        idle, idle_errors, _ = run_clients(base, args.mode, args.clients, args.idle_loops, None)

        report = large_report(args.report_kb * 1000)
        body, ctype = multipart("files", "large_report.txt", report)
        auth = {"Authorization": f"Bearer {TOKEN}"}
        stop = threading.Event()
        during: list[float] = []
        during_errors: list[str] = []

        slow_during: list[tuple[float, float]] = []

        def clients_during():
            lat, err, slow = run_clients(base, args.mode, args.clients, None, stop)
            during.extend(lat)
            during_errors.extend(err)
            slow_during.extend(slow)

        load_at_upload = os.getloadavg()
        runner = threading.Thread(target=clients_during, daemon=True)
        runner.start()
        t0 = time.monotonic()
        status, answer = request("POST", base + "/api/admin/upload", body, {**auth, "Content-Type": ctype})
        upload_ms = (time.monotonic() - t0) * 1000
        if status != 202:
            raise SystemExit(f"upload failed: {status} {answer}")
        job_url = base + answer["job_url"]
        while True:
            status, job = request("GET", job_url, headers=auth)
            if job.get("state") in ("done", "failed"):
                break
            time.sleep(0.5)
        t_done = time.monotonic()
        time.sleep(3)   # the server switches to the new generation within about a second
        stop.set()
        runner.join()
        load_after = os.getloadavg()

        idle_s, during_s = stats(idle), stats(during)
        result = {
            "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
            "machine": {"platform": platform.platform(), "cpus": os.cpu_count(),
                        "loadavg_before": load_before, "loadavg_at_upload": load_at_upload,
                        "loadavg_after": load_after,
                        "note": "shared machine: other processes were running during the measurement"},
            "mode": args.mode, "semantic": semantic, "clients": args.clients,
            "report_bytes": len(report), "upload_request_ms": round(upload_ms, 1),
            "job": {"state": job.get("state"), "run_seconds": job.get("run_seconds"),
                    "pid": job.get("pid"), "server_pid": server.pid, "error": job.get("error"),
                    "passages": (job.get("files") or [{}])[0].get("passages"),
                    "embedded": (job.get("summary") or {}).get("embedded")},
            "idle": idle_s, "during": during_s,
            # when the requests over 1 s started, in seconds after the upload and
            # relative to the moment the job was seen done (negative = before)
            "slow_requests": [{"after_upload_s": round(t - t0, 1), "vs_job_done_s": round(t - t_done, 1),
                               "ms": round(ms)} for t, ms in sorted(slow_during)],
            "errors": {"idle": idle_errors[:5], "during": during_errors[:5],
                       "counts": [len(idle_errors), len(during_errors)]},
        }
        if idle_s.get("n") and during_s.get("n"):
            ratio = during_s["p95_ms"] / max(idle_s["p95_ms"], 0.1)
            result["targets"] = {"p95_ratio": round(ratio, 2), "p95_ratio_ok": ratio <= 2.0,
                                 "max_under_1s": during_s["max_ms"] <= 1000}
    finally:
        stop_process(server)
        log.close()
        shutil.rmtree(work, ignore_errors=True)

    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
