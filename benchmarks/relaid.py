"""The judged queries on the seed reports re-laid in other formats and layouts.

    python -m benchmarks.relaid [--layouts txt,docx,pdf,...] [--modes hybrid,bm25]
                                [--out /tmp/relaid-bench] [--gold FILE ...] [-v] [--json]

For each layout, every seed report of ``corpus/`` is replaced by its re-laid version
(the renderers of ``benchmarks/format_variants.py``: DOCX, HTML, PDF, XLSX, CSV and the
extra real-world layouts there; the same DOCX / XLSX saved by LibreOffice as Word 97–2003
.doc, RTF and Excel 97–2003 .xls, OpenDocument .odt / .ods, and the Excel 方眼紙 sheet printed to PDF,
``LEGACY_LAYOUTS``, which needs Debian's libreoffice-writer-nogui and libreoffice-calc-nogui; the
Word layouts exported to PDF and the Excel ones printed to PDF by LibreOffice and the web pages
printed by Chromium through Playwright, ``PRINTED_LAYOUTS``; the text layouts of
``benchmarks/variants.py``), the
folder is indexed into ``OUT/<layout>/index`` and the judged sets (dev + eval/extra*.jsonl)
run through the public ``SearchService.search``. Printed per layout beside the original
``.txt`` corpus: evidence recall@10 / ward-set F1 per set and mode, documents whose ward,
years or type differ from the seed's parse, and the judged evidence strings that the
``.txt`` index holds in some passage but the re-laid index holds in none (with ``-v``,
also the evidence the top 10 lost and the wards the answer lost, query by query).

Relevance is matched by ward and evidence text (``search_app.evaluation``: markup and
whitespace removed, NFKC), never by file name, so a re-laid file needs no mapping to its
seed. An evidence string a text layout itself rewrites (西暦 for 和暦, (1) for ①) is
marked as such: it is not a loss of the loader or parser.

Each layout's index starts from a copy of the ``.txt`` index's embedding cache, so only
passages whose text differs are embedded again (a few seconds to a minute per layout on
2 cores).
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import time
from pathlib import Path

from search_app.evaluation import Judged, compact, evaluate, load_judgements

from . import export_layouts, format_variants, variants

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = REPO_ROOT / "corpus"
DEFAULT_GOLD = ("dev.jsonl", "eval/extra.jsonl", "eval/extra2.jsonl", "eval/extra3.jsonl")
DEV_CANDIDATES = (REPO_ROOT / "eval" / "dev.jsonl", REPO_ROOT.parent.parent / "shared" / "eval" / "dev.jsonl",
                  Path("/work/shared/eval/dev.jsonl"))
# the renderers of format_variants and relaid22's (export_layouts)
RENDERERS = {**format_variants.RENDERERS, **export_layouts.RENDERERS}
BINARY_LAYOUTS = tuple(RENDERERS)
# layout -> (the format_variants layout saved in the old format, its suffix)
LEGACY_LAYOUTS = {
    "doc": ("docx", ".doc"),
    "doc_goal_rows": ("docx_goal_rows", ".doc"),
    "rtf": ("docx", ".rtf"),
    "xls": ("xlsx", ".xls"),
    "xls_year_sheets": ("xlsx_year_sheets", ".xls"),
    # saved by LibreOffice in OpenDocument, and the 方眼紙 sheet printed to PDF (A4 landscape,
    # fitted to the page width, as its page setup says)
    "odt_goal_tables": ("docx_goal_tables", ".odt"),
    "ods_grid": ("xlsx_grid", ".ods"),
    "pdf_grid_landscape": ("xlsx_grid", ".pdf"),
    # relaid22: the Word outline saved as OpenDocument
    "odt_outline": ("docx_outline", ".odt"),
}
# The PDFs offices send, made by the office programs themselves (relaid17): layout ->
# (the format_variants layout, how it is made). "soffice": LibreOffice's PDF export of the Word
# file as it is; ("sheet", orientation, fitted to one page wide): the workbook's print page set
# (A4) and printed by LibreOffice; "chromium": the web page printed by Chromium as 印刷 → PDF に
# 保存 does (A4, the browser's header with the date and title, the footer with the address and
# 「n/N」).
PRINTED_LAYOUTS = {
    "pdf_lo_docx": ("docx", "soffice"),
    "pdf_lo_docx_goal_rows": ("docx_goal_rows", "soffice"),
    "pdf_lo_docx_goal_tables": ("docx_goal_tables", "soffice"),
    "pdf_lo_docx_headed": ("docx_headed", "soffice"),
    "pdf_lo_xlsx_portrait": ("xlsx", ("sheet", "portrait", True)),
    "pdf_lo_xlsx_landscape": ("xlsx", ("sheet", "landscape", True)),
    "pdf_lo_xlsx_year_sheets": ("xlsx_year_sheets", ("sheet", "portrait", True)),
    "pdf_lo_xlsx_grid_portrait": ("xlsx_grid", ("sheet", "portrait", True)),
    "pdf_chromium_ward_site": ("html_ward_site", "chromium"),
    "pdf_chromium_headings": ("html_headings", "chromium"),
    # relaid22: the sheet with the sections as columns printed landscape, its header row the
    # print titles (repeated on every page), a goal's rows split across pages
    "pdf_lo_xlsx_section_columns": ("xlsx_section_columns", ("sheet", "landscape", True)),
}
TEXT_LAYOUTS = tuple(variants.text_variants("令和5年度 重点目標①\t目標"))
DEFAULT_LAYOUTS = ("txt",) + BINARY_LAYOUTS + tuple(LEGACY_LAYOUTS) + tuple(PRINTED_LAYOUTS) + TEXT_LAYOUTS
# where the printed web page says it was: the footer of a browser's print shows the address
PRINT_URL = "https://www.city.yokohama.lg.jp/kosodate-kyoiku/kosodateshien/kyoten/hyoka.html"


def held_text(layout: str, text: str) -> str:
    """The seed's text as `layout` (of RENDERERS) writes it: its years restyled or not."""
    return format_variants.held_text(layout, text) if layout in format_variants.RENDERERS else text


