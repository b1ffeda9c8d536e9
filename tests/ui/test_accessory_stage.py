"""The accessory views: what a lecturer sees for a glide, traction, L3 PA and Kaltenborn."""

import pytest

from mobsim.model import load_library
from mobsim.model.accessory_demo import KALTENBORN, AccessoryDemo
from mobsim.model.grades import band
from mobsim.model.kaltenborn import Zones
from mobsim.ui.theme import DEFAULT
from mobsim.ui.widgets.accessory_stage import AccessoryStage

LIBRARY = load_library()


@pytest.fixture
def make(qtbot):
    def build(technique_id, grade=3, grading="maitland", compare=False):
        demo = AccessoryDemo(LIBRARY.techniques[technique_id], grading=grading)
        demo.set_grade(grade)
        demo.compare = compare
        stage = AccessoryStage(demo, LIBRARY, DEFAULT)
        qtbot.addWidget(stage)
        stage.resize(1280, 760)
        stage.show()
        qtbot.waitExposed(stage)
        stage.rebuild()
        for _ in range(90):
            demo.step(1 / 60)
            stage.render()
        return demo, stage

    return build


def test_glide_moves_the_bone_parallel_to_the_plane(make):
    demo, stage = make("knee-posterior-glide", grade=3)
    dx, dy = stage.glide.offset_px(demo.translation)
    assert dy == 0 and dx == pytest.approx(demo.translation * stage.glide.px_per_mm)
    b = demo.band
    assert stage.diagram.band_region() == pytest.approx((b.low, b.high))
    assert stage.diagram.needle_angle() == pytest.approx(demo.translation)
    assert stage.diagram.line_r1.tag.toPlainText() == "R1 (toe ends)"
    assert not stage.force.isVisible()


def test_traction_separates_perpendicular_to_the_plane(make):
    demo, stage = make("hip-traction", grade=4)
    dx, dy = stage.glide.offset_px(demo.translation)
    assert dx == 0 and dy > 0


def test_l3_pa_shows_force_on_both_axes(make):
    demo, stage = make("l3-central-pa", grade=4)
    assert stage.force.isVisible()
    b = demo.band
    assert stage.force.band_x.getRegion() == pytest.approx((b.low, b.high))
    f_low, f_high = stage.force.band_y.getRegion()
    assert 0 < f_low < f_high <= LIBRARY.techniques["l3-central-pa"].force_at_limit_n
    assert len(stage.force.refs) == len(LIBRARY.techniques["l3-central-pa"].force_references)


def test_kaltenborn_draws_its_zones_and_stops(make):
    demo, stage = make("gh-inferior-glide", grade=3, grading=KALTENBORN)
    zones = Zones.of(demo.condition)
    slack, transition = stage.diagram.zones
    assert slack.isVisible() and transition.isVisible()
    assert slack.getRegion() == pytest.approx(zones.slack)
    assert transition.getRegion() == pytest.approx(zones.transition)
    assert stage.diagram.line_r1.tag.toPlainText() == "first stop"
    assert stage.diagram.line_l.tag.toPlainText() == "second stop"
    low, high = stage.diagram.band_region()
    assert zones.first_stop < high < zones.second_stop


def test_compare_shows_the_same_grade_as_the_motion_served(make):
    demo, stage = make("knee-posterior-glide", grade=3, compare=True)
    assert stage.angular.isVisible()
    knee = LIBRARY.get("knee")
    expected = band(demo.choice, knee, knee.normal_condition(), demo.convention)
    assert stage.angular.band_region() == pytest.approx((expected.low, expected.high))
    assert "knee flexion" in stage.caption.text()


def test_hidden_labels_hide_the_grade(make):
    demo, stage = make("mcp-volar-glide", grade=2)
    demo.toggle_labels()
    stage.rebuild()
    assert not stage.diagram.band_label.isVisible()


