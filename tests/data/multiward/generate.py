"""Test files holding several wards' reports, built from the seed reports relabelled.

`build(folder)` writes (deterministically):

- ``zenku_r5_compiled.txt``: a city-wide compilation 「令和5年度 地域子育て支援拠点事業
  評価報告書（全区）」: a cover with contents naming every ward, then one section per ward
  headed 「〇〇区地域子育て支援拠点「愛称」」, each a seed report relabelled to that ward
  (the section bodies state their own years);
- ``zenku_r5_compiled.pdf`` / ``.docx`` / ``.html``: the same compilation as a paged PDF,
  Word and a web page with headings;
- ``zenku_r5_noyear.txt``: a compilation whose sections state no year, only its cover;
- ``wards_by_sheet.xlsx``: a workbook with one sheet per ward, named after the ward;
- ``wards_title_cells.xlsx``: the same with default sheet names (Sheet1 …): the ward is
  in each sheet's title cell (〇〇区地域子育て支援拠点事業 評価シート);
- ``hubs_title_cells.xlsx``: default sheet names, each sheet naming no ward at all, only
  its hub in its title cell (わっくんひろば 令和5年度 重点目標評価);
- negatives: ``citywide_summary.txt`` (the city's own report, a line on each ward under
  parallel 【鶴見区】 headings: no ward's report), and one ward each: ``izumi_names_other_wards.txt`` (a report naming other wards
  as partners, examples and in a list), ``tsurumi_year_sheets.xlsx`` (a ward's workbook
  with a sheet per year).

`SECTIONS` says which seed went to which ward; `expected()` what a reader should get.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SEEDS = REPO / "corpus"

# (ward, hub, seed file, seed's own ward): the seed's ward name is swapped with the target's
SECTIONS = (
    ("鶴見区", "わっくんひろば", "000_8f4773b09691ae88.txt", "泉区"),
    ("神奈川区", "かなーちえ", "003_d2a364418de75729.txt", "港南区"),
    ("西区", "スマイル・ポート", "004_edbefdd13c451103.txt", "港北区"),
)
COVER = "令和5年度 地域子育て支援拠点事業 評価報告書（全区）"


def relabelled(seed: str, source_ward: str, ward: str) -> str:
    """A seed report as the report of `ward` (the two ward names swapped)."""
    text = (SEEDS / seed).read_text(encoding="utf-8")
    return text.replace(source_ward, "\0").replace(ward, source_ward).replace("\0", ward)


def strip_years(text: str) -> str:
    """The report with its 和暦 fiscal years written as 今年度 / 次年度 (a section that
    leaves its year to the compilation's cover)."""
    import re

    text = re.sub(r"令和\s*[0-9０-９元]+\s*年度?", "", text)
    text = re.sub(r"平成\s*[0-9０-９元]+\s*年度?", "", text)
    text = re.sub(r"令和\s*[0-9０-９元]+年\s*[0-9０-９]+月\s*[0-9０-９]+日", "", text)
    return text


def compiled_text(with_years: bool = True) -> str:
    lines = [COVER, "", "目次"]
    lines += [f"{ward}地域子育て支援拠点「{hub}」" for ward, hub, _s, _w in SECTIONS]
    lines += ["", "本報告書は、市内各区の地域子育て支援拠点の重点目標の評価結果をまとめたものです。", ""]
    for ward, hub, seed, source_ward in SECTIONS:
        body = relabelled(seed, source_ward, ward)
        if not with_years:
            body = strip_years(body)
        lines += [f"{ward}地域子育て支援拠点「{hub}」", "", body.strip("\n"), ""]
    return "\n".join(lines) + "\n"


def workbook_bytes(sheets: list[tuple[str, str]]) -> bytes:
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, text in sheets:
        ws = wb.create_sheet(title)
        for line in text.split("\n"):
            ws.append(line.split("\t") if line.strip() else [])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def hub_only(ward: str, hub: str, seed: str, source_ward: str) -> str:
    """A ward's report that names only its hub: its title line says the hub, and every
    mention of the ward (title, 実施者, signature) is gone."""
    lines = relabelled(seed, source_ward, ward).replace(ward, "").split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    return "\n".join([f"{hub} 令和5年度 重点目標評価"] + lines[first + 1:])


def citywide_summary() -> str:
    """A city-wide summary (one report, no ward's): its own goal block, then one line on
    each ward's practice under parallel ward headings — no ward's report structure."""
    lines = ["令和5年度 地域子育て支援拠点事業 全区の取組のまとめ", "",
             "令和5年度 重点目標①\t各区の拠点で妊娠期からの支援を広げます。",
             "取組内容\t各区の拠点の取組を集め、共有しました。",
             "取組の成果\t妊娠期の講座が全区で開かれました。",
             "取組の課題\t父親の参加が少ない区があります。", ""]
    for ward, hub, _seed, _src in SECTIONS:
        lines += [f"【{ward}】", f"{hub}では、妊娠期の家庭向けの講座を開きました。", ""]
    return "\n".join(lines)


def named_other_wards() -> str:
    """泉区's report (seed 000) naming other wards as partners, examples, in a list."""
    text = (SEEDS / "000_8f4773b09691ae88.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("令和5年度 重点目標②"))
    extra = ["", "連携先：鶴見区地域子育て支援拠点「わっくんひろば」",
             "他区の事例：神奈川区地域子育て支援拠点「かなーちえ」",
             "港北区・緑区の拠点と合同で研修を行い、事例を共有しました。", "",
             "参加した区", "鶴見区", "神奈川区", "港北区", ""]
    return "\n".join(lines[:at] + extra + lines[at:])


def year_sheets() -> list[tuple[str, str]]:
    """鶴見区's reports of two years, a sheet per year (seeds 000 and 003 relabelled)."""
    return [("令和5年度", relabelled("000_8f4773b09691ae88.txt", "泉区", "鶴見区")),
            ("令和4年度", relabelled("003_d2a364418de75729.txt", "港南区", "鶴見区").replace("令和5年度", "令和4年度"))]


def build(folder: Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(REPO))
    from benchmarks import format_variants

    compiled = compiled_text()
    files = {
        "zenku_r5_compiled.txt": compiled.encode("utf-8"),
        "zenku_r5_compiled.pdf": format_variants.to_pdf_paged(compiled),
        "zenku_r5_compiled.docx": format_variants.to_docx(compiled),
        "zenku_r5_noyear.txt": compiled_text(with_years=False).encode("utf-8"),
        "wards_by_sheet.xlsx": workbook_bytes([(ward, relabelled(seed, src, ward)) for ward, _h, seed, src in SECTIONS]),
        "wards_title_cells.xlsx": workbook_bytes([(f"Sheet{i}", f"{ward}地域子育て支援拠点事業 評価シート\n"
                                              + relabelled(seed, src, ward))
                                             for i, (ward, _h, seed, src) in enumerate(SECTIONS, 1)]),
        "hubs_title_cells.xlsx": workbook_bytes([(f"Sheet{i}", hub_only(*section))
                                            for i, section in enumerate(SECTIONS, 1)]),
        "zenku_r5_compiled.html": format_variants.to_html_headings(compiled),
        "citywide_summary.txt": citywide_summary().encode("utf-8"),
        "izumi_names_other_wards.txt": named_other_wards().encode("utf-8"),
        "tsurumi_year_sheets.xlsx": workbook_bytes(year_sheets()),
    }
    written = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "out"):
        print(path)