def print_page(html_bytes: bytes, url: str = PRINT_URL) -> bytes:
    """A web page printed to PDF by Chromium (Playwright), as a user's 印刷 → PDF に保存: A4, the
    browser's own header (date, page title) and footer (address, 「n/N」), print margins."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or None)
        try:
            context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo")
            page = context.new_page()
            page.route(url, lambda route: route.fulfill(body=html_bytes, content_type="text/html; charset=utf-8"))
            page.goto(url)
            return page.pdf(format="A4", display_header_footer=True, print_background=False,
                            margin={"top": "1cm", "bottom": "1cm", "left": "1cm", "right": "1cm"})
        finally:
            browser.close()


def printed(layout: str, seed_text: str) -> bytes:
    """One seed report re-laid by `layout` of PRINTED_LAYOUTS (as a PDF)."""
    from kyoten_build.legacy_office import convert, word_shaped

    modern, how = PRINTED_LAYOUTS[layout]
    render, suffix = RENDERERS[modern]
    data = render(seed_text)
    if how == "chromium":
        return print_page(data)
    if suffix == ".docx":
        data = word_shaped(data)  # a paragraph between tables, as Word has it
    elif how != "soffice":
        _sheet, orientation, fit = how
        data = format_variants.with_page_setup(data, orientation, fit)
    (pdf,) = convert({f"report{suffix}": data}, ".pdf").values()
    return pdf


def gold_paths(given: list[str] | None) -> list[Path]:
    if given:
        return [Path(g) for g in given]
    out = []
    for g in DEFAULT_GOLD:
        if g == "dev.jsonl":
            found = next((p for p in DEV_CANDIDATES if p.exists()), None)
            if found:
                out.append(found)
        elif (REPO_ROOT / g).exists():
            out.append(REPO_ROOT / g)
    return out


def relay(seed_text: str, layout: str) -> tuple[bytes, str, str]:
    """(file bytes, suffix, the text the layout holds) of one seed report re-laid."""
    if layout == "txt":
        return seed_text.encode("utf-8"), ".txt", seed_text
    if layout in RENDERERS:
        render, suffix = RENDERERS[layout]
        return render(seed_text), suffix, held_text(layout, seed_text)
    if layout in LEGACY_LAYOUTS:
        from kyoten_build.legacy_office import convert

        modern, suffix = LEGACY_LAYOUTS[layout]
        render, modern_suffix = RENDERERS[modern]
        (data,) = convert({f"report{modern_suffix}": render(seed_text)}, suffix).values()
        return data, suffix, held_text(modern, seed_text)
    if layout in PRINTED_LAYOUTS:
        return printed(layout, seed_text), ".pdf", held_text(PRINTED_LAYOUTS[layout][0], seed_text)
    text = variants.text_variants(seed_text)[layout]
    if layout == "euc_jp":
        return variants.euc_jp_bytes(seed_text), ".txt", text
    return text.encode("utf-8"), ".txt", text


def build_corpus(layout: str, folder: Path) -> dict[str, str]:
    """Write every seed re-laid into ``folder`` (replacing what was there);
    returns {file name: the text the layout holds}."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    held = {}
    for seed in sorted(CORPUS.glob("*.txt")):
        data, suffix, text = relay(seed.read_text(encoding="utf-8"), layout)
        (folder / (seed.stem + suffix)).write_bytes(data)
        held[seed.stem + suffix] = text
    return held


