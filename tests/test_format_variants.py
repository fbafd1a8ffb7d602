"""A seed report re-laid as DOCX, HTML table, PDF, XLSX or CSV keeps its records:
the same ward, fiscal years and document type, and each goal or programme
section's text recovered in the passage of the same kind and goal/programme.

Run as a script to print the recovered share per format:
    PYTHONPATH=$PWD python tests/test_format_variants.py
"""

from __future__ import annotations

import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from benchmarks.format_variants import RENDERERS  # noqa: E402

from indexer import records  # noqa: E402
from indexer.load import load_bytes  # noqa: E402
from indexer.parse import parse_text  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))
CONTAINMENT = 0.8
TARGET_SHARE = 0.95


def bigrams(text: str) -> set[str]:
    s = "".join(unicodedata.normalize("NFKC", text).split())
    return {s[i:i + 2] for i in range(len(s) - 1)}


def sections(parsed) -> dict[tuple, str]:
    """Text of each goal / programme section, keyed by what identifies it."""
    out: dict[tuple, list[str]] = defaultdict(list)
    for p in parsed.passages:
        if p.section == records.OTHER or (p.goal_no is None and p.programme is None):
            continue
        out[(p.section, p.fiscal_year_from, p.goal_no, p.programme)].append(p.text)
    return {k: "\n".join(v) for k, v in out.items()}


def metadata(parsed) -> tuple:
    d = parsed.document
    return (d.ward, d.fiscal_year_from, d.fiscal_year_to, d.doc_type)


def compare(seed: Path, fmt: str) -> tuple[tuple, tuple, int, int, list[tuple]]:
    """(seed metadata, variant metadata, sections, recovered, lost keys)."""
    text = seed.read_text(encoding="utf-8")
    want = parse_text(text, seed.name, "seed")
    render, suffix = RENDERERS[fmt]
    loaded = load_bytes(render(text), seed.stem + suffix)
    got = parse_text(loaded.text, seed.stem + suffix, "variant")
    want_sections, got_sections = sections(want), sections(got)
    recovered, lost = 0, []
    for key, body in want_sections.items():
        need = bigrams(body)
        have = bigrams(got_sections.get(key, ""))
        if need and len(need & have) / len(need) >= CONTAINMENT:
            recovered += 1
        else:
            lost.append(key)
    return metadata(want), metadata(got), len(want_sections), recovered, lost


def share(fmt: str) -> tuple[float, int, int, int]:
    """(recovered share, sections, recovered, seeds with exact metadata)."""
    total = got = exact = 0
    for seed in SEEDS:
        try:
            want_meta, got_meta, n, r, _ = compare(seed, fmt)
        except Exception:  # noqa: BLE001 - a refused file recovers nothing
            want_meta, got_meta = None, ()
            n, r = len(sections(parse_text(seed.read_text(encoding="utf-8"), seed.name, "s"))), 0
        total, got, exact = total + n, got + r, exact + (want_meta == got_meta)
    return (got / total if total else 1.0), total, got, exact


def _cases():
    for fmt in sorted(RENDERERS):
        for seed in SEEDS:
            yield pytest.param(seed, fmt, id=f"{fmt}-{seed.name[:3]}")


@pytest.mark.parametrize(("seed", "fmt"), list(_cases()))
def test_seed_report_in_another_format_keeps_ward_years_and_type(seed, fmt):
    want_meta, got_meta, _n, _r, _lost = compare(seed, fmt)
    assert got_meta == want_meta


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_seed_reports_in_another_format_keep_their_goal_and_programme_sections(fmt):
    recovered, total, _got, _exact = share(fmt)
    assert total > 100  # the seeds have ~150 sections
    assert recovered >= TARGET_SHARE


if __name__ == "__main__":
    print(f"{'format':<12} {'recovered':>9} {'sections':>8} {'metadata exact':>15}")
    for fmt in sorted(RENDERERS):
        s, n, r, exact = share(fmt)
        print(f"{fmt:<12} {s:9.2f} {r:>4}/{n:<4} {exact:>8}/{len(SEEDS)}")
        if "-v" in sys.argv:
            for seed in SEEDS:
                try:
                    wm, gm, n, r, lost = compare(seed, fmt)
                    print(f"    {seed.name[:3]} {r}/{n} meta {'ok' if wm == gm else (wm, gm)} lost {lost[:6]}")
                except Exception as exc:  # noqa: BLE001
                    print(f"    {seed.name[:3]} refused: {exc}")
