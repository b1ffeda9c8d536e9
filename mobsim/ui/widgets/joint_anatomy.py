"""The joint's anatomy at a size: bones, clamp, force arrow and needle as paths.

`anatomy_of(joint)` builds the bones once per joint in design units;
`Geometry.at(...)` places them in widget pixels for one size and theme.
Qt geometry only (paths and transforms): nothing here paints.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath, QPainterPathStroker, QTransform

from mobsim.model.joints import JointSpec
from mobsim.ui.widgets.joint_shapes import (
    bone,
    extent,
    knob_du,
    length_du,
    poly,
    rect_path,
    thinned,
    union,
)

# The arc's radius as a fraction of the moving part's length as drawn: a finger's
# whole reach past the moving joint, not its first phalanx only (at the PIP and MCP the
# arc was half as large as the finger it measures, too small to read from a hall).
ARC_FRACTION = 0.55
# How much of a stabilised long bone the view is fitted to, as a share of the moving
# segment's drawn reach: the rest runs on out of the view, at the same scale, so that
# a foot or a hand is not shrunk to fit the whole shin or forearm. Only a long bone
# this much longer than the moving part is cut so; a hand, finger or trunk that is
# stabilised, or a bone about as long as the moving one, is fitted whole.
FIXED_SHOWN = 0.65
LONGER = 1.2


@dataclass
class Anatomy:
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
    fixed_shown: float = 0.0  # how far along the fixed bone the view is fitted to


def anatomy_of(joint: JointSpec) -> Anatomy:
    view = joint.orientation
    fixed_seg, moving_seg = joint.fixed_segment, joint.moving_segment
    ends = [knob_du(s) for s in (fixed_seg, moving_seg) if s.shape != "trunk"]
    radius = min(ends) if ends else 0.06 * length_du(moving_seg)
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

    fixed, fixed_details = bone(
        fixed_seg,
        radius,
        fixed_near,
        fixed_palm if fixed_seg.shape in ("hand", "finger") else towards_moving,
        moving=False,
    )
    moving, moving_details = bone(moving_seg, radius, moving_near, palm, moving=True)

    shown = length_du(fixed_seg)
    reach = moving.boundingRect().right()
    if fixed_seg.shape == "long_bone" and shown > LONGER * reach:
        shown = max(FIXED_SHOWN * reach, 4 * radius)
    clamp_band, clamp_block = _clamp(fixed, shown, radius, -towards_moving)

    trailing = view.direction  # increasing angle is local -direction
    # On the mobilised segment itself, not on what it carries (the rest of a finger);
    # on a hand, at the metacarpals.
    lm = min(moving.boundingRect().right(), length_du(moving_seg))
    arrow_x = (0.4 if moving_seg.shape == "hand" else 0.8) * lm
    dx = 0.02 * length_du(moving_seg)
    anatomy = Anatomy(
        fixed,
        fixed_details,
        moving,
        moving_details,
        clamp_band,
        clamp_block,
        -towards_moving,
        arrow_x,
        extent(moving, arrow_x, trailing, dx),
        trailing,
        QRectF(),
        shown,
    )
    anatomy.bounds = _sweep_bounds(joint, anatomy)
    return anatomy


def _clamp(
    fixed: QPainterPath, length: float, radius: float, side: int
) -> tuple[QPainterPath, QPainterPath]:
    """A strap across the fixed bone and the hatched bench it is buckled to, on `side`."""
    x0, x1 = 0.42 * length, 0.80 * length
    near = extent(fixed, (x0 + x1) / 2, side, (x1 - x0) / 2)
    far = extent(fixed, (x0 + x1) / 2, -side, (x1 - x0) / 2)
    thickness = max(0.1 * length, 1.2 * radius)
    bench = rect_path(x0, side * near, x1, side * (near + thickness))
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


def rotation(screen_deg: float) -> QTransform:
    return QTransform().rotate(-screen_deg)


def _sweep_bounds(joint: JointSpec, anatomy: Anatomy) -> QRectF:
    view = joint.orientation
    fixed = anatomy.fixed.united(anatomy.clamp_block).united(anatomy.clamp_band)
    fixed = fixed.intersected(rect_path(-1e5, -1e5, anatomy.fixed_shown, 1e5))
    bounds = rotation(view.fixed_direction_deg).map(fixed).boundingRect()
    arrow_len = 0.22 * length_du(joint.moving_segment)
    tail = QPointF(anatomy.arrow_x, anatomy.trailing * (anatomy.arrow_surface + arrow_len))
    polygon = anatomy.moving.toFillPolygon()
    polygon.append(tail)
    lo, hi = joint.start, joint.anatomical_limit
    steps = max(2, math.ceil((hi - lo) / 3.0))
    for i in range(steps + 1):
        angle = lo + (hi - lo) * i / steps
        screen = view.moving_zero_deg + view.direction * angle
        bounds = bounds.united(rotation(screen).map(polygon).boundingRect())
    return bounds


def moving_bone(
    anatomy: Anatomy, to_px: QTransform, lw: float
) -> tuple[QPainterPath, QPainterPath, QPainterPath]:
    """(silhouette, outline, detail strokes) of the moving bone in px, all plain fills.

    The outline is a slightly larger silhouette filled underneath. Both are thinned
    to sub-pixel tolerance: a stroked outline cost five times as much per frame.
    """
    outline_w = max(1.2, lw * 0.75)
    fill = thinned(to_px.map(anatomy.moving))
    grow = QPainterPathStroker()
    grow.setWidth(2 * outline_w)
    grow.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    detail = QPainterPathStroker()
    detail.setWidth(outline_w)
    detail.setCapStyle(Qt.PenCapStyle.RoundCap)
    outline = thinned(fill.united(grow.createStroke(fill)))
    return fill, outline, thinned(detail.createStroke(to_px.map(anatomy.moving_details)))


def arrow_path(
    anatomy: Anatomy, scale: float, lw: float, length_px: float
) -> tuple[QPainterPath, QPointF]:
    """The force arrow near the far end, pushing towards increasing angle; and its tail."""
    side = anatomy.trailing
    arrow_len = max(0.22 * length_px, 5 * lw + 24)
    head_len, head_half, shaft_half = 3 * lw + 10, 1.8 * lw + 6, max(1.5, 0.8 * lw)
    x = anatomy.arrow_x * scale
    tip = side * (anatomy.arrow_surface * scale + max(2.0, lw))
    tail = tip + side * arrow_len
    neck = tip + side * head_len
    arrow = poly(
        (x - shaft_half, tail),
        (x + shaft_half, tail),
        (x + shaft_half, neck),
        (x + head_half, neck),
        (x, tip),
        (x - head_half, neck),
        (x - shaft_half, neck),
    )
    return arrow, QPointF(x, tail)


def needle_paths(r_arc: float, thick: float, lw: float) -> tuple[QPainterPath, QPainterPath]:
    """The needle and its halo. It crosses the arc; its pointer stops short of the
    band's bar so that even grade V's sliver stays visible around it."""
    half = max(1.0, lw * 0.5)
    pointer, tip = 2 * lw + 6, r_arc - thick * 1.2
    needle = union(
        rect_path(0, -half, r_arc + thick * 1.3, half),
        poly((tip - pointer * 1.6, 0), (tip, -pointer), (tip, pointer)),
    )
    halo = QPainterPathStroker()
    halo.setWidth(max(2.0, lw))
    return needle, union(needle, halo.createStroke(needle))


def arc_width(line_width: float) -> float:
    """Stroke width of the available range on the arc; the band's bar is 2.2 times that."""
    return max(4.0, line_width * 2.5)


