"""Compare screen for lectures.

- All grades: five small joints animating I–V at once, and one movement
  diagram with the five bands stacked on one shared range axis.
- Normal vs stiff: the same grade on a normal and on a stiff joint side by
  side, showing that the grade moves with L.

Both read the simulation's clock and ask the model for bands and motions.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from mobsim.model import Condition, Grade, GradeChoice, band, motion_for
from mobsim.model.grades import Modifier
from mobsim.model.joints import JointSpec
from mobsim.model.lecture import CompareMode
from mobsim.model.motion import Motion
from mobsim.model.simulation import Simulation
from mobsim.ui.screens import SCREENS
from mobsim.ui.screens.base import ScreenContext
from mobsim.ui.screens.lecture import LectureScreen
from mobsim.ui.theme import Theme
from mobsim.ui.widgets import JointView, Markers, StackedBands
from mobsim.ui.widgets.joint_anatomy import anatomy_of

# The joints' share of the page height: at least this (five across leave them short),
# at most this (the diagram needs room for its rows).
JOINT_SHARE = (0.4, 0.7)


class _ComparePage(QWidget):
    """Shared frame: a title, a row of joint views, the stacked diagram."""

    def __init__(self, theme: Theme, columns: int, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("description")
        self.title.setWordWrap(True)
        self.views = [JointView(theme) for _ in range(columns)]
        for view in self.views:
            view.setMinimumSize(140, 150)  # five across must fit a 1024-px projector
            # Small views carry no text of their own: their captions and the shared
            # diagram below name everything, in type large enough for the back row.
            view.set_labels_visible(False)
        self.captions = [QLabel() for _ in range(columns)]
        self.diagram = StackedBands(theme, columns)
        grid = QGridLayout()
        for i, (view, caption) in enumerate(zip(self.views, self.captions, strict=True)):
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setObjectName("caption")
            grid.addWidget(caption, 0, i)
            grid.addWidget(view, 1, i)
            grid.setColumnStretch(i, 1)
        grid.setRowStretch(1, 3)
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.addWidget(self.title)
        self._rows.addLayout(grid, 3)
        self._rows.addWidget(self.diagram, 2)
        self.motions: list[Motion] = []
        self.labels_visible = True
        self._aspect = 0.7  # the drawing's height over its width, for the current joint
        self._aspects: dict[str, float] = {}

    def set_joint(self, joint: JointSpec) -> None:
        """Share the height between the joints and the diagram by the joint's shape."""
        if joint.id not in self._aspects:
            bounds = anatomy_of(joint).bounds
            self._aspects[joint.id] = bounds.height() / max(bounds.width(), 1e-6)
        self._aspect = self._aspects[joint.id]
        self._share_height()

    def joint_share(self) -> float:
        """The share of the page's height the joints get: what their drawings can use
        at the width of one column, within 40–70 %; the diagram takes the rest."""
        columns = len(self.views)
        cell = self.width() / columns
        caption = self.captions[0].sizeHint().height()
        rest = max(1, self.height() - self.title.sizeHint().height())
        return min(max((cell * self._aspect + caption + 8) / rest, JOINT_SHARE[0]), JOINT_SHARE[1])

    def _share_height(self) -> None:
        share = round(100 * self.joint_share())
        self._rows.setStretch(1, share)
        self._rows.setStretch(2, 100 - share)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._share_height()

    def apply_theme(self, theme: Theme) -> None:
        for view in self.views:
            view.set_theme(theme)
        self.diagram.apply_theme(theme)

    def set_labels_visible(self, visible: bool) -> None:
        self.labels_visible = visible

    def render_frame(self, time: float) -> None:
        t = np.array([time])
        angles = np.array([m.angle(t)[0] for m in self.motions])
        for view, angle in zip(self.views, angles, strict=True):
            view.set_angle(float(angle))
        self.diagram.set_angles(angles)


class AllGradesPage(_ComparePage):
    """Grades I–V side by side on the current joint and condition."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(theme, len(Grade), parent)

    def set_scene(self, sim: Simulation, markers: Markers) -> None:
        bands = []
        for grade in Grade:
            modifier = sim.choice.modifier if grade.takes_modifier else Modifier.NONE
            bands.append(
                band(GradeChoice(grade, modifier), sim.joint, sim.condition, sim.convention)
            )
        self.motions = [
            motion_for(b, sim.frequencies.get(b.grade), sim.thrust_period) for b in bands
        ]
        c = sim.condition
        self.set_joint(sim.joint)
        for view, caption, b in zip(self.views, self.captions, bands, strict=True):
            view.set_scene(sim.joint, c, b)
            caption.setText(f"Grade {b.choice.display}" if self.labels_visible else "Grade ?")
        self.title.setText(
            f"All grades · {sim.joint.motion} · available "
            f"{c.start:.0f}–{c.available_limit:.0f}° · {sim.convention.value}"
        )
        self.diagram.set_rows(
            c.start,
            c.normal_end,
            sim.joint.margin,
            c.resistance_onset if markers.r1 else None,
            [(f"{b.choice.display}", b) for b in bands],
            self.labels_visible,
        )


class NormalStiffPage(_ComparePage):
    """The current grade on a normal joint and on a stiff one."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(theme, 2, parent)

    def set_scene(self, sim: Simulation, markers: Markers) -> None:
        joint = sim.joint
        normal = joint.normal_condition()
        stiff = (
            Condition.for_joint(joint, sim.condition.available_limit)
            if sim.condition.is_stiff
            else Condition.typical_stiff(joint)
        )
        bands = [band(sim.choice, joint, c, sim.convention) for c in (normal, stiff)]
        self.set_joint(joint)
        self.motions = [motion_for(b, sim.frequency, sim.thrust_period) for b in bands]
        names = (
            f"normal joint (L = B = {normal.available_limit:.0f}°)",
            f"stiff joint (L = {stiff.available_limit:.0f}°)",
        )
        for view, caption, b, c, name in zip(
            self.views, self.captions, bands, (normal, stiff), names, strict=True
        ):
            view.set_scene(joint, c, b)
            caption.setText(name)
        grade = sim.choice.display if self.labels_visible else "?"
        self.title.setText(f"Grade {grade} moves with L: normal vs stiff {joint.motion}")
        self.diagram.set_rows(
            joint.start,
            joint.normal_end,
            joint.margin,
            None,
            [("normal", bands[0]), ("stiff", bands[1])],
            True,
        )


class CompareScreen(LectureScreen):
    """All grades, or normal vs stiff, as the lecture's compare mode says (C cycles)."""

    name = "compare"
    title = SCREENS["compare"]

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context, parent)
        self.markers = Markers()
        theme = context.theme
        self.pages = {
            CompareMode.GRADES: AllGradesPage(theme),
            CompareMode.STIFF: NormalStiffPage(theme),
        }
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.controls)

    @property
    def stage(self) -> QWidget:
        return self.stack

    def activate(self) -> None:
        if self.lecture.compare is CompareMode.OFF:
            self.lecture.set_compare(CompareMode.GRADES)
        super().activate()

    def page(self) -> _ComparePage | None:
        return self.pages.get(self.lecture.compare)

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        for page in self.pages.values():
            page.apply_theme(theme)
        if self.active:
            self.on_scene()

    def on_scene(self) -> None:
        page = self.page()
        if page is None:
            return
        self.stack.setCurrentWidget(page)
        page.set_labels_visible(self.lecture.labels_visible)
        page.set_scene(self.sim, self.markers)
        self.render()

    def render(self) -> None:
        page = self.page()
        if page is not None:
            page.render_frame(self.sim.time)


SCREEN = CompareScreen
