"""HTML pages: one line per block, table rows as tab-separated lines.

Scripts, styles and other invisible content are dropped entirely. A <table>
becomes one line per row (see `tables`), unless it lays the page out (`_is_layout`); a cell's own blocks (<p>, <li>,
<br>, nested tables) stay apart as <br>-separated items. Cells spanning
several columns or rows are read once, the columns they cover left empty so
the next cells keep their positions. A web archive (.mht / .mhtml, Word's and Excel's
"single file web page") is read as its page (`mhtml`).
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, CData, NavigableString, Tag

from . import mhtml
from .common import is_wide, normalize_newlines, require_text
from .encoding import decode_text
from .result import Extracted
from .tables import CELL_BREAK, cell_text, escape_markup, join_blocks, row_line

SUFFIXES = (".html", ".htm", ".mht", ".mhtml")

MSG_HTML_NO_TEXT = "HTMLに本文のテキストがありません"

_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)

_DROP_TAGS = frozenset([
    "script", "style", "noscript", "template", "iframe", "svg",
    # Site navigation menus are not part of any report.
    "nav",
    "object", "embed", "canvas", "title", "meta", "link", "base",
    # Ruby readings would be spliced into the base text (漢字かんじ) and
    # break phrase search; the base text is what the report says.
    "rt", "rp",
])
_PRE_TAGS = frozenset(["pre", "textarea", "listing", "plaintext", "xmp"])
_BLOCK_TAGS = frozenset([
    "p", "div", "li", "dt", "dd", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "blockquote", "pre", "caption",
    # Not in the minimal list but block-level in every browser.
    "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "header", "footer",
    "main", "aside", "figure", "figcaption", "address", "hr", "form", "fieldset",
    "legend", "details", "summary", "center", "body", "html",
])
# Marks a hard line break while whitespace is being collapsed; NUL cannot be
# in decoded text (the binary guard rejects it).
_BREAK = "\x00"
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_SPACES = re.compile(r"[ \t]+")
# Spans beyond these are hostile or broken markup; they are read as smaller
# spans so that a few bytes of markup cannot expand into megabytes of tabs.
_MAX_COLSPAN = 20
_MAX_ROWSPAN = 1000


def load(data: bytes, name: str, max_bytes: int) -> Extracted:
    declared = None
    if mhtml.is_mhtml(data):  # a web archive (.mht, or a page saved under another name): its page
        data, declared = mhtml.page(data, name)
    markup, encoding = decode_text(data, name, declared=declared or _declared_charset(data))
    soup = BeautifulSoup(markup, "html.parser")
    title = soup.find("title")
    context = [title.get_text(" ", strip=True)] if title is not None else []
    context += _drop_site_chrome(soup)
    linked = _linked_documents(soup)
    text = join_blocks(_lines(soup, tables=True))
    require_text(text, name, MSG_HTML_NO_TEXT)
    warnings = ()
    if linked and len("".join(text.split())) < _LINK_PAGE_CHARS:
        warnings = (MSG_LINK_ONLY.format(files="、".join(linked[:3])),)
    return Extracted(text, encoding, context=tuple(c for c in context if c), warnings=warnings)


# A page that only shows or links its report as a file (an <iframe> of the PDF, 「事業評価（PDF：512KB）」):
# its own text is a few lines around the link. It is indexed as it is, with this warning.
MSG_LINK_ONLY = ("このページには報告書の本文がありません（リンク先のファイル {files} が報告書です）。"
                 "ページはリンクの説明として登録しました。報告書を検索できるようにするには、リンク先のファイルを取り込んでください")
_LINK_PAGE_CHARS = 300
_DOCUMENT_LINK = re.compile(r"\.(?:pdf|docx?|xlsx?|odt|ods|rtf)$", re.IGNORECASE)


def _linked_documents(soup) -> list[str]:
    """The file names of the documents a page embeds (<iframe>, <embed>, <object>) or links
    (<a href>), first embedded ones, each once."""
    names: list[str] = []
    for tag in soup.find_all(["iframe", "embed", "object", "a"]):
        ref = tag.get("src") or tag.get("data") or tag.get("href") or ""
        path = ref.split("#", 1)[0].split("?", 1)[0].rstrip("/")
        if _DOCUMENT_LINK.search(path):
            name = path.rsplit("/", 1)[-1]
            if name and name not in names:
                names.append(name)
    return names


_CONTENT_TAGS = ("main", "article")
_CHROME_TAGS = ("header", "footer", "aside")
# Pages built before those elements mark the same regions by their ids (a city CMS's
# <div id="tmp_contents">, <div id="main">; <div id="header">, id="tmp_lnavi", id="side"): an
# id word naming the content, or a region of the site around it (header, footer, side menu,
# global or local navigation).
_CONTENT_ID = re.compile(r"(?:^|[_-])(?:main|contents?)(?:$|[_-])", re.IGNORECASE)
_CHROME_ID = re.compile(r"(?:^|[_-])(?:header|footer|side(?:bar|menu|navi?)?|[ghls]?navi?|localnav|globalnav|menu)"
                        r"(?:$|[_-])", re.IGNORECASE)


def _is_content(tag: Tag) -> bool:
    return tag.name in _CONTENT_TAGS or (tag.name in ("div", "section") and bool(_CONTENT_ID.search(tag.get("id") or "")))


def _is_chrome(tag: Tag) -> bool:
    return tag.name in _CHROME_TAGS or (tag.name in ("div", "section", "ul") and bool(_CHROME_ID.search(tag.get("id") or "")))


def _drop_site_chrome(soup) -> list[str]:
    """A breadcrumb trail (`_is_breadcrumbs`) is dropped like <nav>, and so are the site's
    reading tools (`_is_reading_tools`: ふりがな / 文字サイズ / 背景色) and the links back to the
    page's top (`_is_page_top_link`) wherever they sit. On a page that marks
    its content (<main> or <article>, or by the id of its content's element: `_is_content`),
    the site's own <header>, <footer> and <aside> outside it (logo, links, 「ページの先頭へ」,
    a side menu of the site's other pages) are dropped too, and so are the elements whose id
    names such a region (`_is_chrome`); a page without such marks keeps them (its title may be
    in a <header>). Returns the dropped parts' lines (the page's context)."""
    dropped: list[str] = []
    small = _SmallTexts(soup, _READING_TOOLS_CHARS)
    for tag in soup.find_all(lambda tag: _is_reading_tools(tag, small)):
        if not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all(_is_page_top_link):
        tag.decompose()
    for tag in soup.find_all(_is_breadcrumbs):
        if not tag.decomposed:
            dropped.extend(_lines(tag, tables=False))
            tag.decompose()
    if soup.find(_is_content) is None:
        return dropped
    for tag in soup.find_all(_is_chrome):
        if not tag.decomposed and tag.find_parent(_is_content) is None and tag.find(_is_content) is None:
            dropped.extend(_lines(tag, tables=False))
            tag.decompose()
    return dropped


# A breadcrumb trail (トップページ > 子育て・教育 > …) is the site's navigation wherever it
# sits, inside the content too: an element a site marks as one by its class, id or label
# (breadcrumb, pankuzu, topicpath, パンくず), short and made of links.
_BREADCRUMB_MARK = re.compile(r"bread-?crumb|pankuzu|topic-?path|パンくず", re.IGNORECASE)
_BREADCRUMB_CHARS = 300


def _is_breadcrumbs(tag: Tag) -> bool:
    marks = " ".join([*(tag.get("class") or []), tag.get("id") or "", tag.get("aria-label") or ""])
    return (bool(_BREADCRUMB_MARK.search(marks)) and tag.find("a") is not None
            and len("".join(tag.get_text().split())) <= _BREADCRUMB_CHARS)


# The reading tools a city site puts on every page (ふりがなをつける, 文字サイズ 標準 拡大,
# 背景色 白 黒, 音声読み上げ, Foreign Language): a short block of links naming two kinds of them.
_READING_TOOLS = [re.compile(p, re.IGNORECASE) for p in (
    r"ふりがな|よみがな|ルビ", r"文字(?:の)?(?:サイズ|大きさ)|文字(?:を)?拡大", r"背景色|配色|色合い|文字色",
    r"読み上げ", r"foreign\s*language|languages?\b|多言語|外国語")]
_READING_TOOLS_CHARS = 200


def _is_reading_tools(tag: Tag, small: "_SmallTexts") -> bool:
    if tag.name not in ("ul", "ol", "div", "p", "dl", "section", "table"):
        return False
    text = small.text(tag)
    if text is None or small.links(tag) < 2:
        return False
    return sum(1 for p in _READING_TOOLS if p.search(text)) >= 2


class _SmallTexts:
    """Each element's text without blanks when it is at most `limit` characters (None when
    longer) and its number of links (<a> inside it), computed for the whole page in one
    pass from the leaves up. Asking every element for its text (`get_text`) walks its whole
    subtree: quadratic on a page of deeply nested <div>s (12,500 levels took minutes)."""

    def __init__(self, soup, limit: int):
        self._text: dict[int, str | None] = {}
        self._links: dict[int, int] = {}
        # In reversed document order every element comes after all the elements inside it.
        for node in reversed(list(soup.descendants)):
            if isinstance(node, Tag):
                self._add(node, limit)
        self._add(soup, limit)

    def _add(self, tag: Tag, limit: int) -> None:
        parts: list[str] | None = []
        size = links = 0
        for child in tag.children:
            if isinstance(child, Tag):
                links += self._links[id(child)] + (child.name == "a")
                text = self._text[id(child)]
            elif type(child) in (NavigableString, CData):
                text = "".join(child.split())
            else:
                continue  # comments, doctypes, processing instructions: not get_text's
            if parts is not None:
                if text is None or size + len(text) > limit:
                    parts = None
                else:
                    parts.append(text)
                    size += len(text)
        self._text[id(tag)] = None if parts is None else "".join(parts)
        self._links[id(tag)] = links

    def text(self, tag: Tag) -> str | None:
        return self._text.get(id(tag))

    def links(self, tag: Tag) -> int:
        return self._links.get(id(tag), 0)


# A link back to the top of the page (このページの先頭へ, ページトップへ戻る, ▲TOP): in-page only.
_PAGE_TOP = re.compile(r"^[▲△↑^]?\s*(?:この)?(?:ページ|頁)?の?(?:先頭|トップ|上|TOP|top|Top)(?:へ|に)?(?:戻る|もどる)?$"
                       r"|^(?:PAGE\s*TOP|ページトップ)(?:へ)?(?:戻る)?$", re.IGNORECASE)

_BACK_TO_CONTENTS = re.compile(r"^[▲△↑^]?\s*目次(?:へ|に)(?:戻る|もどる)?$")


def _is_page_top_link(tag: Tag) -> bool:
    if tag.name != "a" or not (tag.get("href") or "#").startswith("#"):
        return False
    text = "".join(tag.get_text().split())
    if _BACK_TO_CONTENTS.match(text):
        return True  # 目次へ戻る: back to the page's own table of contents
    return bool(text) and ("ページ" in text or "頁" in text or text.upper().endswith("TOP") or "先頭" in text) \
        and bool(_PAGE_TOP.match(text))


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        m = pattern.search(head)
        if m:
            return m.group(1).decode("ascii", "replace")
    return None


def _lines(root, tables: bool) -> list[str]:
    """Lines of a subtree: flowing text one line per block; with `tables`,
    each <table> as row lines between blank lines."""
    out: list[str] = []
    pieces: list[str] = []
    for piece in _pieces(root, tables):
        if isinstance(piece, list):  # a rendered table
            out.extend(_flow(pieces))
            pieces = []
            out.append("")
            out.extend(piece)
            out.append("")
        else:
            pieces.append(piece)
    out.extend(_flow(pieces))
    return out


def _flow(pieces: list[str]) -> list[str]:
    raw = "".join(pieces)
    flowed = _HTML_SPACE.sub(lambda m: _collapse_space(m, raw), raw)
    lines = []
    for line in flowed.split(_BREAK):
        line = _SPACES.sub(" ", line).strip(" \t")
        if line.strip():
            lines.append(escape_markup(line))
    return lines


def _pieces(root, tables: bool):
    """Visible text of the tree in order, with _BREAK around block elements
    (and, with `tables`, each table as a list of row lines).

    Walks the tree with an explicit stack rather than editing it (bs4 inserts
    are linear, so marking every block would be quadratic) or recursing
    (unclosed tags nest deeply). Only plain text nodes are kept: comments,
    doctypes, CDATA and script/style strings are different node types.
    <head> is walked like any element because html.parser leaves it open
    when </head> is missing, with the body inside; its own elements (title,
    meta, style, script...) are in _DROP_TAGS.
    """
    stack: list[tuple[object, bool, bool]] = [(root, False, False)]  # node, in_pre, closing
    numbers: dict[int, int] = {}  # id(<li>) -> the number a browser shows in front of it
    while stack:
        node, in_pre, closing = stack.pop()
        if closing:
            yield _BREAK
        elif isinstance(node, Tag):
            tag = node.name.lower() if node.name else ""
            if tag in _DROP_TAGS or _is_icon(node):
                continue
            if tag == "br":
                yield _BREAK
                continue
            if tables and tag == "table" and not in_pre and node is not root and not _is_layout(node):
                yield from _table(node)
                continue
            if tables and tag == "dl" and not in_pre and node is not root:
                yield _definition_rows(node)
                continue
            in_pre = in_pre or tag in _PRE_TAGS
            if tag == "ol":
                numbers.update(_list_numbers(node))
            if tag in _BLOCK_TAGS:
                yield _BREAK
                stack.append((node, in_pre, True))
            elif node.get("class") and isinstance(node.previous_sibling, Tag) and not in_pre:
                # <span class="grade">法人：A</span><span class="grade">区：A</span>: inline
                # boxes a style sheet lays out apart keep a space between their texts
                yield " "
            if tag == "li" and id(node) in numbers:
                yield f"{numbers.pop(id(node))}. "
            stack.extend((child, in_pre, False) for child in reversed(node.contents))
        elif type(node) is NavigableString:
            text = str(node)
            if in_pre:
                text = normalize_newlines(text).replace("\n", _BREAK)
            yield text


# An element hidden from screen readers that holds at most this many characters is an
# icon drawn in text (＋ / − of an accordion, ▶, ※); a longer one is content (some
# accordions mark their collapsed panels aria-hidden).
_ICON_CHARS = 2


def _is_icon(node: Tag) -> bool:
    if (node.get("aria-hidden") or "").strip().lower() != "true":
        return False
    return len("".join(node.get_text().split())) <= _ICON_CHARS


_NO_MARKER = re.compile(r"list-style(?:-type)?\s*:\s*none", re.IGNORECASE)


def _list_numbers(ol: Tag) -> dict[int, int]:
    """The numbers a browser shows in front of an <ol>'s items (1. 2. 3. …, from its
    `start`, honouring <li value>): an ordered list of goals keeps its numbering as
    text. Lists drawn without markers (list-style-type: none, their items usually
    carry their own numbers) and lettered or roman lists (type="a", "i") get none."""
    if _NO_MARKER.search(ol.get("style") or "") or (ol.get("type") or "1") != "1":
        return {}
    try:
        n = int(ol.get("start") or 1)
    except ValueError:
        n = 1
    if ol.has_attr("reversed"):
        return {}
    numbers = {}
    for li in ol.find_all("li", recursive=False):
        if _NO_MARKER.search(li.get("style") or ""):
            continue
        value = li.get("value")
        if value and value.strip().lstrip("-").isdigit():
            n = int(value)
        numbers[id(li)] = n
        n += 1
    return numbers


def _definition_rows(dl: Tag) -> list[str]:
    """A definition list as the rows of a two-column table: each <dt> with the
    <dd>s after it (a label and its text, as a report's table has them); a <dd>
    without its <dt> is a row with an empty label, as in a table; stray text is
    a line of its own."""
    rows: list[list[str]] = []
    open_row = False

    def add(node) -> None:
        nonlocal open_row
        name = node.name.lower() if isinstance(node, Tag) and node.name else ""
        if name in _DROP_TAGS:
            return
        if name == "dt":
            rows.append([cell_text(_lines(node, tables=False))])
            open_row = True
            return
        text = cell_text(_lines(node, tables=False)) if name else cell_text([str(node)])
        if not text:
            return
        if open_row and name == "dd":
            rows[-1].append(text)
        else:
            rows.append(["", text] if name == "dd" else [text])
            open_row = False

    for child in dl.children:
        if isinstance(child, Tag) and child.name and child.name.lower() == "div":
            for node in child.children:  # <div><dt/><dd/></div> groups (HTML 5)
                add(node)
            open_row = False
        elif isinstance(child, Tag) or type(child) is NavigableString:
            add(child)
    return [row_line([r[0], CELL_BREAK.join(r[1:])] if len(r) > 1 else r) for r in rows if any(r)]


# A table laying a page out (a menu cell beside the content cell, as older ward pages are
# built): a cell holding a heading (<h1>…<h6>) of its own, or a table beside text of its own
# — a title, paragraphs — is a page area, not a cell of data (a report table's cell holding only
# a nested list table is a cell). Its cells are read as the page's blocks, their tables as tables.
_LAYOUT_OWN_CHARS = 30
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _is_layout(table: Tag) -> bool:
    if (table.get("role") or "").strip().lower() in ("presentation", "none"):
        return True
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        for td in tr.find_all(["td", "th"], recursive=False):
            if any(h.find_parent(["td", "th"]) is td for h in td.find_all(_HEADINGS)):
                return True   # a heading of the page's own, in a cell
            inner = td.find_all("table")
            if not inner:
                continue
            nested = sum(len("".join(t.get_text().split())) for t in inner if t.find_parent("table") is table)
            if len("".join(td.get_text().split())) - nested >= _LAYOUT_OWN_CHARS:
                return True
    return False


def _table(table: Tag):
    """Pieces for one table: its caption and any text stray between rows
    (browsers show it before the table), then its rows, then tables nested
    outside any cell (malformed, but their text must not be lost)."""
    stray: list[Tag | NavigableString] = []
    orphans: list[Tag] = []
    stack = list(reversed(table.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            tag = node.name.lower() if node.name else ""
            if tag in ("td", "th") or tag in _DROP_TAGS:
                continue
            if tag == "table":
                orphans.append(node)
            elif tag in ("tr", "thead", "tbody", "tfoot", "colgroup", "col"):
                stack.extend(reversed(node.contents))
            else:  # caption, or a stray element between rows
                stray.append(node)
        elif type(node) is NavigableString and node.strip():
            stray.append(node)
    for node in stray:
        yield _BREAK
        yield from _pieces(node, tables=False) if isinstance(node, Tag) else [str(node)]
        yield _BREAK
    rows = _table_rows(table)
    if rows:
        yield rows
    for orphan in orphans:
        yield from _table(orphan)


def _table_rows(table: Tag) -> list[str]:
    """Row lines of one table (its own rows, not those of nested tables)."""
    lines: list[str] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan above
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        cells: list[str] = []
        col = 0

        def skip_covered() -> None:
            nonlocal col
            while pending.get(col, 0) > 0:
                pending[col] -= 1
                cells.append("")
                col += 1

        for td in tr.find_all(["td", "th"], recursive=False):
            skip_covered()
            colspan = min(_span(td.get("colspan")), _MAX_COLSPAN)
            rowspan = min(_span(td.get("rowspan")), _MAX_ROWSPAN)
            cells.append(cell_text(_lines(td, tables=False)))
            cells.extend([""] * (colspan - 1))
            if rowspan > 1:
                for c in range(col, col + colspan):
                    pending[c] = rowspan - 1
            col += colspan
        skip_covered()
        line = row_line(cells)
        if line:
            lines.append(line)
    return lines


def _span(value) -> int:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return n if n > 0 else 1


def _collapse_space(m: re.Match, s: str) -> str:
    """HTML whitespace collapsing; a source line break between two Japanese
    (wide) characters vanishes instead of becoming a space (CSS Text 3), so
    wrapped Japanese source does not get spurious spaces that break search."""
    ws = m.group(0)
    if "\n" in ws or "\r" in ws:
        before = s[m.start() - 1] if m.start() > 0 else ""
        after = s[m.end()] if m.end() < len(s) else ""
        if before and after and is_wide(before) and is_wide(after):
            return ""
    return " "

