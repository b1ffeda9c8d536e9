"""The accessory screen's views, assembled: magnified joint, diagrams, live trace, compare.

`AccessoryStage` reads an `AccessoryDemo` (Qt-free). `rebuild()` redraws what
depends on the scene (technique, grade, labels, compare); `render()` moves what
changes every frame (the bone, the beads, the trace) and nothing else.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mobsim.model.accessory import compare_joint
from mobsim.model.accessory_demo import AccessoryDemo
from mobsim.model.grades import Band, band
from mobsim.model.library import JointLibrary
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.accessory_plots import (
    ForceDiagram,
    GlideDiagram,
    GlideTrace,
)
from mobsim.ui.widgets.diagram import MovementDiagram
from mobsim.ui.widgets.glide_view import GlideView
from mobsim.ui.widgets.range_plot import Markers


class AccessoryStage(QWidget):
    def __init__(self, demo: AccessoryDemo, library: JointLibrary, theme: Theme, parent=None):
        super().__init__(parent)
        self.demo = demo
        self.library = library
        self.theme = theme
        self.glide = GlideView(demo, theme)
        self.diagram = GlideDiagram(theme)
        self.force = ForceDiagram(theme)
        self.trace = GlideTrace(theme)
        self.angular = MovementDiagram(theme)  # compare: the same grade as the motion served
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        right = QVBoxLayout()
        for view, stretch in ((self.diagram, 3), (self.force, 3), (self.angular, 3)):
            right.addWidget(view, stretch)
        right.addWidget(self.caption)
        right.addWidget(self.trace, 2)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.glide, 5)
        row.addLayout(right, 4)
        self._band: Band | None = None
        self._angular_band: Band | None = None
        self.feedback = ""  # the last self-test answer's feedback, shown in the caption
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        for view in (self.glide, self.diagram, self.force, self.trace, self.angular):
            view.apply_theme(theme)
        self.caption.setStyleSheet(f"color: {theme.text}; font-size: {theme.font_pt:.1f}pt;")
        self.setStyleSheet(f"background: {theme.background};")
        self.rebuild()

    # ------------------------------------------------------------ scene
    def rebuild(self) -> None:
        demo, t = self.demo, self.demo.technique
        labels = demo.labels_visible and not demo.mystery
        grade_band = None if demo.mystery else demo.band
        self._band = grade_band if isinstance(grade_band, Band) else None
        self.glide.rebuild()
        self.diagram.show_technique(
            t, demo.condition, grade_band, demo.resistance_model, demo.is_kaltenborn, labels
        )
        show_force = t.has_force and not demo.compare
        self.force.setVisible(show_force)
        if show_force:
            self.force.show_technique(t, demo.condition, self._band if labels else None, labels)
        self.trace.set_scene(t, demo.condition, self._band, Markers())
        self.trace.setXRange(0, t.anatomical_limit, padding=0.03)
        self._rebuild_compare()
        for plot in (self.diagram, self.force, self.trace, self.angular):
            plot.invalidate_still()

    def _rebuild_compare(self) -> None:
        demo, t = self.demo, self.demo.technique
        self.angular.setVisible(False)
        self._angular_band = None
        if demo.mystery:
            keys = "1–3" if demo.is_kaltenborn else "1–5"
            system = "Kaltenborn" if demo.is_kaltenborn else "Maitland"
            self.caption.setText(
                f"Self-test: which {system} grade is this {t.description}? Press {keys}."
            )
            return
        if self.feedback:
            self.caption.setText(self.feedback)
            return
        if not demo.compare:
            self.caption.setText(f"{t.name}: {t.description}. Serves {t.serves}.")
            return
        joint, why = compare_joint(t, self.library.joints)
        if demo.is_kaltenborn or joint is None or self._band is None:
            if demo.is_kaltenborn:
                why = "Kaltenborn grades are translations only"
            self.caption.setText(
                f"Compare: {why}, so there is no angular diagram to set beside this "
                f"{t.description}."
            )
            return
        condition = joint.normal_condition()
        self._angular_band = band(self._band.choice, joint, condition, demo.convention)
        self.angular.set_scene(joint, condition, self._angular_band, Markers())
        self.angular.set_labels_visible(demo.labels_visible)
        self.angular.setVisible(True)
        grade = demo.grade_label.replace("Grade", "grade") if demo.labels_visible else "grade"
        self.caption.setText(
            f"Compare: the same {grade} "
            f"on the {t.description} (mm, top) and on {joint.motion} (°, bottom), each in "
            f"its own range. The glide restores the joint play that {joint.motion} needs; "
            "it does not itself move the joint through these degrees."
        )

    # ------------------------------------------------------------ frame
    def render(self) -> None:
        demo = self.demo
        mm = demo.translation
        self.glide.update_frame(mm)
        self.diagram.set_angle(mm)
        if self.force.isVisible():
            self.force.set_translation(mm)
        self.trace.push(demo.time, mm, demo.technique.id)
        self.trace.redraw()
        if self._angular_band is not None and self._band is not None:
            share = (mm - self._band.low) / max(self._band.amplitude, 1e-9)
            angle = self._angular_band.low + share * self._angular_band.amplitude
            self.angular.set_angle(angle)
