"""The movement diagram and the joint drawing show pain, the zone past L and the thrust."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from mobsim.model import Grade, band, load_library
from mobsim.model.joints import Condition, LimitingFactor
from mobsim.ui.theme import DEFAULT, PROJECTOR
from mobsim.ui.widgets import JointView, Markers, MovementDiagram

LIB = load_library()
KNEE = LIB.get("knee")


def pain_limited(limit=100.0, p1=40.0):
    return Condition.for_joint(KNEE, limit, None, p1, LimitingFactor.PAIN)


@pytest.fixture
def diagram(qtbot):
    view = MovementDiagram(DEFAULT)
    qtbot.addWidget(view)
    view.resize(640, 300)
    return view


def test_a_pain_limited_knee_is_drawn_pain_limited(diagram):
    cond = pain_limited()
    diagram.set_scene(KNEE, cond, band(Grade.II, KNEE, cond), Markers())
    px, py = diagram.pain.getData()
    rx, ry = diagram.resistance.getData()
    assert diagram.pain.isVisible()
    assert px[0] == pytest.approx(40.0) and px[-1] == pytest.approx(100.0)
    assert py[-1] == pytest.approx(1.0)  # pain reaches the top line at L ...
    assert ry[-1] < 1.0  # ... and resistance does not
    assert diagram.pain_tag.toPlainText() == "P2"
    assert diagram.resistance_tag.toPlainText() == "R"


def test_pain_that_does_not_limit_is_p_prime(diagram):
    cond = Condition.for_joint(KNEE, 100.0, 60.0, 70.0)
    diagram.set_scene(KNEE, cond, band(Grade.IV, KNEE, cond), Markers())
    _, py = diagram.pain.getData()
    _, ry = diagram.resistance.getData()
    assert ry[-1] == pytest.approx(1.0) and py[-1] < 1.0
    assert diagram.pain_tag.toPlainText() == "P′"
    assert diagram.resistance_tag.toPlainText() == "R2"


def test_no_pain_curve_without_p1(diagram):
    cond = KNEE.normal_condition()
    diagram.set_scene(KNEE, cond, band(Grade.III, KNEE, cond), Markers())
    assert not diagram.pain.isVisible() and not diagram.pain_tag.isVisible()


def test_the_zone_past_l_and_the_anatomical_limit_are_drawn(diagram):
    cond = KNEE.normal_condition()
    v = band(Grade.V, KNEE, cond)
    diagram.set_scene(KNEE, cond, v, Markers())
    lo, hi = diagram.zone.getRegion()
    assert lo == pytest.approx(cond.available_limit)
    assert hi == pytest.approx(KNEE.anatomical_limit)
    assert lo < v.high <= hi  # the thrust ends inside the zone, never past it
    assert diagram.line_anatomical.value() == pytest.approx(KNEE.anatomical_limit)
    assert diagram.line_anatomical.isVisible()
    x_min, x_max = diagram.viewRange()[0]
    assert x_max > KNEE.anatomical_limit  # the limit is on the plot, not off it


def test_grade_v_marks_its_impulse_and_says_thrust(diagram):
    cond = KNEE.normal_condition()
    v = band(Grade.V, KNEE, cond)
    diagram.set_scene(KNEE, cond, v, Markers())
    assert diagram.thrust_peak() == pytest.approx(v.high)
    assert "thrust" in diagram.band_label.toPlainText()
    iv = band(Grade.IV, KNEE, cond)
    diagram.set_band(iv)
    assert diagram.thrust_peak() is None


def test_into_pain_is_said_next_to_a_band_that_passes_p1(qtbot, diagram):
    cond = Condition.for_joint(KNEE, 100.0, 60.0, 70.0)
    iv = band(Grade.IV, KNEE, cond)
    assert iv.into_pain
    diagram.set_scene(KNEE, cond, iv, Markers())
    assert "into pain" in diagram.band_label.toPlainText()
    view = JointView(DEFAULT)
    qtbot.addWidget(view)
    view.resize(640, 520)
    view.set_scene(KNEE, cond, iv)
    texts = [text for text, _ in view.label_boxes()]
    assert "into pain" in texts and "P1 70°" in texts
    ii = band(Grade.II, KNEE, cond)
    view.set_scene(KNEE, cond, ii)
    assert "into pain" not in [text for text, _ in view.label_boxes()]


def test_the_joint_says_when_pain_limits_and_names_the_thrust(qtbot):
    view = JointView(DEFAULT)
    qtbot.addWidget(view)
    view.resize(640, 520)
    cond = pain_limited()
    view.set_scene(KNEE, cond, band(Grade.I, KNEE, cond))
    texts = [text for text, _ in view.label_boxes()]
    assert "L 100° (P2)" in texts
    normal = KNEE.normal_condition()
    view.set_scene(KNEE, normal, band(Grade.V, KNEE, normal))
    texts = [text for text, _ in view.label_boxes()]
    assert {"thrust", "para-phys. zone", "V"} <= set(texts)


def test_the_impulse_flash_shows_only_during_the_thrust(qtbot):
    view = JointView(DEFAULT)
    qtbot.addWidget(view)
    view.resize(640, 520)
    normal = KNEE.normal_condition()
    v = band(Grade.V, KNEE, normal)
    view.set_scene(KNEE, normal, v)
    centre, radius = view.arc_geometry()
    screen = np.radians(view.screen_angle(v.high))
    x = centre.x() + radius * np.cos(screen)
    y = centre.y() - radius * np.sin(screen)
    flash = DEFAULT.grade_colour(Grade.V)

    def colour_at_peak(angle):
        view.set_angle(angle)
        return view.grab().toImage().pixelColor(round(x), round(y)).name()

    assert colour_at_peak(v.low) != flash  # the preload hold at L: no mark
    assert colour_at_peak(v.high) == flash


ANGULAR = sorted(LIB.joints)


@pytest.mark.parametrize("joint_id", ANGULAR)
@pytest.mark.parametrize("theme", [DEFAULT, PROJECTOR], ids=["default", "projector"])
def test_the_curve_tags_at_l_stay_clear_of_l_and_its_tag(qtbot, joint_id, theme):
    """As wide as the diagram is in a 1280×800 window: the tags at L (R2 or R, P2 or
    P′) overlap neither each other, nor L's tag, nor the L line; A's and L's tags are
    not cut off by the plot's edges, and L's clears the zone's label past it."""
    joint = LIB.get(joint_id)
    view = MovementDiagram(theme)
    qtbot.addWidget(view)
    view.resize(560, 230)
    stiff = Condition.typical_stiff(joint)
    lim = stiff.available_limit
    p1 = stiff.start + 0.3 * (lim - stiff.start)
    for cond in (
        joint.normal_condition(),  # "L = B": the widest tag at L
        stiff,
        Condition.for_joint(joint, lim, None, p1),
        Condition.for_joint(joint, lim, None, p1, LimitingFactor.PAIN),
    ):
        view.set_scene(joint, cond, band(Grade.IV, joint, cond), Markers())
        view.grab()  # lay it out, then paint the tags where it put them
        view.grab()
        at_l = QPointF(cond.available_limit, 0)
        line_x = view.plotItem.vb.mapViewToScene(at_l).x()
        tags = [t for t in (view.resistance_tag, view.pain_tag) if t.isVisible()]
        boxes = [t.sceneBoundingRect() for t in tags]
        for tag, box in zip(tags, boxes, strict=True):
            assert box.right() < line_x, (tag.toPlainText(), box, line_x)
            assert not box.intersects(view.line_l.tag.sceneBoundingRect()), tag.toPlainText()
        if len(boxes) == 2:
            assert not boxes[0].intersects(boxes[1])
        inside = view.plotItem.vb.sceneBoundingRect()
        for line in (view.line_a, view.line_l):  # the tags at the axis's ends stay in view
            assert inside.contains(line.tag.sceneBoundingRect()), line.tag.toPlainText()
        zone = view.zone_label.sceneBoundingRect()  # "para-phys." beside L
        assert not view.line_l.tag.sceneBoundingRect().intersects(zone)
