"""A seed report re-laid as DOCX, HTML table, PDF, XLSX or CSV keeps its records:
the same ward, fiscal years and document type, and each goal or programme
section's text recovered in the passage of the same kind and goal/programme.

Run as a script to print the recovered share per format:
    PYTHONPATH=$PWD python tests/test_format_variants.py
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from benchmarks.format_variants import RENDERERS, held_text  # noqa: E402

from indexer import records  # noqa: E402
from indexer.load import load_bytes  # noqa: E402
from indexer.parse import parse_text  # noqa: E402
from indexer.load.pdf_layout import join_cut_rows  # noqa: E402
from search_app.evaluation import compact  # noqa: E402

# Layouts whose records are known to differ from the .txt's, with why. Not in the exact tests.
KNOWN_PARTIAL = {
    # Two page columns, each holding label | text rows: read column after column since relaid18
    # (`test_a_page_in_two_columns_of_tables_is_read_column_after_column`; of the judged evidence
    # strings 313 were in no passage, 5 are), but in a column this narrow a label wrapped beside
    # its text (「平成30年 / 度 重点目標」) is read as two rows by the label-width rules.
    "pdf_two_columns",
}
STRICT = sorted(f for f in RENDERERS if f not in KNOWN_PARTIAL)
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
    # a layout that types the years otherwise has the same years, and the sections of its own text
    held = held_text(fmt, text)
    want_sections = sections(want if held == text else parse_text(held, seed.name, "seed"))
    got_sections = sections(got)
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
    for fmt in STRICT:
        for seed in SEEDS:
            yield pytest.param(seed, fmt, id=f"{fmt}-{seed.name[:3]}")


@pytest.mark.parametrize(("seed", "fmt"), list(_cases()))
def test_seed_report_in_another_format_keeps_ward_years_and_type(seed, fmt):
    want_meta, got_meta, _n, _r, _lost = compare(seed, fmt)
    assert got_meta == want_meta


@pytest.mark.parametrize("fmt", STRICT)
def test_seed_reports_in_another_format_keep_their_goal_and_programme_sections(fmt):
    recovered, total, _got, _exact = share(fmt)
    assert total > 100  # the seeds have ~150 sections
    assert recovered >= TARGET_SHARE



# --- what users see: the goal blocks whole, the judged evidence where it belongs ----------

JUDGED = sorted((Path(__file__).resolve().parent.parent / "eval").glob("extra*.jsonl"))


@pytest.fixture(scope="module")
def parsed_formats():
    """fmt -> [(seed parse, re-laid parse)] over the five seed reports."""
    out: dict[str, list] = {}
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        want = parse_text(text, seed.name, "seed")
        for fmt in STRICT:
            render, suffix = RENDERERS[fmt]
            held = held_text(fmt, text)  # the seed's text with its years typed as the layout types them
            if held != text:
                out.setdefault(fmt, []).append((parse_text(held, seed.name, "seed"),
                                                parse_text(load_bytes(render(text), seed.stem + suffix).text,
                                                           seed.stem + suffix, "seed")))
                continue
            got = parse_text(load_bytes(render(text), seed.stem + suffix).text, seed.stem + suffix, "seed")
            out.setdefault(fmt, []).append((want, got))
    return out


def goal_blocks(parsed) -> dict[tuple, str]:
    """Each goal block's sections (目標, 取組内容, 成果, 課題 of one year), as evidence is matched."""
    out: dict[tuple, list[str]] = defaultdict(list)
    for p in parsed.passages:
        if p.unit and p.programme is None:
            out[(tuple(p.unit.rsplit("-", 2)[-2:]), p.section)].append(p.text)
    return {k: compact("".join(v)) for k, v in out.items()}


