"""The recorder of what was shown: the angle at each drawn frame, and what it measures.

After PhET's PeriodTrace: a measurement is a model object fed by the step, and
views only draw it. The live trace, the read-outs, the GIF export and the quiz all
read one recorder, so they agree on the same sample.

Samples sit in a preallocated ring buffer written twice, so the newest N are always
one contiguous slice (no copies per frame). The recorder never joins samples across
a break: a jump in time (time that passed while another screen was shown), a new
joint, or an explicit `break_here()`.
"""

from __future__ import annotations

import numpy as np

from mobsim.model.describe import peak_to_peak

CAPACITY = 1024  # samples kept (≥ 6 s at up to 170 frames/s)
# Simulated time between two drawn frames is at most 0.1 s (the clock's cap) × speed;
# more than this means frames were not drawn here, so the line must not join them.
MAX_GAP_S = 0.25


class TraceRecorder:
    """(time, angle) samples of what was drawn, newest last, with breaks kept."""

    def __init__(self, capacity: int = CAPACITY, max_gap: float = MAX_GAP_S):
        self.capacity = capacity
        self.max_gap = max_gap
        self._times = np.zeros(2 * capacity)
        self._angles = np.zeros(2 * capacity)
        # joins[i]: sample i is joined to sample i + 1 (pyqtgraph's `connect` array).
        self._joins = np.zeros(2 * capacity, dtype=bool)
        self._head = 0
        self._count = 0
        self._segment_start = 0.0  # time of the first sample since the last break
        self._broken = True
        self._joint_id: str | None = None

    # ------------------------------------------------------------ feeding
    def record(self, time: float, angle: float, joint_id: str | None = None) -> None:
        """One drawn frame. A time that does not advance (paused) adds nothing."""
        if joint_id is not None and joint_id != self._joint_id:
            self.clear()
            self._joint_id = joint_id
        if self._count:
            last = self._times[self._head + self.capacity - 1]
            if time <= last:
                return
            if time - last > self.max_gap:
                self._broken = True
        n, i = self.capacity, self._head
        if self._count:
            prev = (i - 1) % n
            self._joins[prev] = self._joins[prev + n] = not self._broken
        if self._broken:
            self._segment_start = time
            self._broken = False
        self._times[i] = self._times[i + n] = time
        self._angles[i] = self._angles[i + n] = angle
        self._joins[i] = self._joins[i + n] = False
        self._head = (i + 1) % n
        self._count = min(self._count + 1, n)

    def break_here(self) -> None:
        """The next sample starts a new segment (it is not joined to the last)."""
        self._broken = True

    def clear(self) -> None:
        """Forget everything shown so far (a new joint, a reset, a new question)."""
        self._head = self._count = 0
        self._broken = True
        self._joint_id = None

    # ------------------------------------------------------------ reading
    def __len__(self) -> int:
        return self._count

    def recent(self) -> tuple[np.ndarray, np.ndarray]:
        """(times, angles) oldest first, as views into the ring buffer."""
        end = self._head + self.capacity
        start = end - self._count
        return self._times[start:end], self._angles[start:end]

    def joins(self) -> np.ndarray:
        """Bool per sample in `recent()`: joined to the next one (False at every break)."""
        end = self._head + self.capacity
        return self._joins[end - self._count : end]

    def latest(self) -> tuple[float, float] | None:
        """The newest (time, angle): what every read-out shows for this frame."""
        if not self._count:
            return None
        i = self._head + self.capacity - 1
        return float(self._times[i]), float(self._angles[i])

    def segment(self) -> tuple[np.ndarray, np.ndarray]:
        """The samples since the last break, oldest first."""
        times, angles = self.recent()
        first = int(np.searchsorted(times, self._segment_start))
        return times[first:], angles[first:]

    def measured_amplitude(self, window: float) -> float | None:
        """Peak-to-peak angle over the last `window` s of unbroken recording, or None
        until that much has been recorded since the last break."""
        times, angles = self.segment()
        return peak_to_peak(times, angles, window)
