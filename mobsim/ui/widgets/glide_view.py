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
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from mobsim.model import arthrokinematics as rule
from mobsim.model.accessory_demo import AccessoryDemo
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.joint_paint import hatch

SAMPLES = 41  # points along each joint surface
SAGITTA = 0.16  # surface curvature: depth as a share of the bone width
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
        self._u = np.linspace(-1.0, 1.0, SAMPLES)

    # ------------------------------------------------------------ scene
    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.rebuild()

    def rebuild(self) -> None:
        """The scene changed (technique, condition, labels): redraw the still parts."""
        self._static = None
        self.update()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self._static = None
        super().resizeEvent(event)

    # ------------------------------------------------------------ geometry
    @property
    def _bone_width(self) -> float:
        return min(self.width() * 0.42, self.height() * 0.75)

    @property
    def _centre(self) -> QPointF:
        return QPointF(self.width() * 0.36, self.height() * 0.52)

    @property
    def px_per_mm(self) -> float:
        return TRAVEL_SHARE * self._bone_width / self.demo.technique.anatomical_limit

    def _fixed_is_concave(self) -> bool:
        t = self.demo.technique
        return t.concave_bone is None or t.concave_bone == t.fixed_bone

    def _surface(self, x_offset: float = 0.0) -> np.ndarray:
        """y of the fixed bone's joint surface over the sample points (pixels)."""
        s = SAGITTA * self._bone_width
        y0 = self._centre.y()
        if self._fixed_is_concave():
            return y0 - s * (1.0 - self._u**2)  # socket: centre higher
        return y0 - s * self._u**2  # head: centre lowest

    def _xs(self) -> np.ndarray:
        return self._centre.x() + 0.5 * self._bone_width * self._u

    def offset_px(self, translation_mm: float) -> tuple[float, float]:
        """Where the moving bone sits for a translation: (dx, dy) in pixels."""
        d = translation_mm * self.px_per_mm
        if self.demo.technique.is_traction:
            return 0.0, d
        # A glide on curved surfaces separates them a little: no overlap is drawn.
        xs, top = self._xs(), self._surface()
        moved = np.interp(xs - d, xs, top, left=np.nan, right=np.nan)
        overlap = np.nanmax(top - moved) if np.any(np.isfinite(moved)) else 0.0
        return d, max(0.0, float(overlap))

    # ------------------------------------------------------------ painting
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._static is None or self._static.size() != self.size():
            self._static = self._paint_static()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._static)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        x_mm = self.demo.translation
        dx, dy = self.offset_px(x_mm)
        self._paint_moving(painter, dx, dy)
        self._paint_inset(painter, x_mm)
        self._paint_readout(painter, x_mm)
        painter.end()

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
        bw, c = self._bone_width, self._centre
        top = self._surface()
        xs = self._xs()
        fixed = QPainterPath(QPointF(xs[0], c.y() - 0.9 * bw))
        fixed.lineTo(QPointF(xs[0], top[0]))
        for x, y in zip(xs[1:], top[1:], strict=True):
            fixed.lineTo(QPointF(x, y))
        fixed.lineTo(QPointF(xs[-1], c.y() - 0.9 * bw))
        fixed.closeSubpath()
        painter.setPen(QPen(QColor(theme.bone_outline), max(1.2, theme.line_width * 0.75)))
        painter.setBrush(QColor(theme.fixed_fill))
        painter.drawPath(fixed)
        hatch(painter, fixed, QColor(theme.anchor), max(8.0, 3 * theme.line_width), 1.0)
        if self.demo.labels_visible:
            painter.setFont(self._font(1.1, bold=True))
            painter.setPen(QColor(theme.background))
            box = QRectF(xs[0], c.y() - 0.85 * bw, bw, 0.5 * bw)
            painter.fillRect(box.adjusted(bw * 0.12, bw * 0.14, -bw * 0.12, -bw * 0.2), QColor(theme.panel))
            painter.setPen(QColor(theme.text))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, f"{t.fixed_bone}\n(fixed)")
            shape = "concave" if self._fixed_is_concave() else "convex"
            if t.concave_bone is not None:
                painter.setFont(self._font(0.95))
                painter.setPen(QColor(theme.muted_text))
                painter.drawText(
                    QPointF(xs[-1] + 8, top[-1] + 4), f"{shape} surface"
                )
        painter.end()
        return pix

    def _moving_path(self, dx: float, dy: float) -> QPainterPath:
        bw, c = self._bone_width, self._centre
        xs, top = self._xs() + dx, self._surface() + GAP_PX + dy
        path = QPainterPath(QPointF(xs[0], c.y() + 0.95 * bw + dy))
        for x, y in zip(xs, top, strict=True):
            path.lineTo(QPointF(x, y))
        path.lineTo(QPointF(xs[-1], c.y() + 0.95 * bw + dy))
        path.closeSubpath()
        return path

    def _paint_moving(self, painter: QPainter, dx: float, dy: float) -> None:
        theme, t = self.theme, self.demo.technique
        bw, c = self._bone_width, self._centre
        painter.setPen(QPen(QColor(theme.bone_outline), max(1.2, theme.line_width * 0.75)))
        painter.setBrush(QColor(theme.bone_fill))
        painter.drawPath(self._moving_path(dx, dy))
        # The treatment plane: tangent to the concave surface at its centre.
        concave_moves = not self._fixed_is_concave()
        y_plane = self._surface()[SAMPLES // 2] + (GAP_PX + dy if concave_moves else 0.0)
        px = dx if concave_moves else 0.0
        plane_pen = QPen(QColor(theme.resistance), max(2.0, theme.line_width), Qt.PenStyle.DashLine)
        painter.setPen(plane_pen)
        left, right = c.x() - 0.85 * bw + px, c.x() + 0.85 * bw + px
        painter.drawLine(QPointF(left, y_plane), QPointF(right, y_plane))
        labels = self.demo.labels_visible
        if labels:
            painter.setFont(self._font(0.95))
            painter.setPen(QColor(theme.resistance))
            painter.drawText(QPointF(right + 6, y_plane + 4), "treatment plane")
            painter.setFont(self._font(1.1, bold=True))
            painter.setPen(QColor("#1e2126"))
            painter.drawText(
                QRectF(c.x() - 0.5 * bw + dx, c.y() + 0.45 * bw + dy, bw, 0.4 * bw),
                Qt.AlignmentFlag.AlignCenter,
                f"{t.moving_bone}\n(moves)",
            )
        self._paint_direction_arrow(painter, labels)

    def _paint_direction_arrow(self, painter: QPainter, labels: bool) -> None:
        theme, t = self.theme, self.demo.technique
        bw, c = self._bone_width, self._centre
        pen = QPen(QColor(theme.arrow), max(2.5, theme.line_width * 1.2))
        painter.setPen(pen)
        painter.setBrush(QColor(theme.arrow))
        if t.is_traction:
            start, end = QPointF(c.x() + 0.62 * bw, c.y()), QPointF(c.x() + 0.62 * bw, c.y() + 0.3 * bw)
            text, at = "traction ⟂ plane", QPointF(c.x() + 0.66 * bw, c.y() + 0.2 * bw)
        else:
            y = c.y() + 1.05 * bw
            start, end = QPointF(c.x() - 0.2 * bw, y), QPointF(c.x() + 0.25 * bw, y)
            text, at = f"{t.direction} glide ∥ plane", QPointF(c.x() + 0.3 * bw, y + 5)
        _arrow(painter, start, end, 10 + 2 * theme.line_width)
        if labels:
            painter.setFont(self._font(1.0, bold=True))
            painter.setPen(QColor(theme.arrow))
            painter.drawText(at, text)
            if not t.is_traction and t.region != "spinal":
                painter.setPen(QColor(theme.muted_text))
                back = rule.OPPOSITE.get(t.direction, "")
                painter.drawText(QPointF(c.x() - 0.62 * bw, c.y() + 1.05 * bw + 5), f"← {back}")

    def _paint_readout(self, painter: QPainter, x_mm: float) -> None:
        theme, demo = self.theme, self.demo
        lines = [f"{x_mm:4.2f} mm"]
        if demo.force is not None:
            lines.append(f"≈ {demo.force:3.0f} N")
        painter.setFont(self._font(1.6, bold=True))
        painter.setPen(QColor(theme.text))
        painter.drawText(QPointF(12, 12 + self.theme.font_pt * 2.2), "   ".join(lines))
        painter.setFont(self._font(0.95))
        painter.setPen(QColor(theme.muted_text))
        label = demo.grade_label if demo.labels_visible else "grade hidden"
        limit = demo.limit
        painter.drawText(
            QPointF(12, 16 + self.theme.font_pt * 4.0),
            f"{label}  ·  available translation L = {limit:g} mm  ·  schematic, magnified",
        )
        # A scale bar, so "magnified" has a number.
        y = self.height() - 16
        bar = self.px_per_mm
        painter.setPen(QPen(QColor(theme.text), 2))
        painter.drawLine(QPointF(12, y), QPointF(12 + bar, y))
        painter.drawText(QPointF(18 + bar, y + 5), "1 mm")

    def _paint_inset(self, painter: QPainter, x_mm: float) -> None:
        """The physiological motion the technique serves, with roll and glide arrows."""
        theme, t = self.theme, self.demo.technique
        w, h = self.width(), self.height()
        box = QRectF(w * 0.70, h * 0.04, w * 0.28, h * 0.46)
        painter.setPen(QPen(QColor(theme.grid), 1))
        painter.setBrush(QColor(theme.panel))
        painter.drawRoundedRect(box, 8, 8)
        painter.setFont(self._font(0.95, bold=True))
        painter.setPen(QColor(theme.text))
        head = QRectF(box.left() + 8, box.top() + 6, box.width() - 16, box.height() * 0.3)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(head, flags, f"serves: {t.serves}")
        centre = QPointF(box.center().x(), box.top() + box.height() * 0.6)
        r = min(box.width(), box.height()) * 0.16
        fraction = x_mm / max(t.anatomical_limit, 1e-9)
        roll = t.roll
        sign = 1.0 if roll in ("posterior", "superior", "volar", "cranial", "medial") else -1.0
        angle = math.radians(-90 + sign * 35 * fraction)
        painter.setPen(QPen(QColor(theme.bone_outline), 1.5))
        painter.setBrush(QColor(theme.fixed_fill))
        painter.drawEllipse(centre, r, r)
        tip = QPointF(centre.x() + 2.6 * r * math.cos(angle), centre.y() - 2.6 * r * math.sin(angle))
        painter.setPen(QPen(QColor(theme.bone_fill), 0.45 * r, cap=Qt.PenCapStyle.RoundCap))
        painter.drawLine(centre, tip)
        painter.setFont(self._font(0.85))
        painter.setPen(QColor(theme.muted_text))
        foot = QRectF(box.left() + 8, box.bottom() - box.height() * 0.26, box.width() - 16, box.height() * 0.25)
        if t.moving_surface is None or roll is None:
            note = "no roll: translation only" if t.is_traction else "not derived by the rule"
            painter.drawText(foot, flags, note)
            return
        same = rule.same_direction(t.moving_surface)
        arc_pen = QPen(QColor(theme.arrow), 2.5)
        painter.setPen(arc_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = QRectF(centre.x() - 1.6 * r, centre.y() - 1.6 * r, 3.2 * r, 3.2 * r)
        painter.drawArc(rect, int(100 * 16), int(sign * -40 * 16))
        painter.drawText(
            foot,
            flags,
            f"roll {roll}, glide {t.direction}: "
            f"{'concave moves, same direction' if same else 'convex moves, opposite'}"
            "\nteaching aid (Johnson 2007)",
        )


def _arrow(painter: QPainter, start: QPointF, end: QPointF, head: float) -> None:
    painter.drawLine(start, end)
    angle = math.atan2(end.y() - start.y(), end.x() - start.x())
    left = QPointF(end.x() - head * math.cos(angle - 0.45), end.y() - head * math.sin(angle - 0.45))
    right = QPointF(end.x() - head * math.cos(angle + 0.45), end.y() - head * math.sin(angle + 0.45))
    painter.drawPolygon(QPolygonF([end, left, right]))
