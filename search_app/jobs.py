"""Background reindex jobs started by uploads.

Why a job queue and not a reindex inside the request: a reindex with
embeddings can take minutes, and the uploader should get an answer (the job
id) at once while search keeps answering from the current index generation
(generations switch atomically, see indexer/store.py).

- One worker thread per app runs jobs one at a time, in order; later uploads
  queue behind. Each job reindexes the whole corpus incrementally, so a queued
  job whose files were already picked up by the previous one finishes quickly.
- The reindex lock (`store.reindex_lock`) is shared with `kyoten reindex`: if a
  command-line reindex holds it, the job waits (state `running`, with a note
  saying it is waiting) for up to `lock_wait` seconds instead of failing.
- A job records its upload-time results (rejections, duplicates), the reindex
  summary and, per uploaded file, what the new generation says about it
  (indexed with N passages, or failed with the reason).
- The job embeds with the search service's model when the app has one
  (`Embedder` lets waiting queries go before each next group of passage
  batches, so search stays responsive); only without it does the job load its
  own copy, dropped again when the queue is empty.
- Jobs live in memory (the last `keep` of them): they describe work done by
  this server process, and the index itself is the durable outcome.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from indexer import store
from indexer.load import DEFAULT_MAX_BYTES
from indexer.reindex import reindex

from .indexing import load_embedder

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STATE_LABELS = {QUEUED: "待機中", RUNNING: "実行中", DONE: "完了", FAILED: "失敗"}
DEFAULT_LOCK_WAIT = 1800.0   # a full CLI reindex with embeddings can take many minutes
_LOCK_POLL = 2.0             # reindex(wait_seconds=…) per attempt, so the job can say it is waiting


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
    note: str | None = None
    error: str | None = None
    summary: dict | None = None
    files: list[dict] = field(default_factory=list)
    _t_created: float = field(default_factory=time.monotonic, repr=False)
    _t_started: float | None = field(default=None, repr=False)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "state": self.state, "state_label": STATE_LABELS[self.state],
            "created": self.created, "started": self.started, "finished": self.finished,
            "queued_seconds": self.queued_seconds, "run_seconds": self.run_seconds,
            "note": self.note, "error": self.error,
            "files": [dict(f) for f in self.files], "uploads": [dict(u) for u in self.uploads],
            "summary": dict(self.summary) if self.summary else None,
        }


class JobRunner:
    """A FIFO of reindex jobs served by one daemon thread."""

    def __init__(self, corpus_dir: Path, index_dir: Path, *, semantic: bool = False,
                 max_bytes: int = DEFAULT_MAX_BYTES, lock_wait: float = DEFAULT_LOCK_WAIT,
                 keep: int = 100, embedder=None):
        self.corpus_dir, self.index_dir = Path(corpus_dir), Path(index_dir)
        self.semantic = semantic
        # The indexer must accept what the upload accepted.
        self.max_bytes = max(max_bytes, DEFAULT_MAX_BYTES)
        self.lock_wait = lock_wait
        self.keep = keep
        self._embedder = embedder
        self._embedder_loaded = embedder is not None
        self._keep_embedder = embedder is not None   # given by the caller: never dropped
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._work, name="kyoten-reindex-jobs", daemon=True)
        self._thread.start()

    # -- public ------------------------------------------------------------------

    def submit(self, uploads: list[dict]) -> dict:
        """Queue a reindex for a batch of upload results; returns the job as a dict."""
        job = Job(id=uuid.uuid4().hex, uploads=[dict(u) for u in uploads])
        job.files = [_file_entry(u) for u in job.uploads]
        with self._lock:
            self._jobs[job.id] = job
            self._trim()
            snapshot = job.to_dict()
        self._queue.put(job)
        return snapshot

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

    def _trim(self) -> None:
        finished = [j for j in self._jobs.values() if j.state in (DONE, FAILED)]
        for job in finished[: max(0, len(self._jobs) - self.keep)]:
            del self._jobs[job.id]

    def _update(self, job: Job, **changes) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(job, key, value)

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
            if self._queue.empty() and not self._keep_embedder:
                self._embedder, self._embedder_loaded = None, False

    def _run(self, job: Job) -> None:
        started = time.monotonic()
        self._update(job, state=RUNNING, started=_now_iso(), _t_started=started,
                     queued_seconds=round(started - job._t_created, 3))
        embedder = self._get_embedder()
        deadline = started + self.lock_wait
        while True:
            try:
                summary = reindex(self.corpus_dir, self.index_dir, embedder=embedder,
                                  max_bytes=self.max_bytes, wait_seconds=_LOCK_POLL)
                break
            except store.IndexBusyError:
                if time.monotonic() >= deadline:
                    self._finish(job, FAILED, error=(
                        f"別の再索引が {int(self.lock_wait)} 秒以上終わらないため、再索引できませんでした。"
                        "ファイルは保存済みです。あとで kyoten reindex を実行してください。"))
                    return
                self._update(job, note="別の再索引（kyoten reindex など）の終了を待っています")
        result = summary.to_dict()
        self._update(job, note=None, summary=result, files=self._file_results(job, result))
        self._finish(job, DONE)

    def _finish(self, job: Job, state: str, error: str | None = None) -> None:
        now = time.monotonic()
        run = round(now - job._t_started, 3) if job._t_started is not None else None
        self._update(job, state=state, finished=_now_iso(), run_seconds=run, error=error)
        log.info("reindex job %s %s in %ss", job.id, state, run)

    def _get_embedder(self):
        """The configured embedding model, loaded once (it takes seconds), or None."""
        if not self._embedder_loaded:
            self._embedder = load_embedder(self.semantic)
            self._embedder_loaded = True
        return self._embedder

    def _file_results(self, job: Job, summary: dict) -> list[dict]:
        """Per uploaded file: what the published generation says about it."""
        files_meta: dict = {}
        passages: dict[str, int] = {}
        try:
            gen = store.open_generation(self.index_dir, summary.get("generation"))
            files_meta = gen.manifest.get("files", {})
            for p in gen.passages:
                src = (p.get("source") or {}).get("file") or p.get("source_file")
                passages[src] = passages.get(src, 0) + 1
        except (OSError, ValueError, KeyError) as exc:  # already replaced by a newer generation
            log.warning("job %s: cannot read generation %s: %s", job.id, summary.get("generation"), exc)
        failed = {f["file"]: f["reason"] for f in summary.get("failed", [])}
        duplicates = {d["file"]: d["same_as"] for d in summary.get("duplicates", [])}
        out = []
        for upload in job.uploads:
            entry = _file_entry(upload)
            name = upload.get("saved_as")
            if name:
                meta = files_meta.get(name) or {}
                if name in failed or meta.get("error"):
                    entry.update(status="failed", reason=failed.get(name) or meta.get("error"))
                elif name in duplicates:
                    entry.update(status="duplicate", same_as=duplicates[name],
                                 reason=f"{duplicates[name]} と同じ内容のため索引に加えませんでした（重複）")
                elif meta.get("doc_id") or passages.get(name):
                    entry.update(status="indexed", passages=passages.get(name, 0), doc_id=meta.get("doc_id"))
                else:
                    entry.update(status="failed", reason="索引に見つかりません（再索引の前に削除された可能性があります）")
            out.append(entry)
        return out


def _file_entry(upload: dict) -> dict:
    """The per-file line of a job before indexing: upload outcome, pending if saved."""
    status = upload.get("status")
    entry = {"file": upload.get("file"), "saved_as": upload.get("saved_as"),
             "status": "pending" if status == "saved" else status,
             "reason": upload.get("reason"), "same_as": upload.get("same_as"), "passages": None}
    return entry


FILE_STATUS_LABELS = {"pending": "索引待ち", "indexed": "索引に追加", "failed": "索引できません",
                      "duplicate": "重複", "rejected": "受け付けませんでした", "saved": "保存済み"}
