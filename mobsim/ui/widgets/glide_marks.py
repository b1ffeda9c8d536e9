"""The glide view's marks: its text, the treatment plane, the direction arrow, the scale
bar and the inset of the physiological motion (the concave–convex rule's roll arrow).

A mixin of `GlideView`, kept apart so neither file grows past what one reader holds:
these paint the still picture's annotations and the few sprites that move with the
bone (the plane on a moving concave surface, the inset's swinging segment). Every
fact drawn is asked of the model (`mobsim.model.arthrokinematics`, the technique).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPixmap, QPolygonF

from mobsim.model import arthrokinematics as rule

DARK_TEXT = "#1e2126"  # labels on the light bone fills, in every theme


class GlideMarks:
    """Text, plane, arrows and inset for `GlideView` (which provides the geometry:
    `theme`, `demo`, `_frame_now`, `_bone_width`, `_surface`, `_picture`, …)."""

    # ------------------------------------------------------------ text
    def _font(self, factor: float = 1.0, bold: bool = False) -> QFont:
        f = QFont()
        f.setPointSizeF(self.theme.font_pt * factor)
        f.setBold(bold)
        return f

    def _label(self, text: str, font: QFont, colour: str, width: float) -> QPixmap:
        """Text rendered once into a picture sized to it, then only copied: text layout
        every frame would cost more than the rest of the drawing."""
        key = (text, width, font.toString(), colour)
        label = self._labels.get(key)
        if label is None:
            flags = Qt.AlignmentFlag.AlignCenter  # lines break where the text says
            box = QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1000), flags, text)
            size = QRectF(0, 0, max(width, box.width()) + 4, box.height() + 4)
            dpr = self.devicePixelRatioF()
            label = QPixmap(math.ceil(size.width() * dpr), math.ceil(size.height() * dpr))
            label.setDevicePixelRatio(dpr)
            label.fill(Qt.GlobalColor.transparent)
            inner = QPainter(label)
            inner.setFont(font)
            inner.setPen(QColor(colour))
            inner.drawText(size, flags, text)
            inner.end()
            self._labels[key] = label
        return label

    def _label_rect(self, local: QPointF, label: QPixmap) -> QRectF:
        """Where a label centred on a point of the (possibly turned) local frame goes."""
        p = self._frame_now.map(local)
        dpr = label.devicePixelRatio()
        w, h = label.width() / dpr, label.height() / dpr
        x = min(max(p.x() - w / 2, 2.0), self.width() - w - 2.0)  # never off the edge
        return QRectF(round(x), round(p.y() - h / 2), w, h)

    def _text(self, painter: QPainter, local: QPointF, label: QPixmap) -> None:
        painter.drawPixmap(self._label_rect(local, label).topLeft(), label)

    # ------------------------------------------------------------ treatment plane
    def _plane_moves(self) -> bool | None:
        """None: no plane drawn (spinal); else whether it rides on the moving bone."""
        if self.demo.technique.region == "spinal":
            return None
        return not self._fixed_is_concave()

    def _paint_plane(self, painter: QPainter, shift: QPointF, line: bool = True) -> None:
        """The plane's dashed line (unless `line` is False) and, where it rides with
        it, its label; a label that stays put is painted by `_paint_still_plane_label`."""
        if line:
            start, end = self._plane_line()
            painter.setPen(self._pens["plane"])
            painter.drawLine(start + shift, end + shift)
        placed = self._plane_label()
        if placed is not None and not placed[2]:
            label, rect, _ = placed
            painter.drawPixmap(rect.topLeft() + shift, label)

    def _plane_line(self) -> tuple[QPointF, QPointF]:
        """The plane's line on screen, stopped short of the inset at every point of
        its travel (it ran through the inset's text)."""
        start, end, _ = self._plane_at()
        a, b = sorted((self._frame_now.map(start), self._frame_now.map(end)), key=QPointF.x)
        inset = self.inset_box().adjusted(-8, -8, 8, 8)
        stop = inset.left() - self._plane_travel_px()
        level = min(a.y(), b.y()) <= inset.bottom() and max(a.y(), b.y()) >= inset.top()
        if level and b.x() > stop > a.x():
            b = a + (b - a) * ((stop - a.x()) / (b.x() - a.x()))
        return a, b

    def plane_line(self, translation_mm: float = 0.0) -> QLineF | None:
        """The treatment plane's line on screen at a translation (None: no plane)."""
        if self._plane_moves() is None:
            return None
        self._ensure_prepared()
        line = QLineF(*self._plane_line())
        if self._plane_moves():  # it rides on the moving bone
            moved = self.moving_bone_box(translation_mm).topLeft()
            line.translate(moved - self.moving_bone_box(0.0).topLeft())
        return line

    def _paint_still_plane_label(self, painter: QPainter) -> None:
        """The label of a plane that glides along itself, in the still picture: right of
        the bones, above the plane's line, which runs on under it through the glide."""
        placed = self._plane_label()
        if placed is not None and placed[2]:
            painter.drawPixmap(placed[1].topLeft(), placed[0])

    def _plane_name_cap(self) -> float:
        """The widest bones (px) that leave the plane's name, on two lines at the
        smallest step `_plane_label` tries, room between them and the inset; never
        below 0.3 of the view's width (then the name rides with the plane)."""
        font = self._font(0.95 * 0.7)
        needed = QFontMetricsF(font).horizontalAdvance("treatment") + 4 + 12 + 8  # + rounding
        # The bones are centred at 0.34 of the width, the inset starts at 0.69.
        return max(2 * (0.35 * self.width() - needed), 0.3 * self.width())

    def plane_label_box(self) -> tuple[QRectF, bool] | None:
        """(where the treatment plane's name is painted at rest, whether it stays put
        through the glide); None when it is not shown."""
        self._ensure_prepared()
        placed = self._plane_label()
        return None if placed is None else (QRectF(placed[1]), placed[2])

    def _plane_label(self) -> tuple[QPixmap, QRectF, bool] | None:
        """(label, where, stays) for the treatment plane's name; None when not shown.

        A plane on a gliding bone moves along itself: its name stands still beside the
        bones, above the line, on one line or two, where the room before the inset holds
        it (the line never leaves it: a glide carries the line towards the inset). Else
        the name rides with the plane, clear of the inset at every point of its travel.
        """
        if not self.demo.labels_visible or self._plane_moves() is None:
            return None
        font, colour = self._fonts["small"], self.theme.resistance
        start, end, where = self._plane_at()
        inset = self.inset_box()
        gliding = self._plane_moves() and not self.demo.technique.is_traction
        if gliding and not self.turned:
            bw = self._bone_width_now
            side = self._frame_now.map(QPointF(0.5 * bw, start.y()))
            room = inset.left() - 6 - (side.x() + 6)
            # One line, else two, in smaller text at large sizes: never on the joint line.
            for label in (
                self._fitting_label("treatment plane", font, colour, room, (1.0,)),
                self._fitting_label("treatment\nplane", font, colour, room),
            ):
                w = label.width() / label.devicePixelRatio()
                h = label.height() / label.devicePixelRatio()
                if w <= room:
                    # Above the moving bone's highest edge, which slides on under it.
                    highest = self._frame_now.map(QPointF(0, self._geometry["top_min"])).y()
                    top = min(side.y(), highest - self._geometry["margin"]) - 4 - h
                    return label, QRectF(round(side.x() + 6), round(top), w, h), True
        label = self._label("treatment plane", font, colour, 150)
        return label, self._plane_label_rect(where, label), False

    def _plane_label_rect(self, where: QPointF, label: QPixmap) -> QRectF:
        """The plane's label, left of the inset: where the plane rides on a gliding
        bone, at every point of its travel."""
        rect = self._label_rect(where, label)
        reach = rect.adjusted(0, 0, self._plane_travel_px(), 0)
        inset = self.inset_box()
        if reach.intersects(inset):
            rect.moveRight(inset.left() - 6 - (reach.right() - rect.right()))
        return rect

    def _plane_travel_px(self) -> float:
        """How far right the plane's label may be carried (a glide on a moving plane)."""
        if not self._plane_moves() or self.demo.technique.is_traction:
            return 0.0
        travel = abs(self.demo.technique.anatomical_limit * self.px_per_mm)
        return min(travel, getattr(self, "_travel_px", travel))

    def _paint_moving_plane(self) -> tuple[QPixmap, QPoint] | None:
        """The plane on a moving concave bone: painted once, copied to where it is."""
        if not self._plane_moves():
            return None
        start, end = self._plane_line()
        grow = self._pens["plane"].widthF() + 2
        box = QRectF(start, end).normalized()
        box = box.adjusted(-grow, -grow, grow, grow)
        placed = self._plane_label()
        if placed is not None and not placed[2]:
            box = box.united(placed[1])
        box = box.toAlignedRect()
        sprite = self._picture(box.size())
        painter = QPainter(sprite)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._paint_plane(painter, QPointF(-box.x(), -box.y()))
        painter.end()
        return sprite, box.topLeft()

    # ------------------------------------------------------------ inset
    def inset_box(self) -> QRectF:
        """Where the inset of the physiological motion is drawn (widget px)."""
        w, h = self.width(), self.height()
        return QRectF(w * 0.69, h * 0.03, w * 0.30, h * 0.56)

    def _prepare_lever(self) -> None:
        box = self.inset_box()
        r = min(box.width(), box.height()) * 0.11
        self._lever_r = r
        self._lever_centre = QPointF(box.center().x(), box.top() + box.height() * 0.42)
        self._levers: dict[int, tuple[QPixmap, QPoint]] = {}

    def _lever_step(self, mm: float) -> int | None:
        """The inset's moving segment swings with the glide, in steps of a quarter
        degree (None: no roll to show, as in traction or a spinal PA)."""
        t = self.demo.technique
        if t.roll is None:
            return None
        swing = 40.0 * min(max(mm / max(t.available_mm, 1e-9), 0.0), 1.2)
        return round(4 * (-90 + _roll_sign(t.roll) * swing))

    def _lever(self, step: int) -> tuple[QPixmap, QPoint]:
        """The segment at one angle, painted once and kept (it sweeps a few dozen)."""
        cached = self._levers.get(step)
        if cached is not None:
            return cached
        angle = math.radians(step / 4)
        c, r = self._lever_centre, self._lever_r
        tip = QPointF(c.x() + 2.8 * r * math.cos(angle), c.y() - 2.8 * r * math.sin(angle))
        grow = 0.7 * r + 4  # the hub's radius, and its outline
        box = QRectF(c, tip).normalized().adjusted(-grow, -grow, grow, grow).toAlignedRect()
        sprite = self._picture(box.size())
        painter = QPainter(sprite)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.translate(-box.x(), -box.y())
        for colour, width in (
            (self.theme.bone_outline, 0.8 * r + 3),
            (self.theme.bone_fill, 0.8 * r),
        ):
            lever = QPen(QColor(colour), width)  # outlined, so it shows on light themes
            lever.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(lever)
            painter.drawLine(c, tip)
        painter.setPen(QPen(QColor(self.theme.bone_outline), 1.5))
        painter.setBrush(QColor(self.theme.fixed_fill))
        painter.drawEllipse(c, 0.7 * r, 0.7 * r)
        painter.end()
        self._levers[step] = (sprite, box.topLeft())
        return self._levers[step]

    # ------------------------------------------------------------ still parts
    def _paint_scale(self, painter: QPainter) -> None:
        theme, demo = self.theme, self.demo
        painter.setFont(self._fonts["small"])
        painter.setPen(QColor(theme.muted_text))
        shown = demo.labels_visible and not demo.mystery
        label = demo.grade_label if shown else "grade hidden"
        # Left of the inset, on two lines or in smaller text where large text needs it.
        metrics = QFontMetricsF(self._fonts["small"])
        top = 16 + theme.font_pt * 4.0 - metrics.ascent()
        room = QRectF(12, top, self.inset_box().left() - 20, 2 * metrics.lineSpacing() + 2)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        text = f"{label}  ·  available translation L = {demo.limit:g} mm"
        self._fitted_text(painter, room, flags, text, 0.95)
        painter.setFont(self._fonts["small"])
        # A scale bar, so "magnified" has a number.
        y = self.height() - 16
        bar = self.px_per_mm
        painter.setPen(QPen(QColor(theme.text), 2))
        painter.drawLine(QPointF(12, y), QPointF(12 + bar, y))
        painter.drawText(QPointF(18 + bar, y + 5), "1 mm  (schematic, magnified)")

    def _fitting_label(
        self, text: str, font: QFont, colour: str, room: float, steps=(1.0, 0.85, 0.7)
    ) -> QPixmap:
        """`text` at the first of these text sizes that is no wider than `room` px (at
        the last one if none is): large text steps down instead of running over."""
        for step in steps:
            face = QFont(font)
            face.setPointSizeF(font.pointSizeF() * step)
            label = self._label(text, face, colour, 0)
            if label.width() / label.devicePixelRatio() <= room:
                break
        return label

    def _bone_name(self, text: str, bw: float) -> QPixmap:
        """The moving bone's name, in text small enough to stay inside the bone."""
        return self._fitting_label(
            text, self._fonts["label"], DARK_TEXT, bw - 8, (1.0, 0.9, 0.8, 0.7)
        )

    def _surface_name(self, shape: str) -> QPixmap:
        """ "convex" or "concave", in text small enough for the room left of the bones."""
        room = self._frame_now.map(QPointF(-0.5 * self._bone_width, 0)).x() - 12
        if self.turned:  # the name stands above or below the bones: room enough
            room = float("inf")
        return self._fitting_label(shape, self._fonts["small"], self.theme.muted_text, room)

    def _surface_name_at(self, label: QPixmap, y: float) -> QPoint:
        """Where "convex"/"concave" goes: its right end a gap left of the bones, at local
        height y (centred there in a turned view)."""
        x = -0.5 * self._bone_width - 50
        if not self.turned:
            x = -0.5 * self._bone_width - 8 - label.width() / label.devicePixelRatio() / 2
        return self._label_rect(QPointF(x, y), label).topLeft().toPoint()

    def _paint_direction_arrow(self, painter: QPainter, labels: bool) -> None:
        theme, t = self.theme, self.demo.technique
        bw = self._bone_width
        frame = self._frame_now
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
        if not labels:
            return
        ahead = self._label(text, self._font(1.0, bold=True), theme.arrow, 0)
        flat = not (t.is_traction or self.turned or t.region == "spinal")
        gap = 10 + 2 * theme.line_width
        if flat:  # each name starts a gap from its end of the arrow, at any text size
            at = QPointF(end.x() + gap + ahead.width() / ahead.devicePixelRatio() / 2, end.y())
        self._text(painter, at, ahead)
        if not t.is_traction and t.region != "spinal":
            back = self._label(
                rule.OPPOSITE.get(t.direction, ""), self._font(1.0, bold=True), theme.muted_text, 0
            )
            where = QPointF(-0.8 * bw, 0.8 * bw)  # turned: above the moving bone
            if flat:
                half = back.width() / back.devicePixelRatio() / 2
                where = QPointF(start.x() - gap - half, start.y())
            self._text(painter, where, back)

    def _fitted_text(
        self, painter: QPainter, rect: QRectF, flags, text: str, factor: float, bold=False
    ) -> None:
        """Wrapped text in its box, the font stepped down (to 60 %) until it fits: a
        large theme scale never lets one block run into the next."""
        for step in (1.0, 0.9, 0.8, 0.7, 0.6):
            font = self._font(factor * step, bold=bold)
            box = QFontMetricsF(font).boundingRect(rect, int(flags), text)
            if box.height() <= rect.height():
                break
        painter.setFont(font)
        painter.drawText(rect, flags, text)

    def _paint_inset(self, painter: QPainter) -> None:
        """The physiological motion the technique serves, with the roll arrow (the still
        parts; `_paint_lever` adds the moving segment each frame)."""
        theme, t = self.theme, self.demo.technique
        box = self.inset_box()
        r, centre = self._lever_r, self._lever_centre
        roll = t.roll
        sign = _roll_sign(roll)
        painter.setPen(QPen(QColor(theme.grid), 1))
        painter.setBrush(QColor(theme.panel))
        painter.drawRoundedRect(box, 8, 8)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.setPen(QColor(theme.text))
        head = QRectF(box.left() + 8, box.top() + 6, box.width() - 16, box.height() * 0.22)
        self._fitted_text(painter, head, flags, f"serves: {t.serves}", 0.95, bold=True)
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
                "traction: a translation, no roll; grades I–II for pain, "
                "III (Maitland: III–IV) to stretch the capsule"
                if t.is_traction
                else "not derived by the concave–convex rule"
            )
            painter.setPen(QColor(theme.muted_text))
            self._fitted_text(painter, foot, flags, note, 0.85)
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
        half = foot.height() * 0.5
        self._fitted_text(
            painter,
            QRectF(foot.left(), foot.top(), foot.width(), half),
            flags,
            f"roll {roll}, glide {t.direction}: "
            f"{'concave moves, same direction' if same else 'convex moves, opposite direction'}",
            0.85,
        )
        painter.setPen(QColor(theme.muted_text))
        caveat = QRectF(foot.left(), foot.top() + half, foot.width(), half)
        self._fitted_text(
            painter,
            caveat,
            flags,
            "the rule is a teaching aid, not a law (Johnson et al. 2007)",
            0.85,
        )


def _arrow(painter: QPainter, start: QPointF, end: QPointF, head: float) -> None:
    painter.drawLine(start, end)
    angle = math.atan2(end.y() - start.y(), end.x() - start.x())
    left = QPointF(end.x() - head * math.cos(angle - 0.45), end.y() - head * math.sin(angle - 0.45))
    right = QPointF(
        end.x() - head * math.cos(angle + 0.45), end.y() - head * math.sin(angle + 0.45)
    )
    painter.drawPolygon(QPolygonF([end, left, right]))


def _roll_sign(roll: str | None) -> float:
    """Which way the inset's segment swings for a roll (screen convention)."""
    return 1.0 if roll in ("posterior", "superior", "volar", "cranial", "medial") else -1.0
