"""A city-wide compilation whose sections are headed by their hubs spelled otherwise (parser33):
each section is its hub's ward's report, as a single report naming the hub so is (parser31's
`metadata.hubs_named` folding), not a file of no ward."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from indexer.corpus import parse_parts

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("multiward_generate", REPO / "tests/data/multiward/generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)


def _compiled(headings: dict[str, str]) -> str:
    lines = [generate.COVER, ""]
    for ward, _hub, seed, source_ward in (generate.SECTIONS[0], generate.SECTIONS[2]):
        body = generate.hub_only(ward, "", seed, source_ward)  # the ward named nowhere in its section
        lines += [headings[ward], "", body.split("\n", 1)[1].strip("\n"), ""]
    return "\n".join(lines) + "\n"


def _wards_of_reports(tmp_path: Path, text: str) -> list[str | None]:
    path = tmp_path / "zenku.txt"
    path.write_text(text, encoding="utf-8")
    return [p.document.ward for p in parse_parts(path, tmp_path) if any(x.unit for x in p.passages)]


def test_sections_headed_by_hubs_spelled_otherwise_are_their_wards_reports(tmp_path):
    # わっくんひろば as わっくん広場, スマイル・ポート without its middle dot, in a compilation's headings
    wards = _wards_of_reports(tmp_path, _compiled({"鶴見区": "地域子育て支援拠点「わっくん広場」",
                                                   "西区": "地域子育て支援拠点「スマイルポート」"}))
    assert wards == ["鶴見区", "西区"]


def test_sections_headed_by_hubs_as_the_list_spells_them_are_still_their_wards_reports(tmp_path):
    wards = _wards_of_reports(tmp_path, _compiled({"鶴見区": "地域子育て支援拠点「わっくんひろば」",
                                                   "西区": "地域子育て支援拠点「スマイル・ポート」"}))
    assert wards == ["鶴見区", "西区"]
