"""What went wrong while loading the bundled files, gathered once at start-up. Qt-free.

Every loader reports problems instead of raising; this collects them so the window can
show them at start-up (and again under Help ▸ About mobsim), and the CLI can print them.
"""

from __future__ import annotations

from mobsim.model.library import JointLibrary


def startup_problems(library: JointLibrary) -> list[str]:
    """One line per file or entry that could not be used: joint presets, then content."""
    from mobsim.content import load_grade_texts, load_precautions, load_vignettes

    problems = [f"Joint preset skipped: {e}" for e in library.errors]
    checks = (
        ("Grade text", load_grade_texts),
        ("Precaution", load_precautions),
        ("Patient case", lambda: load_vignettes(joints=library)),
    )
    for label, load in checks:
        problems += [f"{label} not loaded: {e}" for e in load().errors]
    return problems
