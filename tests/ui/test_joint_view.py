"""JointView: what a student sees on the joint (band, needle, read-out, labels)."""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from mobsim.model import Condition, Grade, band, load_library
from mobsim.ui.theme import DEFAULT, PROJECTOR
from mobsim.ui.widgets import joint_widget
from mobsim.ui.widgets.joint_widget import JointView

LIBRARY = load_library()


@pytest.fixture
def knee():
    return LIBRARY.get("knee")


def make_view(qtbot, joint, condition, grade=Grade.IV, theme=DEFAULT, size=(640, 520)):
    view = JointView(theme)
    qtbot.addWidget(view)
    view.resize(*size)
    view.set_scene(joint, condition, band(grade, joint, condition) if grade else None)
    return view


def pixel(image, x: float, y: float) -> QColor:
    return image.pixelColor(round(x), round(y))


def near(colour: QColor, target: QColor, tolerance: int = 12) -> bool:
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(colour.getRgb()[:3], target.getRgb()[:3], strict=True)
    )


def on_arc(view, image, angle_deg: float, radius_fraction: float = 1.0) -> list[QColor]:
    """Colours in a small patch on the arc at a joint angle."""
    centre, radius = view.arc_geometry()
    screen = math.radians(view.screen_angle(angle_deg))
    colours = []
    for dr in (-2, -1, 0, 1, 2):
        r = radius * radius_fraction + dr
        colours.append(
            pixel(image, centre.x() + r * math.cos(screen), centre.y() - r * math.sin(screen))
        )
    return colours


# ------------------------------------------------------------------ the band


def painted_band(view, grade: Grade, theme=DEFAULT) -> tuple[float, float]:
    """The joint angles over which the grade's colour is painted on the arc, read from
    the pixels every quarter degree between A and the anatomical limit."""
    image = view.grab().toImage()
    colour = QColor(theme.grade_colour(grade))
    joint = view.scene().joint
    steps = round((joint.anatomical_limit - joint.start) * 4)
    angles = [joint.start + i / 4 for i in range(steps + 1)]
    hits = [a for a in angles if sum(near(c, colour) for c in on_arc(view, image, a)) >= 3]
    assert hits, "the band is not painted on the arc"
    return min(hits), max(hits)


def test_the_painted_band_is_the_models_band_for_knee_iv_stiff_at_90(qtbot, knee):
    condition = knee.stiff_condition(90)
    view = make_view(qtbot, knee, condition)
    view.set_angle(20)  # the bone and the needle well away from the band
    expected = band(Grade.IV, knee, condition)
    low, high = painted_band(view, Grade.IV)
    # Within a degree: the bar's ends are anti-aliased, and the ticks cover them.
    assert low == pytest.approx(expected.low, abs=1.0)
    assert high == pytest.approx(expected.high, abs=1.0)
    # Grade IV sits near L = 90°, not near B = 130°.
    assert 80 <= low < high <= 91


def test_the_painted_band_follows_set_scene_when_the_limit_changes(qtbot, knee):
    view = make_view(qtbot, knee, knee.stiff_condition(90))
    view.set_angle(20)
    before = painted_band(view, Grade.IV)
    stiffer = knee.stiff_condition(70)
    view.set_scene(knee, stiffer, band(Grade.IV, knee, stiffer))
    low, high = painted_band(view, Grade.IV)
    assert (low, high) != before
    assert low == pytest.approx(band(Grade.IV, knee, stiffer).low, abs=1.0)
    assert high == pytest.approx(70, abs=1.0)


def test_hidden_band_returns_none_and_comes_back(qtbot, knee):
    view = make_view(qtbot, knee, knee.stiff_condition(90))
    view.set_band_visible(False)
    assert view.band_span() is None
    assert "IV" not in [text for text, _ in view.label_boxes()]
    view.set_band_visible(True)
    assert view.band_span() is not None
    assert "IV" in [text for text, _ in view.label_boxes()]


def test_no_band_when_scene_has_none(qtbot, knee):
    view = make_view(qtbot, knee, knee.normal_condition(), grade=None)
    assert view.band_span() is None
    view.grab()  # paints without a band


