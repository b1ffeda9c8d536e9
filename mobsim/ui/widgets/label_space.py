"""Free space for labels: which parts of the view are taken, and the nearest free place.

What labels must not cover (bones, wherever the moving one swings; the arrow; the
arc) is painted once into a coarse mask with a summed-area table, so asking "is
this box free?" costs four look-ups, whatever the shapes. Boxes already placed are
kept as rectangles, with a small gap round each.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

# The mask's resolution (px of mask per px of view): coarse is fast and errs on the
# side of "taken", since a touched mask pixel blocks its whole square.
MASK_SCALE = 0.5
# Directions tried round an anchor, and how far out (in box heights) a search goes.
DIRECTIONS = 32
MAX_REACH = 14.0


def rect_beside(anchor: QPointF, direction: QPointF, w: float, h: float) -> QRectF:
    """A w×h rect whose edge touches `anchor`, lying in `direction` from it."""
    d = abs(direction.x()) * w / 2 + abs(direction.y()) * h / 2
    c = anchor + direction * d
    return QRectF(c.x() - w / 2, c.y() - h / 2, w, h)


class LabelSpace:
    """The view's free space; `find` takes the nearest free box and keeps it."""

    def __init__(self, size: tuple[int, int], taken: list[QPainterPath], gap: float):
        self.bounds = QRectF(0, 0, *size).adjusted(3, 3, -3, -3)
        self.gap = gap
        self.placed: list[QRectF] = []
        # Leaders: no box may cross a hard one; a box avoids a soft one where it can.
        self.lines: list[tuple[QPointF, QPointF]] = []
        self.soft_lines: list[tuple[QPointF, QPointF]] = []
        self.unresolved = 0  # boxes that found no free place (the view is too cramped)
        self._sat = _summed_area(size, taken, gap)

    def blocked(self, rect: QRectF) -> int:
        """How many mask pixels under `rect` are taken (0: free of every shape)."""
        s, sat = MASK_SCALE, self._sat
        rows, cols = sat.shape[0] - 1, sat.shape[1] - 1
        x0 = min(max(math.floor(rect.left() * s), 0), cols)
        x1 = min(max(math.ceil(rect.right() * s), 0), cols)
        y0 = min(max(math.floor(rect.top() * s), 0), rows)
        y1 = min(max(math.ceil(rect.bottom() * s), 0), rows)
        return int(sat[y1, x1] - sat[y0, x1] - sat[y1, x0] + sat[y0, x0])

    def fits(self, rect: QRectF) -> bool:
        if not self.bounds.contains(rect):
            return False
        grown = rect.adjusted(-self.gap, -self.gap, self.gap, self.gap)
        if any(grown.intersects(r) for r in self.placed):
            return False
        return self.blocked(rect) == 0

    def take(self, rect: QRectF) -> QRectF:
        self.placed.append(rect)
        return rect

    def find(
        self, anchor: QPointF, w: float, h: float, towards: QPointF | None = None, **choose
    ) -> tuple[QRectF, bool]:
        """The free w×h box nearest `anchor`, preferring the `towards` direction.

        Returns (box, moved): `moved` when it had to leave the anchor (draw a leader).
        If nothing is free, the box inside the view that covers least. The box is taken.
        `choose` takes `nearest`'s leader_from and leader_after.
        """
        rect, moved, free = self.nearest(anchor, w, h, towards, **choose)
        self.unresolved += not free
        return self.take(rect), moved

    def nearest(
        self,
        anchor: QPointF,
        w: float,
        h: float,
        towards: QPointF | None = None,
        leader_from: QRectF | None = None,
        leader_after: float = 0.0,
    ) -> tuple[QRectF, bool, bool]:
        """(box, moved, free) as `find` would choose it, taking nothing.

        With `leader_from` (where a leader would start: the nearest point of this box),
        a free box whose leader, drawn when longer than `leader_after` px, would run
        through a box placed already is passed over for the next free one, if any."""
        reach, turn = _PREFERRING if towards is not None else _ANYWHERE
        prefer = math.atan2(towards.y(), towards.x()) if towards is not None else 0.0
        dx, dy = np.cos(prefer + turn), np.sin(prefer + turn)
        # rect_beside(anchor + d * reach, d, w, h), for every candidate at once
        out = reach * h + np.abs(dx) * w / 2 + np.abs(dy) * h / 2
        cx, cy = anchor.x() + dx * out, anchor.y() + dy * out
        x0, y0, x1, y1 = cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2
        b = self.bounds
        ok = (x0 >= b.left()) & (y0 >= b.top()) & (x1 <= b.right()) & (y1 <= b.bottom())
        g = self.gap
        crowd = np.zeros(len(cx), np.int64)
        for r in self.placed:
            across = (x0 - g < r.right()) & (x1 + g > r.left())
            crowd += across & (y0 - g < r.bottom()) & (y1 + g > r.top())
        for p, q in self.lines:
            crowd += _crossed(p.x(), p.y(), q.x(), q.y(), x0 - g, y0 - g, x1 + g, y1 + g)
        clash = self._blocked_many(x0, y0, x1, y1) + 1000 * crowd
        free = np.flatnonzero(ok & (clash == 0))
        least = np.where(ok, clash, np.iinfo(np.int64).max)
        i = int(free[0]) if len(free) else int(np.argmin(least))
        # Soft leaders are kept clear where a free box allows it; a box that only finds
        # room across one is still free (the text never shrinks for such a line).
        clear = np.ones(len(free), bool)
        for p, q in self.soft_lines:
            clear &= ~_crossed(
                p.x(), p.y(), q.x(), q.y(), x0[free] - g, y0[free] - g, x1[free] + g, y1[free] + g
            )
        if leader_from is not None and len(free) and self.placed:
            s = leader_from
            sx = np.clip(cx[free], s.left(), s.right())  # the leader: from the source's
            sy = np.clip(cy[free], s.top(), s.bottom())  # point nearest the box...
            ex = np.clip(sx, x0[free], x1[free])  # ... to the box's point nearest that
            ey = np.clip(sy, y0[free], y1[free])
            drawn = np.hypot(ex - sx, ey - sy) > leader_after
            for r in self.placed:
                through = _crossed(sx, sy, ex, ey, r.left(), r.top(), r.right(), r.bottom())
                clear &= ~(drawn & through)
        if clear.any():
            i = int(free[np.argmax(clear)])
        return QRectF(x0[i], y0[i], w, h), bool(reach[i] > 0.6), bool(len(free))

    def _blocked_many(self, x0, y0, x1, y1) -> np.ndarray:
        s, sat = MASK_SCALE, self._sat
        rows, cols = sat.shape[0] - 1, sat.shape[1] - 1
        c0 = np.clip(np.floor(x0 * s), 0, cols).astype(int)
        c1 = np.clip(np.ceil(x1 * s), 0, cols).astype(int)
        r0 = np.clip(np.floor(y0 * s), 0, rows).astype(int)
        r1 = np.clip(np.ceil(y1 * s), 0, rows).astype(int)
        return sat[r1, c1] - sat[r0, c1] - sat[r1, c0] + sat[r0, c0]


