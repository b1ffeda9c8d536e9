"""The joint itself: two bones, a goniometer arc, the grade's band and a live needle.

Everything static (background, stabilised bone, arc, ticks, band, labels) is
painted once into two cached pixmaps. A frame only blits them and fills a few
pre-built paths under a rotation: the moving bone, its force arrow, the needle,
plus the read-out. The widget draws what the model says; it computes no grades.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from mobsim.model.grades import Band
from mobsim.model.joints import Condition, JointSpec, Segment
from mobsim.ui.theme import Theme

# The arc's radius as a fraction of the moving bone's drawn length.
ARC_FRACTION = 0.55
# Text scales with the widget between these factors; 1.0 at the reference size,
# where the projector profile's 14 pt is 19 px.
REFERENCE_SIZE = (640.0, 520.0)
FONT_FACTOR_RANGE = (0.75, 1.6)
PX_PER_PT = 96.0 / 72.0  # points → pixels independent of the platform's logical DPI
# Grade V's thrust can be under a degree: draw at least this many px of arc.
MIN_BAND_PX = 8.0
# How a label backs off when its place is taken: radial steps, tangential steps.
RADIAL_STEPS = 6
TANGENT_STEPS = (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5)


def _fmt_deg(value: float) -> str:
    value = round(value, 1)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return ("0" if text in ("-0", "") else text) + "°"


def _unit(screen_deg: float) -> QPointF:
    """Unit vector on screen (y down) for an angle counter-clockwise from +x."""
    rad = math.radians(screen_deg)
    return QPointF(math.cos(rad), -math.sin(rad))


def _circle(x: float, y: float, r: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(QPointF(x, y), r, r)
    return path


def _poly(*points: tuple[float, float]) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
    path.closeSubpath()
    return path


def _rect(x0: float, y0: float, x1: float, y1: float) -> QPainterPath:
    path = QPainterPath()
    path.addRect(QRectF(QPointF(min(x0, x1), min(y0, y1)), QPointF(max(x0, x1), max(y0, y1))))
    return path


def _union(*paths: QPainterPath) -> QPainterPath:
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
# Each builder works in design units in the bone's own frame: the joint centre at the
# origin, the bone along +x, `side` = +1/-1 chooses which way asymmetric shapes
# (sole, palm) face. It returns (silhouette, detail lines).

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
    return seat.subtracted(_circle(0, 0, rc))


def _long_bone(length: float, radius: float, near: str) -> tuple[QPainterPath, QPainterPath]:
    shaft = max(0.042 * length, 0.45 * radius)
    far = max(0.085 * length, radius)
    if near == "head":
        near_part = _union(
            _circle(0, 0, radius),
            _poly(
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
        near_part = _union(
            _cup(radius, radius * 0.8, half),
            _poly(
                (rc + radius * 0.6, -half),
                (rc + radius * 2.8, -shaft),
                (rc + radius * 2.8, shaft),
                (rc + radius * 0.6, half),
            ),
        )
        start = rc + radius * 2.0
    end = length - far * 2.2
    body = _rect(start, -shaft, max(end, start) + far * 0.4, shaft)
    flare = _poly(
        (end, -shaft), (length - far * 0.7, -far), (length - far * 0.7, far), (end, shaft)
    )
    condyles = _union(
        _circle(length - far * 0.58, -far * 0.45, far * 0.58),
        _circle(length - far * 0.58, far * 0.45, far * 0.58),
    )
    return _union(near_part, body, flare, condyles), QPainterPath()


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
    body = _union(outline, _circle(0, 0, radius))
    details = QPainterPath()
    for x0, x1 in ((0.63, 0.66), (0.70, 0.72)):  # toe creases
        details.moveTo(x0 * length, 0.19 * length * side)
        details.lineTo(x1 * length, 0.29 * length * side)
    return body, details


def _capsule(*points: tuple[float, float, float]) -> QPainterPath:
    """A chain of tapered rounded segments through (x, y, radius) points."""
    parts = [_circle(x, y, r) for x, y, r in points]
    for (x0, y0, r0), (x1, y1, r1) in zip(points, points[1:], strict=False):
        d = math.hypot(x1 - x0, y1 - y0) or 1.0
        nx, ny = -(y1 - y0) / d, (x1 - x0) / d
        parts.append(
            _poly(
                (x0 + nx * r0, y0 + ny * r0),
                (x1 + nx * r1, y1 + ny * r1),
                (x1 - nx * r1, y1 - ny * r1),
                (x0 - nx * r0, y0 - ny * r0),
            )
        )
    return _union(*parts)


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
        body = _union(palm, finger, thumb)
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
        body = _union(palm, thumb, _circle(0, 0, radius))
        details.addPath(thumb)
        details.moveTo(0.30 * length, 0.255 * length * side)  # thumbnail
        details.quadTo(0.36 * length, 0.245 * length * side, 0.42 * length, 0.25 * length * side)
    if near == "cup":
        body = _union(
            body.subtracted(_circle(0, 0, radius * 1.1)), _cup(radius, radius, radius * 1.2)
        )
    return body, details


def _finger(length: float, radius: float, near: str) -> tuple[QPainterPath, QPainterPath]:
    """A phalanx: rounded base and head, a slimmer shaft."""
    base, head = 0.19 * length, 0.14 * length
    if near == "head":  # the head sits at the joint, the flared base far away
        shaft = head * 0.75
        c, half = length * 0.06, base * 0.9  # the base: square towards the shaft, round at the end
        flat_base = _union(
            _rect(length * 0.85, -half, length - c, half),
            _rect(length * 0.85, c - half, length, half - c),
            _circle(length - c, c - half, c),
            _circle(length - c, half - c, c),
        )
        body = _union(
            _capsule((0, 0, max(radius, head)), (length * 0.5, 0, shaft)),
            _poly(
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
        body = body.subtracted(_circle(0, 0, rc))
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
    body = _union(plate, rim).subtracted(_circle(0, 0, rc))
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


def _length(seg: Segment) -> float:
    return seg.length_cm * DESIGN_UNITS


def _bone(
    seg: Segment, radius: float, near: str, side: int, moving: bool
) -> tuple[QPainterPath, QPainterPath]:
    length = _length(seg)
    if seg.shape == "foot":
        return _foot(length, radius, side)
    if seg.shape == "hand":
        return _hand(length, radius, near, side, moving)
    if seg.shape == "finger":
        return _finger(length, radius, near)
    if seg.shape == "trunk":
        return _trunk(length, radius, side)
    return _long_bone(length, radius, near)


def _thinned(path: QPainterPath, tolerance: float = 0.3) -> QPainterPath:
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


def _extent(path: QPainterPath, x: float, side: int, dx: float) -> float:
    """How far the path reaches from the axis towards `side` around x."""
    strip = path.intersected(_rect(x - dx, -1e4, x + dx, 1e4)).boundingRect()
    if strip.isEmpty():
        return 0.0
    return max(0.0, strip.bottom() if side > 0 else -strip.top())


# ------------------------------------------------------------------ geometry per joint


@dataclass
class _Anatomy:
    """The joint's bones in design units, built once per joint (each in its own frame)."""

    fixed: QPainterPath
    fixed_details: QPainterPath
    moving: QPainterPath
    moving_details: QPainterPath
    clamp_band: QPainterPath  # fixed-bone frame
    clamp_block: QPainterPath  # fixed-bone frame, hatched
    clamp_side: int
    arrow_x: float  # along the moving bone
    arrow_surface: float  # the bone's edge on the trailing side there
    trailing: int  # local y sign of the side the bone moves away from
    bounds: QRectF  # everything, with the moving bone swept over its whole range


