"""Bone shapes for the joint drawing, in design units, each in the bone's own frame.

Pure geometry (QPainterPath): no widget, no theme. The joint centre is at the origin,
the bone lies along +x and `side` (+1/-1) chooses which way an asymmetric shape
(sole, palm) faces.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

from mobsim.model.joints import Segment


def unit(screen_deg: float) -> QPointF:
    """Unit vector on screen (y down) for an angle counter-clockwise from +x."""
    rad = math.radians(screen_deg)
    return QPointF(math.cos(rad), -math.sin(rad))


def circle(x: float, y: float, r: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(QPointF(x, y), r, r)
    return path


def poly(*points: tuple[float, float]) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
    path.closeSubpath()
    return path


def rect_path(x0: float, y0: float, x1: float, y1: float) -> QPainterPath:
    path = QPainterPath()
    path.addRect(QRectF(QPointF(min(x0, x1), min(y0, y1)), QPointF(max(x0, x1), max(y0, y1))))
    return path


def union(*paths: QPainterPath) -> QPainterPath:
    out = QPainterPath()
    for p in paths:
        out = out.united(p)
    return out.simplified()


def _curve(
    points: list[tuple[float, ...]], length: float, side: int, thick: float = 1.0
) -> QPainterPath:
    """A closed outline from ('M', x, y), ('C', x1, y1, x2, y2, x, y), ('L', x, y) in
    lengths; `thick` stretches it across (y) to the preset's width."""
    path = QPainterPath()
    ys = length * side * thick
    for op, *xy in points:
        pts = [QPointF(xy[i] * length, xy[i + 1] * ys) for i in range(0, len(xy), 2)]
        if op == "M":
            path.moveTo(pts[0])
        elif op == "L":
            path.lineTo(pts[0])
        else:
            path.cubicTo(*pts)
    path.closeSubpath()
    return path


# ------------------------------------------------------------------ bone shapes
# Each builder returns (silhouette, detail lines).

# Shapes are built in hundredths of a cm: Qt flattens curves in boolean path
# operations with an absolute tolerance, so centimetre units came out polygonal.
DESIGN_UNITS = 100.0
# Half-width of each shape's widest end as a fraction of its length, where a preset
# gives no `width_cm`.
END_HALF_WIDTH = {"long_bone": 0.085, "foot": 0.17, "hand": 0.08, "finger": 0.22}
# The joint knob's radius as a share of the segment's half-width (the knob is the
# smaller of the two segments' values; a trunk takes the other's). A foot is much
# taller than the talus dome it turns on.
KNOB_SHARE = {"foot": 0.66}
# Across-the-drawing size of the outlines below, as a share of length, at which they
# were drawn: a preset's width stretches them to its own.
DRAWN_THICKNESS = {"foot": 0.37, "hand_mcp": 0.43}
# Design units a drawn outline (the thumb's) may stray to lose points: a stroked
# curve of hundreds of points cost more per frame than the rest of the bone.
OUTLINE_TOLERANCE = 3.0


def _cup(radius: float, depth: float, half: float) -> QPainterPath:
    """A concave seat at the joint that wraps a head of `radius`, with rounded lips."""
    rc = radius * 1.1
    seat = QPainterPath()
    corner = min(half, depth) * 0.45
    seat.addRoundedRect(QRectF(rc * 0.6, -half, rc * 0.4 + depth, 2 * half), corner, corner)
    return seat.subtracted(circle(0, 0, rc))


def _long_bone(length: float, radius: float, near: str) -> tuple[QPainterPath, QPainterPath]:
    shaft = max(0.042 * length, 0.45 * radius)
    far = max(0.085 * length, radius)
    if near == "head":
        near_part = union(
            circle(0, 0, radius),
            poly(
                (0, -radius * 0.95),
                (radius * 2.6, -shaft),
                (radius * 2.6, shaft),
                (0, radius * 0.95),
            ),
        )
        start = radius * 2.0
    else:  # cup: a plateau/notch seated on the other bone's head
        half = radius * 1.2
        rc = radius * 1.1
        near_part = union(
            _cup(radius, radius * 0.8, half),
            poly(
                (rc + radius * 0.6, -half),
                (rc + radius * 2.8, -shaft),
                (rc + radius * 2.8, shaft),
                (rc + radius * 0.6, half),
            ),
        )
        start = rc + radius * 2.0
    end = length - far * 2.2
    body = rect_path(start, -shaft, max(end, start) + far * 0.4, shaft)
    flare = poly((end, -shaft), (length - far * 0.7, -far), (length - far * 0.7, far), (end, shaft))
    condyles = union(
        circle(length - far * 0.58, -far * 0.45, far * 0.58),
        circle(length - far * 0.58, far * 0.45, far * 0.58),
    )
    return union(near_part, body, flare, condyles), QPainterPath()


