"""The two exercises in the quiz history: their own kinds, one transaction each, undo.

Each marked attempt is one row of the history's `attempts` table (no new table,
so every history file stays readable by every mobsim):

- `perform` (practice) and `perform-retention`: true_grade is the grade asked
  (`III`), chosen_grade the grade the typical swing was (or `none`), correct
  whether the grade was matched, level the feedback schedule, score the 0–100
  marking (the history's `score` column, schema version 2);
- `diagram`: true_grade is the case's keyed management, chosen_grade the
  student's, correct whether every point was within tolerance and the factor and
  management were right, level `cases`.

So the store's own summary gives each kind its statistics (share matched per
grade asked, asked-versus-performed confusion, time taken) and a trend over
sessions, `--export-history` writes them with everything else, and retention is
compared with practice kind against kind. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mobsim.quiz.diagram_task import DiagramMarking, DiagramTask
from mobsim.quiz.perform_task import AttemptResult, PerformTask, Phase
from mobsim.quiz.store import Attempt, HistoryStore, Summary, accuracy

PERFORM = "perform"
PERFORM_RETENTION = "perform-retention"
DIAGRAM = "diagram"
DIAGRAM_LEVEL = "cases"
NOT_PERFORMED = "none"


def performance_attempt(
    profile: str, task: PerformTask, result: AttemptResult, response_ms: int
) -> Attempt:
    marking = result.marking
    return Attempt(
        profile=profile,
        level=result.schedule.value,
        joint=task.joint.id,
        available_limit=task.condition.available_limit,
        resistance_onset=task.condition.resistance_onset,
        convention=task.convention.value,
        true_grade=task.choice.label,
        chosen_grade=marking.performed_as or NOT_PERFORMED,
        correct=marking.grade_matched,
        response_ms=response_ms,
        question_seed=0,  # a performance is not generated from a seed
        kind=PERFORM_RETENTION if result.phase is Phase.RETENTION else PERFORM,
        score=round(float(marking.score), 1),
    )


def diagram_attempt(
    profile: str, task: DiagramTask, marking: DiagramMarking, response_ms: int
) -> Attempt:
    chosen = marking.marks.get("management")
    return Attempt(
        profile=profile,
        level=DIAGRAM_LEVEL,
        joint=task.joint.id,
        available_limit=float(task.key.limit_deg),
        resistance_onset=float(task.key.resistance_onset_deg),
        convention="-",
        true_grade=str(getattr(task.management, "value", task.management)),
        chosen_grade=str(chosen.placed) if chosen is not None and chosen.placed else "none",
        correct=marking.all_right,
        response_ms=response_ms,
        question_seed=0,
        kind=DIAGRAM,
    )


@dataclass
class ExerciseLog:
    """Writes one exercise's attempts: a session per kind on first use, undo of the last."""

    store: HistoryStore
    profile: str
    sessions: dict[str, int] = field(default_factory=dict)
    recorded: list[int] = field(default_factory=list)

    def record(self, attempt: Attempt) -> int | None:
        """Store one attempt in its own transaction; its id."""
        session = self.sessions.get(attempt.kind)
        if session is None:
            session = self.store.start_session(self.profile, attempt.level, attempt.convention)
            self.sessions[attempt.kind] = session
        attempt_id = self.store.record(session, attempt)
        if attempt_id is not None:
            self.recorded.append(attempt_id)
        return attempt_id

    def undo(self) -> bool:
        """Forget the last attempt recorded here; False if there is none."""
        if not self.recorded:
            return False
        self.store.remove(self.recorded.pop())
        return True

    def summary(self, kind: str) -> Summary:
        return self.store.summary(self.profile, kind=kind)


def summary_lines(store: HistoryStore, profile: str) -> list[str]:
    """The exercises' statistics in words: matched shares, retention against practice, trend."""
    lines = []
    practice = store.summary(profile, kind=PERFORM)
    retention = store.summary(profile, kind=PERFORM_RETENTION)
    diagram = store.summary(profile, kind=DIAGRAM)
    for name, s in (("Perform (practice)", practice), ("Perform (retention test)", retention)):
        if s.attempts:
            per_grade = ", ".join(
                f"{g} {_pct(t.accuracy)} of {t.attempts}" for g, t in s.per_grade.items()
            )
            lines.append(
                f"{name}: grade matched in {_pct(s.accuracy)} of {s.attempts} ({per_grade})."
            )
    for name, kind in (("practice", PERFORM), ("retention test", PERFORM_RETENTION)):
        scores = store.scores(profile, kind)
        if scores.count:
            line = f"Perform score ({name}): mean {scores.mean:.0f}/100 over {scores.count}"
            if len(scores.by_session) > 1:
                trend = " → ".join(f"{mean:.0f}" for _, mean in scores.by_session)
                line += f"; trend by session: {trend}"
            lines.append(line + ".")
    if practice.attempts and retention.attempts:
        change = 100 * ((retention.accuracy or 0) - (practice.accuracy or 0))
        lines.append(f"Retention against practice: {change:+.0f} points matched without feedback.")
    if diagram.attempts:
        lines.append(
            f"Diagrams: every point right in {_pct(diagram.accuracy)} of {diagram.attempts}."
        )
    for name, s in (("perform", practice), ("diagram", diagram)):
        trend = [_pct(accuracy(t.correct, t.attempts)) for t in s.trend]
        if len(trend) > 1:
            lines.append(f"Trend ({name}, by session): " + " → ".join(trend))
    return lines


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"