def metadata_diffs(folder: Path) -> list[tuple]:
    """(file, field, seed value, re-laid value) for documents whose metadata differs."""
    from indexer.parse import parse_file, parse_text

    out = []
    for path in sorted(folder.iterdir()):
        seed = CORPUS / (path.stem + ".txt")
        want = parse_text(seed.read_text(encoding="utf-8"), seed.name, "seed").document
        got = parse_file(path).document
        for f in variants.METADATA_FIELDS:
            if getattr(want, f) != getattr(got, f):
                out.append((path.name, f, getattr(want, f), getattr(got, f)))
    return out


def _held(judged: list[Judged], texts_of) -> set[tuple]:
    """(query id, ward, evidence) of the judged strings one of `texts_of(query)`
    (compacted texts) holds."""
    out = set()
    for j in judged:
        texts = texts_of(j)
        for ward, evidence in j.relevant.items():
            for e in evidence:
                needle = compact(e["evidence"])
                if needle and any(needle in t for t in texts):
                    out.add((j.qid, ward, e["evidence"]))
    return out


def evidence_in(judged: list[Judged], passages: list[dict]) -> set[tuple]:
    """(query id, ward, evidence) of the judged strings some passage holds."""
    texts = [compact(p["text"]) for p in passages]
    return _held(judged, lambda _j: texts)


def hits_in_top(judged: list[Judged], results: dict) -> set[tuple]:
    """(query id, ward, evidence) found in the top 10 of each query's answer."""
    return _held(judged, lambda j: [compact(p["text"]) for p in results[j.qid]["results"][:10]])


def measure(layout: str, out: Path, judged: list[Judged], modes: list[str], semantic: bool) -> dict:
    from search_app.indexing import build_index
    from search_app.service import SearchService

    base = out / layout
    folder = base / "corpus"
    held = build_corpus(layout, folder)
    index = base / "index"
    cache = out / "txt" / "index" / "embeddings.sqlite"
    if semantic and layout != "txt" and cache.exists() and not (index / "embeddings.sqlite").exists():
        index.mkdir(parents=True, exist_ok=True)
        shutil.copy2(cache, index / "embeddings.sqlite")
    started = time.perf_counter()
    summary = build_index(folder, index, full=True, semantic=semantic, progress=False)
    took = time.perf_counter() - started
    service = SearchService.open(index, semantic=semantic)
    results: dict[str, dict] = {m: {} for m in modes}

    class Recording:  # the service, remembering each answer for the per-query comparison
        data = service.data

        def search(self, query, mode="hybrid", k=10):
            answer = service.search(query, mode=mode, k=k)
            results[mode][query] = answer
            return answer

    report = evaluate(Recording(), judged, modes=tuple(modes), with_baselines=False)
    held_compact = {name: compact(text) for name, text in held.items()}
    rewritten = set()
    for j in judged:
        for ward, evidence in j.relevant.items():
            for e in evidence:
                needle = compact(e["evidence"])
                if needle and not any(needle in t for t in held_compact.values()):
                    rewritten.add((j.qid, ward, e["evidence"]))
    return {
        "layout": layout, "files": len(held), "failed": [f["file"] + ": " + f["reason"] for f in summary.failed],
        "passages": summary.passages, "embedded": summary.embedded, "index_seconds": round(took, 1),
        "metadata_diffs": metadata_diffs(folder),
        "by_set": {m: report["engines"][m]["by_set"] for m in report["engines"]},
        "overall": {m: report["engines"][m]["overall"] for m in report["engines"]},
        "per_query": {m: {r["id"]: r for r in report["engines"][m]["per_query"]} for m in report["engines"]},
        "evidence_present": evidence_in(judged, service.data.passages),
        "top_hits": {m: hits_in_top(judged, {j.qid: results[m][j.query] for j in judged}) for m in modes},
        "rewritten": rewritten,
    }


