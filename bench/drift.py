"""Drive Simulation.step with jittered dt (uniform 5–40 ms) for one simulated hour.

Prints the clock error and the phase error of the shown angle against the exact
angle(t), and checks for NaN. Target: phase error < 1 ms, no NaN.
Usage: uv run python bench/drift.py [--hours H] [--seed N]
"""

import argparse
import math
import time

import numpy as np

from mobsim.model import Grade, Simulation, load_library
from mobsim.model.motion import motion_for


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--hours", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    knee = load_library().get("knee")
    sim = Simulation(knee, knee.stiff_condition(90), Grade.III)
    exact_motion = motion_for(sim.band, sim.frequency)
    rng = np.random.default_rng(args.seed)
    target = args.hours * 3600
    dts, shown = [], []
    started = time.perf_counter()
    while sim.time < target:
        dt = float(rng.uniform(0.005, 0.040))
        sim.step(dt)
        dts.append(dt)
        shown.append(sim.angle)
    elapsed = time.perf_counter() - started
    # Reference clock summed in extended precision (80-bit on x86), not the float64 running sum.
    exact_t = np.cumsum(np.array(dts, dtype=np.longdouble)).astype(np.float64)
    shown = np.array(shown)
    exact = exact_motion.angle(exact_t)
    clock_error = abs(sim.time - math.fsum(dts))
    # Phase error: angle difference divided by the local angular speed gives a time offset.
    speed = np.abs(np.gradient(exact, exact_t))
    moving = speed > 0.2 * speed.max()
    phase_error = np.max(np.abs(shown - exact)[moving] / speed[moving])
    print(f"steps: {len(dts):,}  simulated: {sim.time:,.1f} s  wall: {elapsed:.1f} s")
    print(f"clock error after {args.hours:g} h: {clock_error * 1e9:.3f} ns")
    print(f"max phase error: {phase_error * 1e3:.3g} ms (target < 1 ms)")
    print(f"NaN in shown angles: {bool(np.isnan(shown).any())}")


if __name__ == "__main__":
    main()
