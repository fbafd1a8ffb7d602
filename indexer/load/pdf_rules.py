"""Ruled lines drawn on a PDF page: the borders of its tables.

A Word or Excel table exported to PDF often has no space between one row's last line and
the next row's first (Word's cells have no top or bottom margin by default): only the
border drawn between them tells two rows from one row's wrapped lines. `RuleTracker`
follows the page's path operators through pypdf's operand visitors and keeps the straight
segments that are painted -- stroked lines, and the edges of stroked or filled rectangles
(a thin filled rectangle is one line) -- in page space. Curves, clipping paths and paths
inside form XObjects are not kept.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

Segment = tuple[float, float, float, float]  # x0, y0, x1, y1 in page space

_PAINT = (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*")
# a filled rectangle at most this thick (points) is drawn as a line
_THIN = 2.0
# at most this many segments a page (a drawing of hatching is no table)
MAX_SEGMENTS = 20000


class RuleTracker:
    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self._path: list[Segment] = []
        self._current: tuple[float, float] | None = None
        self._start: tuple[float, float] | None = None
        self._form_depth = 0

    def before(self, operator: bytes, operands: list, cm: list[float], tm: list[float]) -> None:
        if operator == b"Do":
            self._form_depth += 1
            return
        if self._form_depth:
            return
        try:
            self._operate(operator, operands, cm)
        except (TypeError, ValueError, IndexError) as exc:  # a malformed operand: drop the path
            logger.debug("path operator %r skipped: %s", operator, exc)
            self._path = []
            self._current = None

    def after(self, operator: bytes, operands: list, cm: list[float], tm: list[float]) -> None:
        if operator == b"Do":
            self._form_depth = max(0, self._form_depth - 1)

    def _operate(self, operator: bytes, operands: list, cm: list[float]) -> None:
        if operator == b"m":
            self._current = self._start = _point(cm, float(operands[0]), float(operands[1]))
        elif operator == b"l":
            end = _point(cm, float(operands[0]), float(operands[1]))
            if self._current is not None:
                self._path.append((*self._current, *end))
            self._current = end
        elif operator in (b"c", b"v", b"y"):
            self._current = _point(cm, float(operands[-2]), float(operands[-1]))
        elif operator == b"h":
            if self._current is not None and self._start is not None:
                self._path.append((*self._current, *self._start))
            self._current = self._start
        elif operator == b"re":
            x, y, w, h = (float(v) for v in operands[:4])
            corners = [_point(cm, x, y), _point(cm, x + w, y), _point(cm, x + w, y + h), _point(cm, x, y + h)]
            self._path.extend((*a, *b) for a, b in zip(corners, corners[1:] + corners[:1]))
            self._current = self._start = corners[0]
        elif operator in _PAINT:
            if operator in (b"f", b"F", b"f*"):
                self._path = _thin_bars(self._path)
            if len(self.segments) + len(self._path) <= MAX_SEGMENTS:
                self.segments.extend(s for s in self._path if _straight(s))
            self._path = []
            self._current = None
        elif operator == b"n":
            self._path = []
            self._current = None


def _thin_bars(path: list[Segment]) -> list[Segment]:
    """A filled path's edges as lines; a filled bar no thicker than `_THIN` is one line
    along its middle (Excel and some writers draw cell borders so)."""
    if len(path) == 4:
        xs = [v for s in path for v in (s[0], s[2])]
        ys = [v for s in path for v in (s[1], s[3])]
        width, height = max(xs) - min(xs), max(ys) - min(ys)
        if height <= _THIN < width:
            mid = (max(ys) + min(ys)) / 2
            return [(min(xs), mid, max(xs), mid)]
        if width <= _THIN < height:
            mid = (max(xs) + min(xs)) / 2
            return [(mid, min(ys), mid, max(ys))]
    return path


def _straight(segment: Segment) -> bool:
    x0, y0, x1, y1 = segment
    return abs(x0 - x1) < 0.5 or abs(y0 - y1) < 0.5


def _point(cm: list[float], x: float, y: float) -> tuple[float, float]:
    return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]
