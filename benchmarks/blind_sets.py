"""The judged sets only ever read as totals (eval/README.md): one list, one refusal.

A benchmark that tunes on queries or prints them one by one (traces, leave-one-out grids,
fitted fusions) calls `refuse` on its judged files before opening any: a blind set given to
it stops the run with a message naming the file, so its queries stay unread.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

BLIND = tuple(f"extra{n}" for n in (6, 7, 8, 9, 16, 17, 18, 19, 20, 21, 26, 27, 30, 31))


def is_blind(path: str | Path) -> bool:
    """Whether a judged file is one of the blind sets (by its name, e.g. eval/extra7.jsonl)."""
    return Path(path).stem in BLIND


def refuse(parser: argparse.ArgumentParser, paths: Iterable[str | Path]) -> None:
    """Stop the command (exit 2) if any of the judged files is a blind set."""
    for path in paths:
        if is_blind(path):
            parser.error(f"{path} is a blind or held-out set: only its totals are read "
                         "(kyoten eval), never its queries one by one")
