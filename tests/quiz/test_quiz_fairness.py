"""The quiz has no shortcuts: intended cues suffice, tempo tells nothing (angles and glides).

Both classifiers learn from one seed's export and are scored on another seed's, so
either could fail: the cue classifier if the questions' cues overlap, the tempo one
if frequency carried grade information.
"""

import numpy as np
import pytest

from mobsim.model import load_library
from mobsim.quiz.accessory import ACCESSORY, HOLD_S, KALTENBORN
from mobsim.quiz.export import export_quiz, quiz_records, read_records
from mobsim.quiz.levels import Level

LIBRARY = load_library()
TRAIN_SEED, TEST_SEED = 11, 12
QUESTIONS = 700
RATE, SECONDS = 50.0, 8.0  # enough cycles at 0.7 Hz; lighter than the default export
OSCILLATING = {"I", "II", "III", "IV"}
TEMPO_BINS = np.linspace(0.7, 2.5, 7)


def turning_points(angle: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    d = np.diff(angle)
    turns = np.flatnonzero(np.sign(d[1:]) != np.sign(d[:-1])) + 1
    ext = angle[turns]
    peaks = ext[1:][ext[1:] > ext[:-1]] if len(ext) > 1 else np.array([angle.max()])
    troughs = ext[1:][ext[1:] < ext[:-1]] if len(ext) > 1 else np.array([angle.min()])
    return troughs, peaks


def cue_features(r: dict) -> np.ndarray:
    """Only what the student is meant to judge: amplitude relative to A–L, position
    relative to R1/P1 and L, and whether the motion is a thrust past L."""
    a, lim, r1 = r["start_deg"], r["limit_deg"], r["resistance_onset_deg"]
    p1 = r["pain_onset_deg"]
    span = lim - a
    angle = np.asarray(r["angle_deg"])
    thrust = float(angle.max() > lim + 1e-6)
    troughs, peaks = turning_points(angle)
    high = float(np.median(peaks)) if len(peaks) else float(angle.max())
    low = float(np.median(troughs)) if len(troughs) else float(angle.min())
    onset = min(r1, p1) if p1 is not None else r1
    depth = (high - r1) / (lim - r1) if lim - r1 > 1e-9 else 1.0
    return np.array([thrust, (high - low) / span, (high - onset) / span, (high - a) / span, depth])


class GaussianNaiveBayes:
    """Per class: a mean and a variance per feature, fitted on the training seed."""

    def fit(self, x: np.ndarray, y: list[str]) -> "GaussianNaiveBayes":
        self.classes = sorted(set(y))
        y = np.asarray(y)
        self.mean = np.array([x[y == c].mean(axis=0) for c in self.classes])
        self.var = np.array([x[y == c].var(axis=0) + 1e-4 for c in self.classes])
        self.prior = np.log([np.mean(y == c) for c in self.classes])
        return self

    def predict(self, x: np.ndarray) -> list[str]:
        ll = -0.5 * (((x[:, None, :] - self.mean) ** 2) / self.var + np.log(self.var)).sum(-1)
        return [self.classes[i] for i in np.argmax(ll + self.prior, axis=1)]


def tempo_classifier(freqs: np.ndarray, labels: list[str], edges: np.ndarray = TEMPO_BINS):
    """Majority label per frequency bin (frequency binned, nothing else)."""
    bins = np.digitize(freqs, edges)
    labels = np.asarray(labels)
    overall = max(set(labels), key=list(labels).count)
    majority = {}
    for b in set(bins):
        got = list(labels[bins == b])
        majority[b] = max(set(got), key=got.count)
    return lambda f: [majority.get(b, overall) for b in np.digitize(f, edges)]


def accuracy(predicted, truth) -> float:
    return 100.0 * float(np.mean(np.asarray(predicted) == np.asarray(truth)))


@pytest.fixture(scope="module", params=list(Level), ids=lambda lv: lv.value)
def exported(request, tmp_path_factory):
    level = request.param
    train = list(quiz_records(LIBRARY, level, TRAIN_SEED, QUESTIONS, RATE, SECONDS))
    path = tmp_path_factory.mktemp("quiz") / f"{level.value}.jsonl"
    export_quiz(path, LIBRARY, level, TEST_SEED, QUESTIONS, RATE, SECONDS)
    return level, train, read_records(path)


FIGURES: dict[str, dict[str, float]] = {}


def test_the_intended_cues_score_at_least_95_percent(exported):
    level, train, test = exported
    model = GaussianNaiveBayes().fit(
        np.array([cue_features(r) for r in train]), [r["grade"] for r in train]
    )
    score = accuracy(
        model.predict(np.array([cue_features(r) for r in test])), [r["grade"] for r in test]
    )
    print(f"\n{level.value}: intended cues {score:.1f}% on {len(test)} questions")
    assert score >= 95.0, (level, score)


def test_tempo_alone_is_no_better_than_shuffled_labels(exported):
    level, train, test = exported
    train = [r for r in train if r["grade"].rstrip("+-") in OSCILLATING]
    test = [r for r in test if r["grade"].rstrip("+-") in OSCILLATING]
    grade = lambda r: r["grade"].rstrip("+-")  # noqa: E731 (I–IV, modifiers aside)
    f_train = np.array([r["frequency_hz"] for r in train])
    f_test = np.array([r["frequency_hz"] for r in test])
    truth = [grade(r) for r in test]
    tempo = accuracy(tempo_classifier(f_train, [grade(r) for r in train])(f_test), truth)
    rng = np.random.default_rng(0)
    shuffled_labels = list(rng.permutation([grade(r) for r in train]))
    shuffled = accuracy(tempo_classifier(f_train, shuffled_labels)(f_test), truth)
    print(f"\n{level.value}: tempo {tempo:.1f}% vs shuffled {shuffled:.1f}% on {len(test)}")
    assert tempo - shuffled <= 8.0, (level, tempo, shuffled)


# ---------------------------------------------------------------- accessory glides
# The same two classifiers on glide questions (mm), Maitland and Kaltenborn, at every
# level: the glides draw their frequency from the angular questions' one range, and
# their R1 (the end of the toe region; Kaltenborn's first stop) per question.

GLIDES = [(level, grading) for grading in (ACCESSORY, KALTENBORN) for level in Level]


def as_angular(r: dict) -> dict:
    """A glide line read with the angular line's names (mm for degrees)."""
    return {
        **r,
        "start_deg": r["start_mm"],
        "limit_deg": r["limit_mm"],
        "resistance_onset_deg": r["resistance_onset_mm"],
        "pain_onset_deg": r["pain_onset_mm"],
        "angle_deg": r["translation_mm"],
    }


def zone_features(r: dict) -> np.ndarray:
    """Kaltenborn's cue only: where the hold sits against the slack zone (A to the
    first stop) and the transition zone (first stop to the second stop, L)."""
    a, stop, lim = r["start_mm"], r["resistance_onset_mm"], r["limit_mm"]
    hold = float(np.max(r["translation_mm"]))
    return np.array([(hold - a) / (stop - a), (hold - stop) / (lim - stop)])


def glide_features(r: dict) -> np.ndarray:
    return zone_features(r) if r["kind"] == KALTENBORN else cue_features(as_angular(r))


def glide_tempo(r: dict) -> float:
    """What tempo a glide shows: the oscillation frequency, or a Kaltenborn hold's length."""
    return r["hold_s"] if r["kind"] == KALTENBORN else r["frequency_hz"]


@pytest.fixture(scope="module", params=GLIDES, ids=lambda p: f"{p[1]}-{p[0].value}")
def glide_export(request, tmp_path_factory):
    level, grading = request.param
    train = list(quiz_records(LIBRARY, level, TRAIN_SEED, QUESTIONS, RATE, SECONDS, 1.0, grading))
    path = tmp_path_factory.mktemp("glides") / f"{grading}-{level.value}.jsonl"
    export_quiz(path, LIBRARY, level, TEST_SEED, QUESTIONS, RATE, SECONDS, 1.0, grading)
    test = read_records(path)
    assert {r["kind"] for r in train + test} == {grading}
    return level, grading, train, test


def test_glides_the_intended_cues_score_at_least_95_percent(glide_export):
    level, grading, train, test = glide_export
    model = GaussianNaiveBayes().fit(
        np.array([glide_features(r) for r in train]), [r["grade"] for r in train]
    )
    score = accuracy(
        model.predict(np.array([glide_features(r) for r in test])), [r["grade"] for r in test]
    )
    print(f"\n{grading} {level.value}: intended cues {score:.1f}% on {len(test)} questions")
    assert score >= 95.0, (grading, level, score)


def test_glides_tempo_alone_is_no_better_than_shuffled_labels(glide_export):
    level, grading, train, test = glide_export

    def timed(records):
        return [r for r in records if glide_tempo(r) is not None]  # V has no tempo

    train, test = timed(train), timed(test)
    grade = lambda r: r["grade"].rstrip("+-")  # noqa: E731
    t_train = np.array([glide_tempo(r) for r in train])
    t_test = np.array([glide_tempo(r) for r in test])
    bins = TEMPO_BINS if grading == ACCESSORY else np.linspace(*HOLD_S, 7)
    truth = [grade(r) for r in test]
    tempo = accuracy(tempo_classifier(t_train, [grade(r) for r in train], bins)(t_test), truth)
    rng = np.random.default_rng(0)
    shuffled_labels = list(rng.permutation([grade(r) for r in train]))
    shuffled = accuracy(tempo_classifier(t_train, shuffled_labels, bins)(t_test), truth)
    print(f"\n{grading} {level.value}: tempo {tempo:.1f}% vs shuffled {shuffled:.1f}%")
    assert tempo - shuffled <= 8.0, (grading, level, tempo, shuffled)
