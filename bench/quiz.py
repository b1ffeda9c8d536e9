"""Quiz budgets (issue 4): question generation, recording an answer, summary at 100k.

Prints figures with a baseline measured in the same run; asserts nothing (the
machines are shared and noisy). Run: `uv run python bench/quiz.py`.
Budgets: generate ≤ 1 ms, record ≤ 5 ms (median, WAL), summary over 100,000
attempts ≤ 100 ms.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mobsim.model import Grade, band, load_library  # noqa: E402
from mobsim.quiz import Attempt, HistoryStore, Level, QuestionDeck, Session  # noqa: E402
from mobsim.quiz.store import HISTORY_FILE, SYNCHRONOUS  # noqa: E402

STORED = 100_000
PROFILE = "ana"  # the worst case: one profile holds every attempt


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def bench_generation(library) -> None:
    print("question generation (median of 2000 draws per level)")
    knee = library.get("knee")
    base = median_ms(lambda: band(Grade.IV, knee, knee.normal_condition()), 2000)
    rng_base = median_ms(lambda: np.random.default_rng(7).standard_normal(768), 2000)
    print(f"  baseline band()                       {base:8.4f} ms")
    print(f"  baseline default_rng + 768 normals    {rng_base:8.4f} ms")
    for level in Level:
        deck = QuestionDeck(level, library, seed=1)
        print(
            f"  {level.value:<9} deck.draw()                 {median_ms(deck.draw, 2000):8.4f} ms"
            "   (budget 1 ms)"
        )


def attempt(i: int, profile: str = "ana") -> Attempt:
    grades = ("I", "II", "III", "IV", "V")
    true, chosen = grades[i % 5], grades[(i * 7 // 3) % 5]
    return Attempt(
        profile,
        "standard",
        "knee",
        90.0,
        54.0,
        "quartile",
        true,
        chosen,
        true == chosen,
        800 + i % 2000,
        i,
    )


def bench_record(folder: Path) -> None:
    print("recording one answer (median of 300, own transaction each, on a temp file)")
    store = HistoryStore.open(folder / "store")
    session = store.start_session("ana", "standard", "quartile", 1)
    counter = iter(range(10**9))
    ms = median_ms(lambda: store.record(session, attempt(next(counter))), 300)
    mode = store._db.execute("PRAGMA journal_mode").fetchone()[0]
    print(
        f"  HistoryStore.record ({mode}, synchronous={SYNCHRONOUS})    {ms:8.3f} ms   (budget 5 ms)"
    )
    quiz = Session(load_library(), "standard", seed=1, store=store)

    def answer_and_next():
        quiz.answer(quiz.question.choice, 900)
        quiz.next()

    print(
        f"  Session.answer + next (feedback, record, draw) {median_ms(answer_and_next, 300):8.3f}"
        " ms"
    )
    store.close()
    for sync in ("FULL", "NORMAL"):
        db = sqlite3.connect(folder / f"bare-{sync}.sqlite3", isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(f"PRAGMA synchronous={sync}")
        db.execute("CREATE TABLE t (a INTEGER, b TEXT)")

        def insert(db=db):
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO t VALUES (1, 'x')")
            db.execute("COMMIT")

        print(
            f"  baseline bare insert+commit (WAL, synchronous={sync:<6}) "
            f"{median_ms(insert, 300):8.3f} ms"
        )
        db.close()


def fill(folder: Path) -> tuple[HistoryStore, int]:
    """100,000 attempts of one profile, 100 per session, written in bulk."""
    store = HistoryStore.open(folder)
    sessions = [
        store.start_session(PROFILE, "standard", "quartile", i) for i in range(STORED // 100)
    ]
    store.close()
    db = sqlite3.connect(folder / HISTORY_FILE)
    rows = []
    for i in range(STORED):
        s = sessions[i // 100]
        a = attempt(i, PROFILE)
        rows.append(
            (
                s,
                "2025-01-01T00:00:00+00:00",
                a.profile,
                a.level,
                a.kind,
                a.joint,
                a.available_limit,
                a.resistance_onset,
                a.convention,
                a.true_grade,
                a.chosen_grade,
                int(a.correct),
                a.response_ms,
                a.question_seed,
            )
        )
    with db:
        db.executemany(
            "INSERT INTO attempts (session_id, answered_at, profile, level, kind, joint,"
            " available_limit, resistance_onset, convention, true_grade, chosen_grade,"
            " correct, response_ms, question_seed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return HistoryStore.open(folder), sessions[-1]


def bench_summary(folder: Path) -> None:
    print(f"summary + confusion matrix over {STORED:,} stored attempts (median of 20)")
    t0 = time.perf_counter()
    store, last_session = fill(folder)
    print(f"  (filled in {time.perf_counter() - t0:.1f} s)")
    opened = median_ms(lambda: HistoryStore.open(folder).close(), 5)
    everyone = median_ms(
        lambda: store._db.execute("SELECT COUNT(*), SUM(correct) FROM attempts").fetchone(), 20
    )

    def whole_history():
        store.summary(PROFILE).matrix()

    def one_session():
        store.summary(PROFILE, last_session).matrix()

    print(f"  baseline COUNT/SUM over all rows          {everyone:8.3f} ms")
    print(f"  summary, one session (+ trend)            {median_ms(one_session, 20):8.3f} ms")
    print(
        f"  summary, whole history: 100,000 (+ trend) {median_ms(whole_history, 20):8.3f} ms"
        "   (budget 100 ms)"
    )
    print(f"  open + quick_check of the 100k store      {opened:8.3f} ms   (start-up cost)")
    store.close()


def main() -> None:
    library = load_library()
    bench_generation(library)
    with tempfile.TemporaryDirectory() as tmp:
        bench_record(Path(tmp))
        summary_dir = Path(tmp) / "big"
        bench_summary(summary_dir)


if __name__ == "__main__":
    main()