def _foot(
    length: float, radius: float, side: int, width: float
) -> tuple[QPainterPath, QPainterPath]:
    """Side view: the ankle (talus dome) at the origin, heel behind, toes along +x;
    `width` is the foot's height from the sole to the top of the ankle."""
    thick = width / (DRAWN_THICKNESS["foot"] * length)
    outline = _curve(
        [
            ("M", 0.10, -0.06),
            ("C", 0.22, -0.02, 0.45, 0.10, 0.64, 0.155),
            ("C", 0.72, 0.175, 0.80, 0.20, 0.80, 0.25),
            ("C", 0.80, 0.29, 0.75, 0.30, 0.68, 0.30),
            ("L", 0.52, 0.30),
            ("C", 0.40, 0.30, 0.30, 0.255, 0.16, 0.262),
            ("C", 0.05, 0.27, -0.02, 0.30, -0.10, 0.30),
            ("C", -0.19, 0.30, -0.23, 0.22, -0.205, 0.13),
            ("C", -0.19, 0.06, -0.13, -0.02, -0.06, -0.07),
        ],
        length,
        side,
        thick,
    )
    body = union(outline, circle(0, 0, radius))
    details = QPainterPath()
    for x0, x1 in ((0.63, 0.66), (0.70, 0.72)):  # toe creases
        details.moveTo(x0 * length, 0.19 * length * side * thick)
        details.lineTo(x1 * length, 0.29 * length * side * thick)
    return body, details


def _capsule(*points: tuple[float, float, float]) -> QPainterPath:
    """A chain of tapered rounded segments through (x, y, radius) points."""
    parts = [circle(x, y, r) for x, y, r in points]
    for (x0, y0, r0), (x1, y1, r1) in zip(points, points[1:], strict=False):
        d = math.hypot(x1 - x0, y1 - y0) or 1.0
        nx, ny = -(y1 - y0) / d, (x1 - x0) / d
        parts.append(
            poly(
                (x0 + nx * r0, y0 + ny * r0),
                (x1 + nx * r1, y1 + ny * r1),
                (x1 - nx * r1, y1 - ny * r1),
                (x0 - nx * r0, y0 - ny * r0),
            )
        )
    return union(*parts)


def _scaled(
    points: list[tuple[float, float, float]], length: float, side: int
) -> list[tuple[float, float, float]]:
    return [(x * length, y * length * side, r * length) for x, y, r in points]


def _nail(x0: float, x1: float, edge: float, depth: float, side: int) -> QPainterPath:
    """A fingernail's outline on the back of the finger (-side), from x0 to x1, its
    surface `edge` from the axis and `depth` deep."""
    nail = QPainterPath()
    y_out, y_in = -side * edge, -side * (edge - depth)
    nail.moveTo(x0, y_out)
    nail.lineTo(x1 - depth, y_out)
    nail.quadTo(x1, y_out, x1, (y_out + y_in) / 2)
    nail.quadTo(x1, y_in, x1 - depth, y_in)
    nail.lineTo(x0 + depth * 0.6, y_in)
    nail.quadTo(x0, y_in, x0, y_out)
    return nail


def _digit(
    start: float, lengths: list[float], half: float, side: int
) -> tuple[QPainterPath, QPainterPath]:
    """A finger in outline (skin) from x = start along its phalanges' `lengths`, `half`
    thick at its base, tapering to a round tip with a nail; a pad on the palm side of
    each phalanx and a crease at each joint between them."""
    xs = [start]
    for length in lengths:
        xs.append(xs[-1] + length)
    radii = [half * (1 - 0.1 * i) for i in range(len(xs))]
    tip_r = radii[-1] * 0.95
    points = [(x, 0.0, r) for x, r in zip(xs[:-1], radii, strict=False)]
    points.append((xs[-1] - tip_r, 0.0, tip_r))
    parts = [_capsule(*points)]
    details = QPainterPath()
    for i, (x0, x1) in enumerate(zip(xs, xs[1:], strict=False)):
        r = radii[i + 1] if i + 1 < len(xs) - 1 else tip_r
        if x1 - x0 > 2.2 * r or i < len(lengths) - 1:  # the pulp of each phalanx
            parts.append(circle((x0 + x1) / 2, side * r * 0.28, r * 0.8))
        if i > 0:  # the crease at the joint behind this phalanx, palm side
            details.moveTo(x0, side * radii[i] * 0.5)
            details.lineTo(x0, side * radii[i] * 0.95)
    last = lengths[-1]
    details.addPath(_nail(xs[-1] - 0.66 * last, xs[-1] - 0.4 * tip_r, tip_r, tip_r * 0.45, side))
    return union(*parts), details


