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


def _curve(points: list[tuple[float, ...]], length: float, side: int) -> QPainterPath:
    """A closed outline from ('M', x, y), ('C', x1, y1, x2, y2, x, y), ('L', x, y) in lengths."""
    path = QPainterPath()
    for op, *xy in points:
        pts = [QPointF(xy[i] * length, xy[i + 1] * length * side) for i in range(0, len(xy), 2)]
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
# Half-width of each shape's joint end as a fraction of its length (the joint
# knob radius is the smaller of the two bones' values; a trunk takes the other's).
END_HALF_WIDTH = {"long_bone": 0.085, "foot": 0.11, "hand": 0.11, "finger": 0.2}


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


def _foot(length: float, radius: float, side: int) -> tuple[QPainterPath, QPainterPath]:
    """Side view: the ankle (talus dome) at the origin, heel behind, toes along +x."""
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
    )
    body = union(outline, circle(0, 0, radius))
    details = QPainterPath()
    for x0, x1 in ((0.63, 0.66), (0.70, 0.72)):  # toe creases
        details.moveTo(x0 * length, 0.19 * length * side)
        details.lineTo(x1 * length, 0.29 * length * side)
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


def _hand(
    length: float, radius: float, near: str, side: int, moving: bool
) -> tuple[QPainterPath, QPainterPath]:
    """Side view from the thumb side; `side` is the palm. The thumb is outlined on top."""
    details = QPainterPath()
    if moving:  # wrist: palm, then a finger, the thumb in front of the palm
        palm = _curve(
            [
                ("M", 0.02, -0.13),
                ("C", 0.20, -0.15, 0.40, -0.12, 0.56, -0.085),
                ("L", 0.56, 0.07),
                ("C", 0.45, 0.09, 0.32, 0.14, 0.18, 0.145),
                ("C", 0.08, 0.15, 0.03, 0.14, 0.02, 0.12),
            ],
            length,
            side,
        )
        finger = _capsule(
            *_scaled(
                [
                    (0.52, -0.01, 0.078),
                    (0.73, 0.005, 0.064),
                    (0.87, 0.02, 0.056),
                    (0.96, 0.035, 0.048),
                ],
                length,
                side,
            )
        )
        thumb = _capsule(
            *_scaled([(0.12, 0.10, 0.07), (0.29, 0.16, 0.058), (0.41, 0.165, 0.048)], length, side)
        )
        body = union(palm, finger, thumb)
        details.addPath(thumb)
        for x, y in ((0.73, 0.005), (0.87, 0.02)):  # finger joint creases (palm side)
            details.moveTo(x * length, (y + 0.03) * length * side)
            details.lineTo(x * length, (y + 0.06) * length * side)
        details.moveTo(0.60 * length, -0.06 * length * side)  # the fingers behind
        details.cubicTo(
            0.75 * length,
            -0.055 * length * side,
            0.86 * length,
            -0.03 * length * side,
            0.93 * length,
            -0.005 * length * side,
        )
    else:  # MCP: the palm behind the metacarpal head, the thumb in front of it
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
        )
        thumb = _capsule(
            *_scaled([(0.85, 0.17, 0.10), (0.58, 0.27, 0.085), (0.36, 0.30, 0.072)], length, side)
        )
        body = union(palm, thumb, circle(0, 0, radius))
        details.addPath(thumb)
        details.moveTo(0.30 * length, 0.255 * length * side)  # thumbnail
        details.quadTo(0.36 * length, 0.245 * length * side, 0.42 * length, 0.25 * length * side)
    if near == "cup":
        body = union(
            body.subtracted(circle(0, 0, radius * 1.1)), _cup(radius, radius, radius * 1.2)
        )
    return body, details


def _finger(
    length: float, radius: float, near: str, base: float
) -> tuple[QPainterPath, QPainterPath]:
    """A phalanx: rounded base (half-width `base`) and head, a slimmer shaft."""
    head = 0.74 * base
    if near == "head":  # the head sits at the joint, the flared base far away
        shaft = head * 0.75
        c, half = length * 0.06, base * 0.9  # the base: square towards the shaft, round at the end
        flat_base = union(
            rect_path(length * 0.85, -half, length - c, half),
            rect_path(length * 0.85, c - half, length, half - c),
            circle(length - c, c - half, c),
            circle(length - c, half - c, c),
        )
        body = union(
            _capsule((0, 0, max(radius, head)), (length * 0.5, 0, shaft)),
            poly(
                (length * 0.5, -shaft),
                (length * 0.85, -half),
                (length * 0.85, half),
                (length * 0.5, shaft),
            ),
            flat_base,
        )
    else:
        rc = radius * 1.1
        body = _capsule(
            (rc + base * 0.45, 0, base), (length * 0.55, 0, head * 0.8), (length - head, 0, head)
        )
        body = body.subtracted(circle(0, 0, rc))
    return body, QPainterPath()


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
    """Half the bone's width at its widest end: from the preset's `width_cm` where it
    gives one, else the shape's usual proportion."""
    if seg.width_cm is not None:
        return seg.width_cm * DESIGN_UNITS / 2
    return END_HALF_WIDTH.get(seg.shape, 0.085) * length_du(seg)


def bone(
    seg: Segment, radius: float, near: str, side: int, moving: bool
) -> tuple[QPainterPath, QPainterPath]:
    length = length_du(seg)
    if seg.shape == "foot":
        return _foot(length, radius, side)
    if seg.shape == "hand":
        return _hand(length, radius, near, side, moving)
    if seg.shape == "finger":
        return _finger(length, radius, near, half_width_du(seg))
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
