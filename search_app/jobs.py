"""Background reindex jobs started by uploads, each run in its own process.

Why a job queue and not a reindex inside the request: a reindex with
embeddings can take minutes, and the uploader should get an answer (the job
id) at once while search keeps answering from the current index generation
(generations switch atomically, see indexer/store.py).

Why a separate process: loading, Sudachi analysis, Whoosh writing and passage
embedding are CPU-bound Python and torch work. Inside the server they competed
with searches for the GIL and for the embedding model's lock, and searches
stalled for tens of seconds while a large upload was indexed. So a job runs
exactly what an operator would run — ``python -m search_app.cli reindex
--json --corpus … --index …`` (with ``--no-semantic`` when the server serves
keyword search only) — as a child process at a lower CPU priority (nice 10)
with one compute thread (OMP/MKL threads 1 unless the operator set them), and
the server only notices the new generation (``SearchService`` watches CURRENT).
Measured in benchmarks/upload_latency.py.
The server never lends its query embedder to a job.

- One worker thread per app runs jobs one at a time, in order; later uploads
  queue behind. Each job reindexes the whole corpus incrementally, so a queued
  job whose files were already picked up by the previous one finishes quickly.
- The reindex lock (`store.reindex_lock`) is shared with `kyoten reindex`: the
  child waits for it a little (``--wait``); when it exits with the busy code
  (3) the job says it is waiting and tries again, for up to `lock_wait`
  seconds in all, instead of failing.
- A job records its upload-time results (rejections, duplicates), the reindex
  summary (the child's JSON) and, per uploaded file, what the new generation's
  manifest says about it (indexed with N passages, or failed with the reason).
  An uploaded file the indexer cannot read (binary, no text layer, zip bomb…)
  is moved out of the corpus into ``uploads/.rejected/`` (hidden, so never
  indexed; kept so nothing is lost) and reported as rejected with the reason.
- If the child dies (a crash, the OOM killer), the job fails with its exit
  code and the last lines of its error output.
- A child that runs longer than `job_timeout` seconds (beyond its wait for the
  lock) is stopped and the job fails saying so: a file whose parsing never
  ends must not leave the job 「実行中」 for ever, holding the reindex lock
  and every later upload queued behind it. The previous generation keeps
  serving; the killed build is removed by the next reindex.
- Jobs are kept in memory (the last `keep` of them) and written to a journal
  (``jobs.json`` in the index folder) at every change, so the job pages survive
  a server restart. A job that was queued or running when the server stopped
  is run again when the next server starts (a reindex is incremental and
  idempotent: the uploaded files are already in the corpus), with a note
  saying so — an upload is never left unindexed by a restart.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Callable

from indexer import sidecar
from indexer.load import officeconvert
from indexer.files import write_text_atomically

from . import config
from .uploads import parts_message

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STATE_LABELS = {QUEUED: "待機中", RUNNING: "実行中", DONE: "完了", FAILED: "失敗"}
# A finished job's badge says what became of its files: "完了" alone over a batch whose
# every file was refused read as success.
REFUSED, PARTIAL = "refused", "partial"
BADGE_LABELS = {**STATE_LABELS, REFUSED: "取り込めませんでした", PARTIAL: "完了（一部取り込めず）"}
LEFT_OUT = ("rejected", "failed")   # file statuses that did not reach the index
DEFAULT_LOCK_WAIT = 1800.0   # a full CLI reindex with embeddings can take many minutes
DEFAULT_JOB_TIMEOUT = 4 * 3600.0   # one reindex child at most (an upload's is incremental: minutes)
EXIT_BUSY = 3                # `kyoten reindex`: another reindex holds the lock
FIRST_LOCK_WAIT = 2.0        # the child's --wait on its first attempt
LATER_LOCK_WAIT = 30.0       # … and on later ones (it takes the lock as soon as it is free)
CHILD_NICENESS = 10          # the reindex yields the CPU to searches
CHILD_THREAD_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS")
STDERR_LINES = 8             # kept for the failure message
REJECTED_SUBDIR = ".rejected"
JOURNAL_NAME = "jobs.json"
RESUMED_NOTE = "サーバーの再起動で中断されたため、もう一度実行します"
RESUMED_DONE_NOTE = "サーバーの再起動で中断されたため、再起動後にもう一度実行しました"


def _now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class Job:
    id: str
    uploads: list[dict]
    state: str = QUEUED
    created: str = field(default_factory=_now_iso)
    started: str | None = None
    finished: str | None = None
    queued_seconds: float | None = None
    run_seconds: float | None = None
    note: str | None = None           # what the job is doing or waiting for (changes as it runs)
    reason: str | None = None         # why a job no upload started runs (a metadata correction); kept
    error: str | None = None
    summary: dict | None = None
    files: list[dict] = field(default_factory=list)
    pid: int | None = None            # the reindex process (the last attempt)
    exit_code: int | None = None
    resumed: int = 0                  # times a server restart interrupted it and it was run again
    retry_of: str | None = None       # the failed job this one runs again (`retry`)
    _t_created: float = field(default_factory=time.monotonic, repr=False)
    _t_started: float | None = field(default=None, repr=False)

    @property
    def badge(self) -> str:
        """The state shown for the job: a finished job none of whose files reached the
        index is REFUSED, one some of whose files did not is PARTIAL, else its state."""
        left_out = sum(f.get("status") in LEFT_OUT for f in self.files)
        if self.state != DONE or not left_out:
            return self.state
        return REFUSED if left_out == len(self.files) else PARTIAL

    def to_dict(self) -> dict:
        badge = self.badge
        return {
            "id": self.id, "state": self.state, "state_label": STATE_LABELS[self.state],
            "badge": badge, "badge_label": BADGE_LABELS[badge],
            "created": self.created, "started": self.started, "finished": self.finished,
            "queued_seconds": self.queued_seconds, "run_seconds": self.run_seconds,
            "note": self.note, "reason": self.reason, "error": self.error, "pid": self.pid, "exit_code": self.exit_code,
            "resumed": self.resumed, "retry_of": self.retry_of, "files": [dict(f) for f in self.files], "uploads": [dict(u) for u in self.uploads],
            "summary": dict(self.summary) if self.summary else None,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Job":
        """A job read back from the journal (the dict of `to_dict`)."""
        names = {f.name for f in fields(cls) if not f.name.startswith("_")}   # not the monotonic clocks
        job = cls(**{k: v for k, v in data.items() if k in names})
        if job.state not in STATE_LABELS:
            raise ValueError(f"unknown job state {job.state!r}")
        return job


@dataclass
class _Attempt:
    returncode: int
    stdout: str
    stderr_tail: list[str]
    pid: int
    timed_out: bool = False


class JobRunner:
    """A FIFO of reindex jobs served by one daemon thread, each job a child process."""

    def __init__(self, corpus_dir: Path, index_dir: Path, *, semantic: bool = False,
                 lock_wait: float = DEFAULT_LOCK_WAIT, keep: int = 100,
                 on_published: Callable[[], None] | None = None, journal: Path | None = None,
                 job_timeout: float | None = DEFAULT_JOB_TIMEOUT):
        self.corpus_dir, self.index_dir = Path(corpus_dir), Path(index_dir)
        # Called (in the job thread) once a job has published its generation and
        # before the job says "done": the server switches to it then, so a search
        # made after "done" sees the upload, and no request waits for the load.
        self.on_published = on_published
        self.semantic = semantic
        self.lock_wait = lock_wait
        self.job_timeout = job_timeout or None   # 0 / None: no limit
        self.keep = keep
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self.journal = Path(journal) if journal is not None else self.index_dir / JOURNAL_NAME
        for job in self._load_journal():
            self._jobs[job.id] = job
            if job.state in (QUEUED, RUNNING):   # interrupted by the last shutdown
                job.state, job.note, job.pid, job.started = QUEUED, RESUMED_NOTE, None, None
                job.resumed += 1
                job.files = [_file_entry(u) for u in job.uploads]
                self._queue.put(job)
        self._thread = threading.Thread(target=self._work, name="kyoten-reindex-jobs", daemon=True)
        self._thread.start()

    # -- public ------------------------------------------------------------------

    def submit(self, uploads: list[dict], reason: str | None = None) -> dict:
        """Queue a reindex for a batch of upload results (`reason`: why, when it is not a
        plain upload, e.g. a report replaced); returns the job as a dict."""
        return self._submit(Job(id=uuid.uuid4().hex, uploads=[dict(u) for u in uploads], reason=reason))

    def submit_reindex(self, reason: str) -> dict:
        """Queue a reindex that no upload started (a metadata correction)."""
        job = Job(id=uuid.uuid4().hex, uploads=[], reason=reason)
        return self._submit(job)

    def retry(self, job_id: str, reason: str) -> dict | None:
        """Queue the reindex of a failed job again, for the same uploads (their files were
        saved before it failed); None when there is no such failed job."""
        with self._lock:
            old = self._jobs.get(job_id)
            if old is None or old.state != FAILED:
                return None
            uploads = [dict(u) for u in old.uploads]
        return self._submit(Job(id=uuid.uuid4().hex, uploads=uploads, reason=reason, retry_of=job_id))

    def get(self, job_id: str) -> dict | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.to_dict() if job else None

    def recent(self, n: int = 10) -> list[dict]:
        with self._lock:
            jobs = list(self._jobs.values())[-n:]
            return [j.to_dict() for j in reversed(jobs)]

    def wait(self, job_id: str, timeout: float = 60.0) -> dict | None:
        """Block until the job is done or failed (tests, scripts)."""
        deadline = time.monotonic() + timeout
        while True:
            job = self.get(job_id)
            if job is None or job["state"] in (DONE, FAILED) or time.monotonic() >= deadline:
                return job
            time.sleep(0.05)

    def shutdown(self, timeout: float = 30.0) -> None:
        """Stop the worker after the jobs already queued."""
        self._queue.put(None)
        self._thread.join(timeout)

    # -- worker ------------------------------------------------------------------

    def _submit(self, job: Job) -> dict:
        job.files = [_file_entry(u) for u in job.uploads]
        with self._lock:
            self._jobs[job.id] = job
            self._trim()
            snapshot = job.to_dict()
        self._queue.put(job)
        return snapshot

    def _trim(self) -> None:
        finished = [j for j in self._jobs.values() if j.state in (DONE, FAILED)]
        for job in finished[: max(0, len(self._jobs) - self.keep)]:
            del self._jobs[job.id]
        self._save_journal()

    def _update(self, job: Job, **changes) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(job, key, value)
            self._save_journal()

    def _save_journal(self) -> None:
        """Write every kept job to the journal (caller holds the lock). A journal
        that cannot be written costs only the history after a restart."""
        try:
            text = json.dumps([j.to_dict() for j in self._jobs.values()], ensure_ascii=False)
            write_text_atomically(self.journal, text)
        except OSError as exc:
            log.warning("cannot write the job journal %s: %s", self.journal, exc)

    def _load_journal(self) -> list[Job]:
        if not self.journal.is_file():
            return []
        try:
            return [Job.from_dict(d) for d in json.loads(self.journal.read_text(encoding="utf-8"))]
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            log.warning("job journal %s unreadable (%s); starting without job history", self.journal, exc)
            return []

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                self._run(job)
            except BaseException as exc:  # the worker must survive any job
                log.exception("reindex job %s failed", job.id)
                self._finish(job, FAILED, error=f"再索引中にエラーが発生しました（{type(exc).__name__}）")

    def command(self, lock_wait: float) -> list[str]:
        """The reindex command line a job runs (the same code as `kyoten reindex`)."""
        cmd = [sys.executable, "-m", "search_app.cli", "reindex", "--json",
               "--corpus", str(self.corpus_dir), "--index", str(self.index_dir),
               "--wait", f"{lock_wait:g}"]
        if not self.semantic:
            cmd.append("--no-semantic")
        return cmd

    def _run(self, job: Job) -> None:
        started = time.monotonic()
        officeconvert.sweep_stale()   # work folders of conversions a killed reindex left behind
        self._update(job, state=RUNNING, started=_now_iso(), _t_started=started,
                     queued_seconds=round(started - job._t_created, 3))
        deadline = started + self.lock_wait
        wait = min(FIRST_LOCK_WAIT, self.lock_wait)
        while True:
            attempt = self._spawn(job, wait)
            if attempt.returncode != EXIT_BUSY:
                break
            left = deadline - time.monotonic()
            if left <= 0:
                self._finish(job, FAILED, error=(
                    f"別の再索引が {int(self.lock_wait)} 秒以上終わらないため、再索引できませんでした。"
                    "ファイルは保存済みです。あとで kyoten reindex を実行してください。"))
                return
            self._update(job, note="別の再索引（kyoten reindex など）の終了を待っています")
            wait = max(0.5, min(LATER_LOCK_WAIT, left))
        if attempt.timed_out:
            self._finish(job, FAILED, error=_timeout_message(attempt, self.job_timeout))
            return
        if attempt.returncode != 0:
            self._finish(job, FAILED, error=_failure_message(attempt))
            return
        try:
            result = json.loads(attempt.stdout)
            if not isinstance(result, dict):
                raise ValueError("not an object")
        except ValueError:
            log.error("job %s: reindex printed no JSON summary: %r", job.id, attempt.stdout[-500:])
            self._finish(job, FAILED, error="再索引は終了しましたが、結果を読み取れませんでした。"
                         + _stderr_hint(attempt.stderr_tail))
            return
        files = self._file_results(job, result)
        if self.on_published is not None:
            try:
                self.on_published()
            except Exception:  # noqa: BLE001 — searches pick it up on their own later
                log.exception("job %s: could not switch to the new generation", job.id)
        self._update(job, note=RESUMED_DONE_NOTE if job.resumed else None, summary=result, files=files)
        self._finish(job, DONE)

    def _spawn(self, job: Job, lock_wait: float) -> _Attempt:
        """Run one reindex child to its end; its stderr is drained while it runs."""
        env = dict(os.environ)
        root = str(config.REPO_ROOT)
        # The child must import this very code (a test run or a checkout not installed).
        env["PYTHONPATH"] = os.pathsep.join([root] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
        env.setdefault("HF_HUB_OFFLINE", "1")
        env.pop(officeconvert.PREPARED_ENV, None)   # the child makes its own batch conversions
        # One compute thread: a background job must not crowd out the server's
        # query encodings (an operator may still set these to run it wider).
        for var in CHILD_THREAD_VARS:
            env.setdefault(var, "1")
        env.setdefault("TOKENIZERS_PARALLELISM", "false")
        proc = subprocess.Popen(self.command(lock_wait), cwd=root, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            os.setpriority(os.PRIO_PROCESS, proc.pid, CHILD_NICENESS)
        except (AttributeError, OSError):  # not on this platform: runs at normal priority
            pass
        self._update(job, pid=proc.pid)
        log.info("job %s: reindex process %d started", job.id, proc.pid)
        tail: deque[str] = deque(maxlen=STDERR_LINES)

        def drain():
            for raw in proc.stderr:
                line = raw.decode("utf-8", errors="replace").rstrip()
                if line:
                    tail.append(line)

        reader = threading.Thread(target=drain, daemon=True, name=f"reindex-stderr-{proc.pid}")
        reader.start()
        stopped = threading.Event()
        timer = None
        if self.job_timeout:
            def stop():
                stopped.set()
                log.error("job %s: reindex process %d still running after %g s; stopping it",
                          job.id, proc.pid, self.job_timeout)
                proc.kill()   # its build workers die with it (indexer/workers.py)

            timer = threading.Timer(self.job_timeout + lock_wait, stop)
            timer.daemon = True
            timer.start()
        try:
            stdout = proc.stdout.read().decode("utf-8", errors="replace")
            code = proc.wait()
        finally:
            if timer is not None:
                timer.cancel()
        reader.join(5)
        self._update(job, exit_code=code)
        return _Attempt(code, stdout, list(tail), proc.pid, timed_out=stopped.is_set())

    def _finish(self, job: Job, state: str, error: str | None = None) -> None:
        now = time.monotonic()
        run = round(now - job._t_started, 3) if job._t_started is not None else None
        self._update(job, state=state, finished=_now_iso(), run_seconds=run, error=error)
        log.info("reindex job %s %s in %ss", job.id, state, run)

    def _file_results(self, job: Job, summary: dict) -> list[dict]:
        """Per uploaded file: what the published generation says about it.

        Reads only the generation's manifest and its full-text index (counts),
        never the whole records file: the server process stays light."""
        from indexer.reindex import file_doc_ids   # (the manifest's rule; loaded when a job ends)

        files_meta = _manifest_files(self.index_dir, summary.get("generation"))
        failed = {f["file"]: f["reason"] for f in summary.get("failed", [])}
        duplicates = {d["file"]: d["same_as"] for d in summary.get("duplicates", [])}
        doc_ids = [files_meta.get(_indexed_name(u) or "", {}).get("doc_id") for u in job.uploads]
        all_ids = [d for u in job.uploads for d in file_doc_ids(files_meta.get(_indexed_name(u) or ""))]
        counts = _passage_counts(self.index_dir, summary.get("generation"), all_ids)
        out = []
        for upload, doc_id in zip(job.uploads, doc_ids):
            entry = _file_entry(upload)
            name = _indexed_name(upload)
            if name:
                meta = files_meta.get(name) or {}
                reason = failed.get(name) or meta.get("error")
                if reason:
                    moved = self._set_aside(name)
                    entry.update(status="rejected", reason=reason, saved_as=None, set_aside=moved, renamed=None)
                elif name in duplicates:
                    entry.update(status="duplicate", same_as=duplicates[name],
                                 reason=f"{duplicates[name]} と同じ内容のため索引に加えませんでした（重複）")
                elif doc_id:
                    entry.update(status="indexed", passages=counts.get(doc_id, 0), doc_id=doc_id,
                                 warnings=meta.get("warnings") or [])
                    if upload.get("not_indexed"):   # the saved copy of a duplicate, read at last
                        entry.update(reason=f"同じ内容の {name} を索引に加えました（パッセージ "
                                            f"{counts.get(doc_id, 0)} 件。新しくは保存していません）")
                    if meta.get("parts"):   # a file of several wards' reports (indexer.wardparts)
                        entry.update(passages=sum(counts.get(d, 0) for d in file_doc_ids(meta)),
                                     parts=meta["parts"], note=parts_message(meta["parts"], upload.get("metadata")))
                else:
                    entry.update(status="failed", reason="索引に見つかりません（再索引の前に削除された可能性があります）")
            out.append(entry)
        return out

    def _set_aside(self, name: str) -> str | None:
        """Move an uploaded file the indexer refused (and its sidecar) out of the
        corpus into uploads/.rejected/, so it is not reported at every reindex
        and nothing is deleted. Returns where it went (corpus-relative)."""
        path = (self.corpus_dir / name).resolve()
        uploads = (self.corpus_dir / "uploads").resolve()
        if uploads not in path.parents or not path.is_file():
            return None
        target_dir = uploads / REJECTED_SUBDIR
        try:
            target_dir.mkdir(exist_ok=True)
            target = target_dir / f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}-{path.name}"
            os.replace(path, target)
            side = sidecar.sidecar_path(path)
            if side.exists():
                os.replace(side, sidecar.sidecar_path(target))
        except OSError as exc:
            log.warning("could not set aside refused upload %s: %s", name, exc)
            return None
        return target.relative_to(self.corpus_dir.resolve()).as_posix()


def has_interrupted_jobs(journal: Path) -> bool:
    """Whether a job journal holds jobs that were queued or running (cheap: no runner)."""
    try:
        return any(d.get("state") in (QUEUED, RUNNING)
                   for d in json.loads(Path(journal).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, AttributeError):
        return False


def _manifest_files(index_dir: Path, generation: str | None) -> dict:
    """The `files` map of a generation's manifest (see the layout in indexer/store.py)."""
    if not generation:
        return {}
    try:
        manifest = json.loads((Path(index_dir) / generation / "manifest.json").read_text(encoding="utf-8"))
        return manifest.get("files", {}) or {}
    except (OSError, ValueError) as exc:  # already replaced by a newer generation
        log.warning("cannot read the manifest of generation %s: %s", generation, exc)
        return {}


