"""The running state of one demonstration: what is shown and the simulated clock."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mobsim.model.grades import Band, Convention, Grade, GradeChoice, Modifier, band
from mobsim.model.joints import Condition, JointSpec
from mobsim.model.motion import (
    DEFAULT_FREQUENCY,
    DEFAULT_THRUST_PERIOD_S,
    THRUST_PERIOD_RANGE,
    Blend,
    Hold,
    Motion,
    Shifted,
    check_frequency,
    motion_for,
)

# A stalled frame never advances the clock by more than this (before speed).
MAX_DT = 0.1
# One press of "step" while paused advances this much simulated time.
MANUAL_STEP_S = 0.05
SPEEDS = (1.0, 0.25)
# Event kinds: a *scene* change (joint, condition, grade, convention, frequency) changes
# what is drawn; a *playback* change (play, pause, speed) touches only the clock.
SCENE = "scene"
PLAYBACK = "playback"


def carried_angle(old: JointSpec, angle: float, new: JointSpec) -> float:
    """`angle` of joint `old` moved to the same place in `new`'s range (A to its
    anatomical limit), so a change of joint never shows an angle the new joint lacks."""
    if new is old:
        return angle
    span = old.anatomical_limit - old.start
    where = (angle - old.start) / span if span > 0 else 0.0
    where = min(max(where, 0.0), 1.0)
    return new.start + where * (new.anatomical_limit - new.start)


class Simulation:
    """Joint, condition, grade, convention, frequency, speed, play state and clock.

    Views poll `angle` and `band` each frame; `subscribe(callback, SCENE)` tells
    them when what is shown changed, `subscribe(callback, PLAYBACK)` when play,
    pause or speed changed (the clock's concern, never a redraw of the scene).
    """

    def __init__(
        self,
        joint: JointSpec,
        condition: Condition | None = None,
        choice: GradeChoice | Grade = Grade.I,
        convention: Convention = Convention.QUARTILE,
    ):
        self._listeners: dict[str, list[Callable[[], None]]] = {SCENE: [], PLAYBACK: []}
        self._defaults = (joint, condition, choice, convention)
        self._apply_defaults()

    # ------------------------------------------------------------ state
    def _apply_defaults(self) -> None:
        joint, condition, choice, convention = self._defaults
        self.joint = joint
        self.condition = condition or joint.normal_condition()
        self.choice = GradeChoice(choice) if isinstance(choice, Grade) else choice
        self.convention = convention
        self.frequencies = dict(DEFAULT_FREQUENCY)
        self.thrust_period = DEFAULT_THRUST_PERIOD_S
        self.speed = SPEEDS[0]
        self.playing = True
        self.time = 0.0
        self.settled_at = 0.0  # when the last easing ends: the steady motion starts there
        self._band = self._compute_band()
        self._motion: Motion = motion_for(self._band, self.frequency, self.thrust_period)

    def subscribe(self, callback: Callable[[], None], kind: str = SCENE) -> None:
        self._listeners[kind].append(callback)

    def unsubscribe(self, callback: Callable[[], None], kind: str | None = None) -> None:
        for k, listeners in self._listeners.items():
            if (kind is None or k == kind) and callback in listeners:
                listeners.remove(callback)

    def _changed(self, kind: str = SCENE) -> None:
        for callback in list(self._listeners[kind]):
            callback()

    @property
    def grade(self) -> Grade:
        return self.choice.grade

    @property
    def band(self) -> Band:
        return self._band

    @property
    def frequency(self) -> float | None:
        """Oscillation frequency (Hz) of the current grade; None for a thrust."""
        return None if self.grade.is_thrust else self.frequencies[self.grade]

    @property
    def period(self) -> float:
        return self.thrust_period if self.grade.is_thrust else 1.0 / self.frequency

    @property
    def angle(self) -> float:
        return float(self._motion.angle(np.array([self.time]))[0])

    @property
    def motion(self) -> Motion:
        """The current motion in absolute simulated time (including any easing)."""
        return self._motion

    @property
    def in_transition(self) -> bool:
        return isinstance(self._motion, Blend)

    @property
    def steady_for(self) -> float:
        """Seconds of steady (not easing) motion so far: a measure needs a whole period."""
        return max(0.0, self.time - self.settled_at)

    def _compute_band(self) -> Band:
        return band(self.choice, self.joint, self.condition, self.convention)

    def _retarget(self) -> None:
        """Ease from wherever the segment is now to the new motion, phase 0 at now."""
        self._band = self._compute_band()
        target = Shifted(motion_for(self._band, self.frequency, self.thrust_period), self.time)
        self._motion = Blend(self._motion, target, self.time)
        self.settled_at = self._motion.end
        self._changed()

    # ------------------------------------------------------------ clock
    def step(self, dt: float) -> None:
        """Advance by a measured frame time: capped first, then scaled by speed."""
        if not self.playing:
            return
        self._advance(min(max(dt, 0.0), MAX_DT) * self.speed)

    def step_manual(self) -> None:
        """One step while paused (the → key)."""
        self._advance(MANUAL_STEP_S * self.speed)

    def advance(self, seconds: float) -> None:
        """Exactly `seconds` of simulated time, whatever the play state or speed (exports)."""
        self._advance(max(seconds, 0.0))

    def _advance(self, dt: float) -> None:
        self.time += dt
        if isinstance(self._motion, Blend) and self.time >= self._motion.end:
            self._motion = self._motion.b

    # ------------------------------------------------------------ commands
    def set_grade(self, choice: GradeChoice | Grade) -> None:
        if isinstance(choice, Grade):
            keep = self.choice.modifier if choice.takes_modifier else Modifier.NONE
            choice = GradeChoice(choice, keep)
        if choice.modifier is not Modifier.NONE and self.convention is Convention.QUARTILE:
            raise ValueError("modifiers belong to the resistance convention")
        self.choice = choice
        self._retarget()

    def set_modifier(self, modifier: Modifier) -> None:
        self.set_grade(GradeChoice(self.grade, modifier))

    def set_convention(self, convention: Convention) -> None:
        self.convention = convention
        if convention is Convention.QUARTILE:
            self.choice = GradeChoice(self.grade)
        self._retarget()

    def set_joint(self, joint: JointSpec, condition: Condition | None = None) -> None:
        """Change joint; a stiff condition carries over as the same fraction of B.

        The old joint's angle means nothing on the new one (120° of a PIP is past an
        MCP's 90°), so the new segment eases from the same place in its own range.
        """
        if condition is None:
            condition = Condition.from_fractions(joint, self.condition.limit_fraction)
        was = carried_angle(self.joint, self.angle, joint)
        self.joint = joint
        self.condition = condition
        self._motion = Hold(was)
        self._retarget()

    def set_condition(self, condition: Condition) -> None:
        self.condition = condition
        self._retarget()

    def set_frequency(self, frequency: float) -> None:
        if self.grade.is_thrust:
            raise ValueError("grade V is a single thrust; set its repeat period instead")
        self.frequencies[self.grade] = check_frequency(frequency)
        self._retarget()

    def set_thrust_period(self, seconds: float) -> None:
        lo, hi = THRUST_PERIOD_RANGE
        if not lo <= seconds <= hi:
            raise ValueError(f"thrust repeat {seconds:g} s is outside {lo:g}–{hi:g} s")
        self.thrust_period = float(seconds)
        if self.grade.is_thrust:
            self._retarget()

    def set_speed(self, speed: float) -> None:
        if not 0 < speed <= 4:
            raise ValueError(f"speed factor {speed:g} is outside (0, 4]")
        self.speed = float(speed)
        self._changed(PLAYBACK)

    def toggle_slow(self) -> None:
        self.set_speed(SPEEDS[1] if self.speed == SPEEDS[0] else SPEEDS[0])

    def set_playing(self, playing: bool) -> None:
        self.playing = bool(playing)
        self._changed(PLAYBACK)

    def toggle_playing(self) -> None:
        self.set_playing(not self.playing)

    def restart(self) -> None:
        """Start the current motion again from its first cycle (eased, no jump)."""
        self._retarget()

    def reset_all(self) -> None:
        """Back to the start-up defaults: joint, normal condition, grade, clock.

        The segment still eases from where it was to the default motion.
        """
        old_joint, old_angle = self.joint, self.angle
        self._apply_defaults()
        was = carried_angle(old_joint, old_angle, self.joint)
        self._motion = Blend(Hold(was), self._motion, 0.0)
        self.settled_at = self._motion.end
        self._changed(SCENE)
        self._changed(PLAYBACK)