@dataclass
class Geometry:
    """The drawing at one widget size and line width, in widget pixels.

    The moving bone, arrow and needle lie at the origin, unrotated: a frame
    translates to `centre` and rotates them to the angle.
    """

    size: tuple[int, int]
    scale: float
    centre: QPointF
    r_arc: float
    thick: float  # the available range's stroke on the arc
    bone_fill: QPainterPath
    bone_stroke: QPainterPath  # the outline: a grown silhouette, filled under bone_fill
    bone_details: QPainterPath
    arrow: QPainterPath
    arrow_tail: QPointF
    needle: QPainterPath
    needle_halo: QPainterPath
    fixed_bone: QPainterPath  # placed
    fixed_details: QPainterPath  # placed
    clamp_block: QPainterPath  # placed
    clamp_band: QPainterPath  # placed
    clamp_side: int  # local y side of the fixed bone the bench is on
    trailing: int  # local y side of the moving bone the arrow pushes from

    @classmethod
    def at(
        cls, joint: JointSpec, anatomy: Anatomy, lw: float, size: tuple[int, int], pad: float
    ) -> Geometry:
        w, h = size
        bounds = anatomy.bounds
        scale = max(1e-4, min((w - 2 * pad) / bounds.width(), (h - 2 * pad) / bounds.height()))
        centre = QPointF(w / 2 - scale * bounds.center().x(), h / 2 - scale * bounds.center().y())
        to_px = QTransform.fromScale(scale, scale)
        length = length_du(joint.moving_segment)
        r_arc = ARC_FRACTION * max(length, anatomy.moving.boundingRect().right()) * scale
        fill, stroke, details = moving_bone(anatomy, to_px, lw)
        arrow, tail = arrow_path(anatomy, scale, lw, length * scale)
        thick = arc_width(lw)
        needle, halo = needle_paths(r_arc, thick, lw)
        place = to_px * rotation(joint.orientation.fixed_direction_deg)
        place = place * QTransform.fromTranslate(centre.x(), centre.y())
        return cls(
            size=(w, h),
            scale=scale,
            centre=centre,
            r_arc=r_arc,
            thick=thick,
            bone_fill=fill,
            bone_stroke=stroke,
            bone_details=details,
            arrow=arrow,
            arrow_tail=tail,
            needle=needle,
            needle_halo=halo,
            fixed_bone=place.map(anatomy.fixed),
            fixed_details=place.map(anatomy.fixed_details),
            clamp_block=place.map(anatomy.clamp_block),
            clamp_band=place.map(anatomy.clamp_band),
            clamp_side=anatomy.clamp_side,
            trailing=anatomy.trailing,
        )

    def placed(self, screen_deg: float) -> QTransform:
        """Bone frame (px, at the origin) → widget, for the moving bone at an angle."""
        return rotation(screen_deg) * QTransform.fromTranslate(self.centre.x(), self.centre.y())
