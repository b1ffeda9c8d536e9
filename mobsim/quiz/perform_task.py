"""Perform-the-grade exercise: the task, the recorder and the feedback schedule. No Qt.

The app asks for a grade ("Perform grade III knee flexion — knee stiff at 90°"); the student
drives the moving segment; `Recorder` keeps what they did (10 s, or until they
stop) in a preallocated buffer; `mobsim.model.performance` marks it. When the
marking is *shown* depends on the feedback schedule the instructor set, after the
motor-learning evidence (doc/model.md §11.4):

- concurrent: the band and the trace are live while performing;
- terminal: the marking after each attempt;
- faded: after each attempt at first, then less often as the student succeeds;
- self-controlled (default): only when the student asks for it.

A retention test gives no feedback at all; the summary compares it with practice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from mobsim.model.accessory import AccessoryTechnique, accessory_band
from mobsim.model.grades import Band, Convention, GradeChoice, band
from mobsim.model.joints import Condition, JointSpec
from mobsim.model.motion import DEFAULT_FREQUENCY
from mobsim.model.performance import Marking, Recording, Target

RECORD_SECONDS = 10.0
# Room for input up to 1 kHz over a full recording (mouse events arrive at ≤ 1 kHz).
MAX_SAMPLES = int(RECORD_SECONDS * 1000) + 1
# Faded schedule: an attempt that scores this much counts as a success; every two
# successes widen the gap between feedbacks by one attempt, up to every 4th attempt.
FADE_SUCCESS = 80.0
FADE_MAX_GAP = 4


class FeedbackSchedule(StrEnum):
    CONCURRENT = "concurrent"
    TERMINAL = "terminal"
    FADED = "faded"
    SELF_CONTROLLED = "self-controlled"

    @property
    def title(self) -> str:
        return {
            FeedbackSchedule.CONCURRENT: "Concurrent (live band and trace)",
            FeedbackSchedule.TERMINAL: "Terminal (after each attempt)",
            FeedbackSchedule.FADED: "Faded (less often as you improve)",
            FeedbackSchedule.SELF_CONTROLLED: "Self-controlled (when you ask)",
        }[self]


DEFAULT_SCHEDULE = FeedbackSchedule.SELF_CONTROLLED


class Phase(StrEnum):
    PRACTICE = "practice"
    RETENTION = "retention"  # no feedback at all


@dataclass(frozen=True)
class PerformTask:
    """One grade to perform on one joint motion (degrees) or accessory technique (mm)."""

    joint: JointSpec | AccessoryTechnique
    condition: Condition
    choice: GradeChoice
    convention: Convention = Convention.QUARTILE

    @property
    def is_accessory(self) -> bool:
        return isinstance(self.joint, AccessoryTechnique)

    @property
    def unit(self) -> str:
        """The position's unit as written after a number: '°' or ' mm'."""
        return _unit(self.joint)

    @property
    def target(self) -> Target:
        return Target.of(self.choice, self.joint, self.condition, self.convention)

    @property
    def band(self) -> Band:
        """The grade's band as demonstrated (an accessory grade V is a thrust in mm)."""
        if self.is_accessory:
            return accessory_band(self.choice, self.joint, self.condition, self.convention)
        return band(self.choice, self.joint, self.condition, self.convention)

    @property
    def prompt(self) -> str:
        """'Perform grade III knee flexion — knee stiff at 90°' (the motion named, so the
        two ankle or wrist presets differ), or for an accessory technique
        'Perform grade IV posterior glide of the tibia on the femur — knee stiff at 4 mm'."""
        unit = self.unit
        c = self.condition
        convention = "" if self.convention is Convention.QUARTILE else " (resistance convention)"
        grade = f"Perform grade {self.choice.display}"
        if self.is_accessory:
            state = (
                f"stiff at {c.available_limit:g}{unit}"
                if c.is_stiff
                else f"with a normal translation of {c.available_limit:g}{unit}"
            )
            if c.pain_onset is not None:
                state += f", painful from {c.pain_onset:g}{unit}"
            where = _technique_joint(self.joint)
            return f"{grade} {self.joint.description} — {where} {state}{convention}"
        state = f"stiff at {c.available_limit:g}{unit}" if c.is_stiff else "with a normal range"
        if c.pain_onset is not None:
            state += f", painful from {c.pain_onset:g}{unit}"
        return f"{grade} {self.joint.motion} — {_name(self.joint)} {state}{convention}"

    @property
    def reachable(self) -> tuple[float, float]:
        """Where the segment may go: A to L for I–IV (the joint stops at L); grade V may
        enter the para-physiological zone past L, never past the anatomical limit."""
        c = self.condition
        if self.choice.grade.is_thrust:
            return c.start, min(c.available_limit + self.joint.margin, self.joint.anatomical_limit)
        return c.start, c.available_limit

    @property
    def metronome_hz(self) -> float | None:
        """The beat to follow (the demo frequency); None for a thrust."""
        grade = self.choice.grade
        return None if grade.is_thrust else DEFAULT_FREQUENCY[grade]


def _unit(joint: JointSpec) -> str:
    return " mm" if getattr(joint, "unit", "deg") == "mm" else "°"


