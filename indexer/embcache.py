"""Embedding cache: never embed the same text with the same model twice.

Embedding runs at tens of passages per second on a CPU, so reindexing reuses
vectors by (model, sha256 of the embedded text). SQLite gives atomic writes
and safe concurrent readers for free.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    def __init__(self, path: Path, model: str):
        self.path = Path(path)
        self.model = model
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), timeout=30)
        self.db.execute("CREATE TABLE IF NOT EXISTS vectors ("
                        "model TEXT, key TEXT, dim INTEGER, vec BLOB, PRIMARY KEY (model, key))")

    def get_many(self, texts: list[str]) -> dict[str, np.ndarray]:
        keys = list({text_key(t) for t in texts})
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for key, dim, blob in self.db.execute(
                    f"SELECT key, dim, vec FROM vectors WHERE model=? AND key IN ({marks})",
                    [self.model, *chunk]):
                found[key] = np.frombuffer(blob, dtype=np.float32, count=dim)
        return found

    def put_many(self, texts: list[str], vectors: np.ndarray) -> None:
        rows = [(self.model, text_key(t), int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes())
                for t, v in zip(texts, vectors)]
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?,?,?,?)", rows)

    def close(self) -> None:
        self.db.close()
