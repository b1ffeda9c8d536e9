"""The quiz has no shortcuts: intended cues suffice, tempo tells nothing.

Both classifiers learn from one seed's export and are scored on another seed's, so
either could fail: the cue classifier if the questions' cues overlap, the tempo one
if frequency carried grade information.
"""

import numpy as np
import pytest

from mobsim.model import load_library
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


def tempo_classifier(freqs: np.ndarray, labels: list[str]):
    """Majority label per frequency bin (frequency binned, nothing else)."""
    bins = np.digitize(freqs, TEMPO_BINS)
    labels = np.asarray(labels)
    overall = max(set(labels), key=list(labels).count)
    majority = {}
    for b in set(bins):
        got = list(labels[bins == b])
        majority[b] = max(set(got), key=got.count)
    return lambda f: [majority.get(b, overall) for b in np.digitize(f, TEMPO_BINS)]


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
