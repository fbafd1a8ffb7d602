"""PDF: the text layer of each page; scanned pages through OCR.

A page without a text layer is read by OCR (see `ocr`) when the whole
document has no text, or when the page carries an image (a scanned page in
an otherwise digital report). The result says which pages were OCR'd and
which lines of the text came from them, so the document page can mark those
passages. Without the OCR tools a document with no text at all is refused
with the command that installs them; a document with some text keeps its
text and the scanned pages are reported as a warning. A form's filled fields
(AcroForm) are read where the page shows them (`pdf_forms`).
"""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from . import ocr, pdf_fonts, pdf_forms, pdf_layout, pdf_unicode
from .common import LoadError, describe, normalize_newlines, unreadable
from .result import Extracted

logger = logging.getLogger(__name__)

SUFFIXES = (".pdf",)

MSG_PDF_PASSWORD = "PDFがパスワードで保護されているため読み込めません"
MSG_PDF_OCR_EMPTY = "PDFから文字を読み取れませんでした（文字情報がなく、OCRでも文字が見つかりません）"


def msg_no_ocr(missing: list[str]) -> str:
    return ("文字情報のないPDFです。OCR（tesseract-ocr と tesseract-ocr-jpn）を導入すると読み込めます: "
            f"apt-get install {' '.join(missing)}")


def load(data: bytes, name: str, max_bytes: int, *, run_ocr: bool = True) -> Extracted:
    """With run_ocr=False the pages that need OCR are only listed
    (`ocr_pending`), for a quick check (e.g. in a web request) before the
    real load in a background job; the OCR tools must still be installed."""
    pages = _open(data, name)
    texts: list[str | None] = []  # None: no text layer
    failed = 0
    first_error: Exception | None = None
    carry = None  # the columns of the table the previous page ended with
    read = [_read(page) for page in pages]
    furniture = running_furniture([r[2] if r else None for r in read])
    first = next((i for i, r in enumerate(read) if r and r[0].strip()), None)
    dropped: list[str] = []  # the running lines left out of the pages, before their layout
    for index, page in enumerate(pages):
        try:
            # (a page that could not be read is read again, to raise what it raises)
            page_text, fields, positioned = read[index] or _read(page, strict=True)
            if page_text.strip():
                page_text, carry = pdf_layout.lay_out_page(page, page_text, carry, fields, read=[positioned],
                                                           furniture=furniture, keep_top=index == first,
                                                           dropped=dropped)
                page_text = pdf_unicode.ideographs(pdf_fonts.with_marks(page_text))
            else:
                carry = None
        except (DependencyError, FileNotDecryptedError) as exc:
            raise unreadable(name, "PDFを復号できません", exc, maybe_broken=False) from exc
        except Exception as exc:  # a broken page should not sink the others
            failed += 1
            first_error = first_error or exc
            logger.warning("%s: page %d: text extraction failed: %s", name, index + 1, describe(exc))
            carry = None
            texts.append("")
            continue
        texts.append(page_text if page_text.strip() else None)

    if pages and failed == len(pages):
        raise unreadable(name, "PDFを読み込めません", first_error)
    warnings: list[str] = []
    if failed:
        logger.warning("%s: %d of %d pages could not be read", name, failed, len(pages))
        warnings.append(f"{len(pages)}ページ中{failed}ページを読み取れませんでした")

    has_text = any(t is not None for t in texts)
    if has_text:
        blank = [i + 1 for i, t in enumerate(texts) if t is None and _has_image(pages[i])]
    else:
        blank = [i + 1 for i in range(len(texts))]
    ocr_pages: list[int] = []
    if blank:
        missing = ocr.missing_packages()
        if missing:
            if not has_text:
                raise LoadError(name, msg_no_ocr(missing))
            warnings.append(f"画像だけのページ（{_pages(blank)}）は読み込んでいません。"
                            f"OCRを使うには: apt-get install {' '.join(missing)}")
        elif not run_ocr:
            return Extracted(text="\n".join(t for t in texts if t), encoding=None, ocr_pending=tuple(blank),
                             warnings=tuple(warnings))
        else:
            result = ocr.ocr_pdf_pages(data, name, blank)
            for page_no, page_text in result.pages.items():
                if page_text.strip():
                    texts[page_no - 1] = page_text
                    ocr_pages.append(page_no)
            if result.skipped:
                warnings.append(f"OCRはページ数・時間の上限までです。読み込んでいないページ: {_pages(result.skipped)}")
            if result.failed:
                warnings.append(f"OCRに失敗したページ: {_pages(result.failed)}")

    texts, running = split_running_lines(texts)
    unjoined = texts
    texts = pdf_layout.join_cut_rows(texts)
    lines: list[str] = []
    ocr_lines: list[tuple[int, int]] = []
    page_lines: list[tuple[int, int, int]] = []
    joined_row = None  # the line of the last page's final row, where a cut row is joined
    for page_no, page_text in enumerate(texts, start=1):
        before = unjoined[page_no - 1]
        # a row this page began with that continued the previous page's last row
        # now lives on that line: it is on this page too
        moved = bool(before) and (not page_text or page_text.count("\n") < before.count("\n"))
        if not page_text:
            if moved and joined_row is not None:
                page_lines.append((page_no, joined_row, joined_row))
            continue
        page_split = page_text.split("\n")
        first = len(lines) + 1
        if page_no in ocr_pages:
            ocr_lines.append((first, len(lines) + len(page_split)))
        page_lines.append((page_no, joined_row if moved and joined_row is not None else first,
                           len(lines) + len(page_split)))
        filled = [k for k, line in enumerate(page_split) if line.strip()]
        joined_row = first + filled[-1] if filled else None
        lines.extend(page_split)
    text = "\n".join(lines)
    if not text.strip():
        if blank and not ocr.missing_packages():
            raise LoadError(name, MSG_PDF_OCR_EMPTY)
        raise LoadError(name, msg_no_ocr(ocr.missing_packages() or ["tesseract-ocr", "tesseract-ocr-jpn"]))
    context = tuple(dict.fromkeys([*running, *dropped]))
    return Extracted(text=text, encoding=None, ocr_pages=tuple(sorted(ocr_pages)),
                     ocr_lines=tuple(ocr_lines), warnings=tuple(warnings), context=context,
                     page_lines=tuple(page_lines))