@pytest.mark.parametrize("fmt", STRICT)
def test_a_report_in_any_format_keeps_every_goal_section_whole(parsed_formats, fmt):
    """Not 80 % of the bigrams: the very text, markup and whitespace aside -- no page
    number, running header or neighbouring cell glued in, nothing cut off at a page break."""
    sections_checked = 0
    for want, got in parsed_formats[fmt]:
        want_blocks, got_blocks = goal_blocks(want), goal_blocks(got)
        sections_checked += len(want_blocks)
        differ = {k: (v[:60], got_blocks.get(k, "")[:60]) for k, v in want_blocks.items() if got_blocks.get(k) != v}
        assert not differ, (want.document.source, differ)
    assert sections_checked > 40  # the four yearly reports hold ~50 goal sections


def judged_evidence() -> list[tuple[str, str, str]]:
    out = []
    for path in JUDGED:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line)
                out += [(q["id"], ward, e["evidence"]) for ward, ev in q["relevant"].items() for e in ev]
    return out


@pytest.mark.parametrize("fmt", STRICT)
def test_a_report_in_any_format_keeps_each_judged_evidence_in_one_passage_of_its_ward(parsed_formats, fmt):
    def holders(parses) -> dict[str, set[str]]:
        texts = [(p.ward, compact(p.text)) for parsed in parses for p in parsed.passages]
        return {ev: {w for w, t in texts if compact(ev) in t} for _q, _w, ev in judged_evidence()}

    seeds = holders(want for want, _got in parsed_formats[fmt])
    relaid = holders(got for _want, got in parsed_formats[fmt])
    checked = [(q, ward, ev) for q, ward, ev in judged_evidence() if ward in seeds[ev]]
    assert len(checked) > 50  # the held-out sets judge ~100 evidence strings in the seeds
    lost = [(q, ward, ev) for q, ward, ev in checked if ward not in relaid[ev]]
    assert not lost, lost


def test_page_numbers_and_a_running_header_never_enter_a_passage():
    seed = SEEDS[0]
    text = seed.read_text(encoding="utf-8")
    render, suffix = RENDERERS["pdf_paged"]
    got = parse_text(load_bytes(render(text), seed.stem + suffix).text, seed.name, "seed")
    want = parse_text(text, seed.name, "seed")
    assert len(got.passages) == len(want.passages)
    assert not [p.text for p in got.passages if "ページ" in p.text]
    title = next(line for line in text.split("\n") if line.strip())
    assert sum(title in p.text for p in got.passages) == sum(title in p.text for p in want.passages)


def test_a_table_row_that_a_page_break_cut_is_one_row_again():
    pages = ["見出し\n②養育者に対して地域活動の大切さを伝えるとともに、関心のある\t○地域で子育てを\tA\tB",
             "人が、活動に参加するきっかけを作っている。\tしていた方を受け入れる。\n③次の行\t前半の\tA\tB",
             "\t続きのセル\n本文"]
    joined = join_cut_rows(pages)
    assert joined[0].split("\n")[1] == ("②養育者に対して地域活動の大切さを伝えるとともに、関心のある人が、活動に参加する"
                                        "きっかけを作っている。\t○地域で子育てをしていた方を受け入れる。\tA\tB")
    # a row continued in a later column only (its first cell empty on the next page)
    assert joined[1].split("\n")[-1] == "③次の行\t前半の続きのセル\tA\tB"
    assert joined[2] == "本文"
    # a row whose first cell is a label or ends its sentence is not continued by the next page's row
    assert join_cut_rows(["取組内容\t内容", "取組の成果\t成果"]) == ["取組内容\t内容", "取組の成果\t成果"]
    assert join_cut_rows(["①場づくりをしている。\tA", "②次の目標\tB"]) == ["①場づくりをしている。\tA", "②次の目標\tB"]
    # a new table's header row under a finished row (grades 「A」「B」) continues nothing
    header = ["①利用者を迎える場になっている。\t○周知が必要である。\tA\tB", "\t\t法人\t区\n②次の行\t\tA\tA"]
    assert join_cut_rows(header) == header