def format_tables(rows: list[dict], sets: list[str], modes: list[str]) -> str:
    lines = []
    for mode in modes:
        lines.append(f"\n{mode}: evidence recall@10 / ward-set F1 per judged set")
        lines.append("| layout | " + " | ".join(sets) + " | all | evidence lost | metadata diffs |")
        lines.append("|---|" + "---|" * (len(sets) + 3))
        txt = next((r for r in rows if r["layout"] == "txt"), None)
        for r in rows:
            cells = [f"{r['by_set'][mode][s]['evidence_recall']:.3f} / {r['by_set'][mode][s]['ward_f1']:.3f}"
                     if s in r["by_set"][mode] else "–" for s in sets]
            o = r["overall"][mode]
            lost = (txt["evidence_present"] - r["evidence_present"]) if txt else set()
            parser_lost = len(lost - r["rewritten"])
            note = f"{parser_lost}" + (f" (+{len(lost & r['rewritten'])} rewritten)" if lost & r["rewritten"] else "")
            lines.append(f"| {r['layout']} | " + " | ".join(cells) +
                         f" | {o['evidence_recall']:.3f} / {o['ward_f1']:.3f} | {note} | {len(r['metadata_diffs'])} |")
    return "\n".join(lines)


def format_details(rows: list[dict], modes: list[str], verbose: bool) -> str:
    txt = next((r for r in rows if r["layout"] == "txt"), None)
    if txt is None:
        return ""
    lines = []
    for r in rows:
        if r["layout"] == "txt":
            continue
        lost = sorted(txt["evidence_present"] - r["evidence_present"])
        head = f"\n## {r['layout']}: {r['passages']} passages, {r['embedded']} embedded, {r['index_seconds']} s"
        lines.append(head + (f"; refused: {r['failed']}" if r["failed"] else ""))
        for d in r["metadata_diffs"]:
            lines.append(f"  metadata {d[0]} {d[1]}: {d[2]} -> {d[3]}")
        for qid, ward, ev in lost:
            tag = " (rewritten by the layout)" if (qid, ward, ev) in r["rewritten"] else ""
            lines.append(f"  evidence in no passage: {qid} {ward}: {ev}{tag}")
        if not verbose:
            continue
        for mode in modes:
            for qid, ward, ev in sorted(txt["top_hits"][mode] - r["top_hits"][mode]):
                if (qid, ward, ev) not in lost:
                    lines.append(f"  {mode} top 10 lost: {qid} {ward}: {ev}")
            for qid, row in r["per_query"][mode].items():
                before = set(txt["per_query"][mode][qid]["wards"])
                after = set(row["wards"])
                if before != after:
                    lines.append(f"  {mode} wards {qid}: -{sorted(before - after)} +{sorted(after - before)}")
    return "\n".join(lines)


# The office-made PDFs committed as test fixtures (tests/test_load_office_pdfs.py): seed stem ->
# the PRINTED_LAYOUTS made of it (made once: LibreOffice and Chromium are slow to start).
FIXTURES = REPO_ROOT / "tests" / "data" / "relaid17"
FIXTURE_LAYOUTS = {
    "000_8f4773b09691ae88": ("pdf_lo_docx_goal_rows", "pdf_chromium_ward_site"),  # 泉区, one year
    "002_1e0f9424e05a3b67": ("pdf_lo_docx",),  # 西区, the 5か年 report's grade tables
}


