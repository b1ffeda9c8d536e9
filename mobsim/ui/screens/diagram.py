"""Build-the-diagram screen: read a case, draw its movement diagram, have it marked.

The marking is Qt-free (`mobsim.quiz.diagram_task`); the panel is
`mobsim.ui.exercises.diagram`. This module only declares the keys and hands each
marked attempt to the history.
"""

from __future__ import annotations

import time

from PySide6.QtWidgets import QVBoxLayout

from mobsim.content import load_vignettes
from mobsim.content.cases import CaseAnswer
from mobsim.quiz.diagram_task import offered_tasks
from mobsim.quiz.exercise_log import diagram_attempt, summary_lines
from mobsim.ui.exercises.diagram import DiagramPanel
from mobsim.ui.screens import SCREENS
from mobsim.ui.screens.base import ScreenContext
from mobsim.ui.screens.exercise import ExerciseScreen


class DiagramScreen(ExerciseScreen):
    name = "diagram"
    title = SCREENS["diagram"]

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context, parent)
        self._last_marked: object | None = None
        bank = load_vignettes(joints=context.library)
        tasks, notices = offered_tasks(bank.vignettes, context.library.joints)
        notices += [str(e) for e in bank.errors]
        self.panel = DiagramPanel(context.theme, tasks, notices)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self.shown_at = time.monotonic()
        self.panel.marked.connect(self._marked)
        p = self.panel
        self.action("&Diagram", "Mark my diagram", ["Return", "Enter"], p.mark)
        self.action("&Diagram", "Next case", "N", self._next)
        self.action("&Diagram", "Undo the last marking", "U", self.undo)
        self.action("&Diagram", "Summary of my diagrams", "S", self.show_summary)
        self.action("&Diagram", "Select R1", "R", lambda: p.select("R1"))
        self.action("&Diagram", "Select L", "L", lambda: p.select("L"))
        self.action("&Diagram", "Select next handle", "]", lambda: p.cycle(1))
        self.action("&Diagram", "Select previous handle", "[", lambda: p.cycle(-1))
        moves = (("Right", 1), ("Up", 1), ("Left", -1), ("Down", -1))
        for key, sign in moves:
            self.action(
                "&Diagram", f"Move handle ({key})", key, lambda s=sign: p.nudge(s), repeat=True
            )
            self.action(
                "&Diagram",
                f"Move handle ×5 (Shift+{key})",
                f"Shift+{key}",
                lambda s=sign: p.nudge(5 * s),
                repeat=True,
            )
        self.action("&Diagram", "Limiting factor: resistance ↔ pain", "F", p.toggle_factor)
        self.action("&Diagram", "No pain in this movement (on/off)", "0", p.toggle_no_pain)
        for answer in CaseAnswer:
            self.action(
                "&Answer",
                f"Management: {answer.label}",
                str(answer.key),
                lambda a=answer: p.choose_management(a),
            )

    def _next(self) -> None:
        self.panel.next_task()
        self.shown_at = time.monotonic()

    def activate(self) -> None:
        self.panel.canvas.setFocus()

    def _marked(self, payload) -> None:
        task, marking = payload
        ms = int(round(1000 * (time.monotonic() - self.shown_at)))
        self.log.record(diagram_attempt(self.log.profile, task, marking, ms))
        if self.log.store.notice:
            self.status.emit(self.log.store.notice)

    def undo(self) -> None:
        if self.log.undo():
            self.status.emit("Last marking removed from the history.")
            self.panel.show_task(self.panel.index)

    def show_summary(self) -> None:
        lines = summary_lines(self.log.store, self.log.profile) or ["No diagrams marked yet."]
        self.panel.result.setText(
            "<b>Summary</b><ul>" + "".join(f"<li>{x}</li>" for x in lines) + "</ul>"
        )


SCREEN = DiagramScreen