def test_a_first_column_cell_a_page_break_cut_mid_bracket_is_one_cell_again():
    pages = ["(主なデータ)\n出前合同育児講座共催 (R3年度はコロナ禍で小規模多\t13回\t10回",
             "回数実施)\n研修会開催\t0回\t2回"]
    joined = join_cut_rows(pages)
    assert joined[0].split("\n")[-1] == "出前合同育児講座共催 (R3年度はコロナ禍で小規模多回数実施)\t13回\t10回"
    assert joined[1] == "研修会開催\t0回\t2回"
    # body text after a finished row stays where it is, brackets or not
    kept = ["研修会開催 (年2回)\t0回\t2回", "その他(詳細は別紙)"]
    assert join_cut_rows(kept) == kept


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


@pytest.mark.parametrize("paragraphs", [36, 38, 40])
def test_a_table_row_cut_by_a_page_break_onto_a_page_without_other_rows_is_one_row_again(paragraphs):
    """The next page holds only the rest of the row's cells (then body text): its
    columns are known from the previous page's table."""
    from reportlab.lib.pagesizes import A5

    from benchmarks.format_variants import to_pdf

    cell = "子どもの発育と発達に関する相談が最も多かった" * 3
    text = "\n".join(["利用者支援事業の振り返り"] + [f"{i}. 段落の文章がここに入ります。" for i in range(paragraphs)]
                     + ["年齢\t1位の内容\t2位の内容\t3位の内容", f"0歳\t{cell}\t{cell}\t{cell}", "",
                        "以上のとおり報告します。"])
    lines = load_bytes(to_pdf(text, pagesize=A5, header="報告書", total_pages=2), "cut.pdf").text.split("\n")
    assert f"0歳\t{cell}\t{cell}\t{cell}" in lines
    assert "以上のとおり報告します。" in lines


def test_a_page_in_two_columns_of_tables_is_read_column_after_column():
    """A newsletter-like report: two page columns, each holding label | text rows. Each row
    is read whole from its own column, the left column's rows before the right one's; a row
    the left column's foot cut goes on at the right column's top."""
    from benchmarks.format_variants import to_pdf_two_columns

    rows = [(label, f"{label}について{n}年目の取組を地域の関係機関と共に進め、参加した親子の声を聞いて改善した。" * 3)
            for n, label in enumerate(["取組内容", "取組の成果", "取組の課題", "次年度の方針", "関係機関", "利用状況",
                                       "相談の傾向", "講座の評価", "広報の工夫", "地域との連携", "研修の実施",
                                       "今後の展望", "担い手の育成", "施設の運営"], start=1)]
    text = "泉区地域子育て支援拠点事業\n\n" + "\n".join(f"{label}\t{body}" for label, body in rows)
    data = to_pdf_two_columns(text)
    from pypdf import PdfReader
    import io

    assert len(PdfReader(io.BytesIO(data)).pages) == 1  # both columns on one page
    lines = load_bytes(data, "two-columns.pdf").text.split("\n")
    laid = [line for line in lines if "\t" in line]
    assert laid == [f"{label}\t{body}" for label, body in rows]


@pytest.mark.parametrize("fmt", ["html_ward_site", "xlsx_grid"])
def test_a_ward_site_page_or_an_excel_grid_form_gives_the_texts_passages_and_nothing_else(fmt):
    """Site furniture (breadcrumbs inside the content, 最終更新日, ページID, the contact block) and
    a 方眼紙 form's empty margin column add no passage and glue nothing to one."""
    for seed in (SEEDS[0], SEEDS[1]):
        text = seed.read_text(encoding="utf-8")
        render, suffix = RENDERERS[fmt]
        got = parse_text(load_bytes(render(text), seed.stem + suffix).text, seed.stem + suffix, "seed")
        want = parse_text(text, seed.name, "seed")
        assert sorted(compact(p.text) for p in got.passages) == sorted(compact(p.text) for p in want.passages)