def _passage_counts(index_dir: Path, generation: str | None, doc_ids: list[str]) -> dict[str, int]:
    """Passages per document in a generation's full-text index."""
    if not generation or not doc_ids:
        return {}
    from whoosh.query import Term

    from indexer import fulltext

    try:
        ix = fulltext.open_index(Path(index_dir) / generation / "fulltext")
        with ix.searcher() as searcher:
            return {d: len(searcher.search(Term("doc_id", d), limit=None)) for d in set(doc_ids)}
    except Exception as exc:  # noqa: BLE001 — a vanished generation only loses the counts
        log.warning("cannot count passages in generation %s: %s", generation, exc)
        return {}


def _stderr_hint(tail: list[str]) -> str:
    return ("（エラー出力の最後: " + " / ".join(tail[-3:]) + "）") if tail else ""


def _failure_message(attempt: _Attempt) -> str:
    """Why the reindex process failed, in words an admin can act on."""
    code = attempt.returncode
    if code < 0:
        import signal

        try:
            sig = signal.Signals(-code).name
        except ValueError:
            sig = str(-code)
        head = f"再索引のプロセス（PID {attempt.pid}）がシグナル {sig} で強制終了しました（メモリ不足の可能性があります）。"
    elif code == 4:
        head = "索引を書き込めませんでした（ディスクの空きや権限を確認してください）。以前の索引はそのまま使えます。"
    else:
        head = f"再索引のプロセス（PID {attempt.pid}）が終了コード {code} で失敗しました。"
    return head + "ファイルは保存済みです。" + _stderr_hint(attempt.stderr_tail)