def test_band_pixels_sit_at_the_band_not_at_the_other_end_of_the_range(qtbot, knee):
    condition = knee.stiff_condition(90)
    view = make_view(qtbot, knee, condition)
    grade_iv = band(Grade.IV, knee, condition)
    view.set_angle(45)  # the bone well away from both ends
    image = view.grab().toImage()
    colour = QColor(DEFAULT.grade_colour(Grade.IV))

    at_band = on_arc(view, image, grade_iv.centre)
    assert any(near(c, colour) for c in at_band), at_band
    opposite = condition.start + (grade_iv.centre - grade_iv.low)  # same distance from A
    at_start = on_arc(view, image, opposite)
    assert not any(near(c, colour) for c in at_start), at_start
    # The translucent sector inside the arc is tinted towards the grade colour too.
    tint = QColor(DEFAULT.background)
    alpha = DEFAULT.band_alpha / 255
    expected = QColor(
        *(
            round(b * (1 - alpha) + g * alpha)
            for b, g in zip(tint.getRgb()[:3], colour.getRgb()[:3], strict=True)
        )
    )
    inside = on_arc(view, image, grade_iv.centre, 0.6)
    assert any(near(c, expected, 16) for c in inside), inside
    assert not any(near(c, expected, 16) for c in on_arc(view, image, opposite, 0.6))


# ------------------------------------------------------------------ needle and angles


def test_set_angle_changes_the_readout(qtbot, knee):
    view = make_view(qtbot, knee, knee.normal_condition())
    view.set_angle(87.34)
    assert view.readout_text() == "87.3°"
    view.set_angle(12)
    assert view.readout_text() == "12.0°"
    view.set_angle(-0.01)
    assert view.readout_text() == "0.0°"


def test_set_angle_repaints_without_rebuilding_the_static_layers(qtbot, knee, monkeypatch):
    view = make_view(qtbot, knee, knee.normal_condition())
    first = view.grab().toImage()
    static_paints = []
    real = joint_widget.paint_under
    monkeypatch.setattr(joint_widget, "paint_under", lambda *a: static_paints.append(1) or real(*a))
    view.set_angle(100)
    second = view.grab().toImage()
    assert static_paints == []  # the cached static layer was reused
    assert first != second  # but the bone and the needle moved
    layouts = view.builds["layout"]
    view.set_scene(knee, knee.stiff_condition(90), None)
    third = view.grab().toImage()
    assert view.builds["layout"] == layouts + 1  # a new condition lays the frame out again
    assert third != second
    view.set_theme(PROJECTOR)
    view.grab()
    assert static_paints == [1]  # a new theme repaints the background: the check can fail


def test_screen_angle_follows_the_presets_direction(qtbot, knee):
    elbow = LIBRARY.get("elbow")
    assert knee.orientation.direction == -1 and elbow.orientation.direction == 1
    view = make_view(qtbot, knee, knee.normal_condition())
    assert view.screen_angle(0) == pytest.approx(knee.orientation.moving_zero_deg)
    assert view.screen_angle(90) == pytest.approx(knee.orientation.moving_zero_deg - 90)
    view.set_scene(elbow, elbow.normal_condition(), None)
    assert view.screen_angle(90) == pytest.approx(elbow.orientation.moving_zero_deg + 90)


# ------------------------------------------------------------------ labels


def label_texts(view) -> list[str]:
    return [text for text, _ in view.label_boxes()]


def test_stiff_knee_shows_a_l_b_r1_p1_lost_range_and_stabilised(qtbot, knee):
    condition = Condition.for_joint(knee, available_limit=90, pain_onset=40)
    view = make_view(qtbot, knee, condition)
    assert set(label_texts(view)) == {
        "stabilised femur",
        "IV",
        "A 0°",
        "L 90°",
        "B 130°",
        "R1 54°",
        "P1 40°",
        "lost range",
        "into pain",  # IV passes P1 = 40°
    }