# relaid18's: a sheet printed by LibreOffice, which draws its cells in no top-to-bottom order
# (港南区's report, whose 取組の成果 cell opens the sheet), and the opening part of the 5か年
# report (up to its first 評価の理由) printed by Chromium, whose grade table's labels wrap over
# five lines centred beside the ○-list cell, their lines between the cell's.
FIXTURES18 = REPO_ROOT / "tests" / "data" / "relaid18"
FIXTURE18_LAYOUTS = {
    "003_d2a364418de75729": (("pdf_lo_xlsx_portrait", None),),
    "002_1e0f9424e05a3b67": (("pdf_chromium_ward_site", "評価の理由"),),
}


def make_fixtures(out: Path = FIXTURES) -> list[Path]:
    """Write the fixture PDFs (`FIXTURE_LAYOUTS`) as OUT/<stem>.<layout>.pdf, and relaid18's
    (`FIXTURE18_LAYOUTS`, a report cut before the first line starting with the given words when
    one is given) under `FIXTURES18`."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, layouts in FIXTURE_LAYOUTS.items():
        text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
        for layout in layouts:
            path = out / f"{stem}.{layout}.pdf"
            path.write_bytes(printed(layout, text))
            written.append(path)
    return written + make_fixtures18()


def make_fixtures18() -> list[Path]:
    """relaid18's fixture PDFs (see `make_fixtures`)."""
    written = []
    FIXTURES18.mkdir(parents=True, exist_ok=True)
    for stem, made in FIXTURE18_LAYOUTS.items():
        for layout, _cut in made:
            path = FIXTURES18 / f"{stem}.{layout}.pdf"
            path.write_bytes(printed(layout, fixture18_text(stem, layout)))
            written.append(path)
    return written


def fixture18_text(stem: str, layout: str) -> str:
    """The seed text relaid18's fixture <stem>.<layout>.pdf was made from."""
    text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    cut = dict(FIXTURE18_LAYOUTS[stem])[layout]
    if not cut:
        return text
    lines = text.split("\n")
    return "\n".join(lines[:next(k for k, line in enumerate(lines) if line.startswith(cut))])


# relaid25's: single pages (one pair) of the office-made prints, each the page a reading-order rule of
# relaid25 reads differently (tests/test_relaid25_*.py): fixture name -> (seed stem, layout of
# PRINTED_LAYOUTS or RENDERERS, words the kept page's text holds, spaces aside). Each page is
# cut out of the whole print as it is (pypdf), so its drawing is the program's own.
FIXTURES25 = REPO_ROOT / "tests" / "data" / "relaid25"
FIXTURE25_PAGES = {
    # LibreOffice's print of the sections-as-columns sheet (fitted to A4 landscape): the grade
    # table's labels wrapped over many lines in a narrow first column, rows too low for their
    # text (the last line set on the border), the data table's labels wrapped too
    "section_columns_grades": ("002_1e0f9424e05a3b67", "pdf_lo_xlsx_section_columns", "16,061"),
    # … and a cell's text set 0.9 pt from the next cell's grade (「…33%で」 | 「A」)
    "section_columns_close_cells": ("002_1e0f9424e05a3b67", "pdf_lo_xlsx_section_columns", "認知度が33%"),
    # the 方眼紙 sheet printed portrait by LibreOffice (the 5か年 report's first grade table)
    "grid_portrait_grades": ("002_1e0f9424e05a3b67", "pdf_lo_xlsx_grid_portrait", "16,061"),
    # the two-column PDF (reportlab): a grade row a page break cut, its rest at the right
    # column's top under a border drawn over the first column only
    "two_columns_cut_row": ("002_1e0f9424e05a3b67", "pdf_two_columns", "機関に広く"),
    # the Word report exported by LibreOffice: a programme heading 「2 子育て相談事業」 drawn as
    # two pieces, 「2 」 and its name
    "word_programme_heading": ("002_1e0f9424e05a3b67", "pdf_lo_docx", "2子育て相談事業"),
    # a Word table per goal exported by LibreOffice: a label column beside a text column, rows
    # as close as their wrapped lines, parted by borders only
    "word_goal_table": ("004_edbefdd13c451103", "pdf_lo_docx_goal_tables", "網羅したリーフ"),
    # the Word report with a running header exported by LibreOffice: a wrapped line of prose
    # ending in 「…提供会員募集」
    "word_wrapped_boshu": ("002_1e0f9424e05a3b67", "pdf_lo_docx_headed", "連合町内会・自治会連絡協議会や民生"),
    # a Word table's last row at a page's foot, closed by its border, and the next page opening
    # with another table's header row (two pages: that page and the next)
    "word_table_at_page_foot": ("002_1e0f9424e05a3b67", "pdf_lo_docx_goal_tables", "個別相談285件", 2),
}