_TECHNIQUE_WORDS = {"glide", "traction", "central", "pa"}


def _technique_joint(technique: AccessoryTechnique) -> str:
    """The joint in a technique's name: 'Knee posterior glide' gives 'knee'."""
    drop = _TECHNIQUE_WORDS | {technique.direction.lower()}
    words = [w for w in technique.name.split() if w.lower() not in drop]
    return " ".join(w.lower() if w[1:].islower() else w for w in words) or technique.id


def _name(joint: JointSpec) -> str:
    """The joint in words, abbreviations kept: 'knee', 'MCP joint', 'glenohumeral joint'."""
    words = joint.name.split("(")[0].split()
    return " ".join(w.lower() if w[1:].islower() else w for w in words) or joint.id


class Recorder:
    """What the student did: times and positions in preallocated arrays.

    `add` clamps a position to the reachable range (a drag past the end of the arc
    holds the segment at the stop) and refuses samples after the recording is full
    or stopped. `received` counts every input event, so a bench can prove none was
    dropped.
    """

    def __init__(self, reachable: tuple[float, float], seconds: float = RECORD_SECONDS):
        self.low, self.high = reachable
        self.seconds = seconds
        self._t = np.empty(MAX_SAMPLES)
        self._x = np.empty(MAX_SAMPLES)
        self.count = 0
        self.received = 0
        self.stopped = False

    def clamp(self, position: float) -> float:
        return min(max(float(position), self.low), self.high)

    @property
    def elapsed(self) -> float:
        return float(self._t[self.count - 1] - self._t[0]) if self.count else 0.0

    @property
    def done(self) -> bool:
        return self.stopped or self.elapsed >= self.seconds or self.count >= MAX_SAMPLES

    def add(self, t: float, position: float) -> float:
        """Record one sample; returns the clamped position actually recorded."""
        self.received += 1
        x = self.clamp(position)
        if self.done:
            return x
        if self.count and t <= self._t[self.count - 1]:
            self._x[self.count - 1] = x  # same instant: the latest position wins
            return x
        self._t[self.count] = t
        self._x[self.count] = x
        self.count += 1
        return x

    def stop(self) -> None:
        self.stopped = True

    @property
    def times(self) -> np.ndarray:
        return self._t[: self.count] - (self._t[0] if self.count else 0.0)

    @property
    def positions(self) -> np.ndarray:
        return self._x[: self.count]

    def recording(self) -> Recording:
        """The recording so far (raises RecordingError if too short to mark)."""
        return Recording(self.times.copy(), self.positions.copy())


@dataclass
class AttemptResult:
    marking: Marking
    phase: Phase
    schedule: FeedbackSchedule
    shown: bool  # whether the marking was shown after the attempt


@dataclass
class Practice:
    """A run of attempts under one schedule: decides when feedback is shown."""

    schedule: FeedbackSchedule = DEFAULT_SCHEDULE
    phase: Phase = Phase.PRACTICE
    attempts: list[AttemptResult] = field(default_factory=list)
    _since_shown: int = 0

    @property
    def live(self) -> bool:
        """Band and trace drawn while performing."""
        return self.phase is Phase.PRACTICE and self.schedule is FeedbackSchedule.CONCURRENT

    def fade_gap(self) -> int:
        """Faded: attempts between feedbacks, growing with the successes so far."""
        successes = sum(
            a.marking.score >= FADE_SUCCESS for a in self.attempts if a.phase is Phase.PRACTICE
        )
        return min(FADE_MAX_GAP, 1 + successes // 2)

    def shows_after(self) -> bool:
        """Whether the next attempt's marking is shown when it ends."""
        if self.phase is Phase.RETENTION:
            return False
        if self.schedule is FeedbackSchedule.SELF_CONTROLLED:
            return False
        if self.schedule is FeedbackSchedule.FADED:
            return self._since_shown + 1 >= self.fade_gap()
        return True  # terminal and concurrent

    def finish(self, marking: Marking) -> AttemptResult:
        """Log an attempt; its result says whether to show the marking now."""
        shown = self.shows_after()
        result = AttemptResult(marking, self.phase, self.schedule, shown)
        self.attempts.append(result)
        self._since_shown = 0 if shown else self._since_shown + 1
        return result

    def request(self) -> Marking | None:
        """The student asks for feedback (self-controlled; any schedule outside retention)."""
        if self.phase is Phase.RETENTION or not self.attempts:
            return None
        last = self.attempts[-1]
        last.shown = True
        self._since_shown = 0
        return last.marking

    def undo(self) -> AttemptResult | None:
        return self.attempts.pop() if self.attempts else None

    def mean_score(self, phase: Phase) -> float | None:
        scores = [a.marking.score for a in self.attempts if a.phase is phase]
        return float(np.mean(scores)) if scores else None

    def retention_vs_practice(self) -> str:
        """One line for the summary: how retention compares with practice."""
        practice, retention = self.mean_score(Phase.PRACTICE), self.mean_score(Phase.RETENTION)
        if practice is None or retention is None:
            return "Retention test: not taken yet (it gives no feedback at all)."
        change = retention - practice
        return (
            f"Practice mean {practice:.0f}, retention mean {retention:.0f} "
            f"({change:+.0f} points without feedback)."
        )
