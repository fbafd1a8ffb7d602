"""The answers typed into a PDF form's fields (AcroForm), placed where the page shows them.

A form a city hands out prints its labels and boxes on the page; the answers a hub types
into it in a PDF reader are text fields: widget annotations whose value (/V) lives in the
form, not in the page's content, so a text extraction of the page reads the labels and no
answer. `field_pieces` gives each filled text or choice field's value as positioned text
pieces (one per line of the value, from the top of its box down), for the page layout to
read beside the labels as if they were printed there; a check box or radio button is its
mark (☑ ticked, □ not) where the box is, so that a line of boxed options (評価 ☑A □B) reads as
a ticked option. A field hidden from view (annotation flag 2) is no answer a reader sees and
is left out; a push button holds no answer.
"""

from __future__ import annotations

import logging
import re

logger = logging.getLogger(__name__)

# (y of the baseline, x, font size, text)
Piece = tuple[float, float, float, str]

FONT_SIZE = re.compile(r"(?<!\d)(\d+(?:\.\d+)?)\s+Tf")
_DEFAULT_SIZE = 10.0  # a field whose size is "auto" (0 Tf) or not said
_HIDDEN = 2  # annotation flag: not shown, not printed
_PADDING = 2.0  # points between a field's box and its text


def _inherited(annotation, key: str):
    """A field's entry, from the widget or the field it is a kid of (/Parent)."""
    node, depth = annotation, 0
    while node is not None and depth < 8:
        if key in node:
            return node[key]
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
        depth += 1
    return None


def _value_text(value) -> str:
    if value is None:
        return ""
    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, (list, tuple)):  # a list box with several choices
        return "\n".join(_value_text(v) for v in value)
    if isinstance(value, bytes):
        return ""
    text = str(value)
    return "" if text.startswith("/") else text  # a name (/Off) is a button's state, no text


_PUSH_BUTTON = 1 << 16  # field flag: a button that is clicked, not ticked
# A ticked and an empty check box or radio button, as a text shows boxed options (☑達成 □未達成).
TICKED, EMPTY = "☑", "□"


def _box_mark(annotation) -> str | None:
    """A check box's or radio button's mark: ☑ ticked, □ not; None for a push button."""
    if int(_inherited(annotation, "/Ff") or 0) & _PUSH_BUTTON:
        return None
    state = annotation.get("/AS")
    if state is None:
        state = _inherited(annotation, "/V")
    return EMPTY if state is None or str(state) == "/Off" else TICKED


# A value this long that the page's own text already holds is printed there (a form flattened
# into the page that kept its fields): it is not read twice.
_PRINTED_CHARS = 10


def field_pieces(page, printed: str = "") -> list[Piece]:
    """The filled text and choice fields of a page as positioned pieces; [] when the page has
    none (or its annotations cannot be read: the page's own text stands). `printed`: the
    page's own text, whose long values are not read again."""
    printed = "".join(printed.split())
    try:
        annotations = page.get("/Annots")
        annotations = annotations.get_object() if annotations is not None else None
        if not annotations:
            return []
        pieces: list[Piece] = []
        for ref in annotations:
            annotation = ref.get_object()
            if annotation.get("/Subtype") != "/Widget" or int(annotation.get("/F", 0)) & _HIDDEN:
                continue
            kind = _inherited(annotation, "/FT")
            if "/Rect" not in annotation or kind not in ("/Tx", "/Ch", "/Btn"):
                continue
            x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
            left, top = min(x0, x1), max(y0, y1)
            if kind == "/Btn":
                box = _box_mark(annotation)
                if box:  # the box's mark level with the option printed beside it
                    pieces.append(((min(y0, y1) + top) / 2 - abs(y1 - y0) / 3, left, abs(y1 - y0), box))
                continue
            text = _value_text(_inherited(annotation, "/V")).replace("\r\n", "\n").replace("\r", "\n")
            if not text.strip():
                continue
            compact = "".join(text.split())
            if len(compact) >= _PRINTED_CHARS and compact in printed:
                continue
            found = FONT_SIZE.search(str(_inherited(annotation, "/DA") or ""))
            size = float(found.group(1)) if found and float(found.group(1)) > 0 else _DEFAULT_SIZE
            for k, line in enumerate(line for line in text.split("\n") if line.strip()):
                pieces.append((top - _PADDING - size * (k + 1), left + _PADDING, size, line.strip()))
        return pieces
    except Exception as exc:  # noqa: BLE001 - a damaged form: the page's own text stands
        logger.debug("form fields not read: %s", exc)
        return []