def _read(page, strict: bool = False):
    """(the page's extracted text, a form's filled fields on it, the page read by
    position) — or None when the page cannot be read (`strict`: raise instead)."""
    try:
        page_text = normalize_newlines(page.extract_text() or "").replace("\x00", "")
        # (radicals named for the ideographs they are drawn as: ⻄区⼦育て -> 西区子育て)
        page_text = pdf_unicode.radicals(page_text)
        # a form's answers typed into its fields are not in the page's content
        fields = pdf_forms.field_pieces(page, page_text)
        if fields:
            page_text = "\n".join([page_text, *(text for _y, _x, _size, text in fields)])
        positioned = pdf_layout.read_page(page, fields) if page_text.strip() else None
        return page_text, fields, positioned
    except Exception:
        if strict:
            raise
        return None


def running_furniture(positioned: list) -> frozenset:
    """The (edge, key) of the lines at the same edge (top or bottom) of at least half of
    the pages (and of at least two) that hold a page number (「- 3 -」, 「3 / 12 ページ」, an
    address and 「1/27」) or a printing stamp (a browser's date and time): page furniture,
    left out of each page before it is laid out (`pdf_layout.edge_keys`). A line repeated
    alike on every page (a running title, a table's header row repeated on each page) is
    left to `split_running_lines`, after the layout: a header row above the rows it heads
    is what tells the page's table."""
    counted = [p for p in positioned if p is not None]
    if len(counted) < 2:
        return frozenset()
    seen: dict[tuple[str, str], int] = {}
    for read in counted:
        for key in {(edge, key) for _i, edge, key in pdf_layout.edge_keys(read)}:
            seen[key] = seen.get(key, 0) + 1
    return frozenset(k for k, n in seen.items() if n >= max(2, len(counted) / 2)
                     and ("#" in k[1] or pdf_layout.is_stamp(k[1])))


# A running header or footer is at the top or bottom of the page: this many
# non-empty lines at each edge are looked at.
_EDGE_LINES = 2
_DIGITS = re.compile(r"[0-9０-９]+")
# A page number in a running line: ページ 3/12, 3頁, P.3, - 3 -, 3 / 12, page 3.
_PAGE_NUMBER = re.compile(r"ページ|頁|[Pp][.．]?\s*[0-9０-９]|[0-9０-９]\s*[/／]\s*[0-9０-９]|"
                          r"[-－―]\s*[0-9０-９]+\s*[-－―]|page", re.I)


