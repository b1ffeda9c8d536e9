"""--export-quiz: the recognition questions exactly as a student sees them, headless.

One JSON object per line (the public contract in the design notes): the joint, the
key, the condition, the markers shown, the frequency and the sampled motion. Extra
fields (`kind`, `level`, `seed`) help whoever checks the quiz's fairness.

With an accessory share, glide questions come in as the quiz mixes them (same
seeds, same draws: mobsim.quiz.mixed); their lines carry `kind` ("accessory" or
"kaltenborn"), `grading`, `unit` "mm" and the `*_mm` fields with `translation_mm`
in place of the `*_deg` fields and `angle_deg` (AccessoryQuestion.record).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from mobsim.model.atomic import atomic_open
from mobsim.model.library import JointLibrary
from mobsim.model.markers import labels
from mobsim.model.motion import trace
from mobsim.quiz.accessory import ACCESSORY, AccessoryDeck
from mobsim.quiz.levels import Level, level_spec
from mobsim.quiz.questions import Question, QuestionDeck

DEFAULT_RATE_HZ = 100.0
DEFAULT_SECONDS = 12.0


def question_record(question: Question, rate: float, seconds: float) -> dict:
    """One question as the JSON object the export writes."""
    c = question.condition
    t, angle = trace(question.motion(), seconds, rate)
    return {
        "kind": "recognition",
        "joint": question.joint.id,
        "grade": question.choice.label,
        "convention": question.convention.value,
        "start_deg": c.start,
        "normal_end_deg": c.normal_end,
        "limit_deg": c.available_limit,
        "resistance_onset_deg": c.resistance_onset,
        "pain_onset_deg": c.pain_onset,
        "limiting_factor": c.limiting_factor.value,
        "markers": labels(question.markers),
        "frequency_hz": question.frequency,
        "time_s": np.round(t, 6).tolist(),
        "angle_deg": np.round(angle, 4).tolist(),
        "level": question.level.value,
        "seed": question.seed,
    }


def quiz_records(
    library: JointLibrary,
    level: Level | str,
    seed: int,
    questions: int,
    rate: float = DEFAULT_RATE_HZ,
    seconds: float = DEFAULT_SECONDS,
    accessory: float = 0.0,
    grading: str = ACCESSORY,
) -> Iterator[dict]:
    """The first `questions` questions a student with this seed would be asked (a new
    profile, no cases); `accessory` is the share of glides, `grading` their system."""
    spec = level_spec(level)
    deck = QuestionDeck(spec, library, seed)
    glides = None
    if accessory > 0:
        # The seeds MixedQuiz gives its glide deck and its glide-or-angle draw.
        glides = AccessoryDeck(library.techniques.values(), grading, spec, deck.seed + 2)
    kinds = np.random.default_rng(deck.seed + 3)
    for _ in range(questions):
        if glides is not None and kinds.random() < accessory:
            yield glides.draw().record(seconds, rate)
        else:
            yield question_record(deck.draw(), rate, seconds)


def export_quiz(
    path: Path | str,
    library: JointLibrary,
    level: Level | str,
    seed: int,
    questions: int,
    rate: float = DEFAULT_RATE_HZ,
    seconds: float = DEFAULT_SECONDS,
    accessory: float = 0.0,
    grading: str = ACCESSORY,
) -> int:
    """Write the questions as JSON lines (atomically); returns how many were written."""
    count = 0
    records = quiz_records(library, level, seed, questions, rate, seconds, accessory, grading)
    with atomic_open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, separators=(",", ":")) + "\n")
            count += 1
    return count


def read_records(path: Path | str) -> list[dict]:
    """The records of an exported quiz file."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