def _anatomy(joint: JointSpec) -> _Anatomy:
    view = joint.orientation
    fixed_seg, moving_seg = joint.fixed_segment, joint.moving_segment
    ends = [
        END_HALF_WIDTH[s.shape] * _length(s) for s in (fixed_seg, moving_seg) if s.shape != "trunk"
    ]
    radius = min(ends) if ends else 0.06 * _length(moving_seg)
    if fixed_seg.shape == "trunk":
        fixed_near, moving_near = "socket", "head"
    elif moving_seg.shape == "foot":
        fixed_near, moving_near = "cup", "dome"
    else:
        fixed_near, moving_near = "head", "cup"

    palm = joint.flexor_side  # the preset says it; drawing never guesses
    zero, fdir = view.moving_zero_deg, view.fixed_direction_deg
    fixed_palm = 1 if math.cos(math.radians(zero - fdir)) * palm >= 0 else -1
    mid = view.moving_zero_deg + view.direction * 0.5 * (joint.start + joint.normal_end)
    towards_moving = 1 if math.sin(math.radians(fdir - mid)) >= 0 else -1

    fixed, fixed_details = _bone(
        fixed_seg,
        radius,
        fixed_near,
        fixed_palm if fixed_seg.shape == "hand" else towards_moving,
        moving=False,
    )
    moving, moving_details = _bone(moving_seg, radius, moving_near, palm, moving=True)

    clamp_band, clamp_block = _clamp(fixed, _length(fixed_seg), radius, -towards_moving)

    trailing = view.direction  # increasing angle is local -direction
    lm = moving.boundingRect().right()
    arrow_x = 0.8 * lm
    dx = 0.02 * _length(moving_seg)
    anatomy = _Anatomy(
        fixed,
        fixed_details,
        moving,
        moving_details,
        clamp_band,
        clamp_block,
        -towards_moving,
        arrow_x,
        _extent(moving, arrow_x, trailing, dx),
        trailing,
        QRectF(),
    )
    anatomy.bounds = _sweep_bounds(joint, anatomy)
    return anatomy


def _clamp(
    fixed: QPainterPath, length: float, radius: float, side: int
) -> tuple[QPainterPath, QPainterPath]:
    """A strap across the fixed bone and the hatched bench it is buckled to, on `side`."""
    x0, x1 = 0.42 * length, 0.80 * length
    near = _extent(fixed, (x0 + x1) / 2, side, (x1 - x0) / 2)
    far = _extent(fixed, (x0 + x1) / 2, -side, (x1 - x0) / 2)
    thickness = max(0.1 * length, 1.2 * radius)
    bench = _rect(x0, side * near, x1, side * (near + thickness))
    strap_w = max(0.05 * length, 0.5 * radius)
    xc = 0.61 * length
    ya, yb = side * (near + 0.3 * thickness), -side * (far + 0.25 * radius)
    strap = QPainterPath()
    strap.addRoundedRect(
        QRectF(QPointF(xc - strap_w / 2, min(ya, yb)), QPointF(xc + strap_w / 2, max(ya, yb))),
        strap_w * 0.35,
        strap_w * 0.35,
    )
    return strap, bench


def _rotation(screen_deg: float) -> QTransform:
    return QTransform().rotate(-screen_deg)


def _sweep_bounds(joint: JointSpec, anatomy: _Anatomy) -> QRectF:
    view = joint.orientation
    fixed = anatomy.fixed.united(anatomy.clamp_block).united(anatomy.clamp_band)
    bounds = _rotation(view.fixed_direction_deg).map(fixed).boundingRect()
    arrow_len = 0.22 * _length(joint.moving_segment)
    tail = QPointF(anatomy.arrow_x, anatomy.trailing * (anatomy.arrow_surface + arrow_len))
    polygon = anatomy.moving.toFillPolygon()
    polygon.append(tail)
    lo, hi = joint.start, joint.anatomical_limit
    steps = max(2, math.ceil((hi - lo) / 3.0))
    for i in range(steps + 1):
        angle = lo + (hi - lo) * i / steps
        screen = view.moving_zero_deg + view.direction * angle
        bounds = bounds.united(_rotation(screen).map(polygon).boundingRect())
    return bounds