def _timeout_message(attempt: _Attempt, seconds: float) -> str:
    return (f"再索引のプロセス（PID {attempt.pid}）が {_duration(seconds)}たっても終わらないため中止しました。"
            "以前の索引はそのまま使えます。ファイルは保存済みです。読み込みに時間がかかりすぎるファイルがある"
            "可能性があります。管理者がサーバーで kyoten reindex を実行して確かめてください。"
            + _stderr_hint(attempt.stderr_tail))


def _duration(seconds: float) -> str:
    if seconds >= 3600 and seconds % 3600 == 0:
        return f"{int(seconds // 3600)} 時間"
    if seconds >= 60 and seconds % 60 == 0:
        return f"{int(seconds // 60)} 分"
    return f"{seconds:g} 秒"


def _indexed_name(upload: dict) -> str | None:
    """The corpus file a job's reindex reads for an upload: the file it saved, or, for a
    duplicate of a saved file no reindex had read (`not_indexed`, the web upload's mark),
    that file."""
    return upload.get("saved_as") or (upload.get("same_as") if upload.get("not_indexed") else None)


def _file_entry(upload: dict) -> dict:
    """The per-file line of a job before indexing: upload outcome, pending if saved (or a
    duplicate of a saved file not indexed yet)."""
    status = upload.get("status")
    entry = {"file": upload.get("file"), "saved_as": upload.get("saved_as"),
             "status": "pending" if status == "saved" or upload.get("not_indexed") else status,
             "reason": upload.get("reason"), "same_as": upload.get("same_as"), "passages": None,
             "metadata": upload.get("metadata"), "renamed": upload.get("renamed")}
    return entry


FILE_STATUS_LABELS = {"pending": "索引待ち", "indexed": "索引に追加", "failed": "索引できません",
                      "duplicate": "重複", "rejected": "受け付けませんでした", "saved": "保存済み"}
