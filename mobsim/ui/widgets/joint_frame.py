"""What one frame of the joint view holds, and how it is built once per scene and size.

A `Frame` keeps the two cached layers (the background with the stabilised bone, and
the arc's overlay with the band, ticks and labels), the "mobilise" label's picture,
the colours and pens a frame uses, and the boxes its moving parts cover. The widget
(`joint_widget`) keeps frames by what they depend on and only blits them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen, QPixmap, QRegion

from mobsim.model.grades import Band
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.joint_anatomy import Geometry
from mobsim.ui.widgets.joint_layout import JointScene, Label, Layout
from mobsim.ui.widgets.joint_paint import (
    overlay_area,
    paint_label,
    paint_overlay,
    painter_on,
    pixmap,
)
from mobsim.ui.widgets.joint_shapes import unit

# The moving bone's repaint region is this many boxes along its length: a slanted
# bone then repaints a band round itself rather than its whole bounding box.
DIRTY_CHUNKS = 6


@dataclass
class Frame:
    """Everything a frame needs for one scene at one size (see `JointView._key`)."""

    dpr: float
    scene: JointScene
    geo: Geometry
    lay: Layout
    under: QPixmap
    overlay: QPixmap
    overlay_at: QPointF
    mobilise: QPixmap
    readout_pen: QPen
    colours: dict[str, QColor]  # per-frame colours, made once
    moving_boxes: list[QRectF]  # bone frame: boxes covering bone, arrow and needle
    reach: float  # px: the farthest corner of those boxes from the joint's centre
    readout_rect: QRectF | None = None  # where the read-out was last painted
    flash: QPainterPath | None = None  # grade V: the mark shown during the impulse
    flash_from: float = 0.0  # ... once the angle passes this
    # The boxes' repaint region by step of the screen angle (JointView fills it: an
    # oscillation comes back to the same angles every cycle).
    regions: dict[int, QRegion] = field(default_factory=dict)


def build_frame(scene: JointScene, geo: Geometry, lay: Layout, dpr: float, under: QPixmap) -> Frame:
    """Paint the arc's overlay for a laid-out scene and gather what a frame uses."""
    theme = scene.theme
    area = overlay_area(geo, lay)
    overlay = pixmap(area.width(), area.height(), dpr)
    paint_overlay(overlay, QPointF(area.topLeft()), scene, geo, lay)
    flash, flash_from = flash_mark(scene, geo)
    return Frame(
        flash=flash,
        flash_from=flash_from,
        dpr=dpr,
        scene=scene,
        geo=geo,
        lay=lay,
        under=under,
        overlay=overlay,
        overlay_at=QPointF(area.topLeft()),
        mobilise=mobilise_label(lay, dpr, theme),
        readout_pen=QPen(QColor(theme.needle), max(1.0, theme.line_width * 0.5)),
        colours=frame_colours(theme, scene.band),
        moving_boxes=(boxes := moving_boxes(geo)),
        reach=reach(boxes),
    )


def flash_mark(scene: JointScene, geo: Geometry) -> tuple[QPainterPath | None, float]:
    """Grade V's impulse mark: a disc on the arc at the thrust's peak, shown from a
    quarter of the way up the thrust (the preload hold at L shows none)."""
    band = scene.band
    if band is None or not band.grade.is_thrust:
        return None, 0.0
    at = geo.centre + unit(scene.screen_angle(band.high)) * geo.r_arc
    path = QPainterPath()
    path.addEllipse(at, geo.thick * 1.3, geo.thick * 1.3)
    return path, band.low + 0.25 * (band.high - band.low)


def frame_colours(theme: Theme, band: Band | None) -> dict[str, QColor]:
    colours = {
        name: QColor(getattr(theme, name))
        for name in ("background", "bone_fill", "bone_outline", "arrow", "needle", "text")
    }
    colours["flash"] = QColor(theme.grade_colour(band.grade) if band else theme.needle)
    colours["readout_fill"] = QColor(theme.panel)
    colours["readout_fill"].setAlpha(235)
    return colours


def mobilise_label(lay: Layout, dpr: float, theme: Theme) -> QPixmap:
    """The "mobilise" label, painted once: it turns with the moving bone each frame."""
    w, h = lay.mobilise.size
    out = pixmap(w, h, dpr)
    out.fill(Qt.GlobalColor.transparent)
    painter = painter_on(out)
    rect = QRectF(1, 1, w - 2, h - 2)
    paint_label(painter, Label("mobilise", lay.mobilise.font, rect, QColor(theme.arrow)), theme)
    painter.end()
    return out


def moving_boxes(geo: Geometry) -> list[QRectF]:
    """Boxes in the bone's frame that cover the moving bone, its arrow and the needle:
    the bone cut into DIRTY_CHUNKS along its longer side, so that rotated they hug it."""
    bone = geo.bone_stroke.boundingRect().united(geo.bone_details.boundingRect())
    boxes = [geo.arrow.boundingRect(), geo.needle_halo.boundingRect()]
    if bone.width() >= bone.height():
        step = bone.width() / DIRTY_CHUNKS
        boxes += [
            QRectF(bone.left() + i * step, bone.top(), step, bone.height())
            for i in range(DIRTY_CHUNKS)
        ]
    else:
        step = bone.height() / DIRTY_CHUNKS
        boxes += [
            QRectF(bone.left(), bone.top() + i * step, bone.width(), step)
            for i in range(DIRTY_CHUNKS)
        ]
    return boxes


def reach(boxes: list[QRectF]) -> float:
    """The farthest corner of these boxes from the origin (the joint's centre)."""
    return max(
        (
            math.hypot(x, y)
            for b in boxes
            for x in (b.left(), b.right())
            for y in (b.top(), b.bottom())
        ),
        default=0.0,
    )