def _hand(
    length: float, radius: float, near: str, side: int, moving: bool, width: float
) -> tuple[QPainterPath, QPainterPath]:
    """Side view from the thumb side; `side` is the palm. The thumb is outlined on top.
    `width` is the hand's thickness across the metacarpals."""
    details = QPainterPath()
    if moving:  # wrist: palm, the index finger with its nail, the thumb before the palm
        w = width
        knuckle = 0.53 * length  # the MCP joints: palm about half of hand length
        palm = _capsule(
            (0.03 * length, side * 0.06 * w, 0.56 * w),
            (0.28 * length, side * 0.06 * w, 0.52 * w),
            (knuckle, 0.0, 0.44 * w),
        )
        finger, finger_lines = _digit(
            knuckle, [0.21 * length, 0.14 * length, 0.12 * length], 0.34 * w, side
        )
        thumb = _capsule(
            (0.13 * length, side * 0.45 * w, 0.3 * w),
            (0.30 * length, side * 0.68 * w, 0.25 * w),
            (0.43 * length, side * 0.74 * w, 0.21 * w),
        )
        body = union(palm, finger, thumb)
        details.addPath(thinned(thumb, OUTLINE_TOLERANCE))
        details.addPath(finger_lines)
        # The other fingers, behind the index: their backs show above it.
        details.moveTo(0.58 * length, -side * 0.40 * w)
        details.cubicTo(
            0.72 * length,
            -side * 0.38 * w,
            0.84 * length,
            -side * 0.30 * w,
            0.92 * length,
            -side * 0.20 * w,
        )
    else:  # MCP: the palm behind the metacarpal head, the thumb in front of it
        thick = width / (DRAWN_THICKNESS["hand_mcp"] * length)
        palm = _curve(
            [
                ("M", 0.02, -0.105),
                ("C", 0.20, -0.17, 0.60, -0.19, 1.08, -0.14),
                ("L", 1.08, 0.17),
                ("C", 0.80, 0.22, 0.55, 0.26, 0.30, 0.23),
                ("C", 0.15, 0.21, 0.04, 0.16, 0.0, 0.10),
            ],
            length,
            side,
            thick,
        )
        ys = side * thick
        thumb = _capsule(
            (0.85 * length, 0.17 * length * ys, 0.10 * length * thick),
            (0.58 * length, 0.27 * length * ys, 0.085 * length * thick),
            (0.36 * length, 0.30 * length * ys, 0.072 * length * thick),
        )
        body = union(palm, thumb, circle(0, 0, radius))
        details.addPath(thinned(thumb, OUTLINE_TOLERANCE))
        details.moveTo(0.30 * length, 0.255 * length * ys)  # thumbnail
        details.quadTo(0.36 * length, 0.245 * length * ys, 0.42 * length, 0.25 * length * ys)
    if near == "cup":
        body = union(
            body.subtracted(circle(0, 0, radius * 1.1)), _cup(radius, radius, radius * 1.2)
        )
    return body, details


def _finger(
    length: float, half: float, near: str, side: int, distal: tuple[float, ...]
) -> tuple[QPainterPath, QPainterPath]:
    """A finger segment in outline (skin), `half` thick; the moving one carries the
    rest of the finger (`distal`) to its tip and nail. A stabilised segment ends in
    the knuckle behind it."""
    if near == "head" and not distal:
        body = union(
            # The knuckle behind rounds off the segment at its far joint.
            _capsule((0, 0, half * 0.92), (length - half, -side * 0.08 * half, half * 1.02)),
            circle(length * 0.5, side * half * 0.3, half * 0.78),
        )
        details = QPainterPath()  # the crease at the joint, palm side
        details.moveTo(half * 0.35, side * half * 0.45)
        details.lineTo(half * 0.35, side * half * 0.9)
        return body, details
    return _digit(0.0, [length, *distal], half, side)