def _moving_bone(
    anatomy: _Anatomy, to_px: QTransform, lw: float
) -> tuple[QPainterPath, QPainterPath, QPainterPath]:
    """(silhouette, outline, detail strokes) of the moving bone in px, all plain fills.

    The outline is a slightly larger silhouette filled underneath. Both are thinned
    to sub-pixel tolerance: a stroked outline cost five times as much per frame.
    """
    outline_w = max(1.2, lw * 0.75)
    fill = _thinned(to_px.map(anatomy.moving))
    grow = QPainterPathStroker()
    grow.setWidth(2 * outline_w)
    grow.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    detail = QPainterPathStroker()
    detail.setWidth(outline_w)
    detail.setCapStyle(Qt.PenCapStyle.RoundCap)
    outline = _thinned(fill.united(grow.createStroke(fill)))
    return fill, outline, detail.createStroke(to_px.map(anatomy.moving_details))


def _arrow(
    anatomy: _Anatomy, scale: float, lw: float, length_px: float
) -> tuple[QPainterPath, QPointF]:
    """The force arrow near the far end, pushing towards increasing angle; and its tail."""
    side = anatomy.trailing
    arrow_len = max(0.22 * length_px, 5 * lw + 24)
    head_len, head_half, shaft_half = 3 * lw + 10, 1.8 * lw + 6, max(1.5, 0.8 * lw)
    x = anatomy.arrow_x * scale
    tip = side * (anatomy.arrow_surface * scale + max(2.0, lw))
    tail = tip + side * arrow_len
    neck = tip + side * head_len
    arrow = _poly(
        (x - shaft_half, tail),
        (x + shaft_half, tail),
        (x + shaft_half, neck),
        (x + head_half, neck),
        (x, tip),
        (x - head_half, neck),
        (x - shaft_half, neck),
    )
    return arrow, QPointF(x, tail)


def _needle(r_arc: float, thick: float, lw: float) -> tuple[QPainterPath, QPainterPath]:
    """The needle and its halo. It crosses the arc; its pointer stops short of the
    band's bar so that even grade V's sliver stays visible around it."""
    half = max(1.0, lw * 0.5)
    pointer, tip = 2 * lw + 6, r_arc - thick * 1.2
    needle = _union(
        _rect(0, -half, r_arc + thick * 1.3, half),
        _poly((tip - pointer * 1.6, 0), (tip, -pointer), (tip, pointer)),
    )
    halo = QPainterPathStroker()
    halo.setWidth(max(2.0, lw))
    return needle, _union(needle, halo.createStroke(needle))


def _readout_spots(
    anatomy: _Anatomy, length_du: float, scale: float, lw: float
) -> list[tuple[QPointF, int]]:
    """Places for the read-out beside the needle inside the arc, nearest the needle first."""
    ranked = []
    for side in (anatomy.trailing, -anatomy.trailing):
        for rank, fraction in enumerate((0.7, 0.5, 0.85, 0.3, 1.3, 1.55)):
            x = fraction * ARC_FRACTION * length_du
            reach = _extent(anatomy.moving, x, side, 0.03 * length_du)
            y = side * (reach * scale + lw + 4)
            ranked.append(
                (abs(y) + rank * 10 + (side != anatomy.trailing) * 6, QPointF(x * scale, y), side)
            )
    return [(at, side) for _, at, side in sorted(ranked, key=lambda t: t[0])]


# ------------------------------------------------------------------ labels


@dataclass
class _Label:
    text: str
    font: QFont
    rect: QRectF
    border: QColor
    leader: tuple[QPointF, QPointF] | None = None
    filled: bool = False  # a badge in the border colour (the grade label)


def _rect_beside(anchor: QPointF, direction: QPointF, w: float, h: float) -> QRectF:
    """A w×h rect whose edge touches `anchor`, lying in `direction` from it."""
    d = abs(direction.x()) * w / 2 + abs(direction.y()) * h / 2
    c = anchor + direction * d
    return QRectF(c.x() - w / 2, c.y() - h / 2, w, h)


class _Placer:
    """Greedy label placement: first come (most important) keeps its place.

    Hard obstacles (other labels, the stabilised bone, the widget's edge) are
    never overlapped; the soft one (where the moving bone swings) only costs.
    """

    SOFT_COST = 6.0

    def __init__(
        self,
        bounds: QRectF,
        obstacles: list[QPainterPath],
        gap: float,
        soft: QPainterPath | None = None,
    ):
        self.bounds = bounds
        self.obstacles = obstacles
        self.soft = soft
        self.gap = gap
        self.placed: list[QRectF] = []

    def fits(self, rect: QRectF) -> bool:
        if not self.bounds.contains(rect):
            return False
        grown = rect.adjusted(-self.gap, -self.gap, self.gap, self.gap)
        if any(grown.intersects(r) for r in self.placed):
            return False
        return not any(p.intersects(rect) for p in self.obstacles)

    def take(self, rect: QRectF) -> QRectF:
        self.placed.append(rect)
        return rect

    def radial(
        self,
        anchor: QPointF,
        screen_deg: float,
        w: float,
        h: float,
        step: float,
        avoid_soft: bool = True,
    ) -> tuple[QRectF, bool] | None:
        """Outside the arc at an angle; backs off outwards, then sideways."""
        out = _unit(screen_deg)
        tangent = QPointF(-out.y(), out.x())
        candidates = sorted(
            ((k + 1.3 * abs(t), k, t) for k in range(RADIAL_STEPS) for t in TANGENT_STEPS),
            key=lambda c: c[0],
        )
        best: tuple[float, QRectF, bool] | None = None
        for cost, k, t in candidates:
            if best is not None and cost >= best[0]:
                break
            rect = _rect_beside(anchor + out * (k * step) + tangent * (t * 0.6 * h), out, w, h)
            if not self.fits(rect):
                continue
            if avoid_soft and self.soft is not None and self.soft.intersects(rect):
                cost += self.SOFT_COST
            if best is None or cost < best[0]:
                best = (cost, rect, (k, t) != (0, 0))
        if best is None:
            return None
        return self.take(best[1]), best[2]


