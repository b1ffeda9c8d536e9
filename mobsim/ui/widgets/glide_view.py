"""A magnified accessory movement: convex and concave surfaces, treatment plane, translation.

Schematic, not anatomical: the fixed bone is on top (hatched, as in explore), the
moving bone below. A glide moves it parallel to the treatment plane, traction
perpendicular to it. The plane lies on the concave surface and moves with it.
An inset shows the physiological motion the glide serves, with roll and glide
arrows (the concave–convex rule, from the model). Everything drawn is asked of the
model; nothing here decides a rule.

Drawing: everything still is painted once into a picture. The moving bone's joint
surface stays congruent with the fixed one, so in a glide its outline is a window
sliding along one fixed curve: that body is painted once too, over the whole travel,
and a frame copies the window, draws the bone's two sides and bottom, and repaints
only the pixels that changed (the sides, its labels, the moving plane, the inset's
lever; the mm read-out ten times a second).
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph.functions as fn
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QRegion,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from mobsim.model.accessory_demo import AccessoryDemo
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.glide_marks import DARK_TEXT, GlideMarks
from mobsim.ui.widgets.joint_paint import hatch
from mobsim.ui.widgets.still_scene import device_rect

SAMPLES = 41  # points along the fixed bone's joint surface
BODY_SAMPLES = 81  # points along the moving bone's surface (painted once)
SAGITTA = 0.12  # surface curvature: depth as a share of the bone width
GAP_PX = 6.0  # joint space at rest
TRAVEL_SHARE = 0.42  # the anatomical limit spans this share of the bone width
READOUT_S = 0.1  # the mm read-out changes ten times a second: readable, and cheap


class GlideView(GlideMarks, QWidget):
    """The magnified joint of one accessory technique, moving in real time."""

    def __init__(self, demo: AccessoryDemo, theme: Theme, parent=None):
        super().__init__(parent)
        self.demo = demo
        self.theme = theme
        self.setMinimumSize(420, 320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # the picture covers all
        self._static: QPixmap | None = None
        self._body: QPixmap | None = None  # the moving bone, sides left out, over its travel
        self._labels: dict[tuple, QPixmap] = {}
        self._u = np.linspace(-1.0, 1.0, SAMPLES)
        self._outline = fn.create_qpolygonf(4)  # the moving bone's sides and bottom
        self.translation_mm = demo.translation  # what the latest frame shows
        self._painted: float | None = None  # the translation on screen (None: nothing yet)
        self._readout = ""
        self._readout_at = -math.inf
        self.static_renders = 0  # pictures painted so far (a frame paints none)

    # ------------------------------------------------------------ scene
    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.rebuild()

    def rebuild(self) -> None:
        """The scene changed (technique, condition, labels): redraw the still parts."""
        self._static = None
        self._labels.clear()
        self.translation_mm = self.demo.translation
        self.update()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self._static = None
        super().resizeEvent(event)

    # ------------------------------------------------------------ geometry
    # The joint is drawn in a local frame: fixed bone above the joint line (y < 0),
    # moving bone below, a glide along +x, traction along +y. `_frame` turns it so
    # an inferior glide (or a spinal PA, patient prone) points down the screen. The
    # frame's origin and the bone width are whole pixels, so whole local offsets
    # land on whole screen pixels and the body picture is copied, never resampled.
    @property
    def turned(self) -> bool:
        t = self.demo.technique
        return t.region == "spinal" or (
            not t.is_traction and t.direction in ("inferior", "caudal", "superior", "cranial")
        )

    @property
    def _bone_width(self) -> float:
        if self.turned:
            width = min(self.width() * 0.30, self.height() * 0.36)
        else:  # leaving room right of the bones for the plane's name (large text)
            width = min(self.width() * 0.40, self.height() * 0.42, self._plane_name_cap())
        return 2.0 * round(width / 2)

    @property
    def _centre(self) -> QPointF:
        if self.turned:
            return QPointF(round(self.width() * 0.39), round(self.height() * 0.45))
        return QPointF(round(self.width() * 0.34), round(self.height() * 0.54))

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

    def _moving_top(self, x: np.ndarray) -> np.ndarray:
        """The moving bone's joint surface at local x (at rest): congruent with the fixed
        one (schematic cartilage contact), flat beyond it, so a glide reads as sliding."""
        return self._surface(np.clip(x / (0.5 * self._bone_width), -1.0, 1.0)) + GAP_PX

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

    def _drawn_offset(self, translation_mm: float) -> tuple[int, int]:
        """The offset as painted: whole pixels (the picture is copied, not resampled).
        Uses the geometry of the last `_prepare` (the frame's hot path)."""
        limit = self._travel_px
        d = round(min(max(translation_mm * self._px_mm, -limit), limit))
        return (0, d) if self._traction else (d, 0)

    def _top_at(self, x: float) -> float:
        """`_moving_top` for one x, without numpy (two of these per frame)."""
        bw = self._bone_width_now
        u = min(max(x / (0.5 * bw), -1.0), 1.0)
        s = 0.0 if self.demo.technique.concave_bone is None else SAGITTA * bw
        return (-s * (1.0 - u * u) if self._fixed_is_concave() else -s * u * u) + GAP_PX

    def _plane_at(self) -> tuple[QPointF, QPointF, QPointF]:
        """The treatment plane at rest: its ends and its label's place, in local
        coordinates. It is tangent to the concave surface and moves with it."""
        bw = self._bone_width
        y = float(self._surface()[SAMPLES // 2]) + (GAP_PX if self._plane_moves() else 0.0)
        # Turned: beside the plane's lower end, clear of the bones; else above its
        # right end, clear of the surface labels.
        where = QPointF(0.85 * bw - 30, y - 80) if self.turned else QPointF(0.85 * bw - 70, y - 14)
        return QPointF(-0.85 * bw, y), QPointF(0.85 * bw, y), where

    # ------------------------------------------------------------ frame
    def update_frame(self, translation_mm: float | None = None) -> None:
        """Ask to repaint only what moved since the last paint, and the read-out
        when it is due."""
        mm = self.demo.translation if translation_mm is None else translation_mm
        self.translation_mm = mm
        if self._static is None or self._painted is None:
            self.update()
            return
        region = self._moved(self._painted, mm)
        now = time.perf_counter()
        if now - self._readout_at >= READOUT_S:
            self._readout_at = now
            if self._readout_text(mm) != self._readout:
                region += self._readout_box
        if not region.isEmpty():
            self.update(region)

    def refresh_readout(self) -> None:
        """Show the read-out's exact value now (paused: the last frame stays)."""
        self._readout_at = -math.inf
        self.update_frame(self.translation_mm)

    def _moved(self, before: float, now: float) -> QRegion:
        """Screen pixels that differ between two translations."""
        region = QRegion()
        old, new = self._drawn_offset(before), self._drawn_offset(now)
        if old != new:
            region += self._bone_edges(old, new)
            for offset in (old, new):
                for sprite, at in self._riders(*offset):
                    region += QRect(at, sprite.deviceIndependentSize().toSize())
        for step in {self._lever_step(before), self._lever_step(now)}:
            if step is not None:
                sprite, at = self._lever(step)
                region += QRect(at, sprite.deviceIndependentSize().toSize())
        return region

    def moving_bone_box(self, translation_mm: float) -> QRectF:
        """Screen box of the moving bone at a translation (for tests)."""
        self._ensure_prepared()
        dx, dy = self._drawn_offset(translation_mm)
        return QRectF(self._bone_box(dx, dy))

    def _bone_box(self, dx: int, dy: int) -> QRect:
        """Screen box of the moving bone's outline at an offset."""
        g, m = self._geometry, self._geometry["margin"]
        local = QRectF(g["left"] + dx, g["top_min"] + dy, g["width"], g["bottom"] - g["top_min"])
        return self._frame_now.mapRect(local.adjusted(-m, -m, m, m)).toAlignedRect()

    def _bone_edges(self, old: tuple[int, int], new: tuple[int, int]) -> QRegion:
        """The moving bone's pixels that change from one offset to another: its sides
        in a glide, its surface and bottom in traction (the fill between is the same)."""
        g = self._geometry
        m = g["margin"]
        (dx0, dy0), (dx1, dy1) = old, new
        boxes = [
            QRectF(g["left"] + dx, g["top_min"] + dy, g["width"], g["bottom"] - g["top_min"])
            for dx, dy in (old, new)
        ]
        outer = boxes[0].united(boxes[1]).adjusted(-m, -m, m, m)
        inner = QRectF(outer)
        if dx0 != dx1:
            inner.setLeft(g["left"] + max(dx0, dx1) + m)
            inner.setRight(g["left"] + g["width"] + min(dx0, dx1) - m)
        if dy0 != dy1:
            inner.setTop(g["top_max"] + max(dy0, dy1) + m)
            inner.setBottom(g["bottom"] + min(dy0, dy1) - m)
        frame = self._frame_now
        region = QRegion(frame.mapRect(outer).toAlignedRect())
        if inner.width() > 0 and inner.height() > 0:
            # Shrunk by a pixel, so rounding never leaves a changed pixel outside.
            region -= QRegion(frame.mapRect(inner).toRect().adjusted(1, 1, -1, -1))
        return region

    # ------------------------------------------------------------ painting
    def _ensure_prepared(self) -> None:
        """Geometry and still picture for the present size (built when it changed)."""
        if self._static is None or self._static.size() != self.size() * self._dpr():
            self._prepare()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self._ensure_prepared()
        region = event.region()
        mm = self.translation_mm
        painter = QPainter(self)  # clipped to the region by Qt
        box = region.boundingRect()  # one copy under the clip beats one per rectangle
        dpr = self._static.devicePixelRatio()
        painter.drawPixmap(QRectF(box), self._static, device_rect(QRectF(box), dpr))
        offset = self._drawn_offset(mm)
        if region.intersects(self._bone_box(*offset)):
            self._paint_bone(painter, *offset)
        for sprite, at in self._riders(*offset):
            painter.drawPixmap(at, sprite)
        step = self._lever_step(mm)
        if step is not None:
            sprite, at = self._lever(step)
            painter.drawPixmap(at, sprite)
        if region.intersects(self._readout_box):
            if QRegion(self._readout_box).subtracted(region).isEmpty():
                self._readout = self._readout_text(mm)  # whole box repainted: the value now
            painter.setFont(self._fonts["readout"])
            painter.setPen(self._pens["text"])
            painter.drawText(self._readout_at_px, self._readout)
        painter.end()
        self._painted = mm

    def _dpr(self) -> float:
        return self.devicePixelRatioF()

    def _picture(self, size: QSize) -> QPixmap:
        """A transparent picture of `size` logical pixels at the screen's pixel ratio."""
        dpr = self._dpr()
        picture = QPixmap(math.ceil(size.width() * dpr), math.ceil(size.height() * dpr))
        picture.setDevicePixelRatio(dpr)
        picture.fill(Qt.GlobalColor.transparent)
        return picture

    def _prepare(self) -> None:
        """Everything that stays until the scene or the size changes."""
        theme, bw = self.theme, self._bone_width
        self._frame_now = self._frame()
        self._bone_width_now, self._px_mm = bw, self.px_per_mm
        self._traction = self.demo.technique.is_traction
        self._travel_px = round(1.1 * TRAVEL_SHARE * bw) + 4
        outline = max(1.2, theme.line_width * 0.75)
        top = self._moving_top(np.linspace(-0.5 * bw, 0.5 * bw, BODY_SAMPLES))
        self._geometry = {
            "left": -0.5 * bw,
            "width": bw,
            "bottom": round(0.95 * bw),
            "top_min": math.floor(float(top.min())),
            "top_max": math.ceil(float(top.max())),
            "margin": math.ceil(outline / 2) + 2,
            "side": max(1, round(outline)),
        }
        self._fonts = {
            "readout": self._font(1.6, bold=True),
            "label": self._font(1.1, bold=True),
            "small": self._font(0.95),
        }
        self._pens = {
            "text": QPen(QColor(theme.text)),
            "outline": QPen(QColor(theme.bone_outline), outline),
            "plane": QPen(
                QColor(theme.resistance), max(2.0, theme.line_width), Qt.PenStyle.DashLine
            ),
        }
        self._outline_colour = QColor(theme.bone_outline)
        self._prepare_readout()
        self._prepare_lever()
        self._body = self._paint_body()
        self._static = self._paint_static()
        self._riders_at_rest = self._prepare_riders()
        self._painted = None
        self.static_renders += 1

    def _prepare_readout(self) -> None:
        metrics = QFontMetricsF(self._fonts["readout"])
        widest = "888.88 mm   ≈ 8888 N" if self.demo.technique.has_force else "888.88 mm"
        self._readout_at_px = QPointF(12, 12 + self.theme.font_pt * 2.2)
        baseline = self._readout_at_px.y()
        self._readout_box = (
            QRectF(
                8,
                baseline - metrics.ascent() - 2,
                metrics.horizontalAdvance(widest) + 12,
                metrics.ascent() + metrics.descent() + 4,
            )
            .toAlignedRect()
            .intersected(self.rect())
        )
        self._readout = self._readout_text(self.translation_mm)

    def _readout_text(self, mm: float) -> str:
        lines = [f"{mm:4.2f} mm"]
        force = self.demo.force_at(mm)
        if force is not None:
            lines.append(f"≈ {force:3.0f} N")
        return "   ".join(lines)

    def _paint_body(self) -> QPixmap:
        """The moving bone at rest, its surface, fill and bottom edge running on over its
        whole travel (a glide copies a bone-wide window of it); the sides come per frame."""
        g, bw = self._geometry, self._bone_width
        travel, m = self._travel_px, g["margin"]
        local = QRectF(
            g["left"] - travel - m,
            g["top_min"] - m,
            bw + 2 * travel + 2 * m,
            g["bottom"] - g["top_min"] + 2 * m,
        )
        screen = self._frame_now.mapRect(local).toAlignedRect()
        self._body_local, self._body_origin = local, screen.topLeft()
        body = self._picture(screen.size())
        xs = np.concatenate(
            ([local.left()], np.linspace(-0.5 * bw, 0.5 * bw, BODY_SAMPLES), [local.right()])
        )
        ys = self._moving_top(xs)
        surface = QPolygonF([QPointF(x, y) for x, y in zip(xs, ys, strict=True)])
        area = QPolygonF(surface)
        area.append(QPointF(local.right(), g["bottom"]))
        area.append(QPointF(local.left(), g["bottom"]))
        painter = QPainter(body)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setTransform(self._frame_now * QTransform.fromTranslate(-screen.x(), -screen.y()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.theme.bone_fill))
        painter.drawPolygon(area)
        painter.setPen(self._pens["outline"])
        painter.drawPolyline(surface)
        painter.drawLine(QPointF(local.left(), g["bottom"]), QPointF(local.right(), g["bottom"]))
        painter.end()
        return body

    def _paint_static(self) -> QPixmap:
        dpr = self._dpr()
        pix = QPixmap(self.size() * dpr)
        pix.setDevicePixelRatio(dpr)
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
        fixed = self._frame_now.map(fixed)
        painter.setPen(self._pens["outline"])
        painter.setBrush(QColor(theme.fixed_fill))
        painter.drawPath(fixed)
        hatch(painter, fixed, QColor(theme.anchor), max(8.0, 3 * theme.line_width), 1.0)
        labels = self.demo.labels_visible
        if labels:
            painter.setFont(self._fonts["label"])
            text = f"{t.fixed_bone}\n(fixed)"
            p = self._frame_now.map(QPointF(0, -0.5 * bw))
            high = painter.fontMetrics().boundingRect(QRect(0, 0, 1000, 1000), 0, text).height()
            box = QRectF(p.x() - 0.5 * bw, p.y() - high / 2 - 4, bw, high + 8)
            tight = painter.fontMetrics().boundingRect(
                box.toRect(), Qt.AlignmentFlag.AlignCenter, text
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.fixed_fill))
            painter.drawRoundedRect(QRectF(tight).adjusted(-8, -4, 8, 4), 6, 6)
            painter.setPen(QColor(DARK_TEXT))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            if t.concave_bone is not None:
                shape = "concave" if self._fixed_is_concave() else "convex"
                label = self._surface_name(shape)
                painter.drawPixmap(self._surface_name_at(label, top[0] - 40), label)
        if self._plane_moves() is False:  # on the fixed bone: still, clear of the moving one
            self._paint_plane(painter, QPointF(0, 0))
        self._paint_still_plane_label(painter)
        self._paint_direction_arrow(painter, labels)
        self._paint_inset(painter)
        self._paint_scale(painter)
        painter.end()
        return pix

    def _paint_bone(self, painter: QPainter, dx: int, dy: int) -> None:
        """The moving bone at a whole-pixel offset: a window of the body picture and
        its two sides."""
        g, frame = self._geometry, self._frame_now
        body = self._body_local
        window = QRectF(g["left"] + dx, body.top(), g["width"], body.height())
        source = frame.mapRect(window).translated(-self._body_origin.x(), -self._body_origin.y())
        source = device_rect(source, self._body.devicePixelRatio())
        painter.drawPixmap(frame.mapRect(window.translated(0, dy)), self._body, source)
        side, bottom = g["side"], g["bottom"] + dy
        for x in (g["left"] + dx, g["left"] + g["width"] + dx):
            top = self._top_at(x) + dy
            edge = QRectF(x - side / 2, top - side / 2, side, bottom - top + side)
            painter.fillRect(frame.mapRect(edge), self._outline_colour)

    def _riders(self, dx: int, dy: int) -> list[tuple[QPixmap, QPoint]]:
        """What moves with the bone (the plane, if the concave bone moves; labels), as
        pictures and their screen corners. The frame turns by right angles, so a whole
        local offset is a whole screen offset."""
        (a, b), (c, d) = self._turn
        shift = QPoint(a * dx + b * dy, c * dx + d * dy)
        return [(sprite, at + shift) for sprite, at in self._riders_at_rest]

    def _prepare_riders(self) -> list[tuple[QPixmap, QPoint]]:
        frame = self._frame_now
        self._turn = (
            (round(frame.m11()), round(frame.m21())),
            (round(frame.m12()), round(frame.m22())),
        )
        riders = []
        plane = self._paint_moving_plane()
        if plane is not None:
            riders.append(plane)
        if not self.demo.labels_visible:
            return riders
        t, bw = self.demo.technique, self._bone_width
        if t.concave_bone is not None:
            shape = "convex" if self._fixed_is_concave() else "concave"
            edge = float(self._surface()[0]) + GAP_PX
            label = self._surface_name(shape)
            riders.append((label, self._surface_name_at(label, edge + 40)))
        label = self._bone_name(f"{t.moving_bone}\n(moves)", bw)
        riders.append((label, self._label_rect(QPointF(0, 0.6 * bw), label).topLeft().toPoint()))
        return riders