def make_fixtures25() -> list[Path]:
    """Write relaid25's one-page fixtures (`FIXTURE25_PAGES`) as
    tests/data/relaid25/<name>.<layout>.pdf: the first page of the whole print whose text holds
    the given words (and the pages after it, when a count of pages is given)."""
    import io

    from pypdf import PdfReader, PdfWriter

    FIXTURES25.mkdir(parents=True, exist_ok=True)
    written, made = [], {}
    for name, (stem, layout, words, *count) in FIXTURE25_PAGES.items():
        if (stem, layout) not in made:
            text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
            made[(stem, layout)] = relay(text, layout)[0]
        reader = PdfReader(io.BytesIO(made[(stem, layout)]))
        key = "".join(words.split())
        first = next(n for n, p in enumerate(reader.pages) if key in "".join(p.extract_text().split()))
        writer = PdfWriter()
        for page in reader.pages[first:first + (count[0] if count else 1)]:
            writer.add_page(page)
        path = FIXTURES25 / f"{name}.{layout}.pdf"
        with path.open("wb") as fh:
            writer.write(fh)
        written.append(path)
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--layouts", default=",".join(DEFAULT_LAYOUTS),
                    help=f"comma-separated (default all: {','.join(DEFAULT_LAYOUTS)})")
    ap.add_argument("--modes", default="hybrid,bm25")
    ap.add_argument("--out", default="/tmp/relaid-bench", help="corpus and index folders per layout")
    ap.add_argument("--gold", nargs="+", help="judged query files (default: dev + eval/extra*.jsonl)")
    ap.add_argument("--no-semantic", action="store_true", help="keyword index only (bm25 mode)")
    ap.add_argument("-v", "--verbose", action="store_true", help="per-query losses")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--fixtures25", action="store_true",
                    help=f"only write relaid25's one-page test fixtures to {FIXTURES25.relative_to(REPO_ROOT)}")
    ap.add_argument("--fixtures", action="store_true",
                    help=f"only write the office-made PDF test fixtures to {FIXTURES.relative_to(REPO_ROOT)} "
                         f"and {FIXTURES18.relative_to(REPO_ROOT)}")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.fixtures25:
        for path in make_fixtures25():
            print(f"{path} ({path.stat().st_size} bytes)")
        return 0
    if args.fixtures:
        for path in make_fixtures():
            print(f"{path} ({path.stat().st_size} bytes)")
        return 0

    layouts = [x for x in args.layouts.split(",") if x]
    unknown = [x for x in layouts if x not in DEFAULT_LAYOUTS]
    if unknown:
        ap.error(f"unknown layouts: {unknown}; known: {', '.join(DEFAULT_LAYOUTS)}")
    if "txt" not in layouts:
        layouts.insert(0, "txt")  # the reference every other layout is compared with
    modes = ["bm25"] if args.no_semantic else args.modes.split(",")
    gold = gold_paths(args.gold)
    judged = [j for g in gold for j in load_judgements(g)]
    sets = list(dict.fromkeys(j.set for j in judged))
    out = Path(args.out)
    rows = []
    for layout in layouts:
        print(f"{layout} …", file=sys.stderr, flush=True)
        rows.append(measure(layout, out, judged, modes, semantic=not args.no_semantic))
    if args.json:
        def plain(o):
            return sorted(o) if isinstance(o, set) else str(o)
        json.dump({"gold": [str(g) for g in gold], "layouts": rows}, sys.stdout, ensure_ascii=False,
                  indent=1, default=plain)
        sys.stdout.write("\n")
        return 0
    print(f"judged sets: {', '.join(str(g) for g in gold)} ({len(judged)} queries)")
    print(format_tables(rows, sets, modes))
    print(format_details(rows, modes, args.verbose))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