# ------------------------------------------------------------------ the widget


@dataclass
class _Frame:
    """Everything a frame needs; rebuilt on resize, theme, scene or marker changes."""

    dpr: float
    size: tuple[int, int]
    scale: float
    centre: QPointF
    r_arc: float
    ring_half_width: float  # the arc's decorations either side of r_arc
    under: QPixmap
    overlay: QPixmap
    overlay_at: QPointF
    bone_fill: QPainterPath
    bone_stroke: QPainterPath  # the outline: a grown silhouette, filled under bone_fill
    bone_details: QPainterPath
    arrow: QPainterPath
    needle: QPainterPath
    needle_halo: QPainterPath
    mobilise: QPixmap | None
    mobilise_size: tuple[float, float]
    mobilise_spots: list[tuple[QPointF, int]]  # bone frame, and the side it lies on
    readout_spots: list[tuple[QPointF, int]]
    readout_pen: QPen
    label_rects: list[QRectF]  # static labels and ticks the read-out keeps clear of
    readout_font: QFont
    readout_size: tuple[float, float]
    label_px: int
    colours: dict[str, QColor]  # per-frame colours, made once
    readout_rect: QRectF | None = None  # where the read-out was last painted
    labels: list[_Label] = field(default_factory=list)
    spot_choice: dict[int, tuple[int, int]] = field(default_factory=dict)