def _key(line: str, bottom: bool = False) -> str:
    """A running line as compared across pages: its page number masked, if it has one
    (a heading such as 「令和5年度 重点目標1」 differs from 「令和6年度 重点目標2」). At the
    bottom edge a number after a space ends a footer too (「…ひだまり　2」). Spaces do not
    count: a page read as a table and a page read as plain text space the same header
    differently (「…事業 5か年…」, 「…事業5  か年…」). A number alone at the bottom is a page
    number (「2」)."""
    line = line.strip()
    if _PAGE_NUMBER.search(line) or (bottom and (_TRAILING_NUMBER.search(line) or _BARE_NUMBER.fullmatch(line))):
        line = _DIGITS.sub("#", line)
    return "".join(line.split())


# A footer's page number after the footer's text: 「旭区地域子育て支援拠点ひだまり　2」.
_TRAILING_NUMBER = re.compile(r"\S[ \u3000]+[0-9０-９]{1,3}$")
# A page number alone at the foot of the page: 「3」.
_BARE_NUMBER = re.compile(r"[0-9０-９]{1,3}")


def _edges(lines: list[str]) -> dict[int, tuple[str, str]]:
    """Line index -> (edge, comparison key) for the lines at the page's edges."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    out = {i: ("bottom", _key(lines[i], bottom=True)) for i in filled[-_EDGE_LINES:]}
    out.update({i: ("top", _key(lines[i])) for i in filled[:_EDGE_LINES]})
    return out


def without_running_lines(texts: list[str | None]) -> list[str | None]:
    """Pages without the running header / footer repeated at their edges.

    A line found at the same edge (top or bottom) of at least half of the pages
    (and of at least two) -- the same text, or the same but for its page number
    (「ページ 3/12」, 「- 3 -」, a title with 「3頁」) -- is page furniture: it is removed, except a
    header on the first page, which is usually also the report's title. Lines
    inside a page are never touched.
    """
    return split_running_lines(texts)[0]


def split_running_lines(texts: list[str | None]) -> tuple[list[str | None], tuple[str, ...]]:
    """`without_running_lines`, and the running lines removed (each text once): the
    document's context, where a footer such as 「横浜市瀬谷区　地域子育て支援拠点事業　1 / 2」
    may be the only place the ward is named (no passage is made of it)."""
    pages = [t.split("\n") if t else None for t in texts]
    counted = [p for p in pages if p is not None]
    if len(counted) < 2:
        return texts, ()
    seen: dict[tuple[str, str], int] = {}
    for lines in counted:
        for key in set(_edges(lines).values()):
            seen[key] = seen.get(key, 0) + 1
    running = {k for k, n in seen.items() if n >= max(2, len(counted) / 2)}
    if not running:
        return texts, ()
    out: list[str | None] = []
    removed: dict[str, None] = {}
    first = True
    for lines in pages:
        if lines is None:
            out.append(None)
            continue
        edges = _edges(lines)
        drop = {i for i, key in edges.items() if key in running and not (first and key[0] == "top")
                and _at_edge(i, key[0], edges, running)}
        removed.update((lines[i].strip(), None) for i in sorted(drop))
        lines = [line for i, line in enumerate(lines) if i not in drop]
        first = False
        out.append("\n".join(lines))
    return out, tuple(removed)


def _at_edge(i: int, edge: str, edges: dict[int, tuple[str, str]], running: set) -> bool:
    """Whether only running lines stand between line i and its edge of the page: a
    table's header row next to the bottom, above the row it heads, is no footer even
    when two pages end alike."""
    between = [k for k, key in edges.items() if key[0] == edge and (k > i if edge == "bottom" else k < i)]
    return all(edges[k] in running for k in between)


def _open(data: bytes, name: str):
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many official PDFs are "encrypted" only to restrict printing or
            # copying, with an empty user password: those open fine.
            if not reader.decrypt(""):
                raise LoadError(name, MSG_PDF_PASSWORD)
        pages = list(reader.pages)
    except LoadError:
        raise
    except DependencyError as exc:
        raise unreadable(name, "暗号化されたPDFを復号できません（AES 暗号には cryptography パッケージが必要です）",
                         exc, maybe_broken=False) from exc
    except FileNotDecryptedError:
        raise LoadError(name, MSG_PDF_PASSWORD) from None
    except Exception as exc:
        raise unreadable(name, "PDFを読み込めません", exc) from exc
    return pages


def _has_image(page) -> bool:
    """Whether a page draws an image or a form (a scan is one of these)."""
    try:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        xobjects = resources.get("/XObject") if resources is not None else None
        if xobjects is not None and len(xobjects.get_object()) > 0:
            return True
        contents = page.get_contents()
        return contents is not None and b"BI" in contents.get_data()
    except Exception as exc:  # a damaged page: let OCR try
        logger.debug("image check failed: %s", describe(exc))
        return True


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" ほか{len(numbers) - 10}ページ" if len(numbers) > 10 else "")