def crosses(p: QPointF, q: QPointF, rect: QRectF) -> bool:
    """The segment p–q runs through the box."""
    return bool(
        _crossed(p.x(), p.y(), q.x(), q.y(), rect.left(), rect.top(), rect.right(), rect.bottom())
    )


def _crossed(px, py, qx, qy, x0, y0, x1, y1) -> np.ndarray:
    """Which segments p–q run through which boxes (Liang–Barsky; numpy broadcasting:
    one segment against many boxes, or many segments against one box)."""
    enter, leave = 0.0, 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        for start, end, low, high in ((px, qx, x0, x1), (py, qy, y0, y1)):
            delta = np.subtract(end, start)
            t0, t1 = (np.subtract(low, start)) / delta, (np.subtract(high, start)) / delta
            inside = (np.asarray(start) >= low) & (np.asarray(start) <= high)
            flat = delta == 0
            lo = np.where(flat, np.where(inside, -np.inf, np.inf), np.minimum(t0, t1))
            hi = np.where(flat, np.where(inside, np.inf, -np.inf), np.maximum(t0, t1))
            enter, leave = np.maximum(enter, lo), np.minimum(leave, hi)
    return np.asarray(enter <= leave)


def _candidate_table(bend_cost: float) -> tuple[np.ndarray, np.ndarray]:
    """(reach in box heights, turn from the preferred direction), cheapest first:
    nearer first; turning away from the preferred direction costs `bend_cost` heights
    per half turn."""
    rows = []
    for k in range(DIRECTIONS):
        turn = (k + 1) // 2 * (1 if k % 2 else -1) * 2 * math.pi / DIRECTIONS
        for step in range(int(MAX_REACH * 2) + 1):
            reach = step * 0.5
            rows.append((reach + bend_cost * abs(turn) / math.pi, reach, turn))
    rows.sort(key=lambda row: row[0])
    return np.array([r[1] for r in rows]), np.array([r[2] for r in rows])


_PREFERRING = _candidate_table(3.0)
_ANYWHERE = _candidate_table(0.0)


def _summed_area(size: tuple[int, int], taken: list[QPainterPath], grow: float) -> np.ndarray:
    w, h = (max(1, math.ceil(v * MASK_SCALE) + 1) for v in size)
    image = QImage(w, h, QImage.Format.Format_Grayscale8)
    image.fill(0)
    painter = QPainter(image)
    painter.scale(MASK_SCALE, MASK_SCALE)
    painter.setPen(QPen(QColor(255, 255, 255), max(1.0, 2 * grow)))
    painter.setBrush(QColor(255, 255, 255))
    for path in taken:
        painter.drawPath(path)
    painter.end()
    stride = image.bytesPerLine()
    cells = np.frombuffer(image.constBits(), np.uint8, count=stride * h).reshape(h, stride)
    mask = (cells[:, :w] > 0).astype(np.int32)
    sat = np.zeros((h + 1, w + 1), np.int32)
    sat[1:, 1:] = mask.cumsum(0).cumsum(1)
    return sat
