"""The results of upload batches that started no reindex, kept on disk.

A batch whose every file was refused (empty, wrong format, too large) or was a
duplicate starts no job, so the job journal does not hold it. Its page
(`/admin/uploads/<id>`, where the upload form redirects) must still say, file by
file, why nothing was kept — also after a server restart, and on the admin page's
list of recent uploads, where staff look for what became of a batch. So each
outcome is written, with the time it was received, to a small journal
(`upload-outcomes.json` in the index folder, beside the job journal `jobs.json`),
the last `keep` of them, replaced atomically at every addition. A journal that
cannot be written or read costs only that history (logged), never the upload's
answer.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections import OrderedDict
from datetime import datetime
from pathlib import Path

from indexer.files import write_text_atomically

log = logging.getLogger(__name__)

JOURNAL_NAME = "upload-outcomes.json"
KEPT_OUTCOMES = 200
FIELDS = ("files", "saved", "duplicates", "rejected", "message")


class OutcomeStore:
    """The last `keep` outcomes of batches that started no job, by id, on disk."""

    def __init__(self, journal: Path, keep: int = KEPT_OUTCOMES):
        self.journal = Path(journal)
        self.keep = keep
        self._lock = threading.Lock()
        self._outcomes: OrderedDict[str, dict] = OrderedDict()
        for item in self._load():
            self._outcomes[item["id"]] = item

    def add(self, outcome: dict) -> str:
        """Keep a batch's outcome (its per-file results and counts); returns its id."""
        outcome_id = uuid.uuid4().hex
        item = {"id": outcome_id, "created": datetime.now().astimezone().isoformat(timespec="seconds"),
                **{k: outcome.get(k) for k in FIELDS}}
        with self._lock:
            self._outcomes[outcome_id] = item
            while len(self._outcomes) > self.keep:
                self._outcomes.popitem(last=False)
            self._save()
        return outcome_id

    def get(self, outcome_id: str) -> dict | None:
        with self._lock:
            item = self._outcomes.get(outcome_id)
            return dict(item) if item else None

    def recent(self, n: int = 10) -> list[dict]:
        """The newest `n` outcomes, newest first."""
        with self._lock:
            return [dict(item) for item in list(self._outcomes.values())[-n:][::-1]]

    def _save(self) -> None:
        try:
            write_text_atomically(self.journal, json.dumps(list(self._outcomes.values()), ensure_ascii=False))
        except OSError as exc:
            log.warning("cannot write the upload outcomes %s: %s", self.journal, exc)

    def _load(self) -> list[dict]:
        if not self.journal.is_file():
            return []
        try:
            items = json.loads(self.journal.read_text(encoding="utf-8"))
            return [i for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)
                    and isinstance(i.get("files"), list)]
        except (OSError, ValueError, TypeError) as exc:
            log.warning("upload outcomes %s unreadable (%s); starting without them", self.journal, exc)
            return []