def test_normal_joint_says_l_equals_b(qtbot, knee):
    view = make_view(qtbot, knee, knee.normal_condition())
    assert "L = B 130°" in label_texts(view)
    assert "lost range" not in label_texts(view)
    view.set_markers(b=False)
    assert "L 130°" in label_texts(view)


def test_markers_hide_their_labels(qtbot, knee):
    condition = Condition.for_joint(knee, available_limit=90, pain_onset=40)
    view = make_view(qtbot, knee, condition)
    view.set_markers(a=False, r1=False, p1=False)
    texts = label_texts(view)
    assert not any(t.startswith(("A ", "R1 ", "P1 ")) for t in texts)
    assert "L 90°" in texts and "B 130°" in texts


def test_labels_hidden_hides_every_text(qtbot, knee):
    view = make_view(qtbot, knee, knee.stiff_condition(90))
    view.grab()
    assert view.readout_rect() is not None
    view.set_labels_visible(False)
    view.grab()
    assert view.label_boxes() == []
    assert view.readout_rect() is None
    assert view.band_span() is not None  # the band itself stays


def test_grade_label_uses_the_modifier(qtbot, knee):
    from mobsim.model import Convention, GradeChoice

    condition = knee.stiff_condition(90)
    view = JointView(DEFAULT)
    qtbot.addWidget(view)
    view.resize(640, 520)
    choice = GradeChoice.parse("IV+")
    view.set_scene(knee, condition, band(choice, knee, condition, Convention.RESISTANCE))
    assert "IV+" in label_texts(view)


def test_projector_text_is_at_least_18_px(qtbot, knee):
    view = make_view(qtbot, knee, knee.normal_condition(), theme=PROJECTOR, size=(1200, 900))
    assert view.label_pixel_size() >= 18
    view.resize(640, 520)
    assert view.label_pixel_size() >= 18


SIZES = [(320, 260), (640, 520), (1200, 900)]


@pytest.mark.parametrize("theme", [DEFAULT, PROJECTOR], ids=lambda t: t.name)
def test_labels_never_overlap_or_leave_the_widget(qtbot, theme):
    view = JointView(theme)
    qtbot.addWidget(view)
    for joint, stiff, size in itertools.product(LIBRARY.joints.values(), (False, True), SIZES):
        limit = joint.start + 0.6 * joint.normal_range if stiff else None
        condition = Condition.for_joint(joint, available_limit=limit)
        grade_iv = band(Grade.IV, joint, condition)
        view.resize(*size)
        view.set_scene(joint, condition, grade_iv)
        view.set_angle(grade_iv.centre)
        view.grab()
        boxes = view.label_boxes()
        where = f"{joint.id} stiff={stiff} {size}"
        inside = QRectF(0, 0, *size)
        for (a, ra), (b, rb) in itertools.combinations(boxes, 2):
            assert not ra.intersects(rb), f"{where}: '{a}' overlaps '{b}'"
        for text, rect in boxes:
            assert inside.contains(rect), f"{where}: '{text}' is clipped"
        assert inside.contains(view.readout_rect()), f"{where}: read-out clipped"
        texts = [text for text, _ in boxes]
        # The grade and the limit always find a place.
        assert "IV" in texts, where
        assert any(t.startswith("L") for t in texts), where


# ------------------------------------------------------------------ accessibility


def test_accessible_description_follows_scene_and_angle(qtbot, knee):
    view = make_view(qtbot, knee, knee.stiff_condition(90))
    assert view.accessibleName()
    view.set_angle(86.6)
    text = view.accessibleDescription()
    assert "Knee" in text and "Grade IV" in text and "87°" in text and "L 90°" in text
    view.set_band_visible(False)
    assert "Grade IV" not in view.accessibleDescription()
    view.set_markers(l=False)
    assert "L 90°" not in view.accessibleDescription()


def test_every_preset_draws(qtbot):
    view = JointView(DEFAULT)
    qtbot.addWidget(view)
    view.resize(480, 400)
    for joint in LIBRARY.joints.values():
        condition = joint.normal_condition()
        view.set_scene(joint, condition, band(Grade.V, joint, condition))
        view.set_angle(joint.anatomical_limit)
        assert not view.grab().isNull(), joint.id