def test_compare_gh_inferior_glide_shows_glenohumeral_abduction(make):
    demo, stage = make("gh-inferior-glide", grade=4, compare=True)
    assert stage.angular.isVisible()
    shoulder = LIBRARY.get("shoulder-abduction")
    expected = band(demo.choice, shoulder, shoulder.normal_condition(), demo.convention)
    assert stage.angular.band_region() == pytest.approx((expected.low, expected.high))
    assert "on glenohumeral abduction (°, bottom)" in stage.caption.text()
    assert demo.technique.serves == shoulder.motion  # the same words on both


@pytest.mark.parametrize(
    "technique,served",
    [
        ("l3-central-pa", "L3-L4 segmental extension"),
        ("gh-posterior-glide", "shoulder flexion and internal rotation"),
        ("knee-anterior-glide", "knee extension"),
    ],
)
def test_compare_says_plainly_when_no_angular_preset_models_the_motion(make, technique, served):
    demo, stage = make(technique, grade=3, compare=True)
    assert not stage.angular.isVisible()
    assert f"no angular preset in mobsim models {served}" in stage.caption.text()


@pytest.mark.parametrize("technique_id", ["knee-posterior-glide", "mcp-volar-glide"])
def test_large_projector_text_keeps_the_tags_and_the_plane_label_apart(qtbot, technique_id):

    from mobsim.ui.theme import theme_named

    demo = AccessoryDemo(LIBRARY.techniques[technique_id])
    demo.set_grade(4)
    stage = AccessoryStage(demo, LIBRARY, theme_named("projector", 1.5))
    qtbot.addWidget(stage)
    stage.resize(1280, 760)
    stage.show()
    qtbot.waitExposed(stage)
    stage.rebuild()
    stage.render()
    stage.grab()  # paints: the diagram lays its tags out against the drawn view
    r1, lim = stage.diagram.line_r1.tag, stage.diagram.line_l.tag
    assert r1.isVisible() and lim.isVisible()
    assert not r1.sceneBoundingRect().intersects(lim.sceneBoundingRect())
    assert_plane_label_clear(stage.glide)
    assert stage.glide.plane_label_box()[1]  # beside the bones, off the joint line


def assert_plane_label_clear(view) -> None:
    """The plane's name never meets the inset or the moving bone through the glide, and
    never sits on the joint line between the bones."""
    from PySide6.QtCore import QPointF

    rect, stays = view.plane_label_box()
    limit = view.demo.technique.anatomical_limit
    travel = view.offset_px(limit)[0]
    for mm in (0.0, 0.5 * limit, limit):
        moved = rect if stays else rect.translated(QPointF(view.offset_px(mm)[0], 0))
        assert not moved.intersects(view.inset_box())
        if stays:
            assert not moved.intersects(view.moving_bone_box(mm)), mm
    assert travel > 0  # the plane rides on the gliding bone here


@pytest.mark.parametrize("technique_id", ["knee-posterior-glide", "knee-anterior-glide"])
def test_the_plane_s_name_stands_beside_the_bones_clear_of_the_glide(make, technique_id):
    demo, stage = make(technique_id, grade=4)
    _, stays = stage.glide.plane_label_box()
    assert stays  # at the default size there is room beside the bones
    assert_plane_label_clear(stage.glide)


PLANES = [t for t, technique in LIBRARY.techniques.items() if technique.region != "spinal"]


@pytest.mark.parametrize("theme", ["default", "projector"])
@pytest.mark.parametrize("technique_id", PLANES)
def test_the_treatment_plane_stops_short_of_the_inset(make, technique_id, theme):
    """The plane's dashed line ran through the inset's caveat ("aid, not a law")."""
    from mobsim.ui.theme import theme_named

    demo, stage = make(technique_id, grade=4)
    stage.apply_theme(theme_named(theme))
    for size in ((1280, 760), (1024, 700)):
        stage.resize(*size)
        stage.rebuild()
        view = stage.glide
        inset = view.inset_box()
        limit = demo.technique.anatomical_limit
        for mm in (0.0, 0.5 * limit, limit):
            line = view.plane_line(mm)
            points = [line.pointAt(i / 50) for i in range(51)]
            assert not any(inset.contains(p) for p in points), (size, mm)