class JointView(QWidget):
    """Two bones about a joint, with the goniometer arc, the grade's band and the live angle."""

    def __init__(self, theme: Theme, parent: QWidget | None = None):
        super().__init__(parent)
        self._theme = theme
        self._joint: JointSpec | None = None
        self._condition: Condition | None = None
        self._band: Band | None = None
        self._anatomy: _Anatomy | None = None
        self._angle = 0.0
        self._markers = {"a": True, "r1": True, "l": True, "b": True, "p1": True}
        self._band_visible = True
        self._labels_visible = True
        self._frame: _Frame | None = None
        self._described_angle: int | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 260)
        self.setAccessibleName("Joint view")
        self._describe()

    # ------------------------------------------------------------ public API
    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._invalidate()

    def set_scene(self, joint: JointSpec, condition: Condition, band: Band | None) -> None:
        if joint is not self._joint:
            self._anatomy = _anatomy(joint)
        self._joint, self._condition, self._band = joint, condition, band
        self._invalidate()

    def set_angle(self, angle_deg: float) -> None:
        self._angle = float(angle_deg)
        if self._described_angle != round(self._angle):
            self._describe()
        self.update()

    def set_markers(
        self,
        *,
        a: bool = True,
        r1: bool = True,
        l: bool = True,  # noqa: E741
        b: bool = True,
        p1: bool = True,
    ) -> None:
        self._markers = {"a": a, "r1": r1, "l": l, "b": b, "p1": p1}
        self._invalidate()

    def set_band_visible(self, visible: bool) -> None:
        self._band_visible = bool(visible)
        self._invalidate()

    def set_labels_visible(self, visible: bool) -> None:
        self._labels_visible = bool(visible)
        self._invalidate()

    # ------------------------------------------------------------ introspection
    def screen_angle(self, angle_deg: float) -> float:
        view = self._joint.orientation if self._joint else None
        if view is None:
            return float(angle_deg)
        return view.moving_zero_deg + view.direction * angle_deg

    def band_span(self) -> tuple[float, float] | None:
        if self._band is None or not self._band_visible or self._joint is None:
            return None
        return (self._band.low, self._band.high)

    def readout_text(self) -> str:
        angle = 0.0 if abs(self._angle) < 0.05 else self._angle
        return f"{angle:.1f}°"

    def arc_geometry(self) -> tuple[QPointF, float] | None:
        """(joint centre, arc radius) in widget pixels, for tests; None before a scene."""
        frame = self._ensure_frame()
        return None if frame is None else (QPointF(frame.centre), frame.r_arc)

    def label_pixel_size(self) -> int:
        """Pixel size of ordinary label text at the current widget size."""
        return self._label_px()

    def label_boxes(self) -> list[tuple[str, QRectF]]:
        """The static text labels drawn (after collision avoidance) and their boxes."""
        frame = self._ensure_frame()
        if frame is None:
            return []
        return [(label.text, QRectF(label.rect)) for label in frame.labels]

    def readout_rect(self) -> QRectF | None:
        """Where the read-out was last painted (None before a paint or with labels hidden)."""
        frame = self._frame
        if frame is None or frame.readout_rect is None or not self._labels_visible:
            return None
        return QRectF(frame.readout_rect)

    # ------------------------------------------------------------ Qt events
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        frame = self._ensure_frame()
        if frame is None:
            painter.fillRect(self.rect(), QColor(self._theme.background))
            painter.setPen(QColor(self._theme.muted_text))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No joint selected")
            painter.end()
            return
        colours = frame.colours
        painter.drawPixmap(0, 0, frame.under)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self._theme.antialias)
        painter.setPen(Qt.PenStyle.NoPen)
        screen = self.screen_angle(self._angle)
        painter.translate(frame.centre)
        painter.rotate(-screen)
        painter.fillPath(frame.bone_stroke, colours["bone_outline"])
        painter.fillPath(frame.bone_fill, colours["bone_fill"])
        if not frame.bone_details.isEmpty():
            painter.fillPath(frame.bone_details, colours["bone_outline"])
        painter.resetTransform()
        painter.drawPixmap(frame.overlay_at, frame.overlay)
        painter.translate(frame.centre)
        painter.rotate(-screen)
        painter.fillPath(frame.arrow, colours["arrow"])
        painter.fillPath(frame.needle_halo, colours["background"])
        painter.fillPath(frame.needle, colours["needle"])
        painter.resetTransform()
        if self._labels_visible:
            self._paint_texts(painter, frame, screen)
        painter.end()

    # ------------------------------------------------------------ per frame
    def _clamped(self, rect: QRectF) -> QRectF:
        bounds = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        x = min(max(rect.left(), bounds.left()), bounds.right() - rect.width())
        y = min(max(rect.top(), bounds.top()), bounds.bottom() - rect.height())
        return QRectF(x, y, rect.width(), rect.height())

    def _spot_rect(
        self, frame: _Frame, rotation: QTransform, spot: tuple[QPointF, int], w: float, h: float
    ) -> QRectF:
        """A w×h rect beside a spot (bone frame: anchor, side), kept inside the widget."""
        local, side = spot
        anchor = frame.centre + rotation.map(local)
        return self._clamped(_rect_beside(anchor, rotation.map(QPointF(0, side)), w, h))

    def _free_spot(
        self,
        frame: _Frame,
        rotation: QTransform,
        spots: list,
        w: float,
        h: float,
        also: QRectF | None = None,
    ) -> int:
        """The best spot: never on a label if avoidable, preferably off the arc, else nearest."""
        best, best_cost = 0, math.inf
        for index, spot in enumerate(spots):
            rect = self._spot_rect(frame, rotation, spot, w, h)
            cost = index
            if also is not None and rect.intersects(also):
                cost += 1000
            cost += 1000 * sum(rect.intersects(taken) for taken in frame.label_rects)
            if self._crosses_arc(frame, rect):
                cost += 100
            if cost < best_cost:
                best, best_cost = index, cost
            if cost < 100:
                break  # spots come in order of preference
        return best

    @staticmethod
    def _crosses_arc(frame: _Frame, rect: QRectF) -> bool:
        """Whether the rect lies across the arc's ring (where the band and ticks are)."""
        c = frame.centre
        dx = max(rect.left() - c.x(), 0.0, c.x() - rect.right())
        dy = max(rect.top() - c.y(), 0.0, c.y() - rect.bottom())
        nearest = math.hypot(dx, dy)
        farthest = math.hypot(
            max(abs(rect.left() - c.x()), abs(rect.right() - c.x())),
            max(abs(rect.top() - c.y()), abs(rect.bottom() - c.y())),
        )
        ring = frame.ring_half_width
        return nearest < frame.r_arc + ring and farthest > frame.r_arc - ring

    def _paint_texts(self, painter: QPainter, frame: _Frame, screen: float) -> None:
        """The read-out beside the needle and the arrow's label, clear of the static labels.

        Where they go depends only on the angle, so the choice is cached per quarter degree.
        """
        rotation = _rotation(screen)
        (rw, rh), (mw, mh) = frame.readout_size, frame.mobilise_size
        key = round(screen * 4)
        choice = frame.spot_choice.get(key)
        if choice is None:
            readout = self._free_spot(frame, rotation, frame.readout_spots, rw, rh)
            rect = self._spot_rect(frame, rotation, frame.readout_spots[readout], rw, rh)
            mobilise = self._free_spot(frame, rotation, frame.mobilise_spots, mw, mh, rect)
            choice = frame.spot_choice[key] = (readout, mobilise)
        rect = self._spot_rect(frame, rotation, frame.readout_spots[choice[0]], rw, rh)
        frame.readout_rect = rect
        colours = frame.colours
        painter.setPen(frame.readout_pen)
        painter.setBrush(colours["readout_fill"])
        painter.drawRoundedRect(rect, rh * 0.25, rh * 0.25)
        painter.setFont(frame.readout_font)
        painter.setPen(colours["text"])
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.readout_text())
        if frame.mobilise is not None:
            spot = frame.mobilise_spots[choice[1]]
            painter.drawPixmap(
                self._spot_rect(frame, rotation, spot, mw, mh).topLeft(), frame.mobilise
            )

    # ------------------------------------------------------------ cache
    def _invalidate(self) -> None:
        self._frame = None
        self._describe()
        self.update()

    def _label_px(self) -> int:
        lo, hi = FONT_FACTOR_RANGE
        factor = min(self.width() / REFERENCE_SIZE[0], self.height() / REFERENCE_SIZE[1])
        return max(8, round(self._theme.font_pt * PX_PER_PT * min(max(factor, lo), hi)))

    def _font(self, scale: float = 1.0, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(8, round(self._label_px() * scale)))
        font.setBold(bold)
        return font

    def _ensure_frame(self) -> _Frame | None:
        if self._joint is None or self.width() < 2 or self.height() < 2:
            return None
        # Size and pixel ratio are checked here rather than in resizeEvent: grab()
        # of a hidden widget sends a resize event every time.
        dpr, size = self.devicePixelRatioF(), (self.width(), self.height())
        if self._frame is None or self._frame.dpr != dpr or self._frame.size != size:
            self._frame = self._build_frame(dpr)
        return self._frame

    def _pixmap(self, w: float, h: float, dpr: float) -> QPixmap:
        pixmap = QPixmap(max(1, math.ceil(w * dpr)), max(1, math.ceil(h * dpr)))
        pixmap.setDevicePixelRatio(dpr)
        return pixmap

    def _build_frame(self, dpr: float) -> _Frame:
        theme, joint, anatomy = self._theme, self._joint, self._anatomy
        label_px = self._label_px()
        pad = label_px * 1.6 + 6
        w, h = self.width(), self.height()
        bounds = anatomy.bounds
        scale = max(1e-4, min((w - 2 * pad) / bounds.width(), (h - 2 * pad) / bounds.height()))
        centre = QPointF(w / 2 - scale * bounds.center().x(), h / 2 - scale * bounds.center().y())
        to_px = QTransform.fromScale(scale, scale)
        lw = theme.line_width
        r_arc = ARC_FRACTION * _length(joint.moving_segment) * scale

        bone_fill, bone_stroke, bone_details = _moving_bone(anatomy, to_px, lw)
        arrow, tail = _arrow(anatomy, scale, lw, _length(joint.moving_segment) * scale)
        thick = _arc_width(lw)
        needle, needle_halo = _needle(r_arc, thick, lw)
        readout_font = self._font(1.15, bold=True)
        fm = QFontMetricsF(readout_font)
        readout_size = (fm.horizontalAdvance("−000.0°") + fm.height() * 0.6, fm.height() * 1.15)
        readout_spots = _readout_spots(anatomy, _length(joint.moving_segment), scale, lw)
        # The arrow's label lies beyond its tail, or slides along the bone.
        side = anatomy.trailing
        mobilise, mobilise_size = None, (0.0, 0.0)
        if self._labels_visible:
            mobilise = self._label_pixmap("mobilise", self._font(), QColor(theme.arrow), dpr)
            size = mobilise.deviceIndependentSize()
            mobilise_size = (size.width(), size.height())
        mobilise_spots = [
            (tail + QPointF(shift * mobilise_size[0], side * 4), side)
            for shift in (0, 0.7, -0.7, 1.4)
        ]

        frame = _Frame(
            dpr=dpr,
            size=(w, h),
            scale=scale,
            centre=centre,
            r_arc=r_arc,
            ring_half_width=thick * 1.4,
            under=self._pixmap(w, h, dpr),
            overlay=QPixmap(),
            overlay_at=QPointF(),
            bone_fill=bone_fill,
            bone_stroke=bone_stroke,
            bone_details=bone_details,
            arrow=arrow,
            needle=needle,
            needle_halo=needle_halo,
            mobilise=mobilise,
            mobilise_size=mobilise_size,
            mobilise_spots=mobilise_spots,
            readout_spots=readout_spots,
            label_rects=[],
            readout_font=readout_font,
            readout_pen=QPen(QColor(theme.needle), max(1.0, lw * 0.5)),
            readout_size=readout_size,
            label_px=label_px,
            colours=self._colours(),
        )
        fixed_px = self._paint_under(frame, to_px)
        self._paint_overlay(frame, fixed_px)
        return frame

    def _colours(self) -> dict[str, QColor]:
        theme = self._theme
        colours = {
            name: QColor(getattr(theme, name))
            for name in ("background", "bone_fill", "bone_outline", "arrow", "needle", "text")
        }
        colours["readout_fill"] = QColor(theme.panel)
        colours["readout_fill"].setAlpha(235)
        return colours

    # ------------------------------------------------------------ static layers
    def _painter(self, device: QPixmap) -> QPainter:
        # Cached layers are painted once, so they are always antialiased; the
        # theme's switch governs what is painted every frame.
        painter = QPainter(device)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        return painter

    def _paint_under(self, frame: _Frame, to_px: QTransform) -> list[QPainterPath]:
        """Background and the stabilised bone with its clamp; returns obstacles for labels."""
        theme, anatomy, joint = self._theme, self._anatomy, self._joint
        lw = theme.line_width
        frame.under.fill(QColor(theme.background))
        place = QTransform(to_px)
        place = place * _rotation(joint.orientation.fixed_direction_deg)
        place = place * QTransform.fromTranslate(frame.centre.x(), frame.centre.y())
        bone = place.map(anatomy.fixed)
        band = place.map(anatomy.clamp_band)
        block = place.map(anatomy.clamp_block)

        painter = self._painter(frame.under)
        outline = QPen(QColor(theme.bone_outline), max(1.2, lw * 0.75))
        outline.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        # The hatched block: the bench the bone is strapped to.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.panel))
        painter.drawPath(block)
        _hatch(
            painter,
            block,
            QColor(theme.anchor),
            spacing=max(6.0, 2.5 * lw + 3),
            width=max(1.0, 0.5 * lw),
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(theme.anchor), max(1.5, lw * 0.75)))
        painter.drawPath(block)
        painter.setPen(outline)
        painter.setBrush(QColor(theme.fixed_fill))
        painter.drawPath(bone)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(place.map(anatomy.fixed_details))
        # The strap across the bone, buckled to the bench.
        painter.setPen(QPen(QColor(theme.background), max(1.0, lw * 0.4)))
        painter.setBrush(QColor(theme.anchor))
        painter.drawPath(band)
        painter.end()
        return [bone, block.united(band)]

    def _paint_overlay(self, frame: _Frame, obstacles: list[QPainterPath]) -> None:
        theme, joint, cond = self._theme, self._joint, self._condition
        lw = theme.line_width
        c, r = frame.centre, frame.r_arc
        thick = _arc_width(lw)
        sa = self.screen_angle

        labels = self._place_labels(frame, obstacles, thick) if self._labels_visible else []
        frame.labels = labels
        frame.label_rects = [label.rect for label in labels]
        area = QRectF(
            c.x() - r - 3 * thick, c.y() - r - 3 * thick, 2 * (r + 3 * thick), 2 * (r + 3 * thick)
        )
        for label in labels:
            area = area.united(label.rect.adjusted(-2, -2, 2, 2))
        area = area.intersected(QRectF(self.rect())).toAlignedRect()
        frame.overlay_at = QPointF(area.topLeft())
        frame.overlay = self._pixmap(area.width(), area.height(), frame.dpr)
        frame.overlay.fill(Qt.GlobalColor.transparent)
        painter = self._painter(frame.overlay)
        painter.translate(-frame.overlay_at)

        a, lim, b = cond.start, cond.available_limit, cond.normal_end
        # The band: a filled sector, under the arc's strokes.
        band = self._band if self._band_visible else None
        if band is not None:
            colour = QColor(theme.grade_colour(band.grade))
            low, high = band.low, band.high
            min_span = math.degrees(MIN_BAND_PX / max(r, 1.0))
            if high - low < min_span:
                high = low + min_span
            inner = r * 0.3
            sector = _ring(c, inner, r + thick * 0.5, sa(low), sa(high))
            fill = QColor(colour)
            fill.setAlpha(theme.band_alpha)
            painter.setPen(QPen(colour, max(1.0, lw * 0.6)))
            painter.setBrush(fill)
            painter.drawPath(sector)
        # Normal range A–B, thin.
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(_pen(theme.normal_range, max(1.0, lw * 0.75)))
        painter.drawPath(_arc(c, r, sa(a), sa(b)))
        # Lost range L–B: hatched strip with a dashed edge (not colour alone).
        if cond.is_stiff:
            strip = _ring(c, r - thick * 0.8, r + thick * 0.8, sa(lim), sa(b))
            _hatch(
                painter,
                strip,
                QColor(theme.lost_range),
                spacing=max(6.0, 2.0 * lw + 3),
                width=max(1.5, 0.7 * lw),
            )
            painter.setPen(_pen(theme.lost_range, max(1.0, lw * 0.5)))
            painter.drawPath(strip)
        # Available range A–L, strong.
        painter.setPen(_pen(theme.available_range, thick))
        painter.drawPath(_arc(c, r, sa(a), sa(lim)))
        # The band again, solid on the arc, so it shows even under the bone.
        if band is not None:
            painter.setPen(_pen(theme.grade_colour(band.grade), thick * 2.2))
            painter.drawPath(_arc(c, r, sa(low), sa(high)))
        # Para-physiological margin past L, thin and just outside the arc.
        margin_r = r + thick * 1.1 + max(2.0, lw)
        painter.setPen(_pen(theme.margin, max(1.5, lw * 0.6)))
        painter.drawPath(
            _arc(c, margin_r, sa(lim), sa(min(lim + joint.margin, joint.anatomical_limit)))
        )
        # Ticks.
        for angle, colour in self._ticks():
            u = _unit(sa(angle))
            ends = (c + u * (r - thick), c + u * (r + thick * 1.2))
            painter.setPen(_pen(colour, max(1.5, lw * 0.75)))
            painter.drawLine(*ends)
            frame.label_rects.append(QRectF(*ends).normalized().adjusted(-lw, -lw, lw, lw))
        # Labels on top, leaders first.
        for label in labels:
            if label.leader is not None:
                painter.setPen(_pen(theme.muted_text, max(1.0, lw * 0.4)))
                painter.drawLine(*label.leader)
        for label in labels:
            _paint_label(painter, label, theme)
        painter.end()

    def _ticks(self) -> list[tuple[float, str]]:
        cond, m, theme = self._condition, self._markers, self._theme
        ticks = []
        if m["a"]:
            ticks.append((cond.start, theme.available_range))
        if m["r1"]:
            ticks.append((cond.resistance_onset, theme.resistance))
        if m["l"] or (m["b"] and not cond.is_stiff):
            ticks.append((cond.available_limit, theme.available_range))
        if m["b"] and cond.is_stiff:
            ticks.append((cond.normal_end, theme.normal_range))
        if m["p1"] and cond.pain_onset is not None:
            ticks.append((cond.pain_onset, theme.pain))
        return ticks

    def _place_labels(
        self, frame: _Frame, obstacles: list[QPainterPath], thick: float
    ) -> list[_Label]:
        theme, cond, m = self._theme, self._condition, self._markers
        c, r = frame.centre, frame.r_arc
        font = self._font()
        fm = QFontMetricsF(font)
        pad_x, pad_y = fm.height() * 0.3, fm.height() * 0.06
        gap = max(2.0, frame.label_px * 0.15)
        band = self._band if self._band_visible else None
        soft = None
        if band is not None:  # where the moving bone swings while it shows this band
            soft = QPainterPath()
            for angle in (band.low, band.centre, band.high):
                place = _rotation(self.screen_angle(angle)) * QTransform.fromTranslate(c.x(), c.y())
                soft = soft.united(place.map(frame.bone_fill)).united(place.map(frame.arrow))
        placer = _Placer(QRectF(self.rect()).adjusted(3, 3, -3, -3), obstacles, gap, soft)
        labels: list[_Label] = []

        def size(text: str, f: QFont) -> tuple[float, float]:
            metrics = QFontMetricsF(f)
            return (metrics.horizontalAdvance(text) + 2 * pad_x, metrics.height() + 2 * pad_y)

        def radial(
            text: str,
            angle: float,
            colour: str,
            f: QFont = font,
            out: float = 1.3,
            avoid_bone: bool = True,
            filled: bool = False,
        ) -> None:
            w, h = size(text, f)
            screen = self.screen_angle(angle)
            tick_end = c + _unit(screen) * (r + thick * out)
            found = placer.radial(tick_end + _unit(screen) * gap, screen, w, h, h * 0.7, avoid_bone)
            if found is None:
                return
            rect, moved = found
            leader = (tick_end, rect.center()) if moved else None
            labels.append(_Label(text, f, rect, QColor(colour), leader, filled))

        self._place_stabilised(frame, placer, labels, font, size, obstacles)
        if band is not None:
            big = self._font(1.5, bold=True)
            # The grade's badge belongs at the band, even on top of the bone.
            radial(
                band.choice.display,
                band.centre,
                theme.grade_colour(band.grade),
                big,
                1.6,
                avoid_bone=False,
                filled=True,
            )
        lim, b = cond.available_limit, cond.normal_end
        if cond.is_stiff:
            if m["l"]:
                radial(f"L {_fmt_deg(lim)}", lim, theme.available_range)
            if m["a"]:
                radial(f"A {_fmt_deg(cond.start)}", cond.start, theme.available_range)
            if m["b"]:
                radial(f"B {_fmt_deg(b)}", b, theme.normal_range)
        else:
            name = {(True, True): "L = B", (True, False): "L", (False, True): "B"}
            key = (m["l"], m["b"])
            if key in name:
                radial(f"{name[key]} {_fmt_deg(lim)}", lim, theme.available_range)
            if m["a"]:
                radial(f"A {_fmt_deg(cond.start)}", cond.start, theme.available_range)
        if m["r1"]:
            radial(f"R1 {_fmt_deg(cond.resistance_onset)}", cond.resistance_onset, theme.resistance)
        if m["p1"] and cond.pain_onset is not None:
            radial(f"P1 {_fmt_deg(cond.pain_onset)}", cond.pain_onset, theme.pain)
        if cond.is_stiff:
            radial("lost range", 0.5 * (lim + b), theme.lost_range)
        return labels

    def _place_stabilised(
        self,
        frame: _Frame,
        placer: _Placer,
        labels: list[_Label],
        font: QFont,
        size,
        obstacles: list[QPainterPath],
    ) -> None:
        """'stabilised <bone>' beyond the bench, else on the strap's other side, else past
        the bone's far end."""
        theme, joint, anatomy = self._theme, self._joint, self._anatomy
        text = f"stabilised {joint.fixed_segment.name}"
        w, h = size(text, font)
        block = obstacles[1].boundingRect()
        rot = _rotation(joint.orientation.fixed_direction_deg)
        outward = rot.map(QPointF(0, anatomy.clamp_side))
        along = rot.map(QPointF(1, 0))
        gap = placer.gap * 2
        reach = abs(outward.x()) * block.width() / 2 + abs(outward.y()) * block.height() / 2
        length = _length(joint.fixed_segment) * frame.scale
        far_end = frame.centre + along * length
        starts = [
            (block.center() + outward * (reach + gap), outward),
            (block.center() - outward * (reach + gap), -outward),
            (far_end + along * gap, along),
        ]
        for anchor, direction in starts:
            for shift in (0, 1, -1, 2, -2, 3, -3):
                rect = _rect_beside(anchor + along * (shift * 0.5 * w), direction, w, h)
                if placer.fits(rect):
                    labels.append(_Label(text, font, placer.take(rect), QColor(theme.anchor)))
                    return

    def _label_pixmap(self, text: str, font: QFont, border: QColor, dpr: float) -> QPixmap:
        fm = QFontMetricsF(font)
        w = fm.horizontalAdvance(text) + fm.height() * 0.6
        h = fm.height() * 1.12
        pixmap = self._pixmap(w + 2, h + 2, dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = self._painter(pixmap)
        _paint_label(painter, _Label(text, font, QRectF(1, 1, w, h), border), self._theme)
        painter.end()
        return pixmap

    # ------------------------------------------------------------ accessibility
    def _describe(self) -> None:
        """Keep the accessible description current; it says only what is on show."""
        self._described_angle = round(self._angle)
        if self._joint is None or self._condition is None:
            self.setAccessibleDescription("No joint selected.")
            return
        joint, cond, m = self._joint, self._condition, self._markers
        parts = [
            f"{joint.name}, {joint.motion}. Stabilised {joint.fixed_segment.name}; "
            f"mobilised {joint.moving_segment.name}."
        ]
        shown = [
            (m["a"], "A", cond.start),
            (m["r1"], "R1", cond.resistance_onset),
            (m["l"], "L", cond.available_limit),
            (m["b"], "B", cond.normal_end),
            (m["p1"] and cond.pain_onset is not None, "P1", cond.pain_onset),
        ]
        marks = [f"{name} {_fmt_deg(value)}" for visible, name, value in shown if visible]
        if marks:
            parts.append("Marked: " + ", ".join(marks) + ".")
        if cond.is_stiff and m["l"]:
            parts.append("Stiff joint: the range from L to B is lost.")
        span = self.band_span()
        if span is not None:
            name = f"Grade {self._band.choice.display} band" if self._labels_visible else "Band"
            parts.append(f"{name} from {_fmt_deg(span[0])} to {_fmt_deg(span[1])}.")
        parts.append(f"Angle {self._described_angle}°.")
        self.setAccessibleDescription(" ".join(parts))


# ------------------------------------------------------------------ drawing helpers


def _arc_width(line_width: float) -> float:
    """Stroke width of the available range on the arc; the band's bar is 2.2 times that."""
    return max(4.0, line_width * 2.5)


def _pen(colour: str, width: float) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def _arc(c: QPointF, r: float, a0: float, a1: float) -> QPainterPath:
    box = QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r)
    path = QPainterPath()
    path.arcMoveTo(box, a0)
    path.arcTo(box, a0, a1 - a0)
    return path


