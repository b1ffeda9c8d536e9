"""A magnified accessory movement: convex and concave surfaces, treatment plane, translation.

Schematic, not anatomical: the fixed bone is on top (hatched, as in explore), the
moving bone below. A glide moves it parallel to the treatment plane, traction
perpendicular to it. The plane lies on the concave surface and moves with it.
An inset shows the physiological motion the glide serves, with roll and glide
arrows (the concave–convex rule, from the model). Everything drawn is asked of the
model; nothing here decides a rule.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from mobsim.model import arthrokinematics as rule
from mobsim.model.accessory_demo import AccessoryDemo
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.joint_paint import hatch

SAMPLES = 41  # points along each joint surface
SAGITTA = 0.12  # surface curvature: depth as a share of the bone width
GAP_PX = 6.0  # joint space at rest
TRAVEL_SHARE = 0.42  # the anatomical limit spans this share of the bone width


class GlideView(QWidget):
    """The magnified joint of one accessory technique, moving in real time."""

    def __init__(self, demo: AccessoryDemo, theme: Theme, parent=None):
        super().__init__(parent)
        self.demo = demo
        self.theme = theme
        self.setMinimumSize(420, 320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._static: QPixmap | None = None
        self._labels: dict[tuple, QPixmap] = {}
        self._u = np.linspace(-1.0, 1.0, SAMPLES)

    # ------------------------------------------------------------ scene
    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.rebuild()

    def rebuild(self) -> None:
        """The scene changed (technique, condition, labels): redraw the still parts."""
        self._static = None
        self._labels.clear()
        self.update()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self._static = None
        super().resizeEvent(event)

    # ------------------------------------------------------------ geometry
    # The joint is drawn in a local frame: fixed bone above the joint line (y < 0),
    # moving bone below, a glide along +x, traction along +y. `_frame` turns it so
    # an inferior glide (or a spinal PA, patient prone) points down the screen.
    @property
    def turned(self) -> bool:
        t = self.demo.technique
        return t.region == "spinal" or (
            not t.is_traction and t.direction in ("inferior", "caudal", "superior", "cranial")
        )

    @property
    def _bone_width(self) -> float:
        if self.turned:
            return min(self.width() * 0.30, self.height() * 0.36)
        return min(self.width() * 0.40, self.height() * 0.42)

    @property
    def _centre(self) -> QPointF:
        if self.turned:
            return QPointF(self.width() * 0.39, self.height() * 0.45)
        return QPointF(self.width() * 0.34, self.height() * 0.54)

    def _frame(self) -> QTransform:
        c = self._centre
        frame = QTransform().translate(c.x(), c.y())
        if self.turned:
            t = self.demo.technique
            frame.rotate(-90 if t.direction in ("superior", "cranial") else 90)
        return frame

    @property
    def px_per_mm(self) -> float:
        return TRAVEL_SHARE * self._bone_width / self.demo.technique.anatomical_limit

    def _fixed_is_concave(self) -> bool:
        t = self.demo.technique
        return t.concave_bone is None or t.concave_bone == t.fixed_bone

    def _surface(self, u: np.ndarray | None = None) -> np.ndarray:
        """Local y of the fixed bone's joint surface at u (-1..1 across the bone)."""
        u = self._u if u is None else u
        flat = self.demo.technique.concave_bone is None  # spinal: no articular shape drawn
        s = 0.0 if flat else SAGITTA * self._bone_width
        if self._fixed_is_concave():
            return -s * (1.0 - u**2)  # socket: centre higher
        return -s * u**2  # head: centre lowest

    def _xs(self) -> np.ndarray:
        return 0.5 * self._bone_width * self._u

    def offset_px(self, translation_mm: float) -> tuple[float, float]:
        """Where the moving bone sits for a translation: (dx, dy) in local pixels.

        A glide runs parallel to the treatment plane, traction perpendicular to it.
        """
        d = translation_mm * self.px_per_mm
        return (0.0, d) if self.demo.technique.is_traction else (d, 0.0)

    def mm_between(self, origin: QPointF, point: QPointF) -> float:
        """How many mm along the translation axis (the glide, or away for traction)
        lead from `origin` to `point` on screen; motion across the axis counts for nothing."""
        inverse, _ = self._frame().inverted()
        a, b = inverse.map(point), inverse.map(origin)
        along = (a.y() - b.y()) if self.demo.technique.is_traction else (a.x() - b.x())
        return along / self.px_per_mm

    def _text(self, painter: QPainter, local: QPointF, text: str, width: float = 240) -> None:
        """Upright text centred on a point of the (possibly turned) local frame.

        Each label is rendered once into a small picture and then only copied: text
        layout every frame would cost more than the rest of the drawing.
        """
        p = self._frame().map(local)
        key = (text, width, painter.font().toString(), painter.pen().color().rgba())
        label = self._labels.get(key)
        if label is None:
            label = QPixmap(int(width), 60)
            label.fill(Qt.GlobalColor.transparent)
            inner = QPainter(label)
            inner.setFont(painter.font())
            inner.setPen(painter.pen())
            inner.drawText(QRectF(0, 0, width, 60), Qt.AlignmentFlag.AlignCenter, text)
            inner.end()
            self._labels[key] = label
        painter.drawPixmap(QPointF(p.x() - width / 2, p.y() - 30), label)

    # ------------------------------------------------------------ painting
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._static is None or self._static.size() != self.size():
            self._static = self._paint_static()
        painter = QPainter(self)
        area = event.rect()
        painter.drawPixmap(area, self._static, area)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        x_mm = self.demo.translation
        dx, dy = self.offset_px(x_mm)
        self._paint_moving(painter, dx, dy)
        self._paint_inset(painter, x_mm, moving=True)
        self._paint_readout(painter, x_mm, moving=True)
        painter.end()

    def update_frame(self) -> None:
        """Repaint only what moved: the moving bone (where it was and where it is),
        the inset's segment and the read-out."""
        if self._static is None:
            self.update()
            return
        bone = self._bone_rect(*self.offset_px(self.demo.translation))
        area = bone.united(self._last_bone)
        for rect in self._dirty:  # one rectangle: a many-rect region costs more to paint
            area = area.united(rect)
        self.update(area)
        self._last_bone = bone

    def _bone_rect(self, dx: float, dy: float) -> QRect:
        """Screen box of the moving bone with its labels (and the plane, if it moves)."""
        bw = self._bone_width
        top = -SAGITTA * bw - 70 + dy
        local = QRectF(-0.5 * bw + dx - 110, top, bw + 120, 0.95 * bw + dy + 6 - top)
        if not self._fixed_is_concave():  # the plane rides on the moving concave surface
            local = local.united(QRectF(-0.85 * bw + dx - 80, top, 1.7 * bw + 160, 80))
        return self._frame().mapRect(local).toAlignedRect().intersected(self.rect())

    def _dirty_rects(self) -> list:
        box = self._inset_box()
        readout = QRectF(0, 0, box.left() - 2, 12 + self.theme.font_pt * 3.0)
        return [r.toAlignedRect() for r in (box, readout)]

    def _inset_box(self) -> QRectF:
        w, h = self.width(), self.height()
        return QRectF(w * 0.69, h * 0.03, w * 0.30, h * 0.56)

    def _font(self, factor: float = 1.0, bold: bool = False) -> QFont:
        f = QFont()
        f.setPointSizeF(self.theme.font_pt * factor)
        f.setBold(bold)
        return f

    def _paint_static(self) -> QPixmap:
        pix = QPixmap(self.size())
        pix.fill(QColor(self.theme.background))
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        theme, t = self.theme, self.demo.technique
        bw = self._bone_width
        top, xs = self._surface(), self._xs()
        fixed = QPainterPath(QPointF(xs[0], -0.9 * bw))
        fixed.lineTo(QPointF(xs[0], top[0]))
        for x, y in zip(xs[1:], top[1:], strict=True):
            fixed.lineTo(QPointF(x, y))
        fixed.lineTo(QPointF(xs[-1], -0.9 * bw))
        fixed.closeSubpath()
        fixed = self._frame().map(fixed)
        painter.setPen(QPen(QColor(theme.bone_outline), max(1.2, theme.line_width * 0.75)))
        painter.setBrush(QColor(theme.fixed_fill))
        painter.drawPath(fixed)
        hatch(painter, fixed, QColor(theme.anchor), max(8.0, 3 * theme.line_width), 1.0)
        if self.demo.labels_visible:
            painter.setFont(self._font(1.1, bold=True))
            text = f"{t.fixed_bone}\n(fixed)"
            p = self._frame().map(QPointF(0, -0.5 * bw))
            box = QRectF(p.x() - 0.5 * bw, p.y() - 30, bw, 60)
            tight = painter.fontMetrics().boundingRect(
                box.toRect(), Qt.AlignmentFlag.AlignCenter, text
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.fixed_fill))
            painter.drawRoundedRect(QRectF(tight).adjusted(-8, -4, 8, 4), 6, 6)
            painter.setPen(QColor("#1e2126"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            if t.concave_bone is not None:
                shape = "concave" if self._fixed_is_concave() else "convex"
                painter.setFont(self._font(0.95))
                painter.setPen(QColor(theme.muted_text))
                self._text(painter, QPointF(-0.5 * bw - 50, top[0] - 40), shape, 110)
        self._paint_direction_arrow(painter, self.demo.labels_visible)
        self._paint_inset(painter, 0.0, moving=False)
        self._paint_readout(painter, 0.0, moving=False)
        painter.end()
        self._dirty = self._dirty_rects()
        self._last_bone = QRect(self.rect())  # first frame: everything
        return pix

    def _moving_path(self, dx: float, dy: float) -> QPainterPath:
        """The moving bone; its joint surface stays congruent with the fixed one
        (schematic cartilage contact), so a glide reads as sliding, not separating."""
        bw = self._bone_width
        xs = self._xs() + dx
        u = np.clip(xs / (0.5 * bw), -1.0, 1.0)  # flat beyond the fixed surface
        top = self._surface(u) + GAP_PX + dy
        path = QPainterPath(QPointF(xs[0], 0.95 * bw + dy))
        for x, y in zip(xs, top, strict=True):
            path.lineTo(QPointF(x, y))
        path.lineTo(QPointF(xs[-1], 0.95 * bw + dy))
        path.closeSubpath()
        return self._frame().map(path)

    def _paint_moving(self, painter: QPainter, dx: float, dy: float) -> None:
        theme, t = self.theme, self.demo.technique
        bw = self._bone_width
        painter.setPen(QPen(QColor(theme.bone_outline), max(1.2, theme.line_width * 0.75)))
        painter.setBrush(QColor(theme.bone_fill))
        painter.drawPath(self._moving_path(dx, dy))
        labels = self.demo.labels_visible
        if t.region != "spinal":
            # The treatment plane: tangent to the concave surface, moving with it.
            concave_moves = not self._fixed_is_concave()
            y_plane = self._surface()[SAMPLES // 2] + (GAP_PX + dy if concave_moves else 0.0)
            px = dx if concave_moves else 0.0
            frame = self._frame()
            painter.setPen(
                QPen(QColor(theme.resistance), max(2.0, theme.line_width), Qt.PenStyle.DashLine)
            )
            left, right = QPointF(-0.85 * bw + px, y_plane), QPointF(0.85 * bw + px, y_plane)
            painter.drawLine(frame.map(left), frame.map(right))
            if labels:
                painter.setFont(self._font(0.95))
                painter.setPen(QColor(theme.resistance))
                if self.turned:  # beside the plane's lower end, clear of the bones
                    where = QPointF(0.85 * bw + px - 30, y_plane - 80)
                else:  # above the plane's right end, clear of the surface labels
                    where = QPointF(0.85 * bw + px - 70, y_plane - 14)
                self._text(painter, where, "treatment plane", 150)
        if labels:
            if t.concave_bone is not None:
                shape = "convex" if self._fixed_is_concave() else "concave"
                painter.setFont(self._font(0.95))
                painter.setPen(QColor(theme.muted_text))
                edge = self._surface()[0] + GAP_PX + dy
                self._text(painter, QPointF(-0.5 * bw - 50 + dx, edge + 40), shape, 110)
            painter.setFont(self._font(1.1, bold=True))
            painter.setPen(QColor("#1e2126"))
            self._text(painter, QPointF(dx, 0.6 * bw + dy), f"{t.moving_bone}\n(moves)", bw)

    def _paint_direction_arrow(self, painter: QPainter, labels: bool) -> None:
        theme, t = self.theme, self.demo.technique
        bw = self._bone_width
        frame = self._frame()
        pen = QPen(QColor(theme.arrow), max(2.5, theme.line_width * 1.2))
        painter.setPen(pen)
        painter.setBrush(QColor(theme.arrow))
        if t.is_traction:
            start, end = QPointF(0.68 * bw, 0.05 * bw), QPointF(0.68 * bw, 0.35 * bw)
            text, at = "traction ⟂ plane", QPointF(0.68 * bw + 90, 0.5 * bw)
        elif self.turned:  # beyond the bones' travel, along the joint line
            start, end = QPointF(0.98 * bw, 0.0), QPointF(1.28 * bw, 0.0)
            text, at = f"{t.direction} glide ∥ plane", QPointF(1.28 * bw + 36, 0.0)
        else:
            y = 1.08 * bw
            start, end = QPointF(-0.2 * bw, y), QPointF(0.25 * bw, y)
            text, at = f"{t.direction} glide ∥ plane", QPointF(0.25 * bw + 130, y)
        if t.region == "spinal":
            text = "PA pressure: L3 moves anteriorly\n(patient prone)"
        _arrow(painter, frame.map(start), frame.map(end), 10 + 2 * theme.line_width)
        if labels:
            painter.setFont(self._font(1.0, bold=True))
            painter.setPen(QColor(theme.arrow))
            self._text(painter, at, text, 320)
            if not t.is_traction and t.region != "spinal":
                painter.setPen(QColor(theme.muted_text))
                back = rule.OPPOSITE.get(t.direction, "")
                above_moving = QPointF(-0.8 * bw, 0.8 * bw)
                where = above_moving if self.turned else QPointF(-0.2 * bw - 60, 1.08 * bw)
                self._text(painter, where, back, 120)

    def _paint_readout(self, painter: QPainter, x_mm: float, moving: bool) -> None:
        theme, demo = self.theme, self.demo
        if moving:
            lines = [f"{x_mm:4.2f} mm"]
            if demo.force is not None:
                lines.append(f"≈ {demo.force:3.0f} N")
            painter.setFont(self._font(1.6, bold=True))
            painter.setPen(QColor(theme.text))
            painter.drawText(QPointF(12, 12 + self.theme.font_pt * 2.2), "   ".join(lines))
            return
        painter.setFont(self._font(0.95))
        painter.setPen(QColor(theme.muted_text))
        shown = demo.labels_visible and not demo.mystery
        label = demo.grade_label if shown else "grade hidden"
        painter.drawText(
            QPointF(12, 16 + self.theme.font_pt * 4.0),
            f"{label}  ·  available translation L = {demo.limit:g} mm",
        )
        # A scale bar, so "magnified" has a number.
        y = self.height() - 16
        bar = self.px_per_mm
        painter.setPen(QPen(QColor(theme.text), 2))
        painter.drawLine(QPointF(12, y), QPointF(12 + bar, y))
        painter.drawText(QPointF(18 + bar, y + 5), "1 mm  (schematic, magnified)")

    def _paint_inset(self, painter: QPainter, x_mm: float, moving: bool) -> None:
        """The physiological motion the technique serves, with the roll arrow.

        The still parts go into the cached picture; each frame adds the moving segment.
        """
        theme, t = self.theme, self.demo.technique
        box = self._inset_box()
        r = min(box.width(), box.height()) * 0.11
        centre = QPointF(box.center().x(), box.top() + box.height() * 0.42)
        roll = t.roll
        sign = 1.0 if roll in ("posterior", "superior", "volar", "cranial", "medial") else -1.0
        if moving and roll is None:
            return  # traction, spinal PA: no roll to show
        if moving:
            swing = 40.0 * min(max(x_mm / max(t.available_mm, 1e-9), 0.0), 1.2)
            angle = math.radians(-90 + (sign * swing if roll else 0.0))
            tip = QPointF(
                centre.x() + 2.8 * r * math.cos(angle), centre.y() - 2.8 * r * math.sin(angle)
            )
            for colour, width in ((theme.bone_outline, 0.8 * r + 3), (theme.bone_fill, 0.8 * r)):
                lever = QPen(QColor(colour), width)  # outlined, so it shows on light themes
                lever.setCapStyle(Qt.PenCapStyle.RoundCap)
                painter.setPen(lever)
                painter.drawLine(centre, tip)
            painter.setPen(QPen(QColor(theme.bone_outline), 1.5))
            painter.setBrush(QColor(theme.fixed_fill))
            painter.drawEllipse(centre, 0.7 * r, 0.7 * r)
            return
        painter.setPen(QPen(QColor(theme.grid), 1))
        painter.setBrush(QColor(theme.panel))
        painter.drawRoundedRect(box, 8, 8)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.setFont(self._font(0.95, bold=True))
        painter.setPen(QColor(theme.text))
        head = QRectF(box.left() + 8, box.top() + 6, box.width() - 16, box.height() * 0.22)
        painter.drawText(head, flags, f"serves: {t.serves}")
        if roll is not None:  # the fixed segment (up), in the hatched bone's colour
            painter.setPen(QPen(QColor(theme.fixed_fill), 0.9 * r))
            painter.drawLine(centre, QPointF(centre.x(), centre.y() - 2.2 * r))
        painter.setFont(self._font(0.85))
        foot = QRectF(
            box.left() + 8,
            box.bottom() - box.height() * 0.30,
            box.width() - 16,
            box.height() * 0.29,
        )
        if t.moving_surface is None or roll is None:
            note = (
                "traction: a translation only, no roll; it relieves pain and loosens "
                "the capsule in every direction"
                if t.is_traction
                else "not derived by the concave–convex rule"
            )
            painter.setPen(QColor(theme.muted_text))
            painter.drawText(foot, flags, note)
            return
        # The roll: a curved arrow round the joint, the way the moving segment swings.
        painter.setPen(QPen(QColor(theme.arrow), 2.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rr = 3.4 * r
        rect = QRectF(centre.x() - rr, centre.y() - rr, 2 * rr, 2 * rr)
        start_deg, span_deg = -90.0, sign * 35.0
        painter.drawArc(rect, int(start_deg * 16), int(span_deg * 16))
        end = math.radians(start_deg + span_deg)
        tip_pt = QPointF(centre.x() + rr * math.cos(end), centre.y() - rr * math.sin(end))
        tangent = end + sign * math.pi / 2
        before = QPointF(tip_pt.x() - 10 * math.cos(tangent), tip_pt.y() + 10 * math.sin(tangent))
        painter.setBrush(QColor(theme.arrow))
        _arrow(painter, before, tip_pt, 10)
        same = rule.same_direction(t.moving_surface)
        painter.setPen(QColor(theme.text))
        painter.drawText(
            foot,
            flags,
            f"roll {roll}, glide {t.direction}: "
            f"{'concave moves, same direction' if same else 'convex moves, opposite direction'}",
        )
        painter.setPen(QColor(theme.muted_text))
        caveat = QRectF(
            foot.left(), foot.top() + foot.height() * 0.5, foot.width(), foot.height() * 0.5
        )
        painter.drawText(caveat, flags, "a teaching aid, not a law (Johnson et al. 2007)")


def _arrow(painter: QPainter, start: QPointF, end: QPointF, head: float) -> None:
    painter.drawLine(start, end)
    angle = math.atan2(end.y() - start.y(), end.x() - start.x())
    left = QPointF(end.x() - head * math.cos(angle - 0.45), end.y() - head * math.sin(angle - 0.45))
    right = QPointF(
        end.x() - head * math.cos(angle + 0.45), end.y() - head * math.sin(angle + 0.45)
    )
    painter.drawPolygon(QPolygonF([end, left, right]))