def _trunk(length: float, radius: float, side: int) -> tuple[QPainterPath, QPainterPath]:
    """A broad plate (ilium / scapula) with a socket at the joint."""
    plate = _curve(
        [
            ("M", 0.02, -0.13),
            ("C", 0.20, -0.16, 0.40, -0.34, 0.70, -0.44),
            ("C", 0.90, -0.50, 1.03, -0.30, 1.00, 0.00),
            ("C", 0.98, 0.25, 0.90, 0.42, 0.72, 0.44),
            ("C", 0.55, 0.45, 0.50, 0.22, 0.30, 0.17),
            ("C", 0.15, 0.14, 0.06, 0.15, 0.02, 0.13),
        ],
        length,
        side,
    )
    rc = radius * 1.12
    rim = QPainterPath()
    box = QRectF(
        -(rc + radius * 0.55),
        -(rc + radius * 0.55),
        2 * (rc + radius * 0.55),
        2 * (rc + radius * 0.55),
    )
    rim.moveTo(0, 0)
    rim.arcTo(box, -110, 220)
    rim.closeSubpath()
    body = union(plate, rim).subtracted(circle(0, 0, rc))
    details = QPainterPath()  # a crest line inside the rim of the plate
    details.moveTo(0.55 * length, -0.33 * length * side)
    details.cubicTo(
        0.80 * length,
        -0.40 * length * side,
        0.93 * length,
        -0.20 * length * side,
        0.92 * length,
        0.02 * length * side,
    )
    return body, details


def length_du(seg: Segment) -> float:
    return seg.length_cm * DESIGN_UNITS


def half_width_du(seg: Segment) -> float:
    """Half the segment's width at its widest end: from the preset's `width_cm` where
    it gives one, else the shape's usual proportion."""
    if seg.width_cm is not None:
        return seg.width_cm * DESIGN_UNITS / 2
    return END_HALF_WIDTH.get(seg.shape, 0.085) * length_du(seg)


def knob_du(seg: Segment) -> float:
    """The joint knob's radius this segment allows."""
    return KNOB_SHARE.get(seg.shape, 1.0) * half_width_du(seg)


def bone(
    seg: Segment, radius: float, near: str, side: int, moving: bool
) -> tuple[QPainterPath, QPainterPath]:
    length = length_du(seg)
    if seg.shape == "foot":
        return _foot(length, radius, side, 2 * half_width_du(seg))
    if seg.shape == "hand":
        return _hand(length, radius, near, side, moving, 2 * half_width_du(seg))
    if seg.shape == "finger":
        distal = tuple(d * DESIGN_UNITS for d in seg.distal_cm)
        return _finger(length, half_width_du(seg), near, side, distal)
    if seg.shape == "trunk":
        return _trunk(length, radius, side)
    return _long_bone(length, radius, near)


def thinned(path: QPainterPath, tolerance: float = 0.3) -> QPainterPath:
    """The path's outline as polygons with points closer than `tolerance` px dropped."""
    out = QPainterPath()
    out.setFillRule(path.fillRule())
    for polygon in path.toFillPolygons():
        ring = [(p.x(), p.y()) for p in polygon]
        if len(ring) > 1 and ring[0] == ring[-1]:
            ring.pop()
        if len(ring) < 3:
            continue
        # A closed ring: split it at the point farthest from its start.
        x0, y0 = ring[0]
        far = max(range(len(ring)), key=lambda k: (ring[k][0] - x0) ** 2 + (ring[k][1] - y0) ** 2)
        points = (
            _douglas_peucker(ring[: far + 1], tolerance)[:-1]
            + _douglas_peucker(ring[far:] + ring[:1], tolerance)[:-1]
        )
        if len(points) >= 3:
            out.addPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
            out.closeSubpath()
    return out


def _douglas_peucker(
    points: list[tuple[float, float]], tolerance: float
) -> list[tuple[float, float]]:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        (x0, y0), (x1, y1) = points[i], points[j]
        dx, dy = x1 - x0, y1 - y0
        norm = math.hypot(dx, dy) or 1.0
        worst, at = -1.0, -1
        for k in range(i + 1, j):
            x, y = points[k]
            d = abs(dy * (x - x0) - dx * (y - y0)) / norm
            if d > worst:
                worst, at = d, k
        if worst > tolerance:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def extent(path: QPainterPath, x: float, side: int, dx: float) -> float:
    """How far the path reaches from the axis towards `side` around x."""
    strip = path.intersected(rect_path(x - dx, -1e4, x + dx, 1e4)).boundingRect()
    if strip.isEmpty():
        return 0.0
    return max(0.0, strip.bottom() if side > 0 else -strip.top())


def ring(c: QPointF, r_in: float, r_out: float, a0: float, a1: float) -> QPainterPath:
    """The part of a ring between two screen angles (degrees, Qt's sense)."""
    outer = QRectF(c.x() - r_out, c.y() - r_out, 2 * r_out, 2 * r_out)
    inner = QRectF(c.x() - r_in, c.y() - r_in, 2 * r_in, 2 * r_in)
    path = QPainterPath()
    path.arcMoveTo(outer, a0)
    path.arcTo(outer, a0, a1 - a0)
    path.arcTo(inner, a1, a0 - a1)
    path.closeSubpath()
    return path
