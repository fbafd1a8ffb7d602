"""The judged query texts the tests run through both scorers: eval/extra.jsonl, and the
dev set in ../shared/eval when it is there."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "eval" / "dev.jsonl"


def eval_queries() -> list[str]:
    files = [REPO / "eval" / "extra.jsonl"] + ([DEV] if DEV.is_file() else [])
    return [json.loads(line)["query"] for f in files
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
