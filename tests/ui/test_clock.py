"""The one clock: 60 frames a second while something moves, none while nothing does."""

from PySide6.QtWidgets import QWidget

from mobsim.ui.clock import FRAME_HZ, Clock


class Moving:
    def __init__(self):
        self.steps = 0
        self.moving = True

    def is_moving(self) -> bool:
        return self.moving

    def step(self, dt: float) -> None:
        self.steps += 1

    def render(self) -> None:
        pass


def test_a_second_of_frames_is_sixty_intervals_of_whole_milliseconds(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    clock = Clock(window)
    screen = Moving()
    clock.attach(screen)
    assert clock.timer.isActive()
    intervals = [clock.timer.interval()]
    for _ in range(FRAME_HZ * 3):
        clock.tick()
        intervals.append(clock.timer.interval())
    assert set(intervals) <= {16, 17}
    for start in range(0, 3 * FRAME_HZ, FRAME_HZ):  # every second, not only on average
        assert sum(intervals[start : start + FRAME_HZ]) == 1000
    screen.moving = False
    clock.update()
    assert not clock.timer.isActive()  # nothing moves: no timer, no CPU
