"""Painting the joint drawing's static layers: the stabilised bone with its bench,
and the arc with the band, ticks and labels. Colours and widths come from the theme.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

from mobsim.ui.theme import Theme
from mobsim.ui.widgets.joint_anatomy import Geometry
from mobsim.ui.widgets.joint_layout import JointScene, Label, Layout
from mobsim.ui.widgets.joint_shapes import ring

# Grade V's thrust can be under a degree: draw at least this many px of arc.
MIN_BAND_PX = 8.0


def pixmap(w: float, h: float, dpr: float) -> QPixmap:
    out = QPixmap(max(1, math.ceil(w * dpr)), max(1, math.ceil(h * dpr)))
    out.setDevicePixelRatio(dpr)
    return out


def painter_on(device: QPixmap) -> QPainter:
    # Cached layers are painted once, so they are always antialiased; the
    # theme's switch governs what is painted every frame.
    painter = QPainter(device)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    return painter


def paint_under(device: QPixmap, scene: JointScene, geo: Geometry) -> None:
    """Background and the stabilised bone strapped to its hatched bench."""
    theme = scene.theme
    lw = theme.line_width
    device.fill(QColor(theme.background))
    painter = painter_on(device)
    outline = QPen(QColor(theme.bone_outline), max(1.2, lw * 0.75))
    outline.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    block = geo.clamp_block
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(theme.panel))
    painter.drawPath(block)
    hatch(
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
    painter.drawPath(geo.fixed_bone)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(geo.fixed_details)
    # The strap across the bone, buckled to the bench.
    painter.setPen(QPen(QColor(theme.background), max(1.0, lw * 0.4)))
    painter.setBrush(QColor(theme.anchor))
    painter.drawPath(geo.clamp_band)
    painter.end()


def overlay_area(geo: Geometry, lay: Layout) -> QRectF:
    c, r, t = geo.centre, geo.r_arc, geo.thick
    area = QRectF(c.x() - r - 3 * t, c.y() - r - 3 * t, 2 * (r + 3 * t), 2 * (r + 3 * t))
    for label in lay.labels:
        area = area.united(label.rect.adjusted(-2, -2, 2, 2))
    return area.intersected(QRectF(0, 0, *geo.size)).toAlignedRect()


def paint_overlay(device: QPixmap, at: QPointF, scene: JointScene, geo: Geometry, lay: Layout):
    """The arc: normal and available range, lost range, band, margin, ticks, labels."""
    theme, joint, cond = scene.theme, scene.joint, scene.condition
    lw = theme.line_width
    c, r, thick = geo.centre, geo.r_arc, geo.thick
    sa = scene.screen_angle
    device.fill(Qt.GlobalColor.transparent)
    painter = painter_on(device)
    painter.translate(-at)

    a, lim, b = cond.start, cond.available_limit, cond.normal_end
    # The band: a filled sector, under the arc's strokes.
    band = scene.band
    if band is not None:
        colour = QColor(theme.grade_colour(band.grade))
        low, high = band.low, band.high
        min_span = math.degrees(MIN_BAND_PX / max(r, 1.0))
        if high - low < min_span:
            high = low + min_span
        sector = ring(c, r * 0.3, r + thick * 0.5, sa(low), sa(high))
        fill = QColor(colour)
        fill.setAlpha(theme.band_alpha)
        painter.setPen(QPen(colour, max(1.0, lw * 0.6)))
        painter.setBrush(fill)
        painter.drawPath(sector)
    # Normal range A–B, thin.
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(flat_pen(theme.normal_range, max(1.0, lw * 0.75)))
    painter.drawPath(arc(c, r, sa(a), sa(b)))
    # Lost range L–B: hatched strip with a dashed edge (not colour alone).
    if cond.is_stiff:
        strip = ring(c, r - thick * 0.8, r + thick * 0.8, sa(lim), sa(b))
        hatch(
            painter,
            strip,
            QColor(theme.lost_range),
            spacing=max(6.0, 2.0 * lw + 3),
            width=max(1.5, 0.7 * lw),
        )
        painter.setPen(flat_pen(theme.lost_range, max(1.0, lw * 0.5)))
        painter.drawPath(strip)
    # Available range A–L, strong.
    painter.setPen(flat_pen(theme.available_range, thick))
    painter.drawPath(arc(c, r, sa(a), sa(lim)))
    # The band again, solid on the arc, so it shows even under the bone.
    if band is not None:
        painter.setPen(flat_pen(theme.grade_colour(band.grade), thick * 2.2))
        painter.drawPath(arc(c, r, sa(low), sa(high)))
    # Para-physiological margin past L, thin and just outside the arc.
    margin_r = r + thick * 1.1 + max(2.0, lw)
    painter.setPen(flat_pen(theme.margin, max(1.5, lw * 0.6)))
    painter.drawPath(arc(c, margin_r, sa(lim), sa(min(lim + joint.margin, joint.anatomical_limit))))
    for inner, outer, colour in lay.tick_lines:
        painter.setPen(flat_pen(colour, max(1.5, lw * 0.75)))
        painter.drawLine(inner, outer)
    # Labels on top, leaders first.
    for label in lay.labels:
        if label.leader is not None:
            painter.setPen(flat_pen(theme.muted_text, max(1.0, lw * 0.4)))
            painter.drawLine(*label.leader)
    for label in lay.labels:
        paint_label(painter, label, theme)
    painter.end()


def flat_pen(colour: str, width: float) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def arc(c: QPointF, r: float, a0: float, a1: float) -> QPainterPath:
    box = QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r)
    path = QPainterPath()
    path.arcMoveTo(box, a0)
    path.arcTo(box, a0, a1 - a0)
    return path


def hatch(
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


def paint_label(painter: QPainter, label: Label, theme: Theme) -> None:
    radius = label.rect.height() * (0.12 if label.filled else 0.3)
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
