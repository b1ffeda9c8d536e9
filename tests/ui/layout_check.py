"""Pairwise checks of the joint drawing's layout (used by test_joint_layout)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QPainterPath

from mobsim.ui.widgets.joint_anatomy import anatomy_of
from mobsim.ui.widgets.joint_layout import JointScene, fit, mobilise_rect
from mobsim.ui.widgets.label_space import crosses

_ANATOMY = {}
_GEOMETRY = {}


def build(scene: JointScene, size: tuple[int, int]):
    joint = scene.joint
    if joint.id not in _ANATOMY:
        _ANATOMY[joint.id] = anatomy_of(joint)
    return fit(scene, _ANATOMY[joint.id], size, QFont(), _GEOMETRY)


def _gap(rect: QRectF, point: QPointF) -> float:
    dx = max(rect.left() - point.x(), 0.0, point.x() - rect.right())
    dy = max(rect.top() - point.y(), 0.0, point.y() - rect.bottom())
    return math.hypot(dx, dy)


def _nearest(rect: QRectF, point: QPointF) -> QPointF:
    x = min(max(point.x(), rect.left()), rect.right())
    y = min(max(point.y(), rect.top()), rect.bottom())
    return QPointF(x, y)


def problems(scene: JointScene, size: tuple[int, int]) -> list[str]:
    """Every overlap a student would see, at the band's low end, centre and high end."""
    geo, lay = build(scene, size)
    out = []
    inside = QRectF(0, 0, *size)
    labels = [(label.text, label.rect, label.filled) for label in lay.labels]
    for i, (a, ra, _) in enumerate(labels):
        if not inside.contains(ra):
            out.append(f"{a!r} leaves the view")
        for b, rb, _ in labels[i + 1 :]:
            if ra.intersects(rb):
                out.append(f"{a!r} overlaps {b!r}")
    fixed = _Shape(geo.fixed_bone.united(geo.clamp_block).united(geo.clamp_band))
    for text, rect, _ in labels:
        if fixed.intersects(rect):
            out.append(f"{text!r} covers the stabilised bone")
    bench = geo.clamp_block.united(geo.clamp_band).boundingRect()
    for label in lay.labels:  # it names the bone it stands by, or a line leads there
        if label.text.startswith("stabilised") and label.leader is None:
            away = _gap(label.rect, _nearest(bench, label.rect.center()))
            if away > QFontMetricsF(label.font).height() / 2:
                out.append(f"{label.text!r} floats {away:.0f} px from its bench, with no leader")
        if label.text.startswith("stabilised") and label.leader is not None:
            others = [(o.text, o.rect) for o in lay.labels if o is not label]
            for text, rect in [*others, ("read-out", lay.readout_rect)]:
                if crosses(*label.leader, rect.adjusted(1, 1, -1, -1)):
                    out.append(f"{label.text!r}'s leader runs through {text!r}")
    band = scene.band
    angles = [band.low, band.centre, band.high] if band is not None else []
    if band is None:
        angles = [scene.condition.start, scene.condition.available_limit]
    for angle in angles:
        screen = scene.screen_angle(angle)
        place = geo.placed(screen)
        bone = _Shape(place.map(geo.bone_fill))
        arrow = _Shape(place.map(geo.arrow))
        tail = place.map(geo.arrow_tail)
        at = f" at {angle:.1f}°"
        for text, rect, _ in labels:
            if bone.intersects(rect):
                out.append(f"{text!r} covers the moving bone{at}")
            if arrow.intersects(rect):
                out.append(f"{text!r} covers the arrow{at}")
        if not scene.labels_visible:
            continue
        readout, mobilise = lay.readout_rect, mobilise_rect(lay, geo, screen)
        moving = [("read-out", readout), ("mobilise", mobilise)]
        if readout.intersects(mobilise):
            out.append(f"read-out overlaps mobilise{at}")
        for name, rect in moving:
            if not inside.contains(rect):
                out.append(f"{name} leaves the view{at}")
            if arrow.intersects(rect):
                out.append(f"{name} covers the arrow{at}")
            if bone.intersects(rect):
                out.append(f"{name} covers the moving bone{at}")
            if fixed.intersects(rect):
                out.append(f"{name} covers the stabilised bone{at}")
            for text, r, _ in labels:
                if rect.intersects(r):
                    out.append(f"{name} overlaps {text!r}{at}")
        if _gap(mobilise, tail) > mobilise.height():
            out.append(f"mobilise is {_gap(mobilise, tail):.0f} px from its arrow{at}")
    return out


class _Shape:
    """A path with its bounding box, so most misses cost one rect test."""

    def __init__(self, path: QPainterPath):
        self.path, self.box = path, path.boundingRect()

    def intersects(self, rect: QRectF) -> bool:
        return self.box.intersects(rect) and self.path.intersects(rect)


def leader_crossings(scene: JointScene, size: tuple[int, int]) -> list[str]:
    """Every leader that runs through another label or the read-out."""
    _, lay = build(scene, size)
    out = []
    boxes = [(label.text, label.rect) for label in lay.labels]
    boxes.append(("read-out", lay.readout_rect))
    for label in lay.labels:
        if label.leader is None:
            continue
        for text, rect in boxes:
            if text != label.text and crosses(*label.leader, rect.adjusted(1, 1, -1, -1)):
                out.append(f"{label.text!r}'s leader runs through {text!r}")
    return out
