"""An archive of ward copies for tests: 港南区's 令和5年度 report (its 重点目標① names 多胎児
（ツインスターズ）) copied into the other 17 wards the way the archive benchmark does it
(benchmarks/archive.Relabel: ward name replaced, fiscal years shifted back), indexed as keywords."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.archive import Relabel
from indexer.metadata import YOKOHAMA_WARDS

REPO = Path(__file__).resolve().parent.parent
KONAN = "003_d2a364418de75729.txt"          # 港南区, 令和5年度 (2023)
NISHI = "002_1e0f9424e05a3b67.txt"          # 西区, 5か年のまとめ 2021-2025 (also names 多胎児)
TWINS_LINE = "子育て家庭同士が悩みを打ち明け"
NEAR_EDIT = "子育て家庭同士が日頃の悩みを打ち明け"   # one word more: near-identical, not identical
OTHERS = [w for w in YOKOHAMA_WARDS if w not in ("港南区", "西区")]
# every other ward holds the report twice: this year's copy and one three years back;
# some wards hold only old copies (shifted 3 and 4 years), one ward a lightly edited copy
OLD_ONLY = OTHERS[1::4]
NEAR_WARD = OTHERS[2]
BOTH = [w for w in OTHERS if w not in OLD_ONLY and w != NEAR_WARD]


def seed_with_copies(root: Path, copies: list[tuple[str, str]]):
    """A keyword-only search service over the seed corpus plus report copies (file name, text),
    built under ``root``."""
    from search_app.indexing import build_index
    from search_app.service import SearchService

    corpus = root / "corpus"
    shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns("uploads"))
    for name, text in copies:
        (corpus / name).write_text(text, encoding="utf-8")
    build_index(corpus, root / "index", semantic=False)
    return SearchService.open(root / "index", semantic=False)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    source = (REPO / "corpus" / KONAN).read_text(encoding="utf-8")
    assert TWINS_LINE in source
    copies = []
    for n, ward in enumerate(OTHERS):
        shifts = (3, 4) if ward in OLD_ONLY else (0,) if ward == NEAR_WARD else (0, 3)
        for shift in shifts:
            text = Relabel("港南区", ward, shift)(source)
            if ward == NEAR_WARD:
                text = text.replace(TWINS_LINE, NEAR_EDIT)
            copies.append((f"9{n:02d}_copy_minus{shift}.txt", text))
    return seed_with_copies(tmp_path_factory.mktemp("copies"), copies)
