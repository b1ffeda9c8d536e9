"""The one clock: one QTimer steps the current screen, then that screen redraws.

It runs only while something moves. Paused, minimised or hidden, the timer is
stopped, so an idle window costs no CPU; play or show starts it again (the window
calls `update` when it is shown, hidden or minimised: `look.WindowEvents`).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer

FRAME_HZ = 60  # the displays' refresh: frames beyond it are never seen
# A stalled frame never advances the clock by more than this, before any speed factor:
# slow motion stays slow on a slow machine and a stall never makes a joint jump.
MAX_DT = 0.1


class Clock(QObject):
    """Steps `screen.step(dt)` while `screen.is_moving()` and the window is shown."""

    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        self.window = window
        self.screen = None
        self.enabled = True  # False: frames are driven by hand (screenshots, benches)
        self._last: float | None = None
        self._ticks = 0  # since the timer started: sets the next interval
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(round(1000 / FRAME_HZ))  # then 17, 16, 17, ... ms
        self.timer.timeout.connect(self.tick)

    def attach(self, screen) -> None:
        self.screen = screen
        self.update()

    def window_can_show(self) -> bool:
        w = self.window
        return w.isVisible() and not (w.windowState() & Qt.WindowState.WindowMinimized)

    def update(self) -> None:
        """Start or stop the timer to match what the screen and window need."""
        moving = self.screen is not None and self.screen.is_moving()
        run = self.enabled and moving and self.window_can_show()
        if run and not self.timer.isActive():
            self._last = None
            self._ticks = 0
            self.timer.start(round(1000 / FRAME_HZ))
        elif not run and self.timer.isActive():
            self.timer.stop()

    def stop(self) -> None:
        self.enabled = False
        self.timer.stop()

    def tick(self) -> None:
        # Whole milliseconds that add up to 60 Hz (16 ms alone would be 62.5 Hz).
        self._ticks += 1
        n = self._ticks
        self.timer.setInterval(round((n + 1) * 1000 / FRAME_HZ) - round(n * 1000 / FRAME_HZ))
        now = time.perf_counter()
        dt = 0.0 if self._last is None else min(now - self._last, MAX_DT)
        self._last = now
        if self.screen is not None:
            self.screen.step(dt)
            self.screen.render()
