"""The seed reports laid out as Word files, then saved by LibreOffice as .odt, .docx and web
page (.html): every judged evidence string the seed's own parse holds is still in some passage."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks import format_variants
from benchmarks.relaid import evidence_in, gold_paths
from indexer.parse import parse_file
from search_app.evaluation import load_judgements

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                                "apt-get install libreoffice-writer-nogui")
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = ("000_8f4773b09691ae88", "002_1e0f9424e05a3b67")  # 泉区 one year; 西区 5か年
WORD_LAYOUTS = ("docx_goal_tables", "docx_headed")  # goal tables; page header, footer, fields
SAVED_AS = {"odt": "odt", "docx": "docx:MS Word 2007 XML", "html": "html:HTML (StarWriter)"}


def _passages(files):
    return [{"text": p.text} for f in files for p in parse_file(f).passages]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    root = tmp_path_factory.mktemp("lo")
    src = root / "src"
    src.mkdir()
    for stem in SEEDS:
        text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
        for layout in WORD_LAYOUTS:
            (src / f"{stem}_{layout}.docx").write_bytes(format_variants.RENDERERS[layout][0](text))
    out = {}
    for suffix, target in SAVED_AS.items():
        folder = root / suffix
        subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{root}/profile",
                        "--convert-to", target, "--outdir", str(folder), *map(str, sorted(src.glob("*.docx")))],
                       capture_output=True, timeout=300, check=True)
        out[suffix] = sorted(folder.glob(f"*.{suffix}"))
    return out


@pytest.fixture(scope="module")
def judged():
    out = []
    for g in gold_paths(None):
        out += load_judgements(g)
    if not out:
        pytest.skip("no judged query files (dev.jsonl, eval/extra*.jsonl)")
    return out


@pytest.mark.parametrize("suffix", sorted(SAVED_AS))
def test_word_reports_saved_by_libreoffice_keep_every_judged_evidence(converted, judged, suffix):
    seed = evidence_in(judged, _passages(CORPUS / f"{s}.txt" for s in SEEDS))
    assert seed, "the seed reports hold judged evidence"
    files = converted[suffix]
    assert len(files) == len(SEEDS) * len(WORD_LAYOUTS)
    lost = seed - evidence_in(judged, _passages(files))
    assert not lost, sorted(lost)[:5]