def _ring(c: QPointF, r_in: float, r_out: float, a0: float, a1: float) -> QPainterPath:
    outer = QRectF(c.x() - r_out, c.y() - r_out, 2 * r_out, 2 * r_out)
    inner = QRectF(c.x() - r_in, c.y() - r_in, 2 * r_in, 2 * r_in)
    path = QPainterPath()
    path.arcMoveTo(outer, a0)
    path.arcTo(outer, a0, a1 - a0)
    path.arcTo(inner, a1, a0 - a1)
    path.closeSubpath()
    return path


def _hatch(
    painter: QPainter, area: QPainterPath, colour: QColor, spacing: float, width: float
) -> None:
    """Diagonal hatching clipped to `area` (pattern brushes are too fine on a projector)."""
    box = area.boundingRect()
    painter.save()
    painter.setClipPath(area, Qt.ClipOperation.IntersectClip)
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    span = box.width() + box.height()
    x = box.left() - box.height()
    while x < box.left() + span:
        painter.drawLine(QPointF(x, box.bottom()), QPointF(x + box.height(), box.top()))
        x += spacing
    painter.restore()


def _paint_label(painter: QPainter, label: _Label, theme: Theme) -> None:
    radius = label.rect.height() * 0.3
    if label.filled:
        fill, text = QColor(label.border), QColor(theme.background)
        painter.setPen(QPen(QColor(theme.background), max(1.0, theme.line_width * 0.5)))
    else:
        fill, text = QColor(theme.background), QColor(theme.text)
        fill.setAlpha(225)
        painter.setPen(QPen(label.border, max(1.0, theme.line_width * 0.5)))
    painter.setBrush(fill)
    painter.drawRoundedRect(label.rect, radius, radius)
    painter.setFont(label.font)
    painter.setPen(text)
    painter.drawText(label.rect, Qt.AlignmentFlag.AlignCenter, label.text)
