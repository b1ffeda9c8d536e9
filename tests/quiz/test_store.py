"""The history store: WAL, one transaction per answer, and it never fails the quiz."""

import contextlib
import csv
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from mobsim.quiz import Attempt, HistoryStore
from mobsim.quiz import store as store_module
from mobsim.quiz.store import CSV_COLUMNS, HISTORY_FILE, export_history, profile_name

ROOT = Path(__file__).resolve().parents[2]


def attempt(true="II", chosen="II", ms=1000, profile="ana", seed=1, kind="recognition"):
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
        ms,
        seed,
        kind,
    )


def integrity(path):
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA integrity_check").fetchall()
    finally:
        db.close()


# ---------------------------------------------------------------- basics


def test_wal_and_one_committed_transaction_per_answer(tmp_path):
    store = HistoryStore.open(tmp_path)
    assert store.saves and store.notice is None and store.path == tmp_path / HISTORY_FILE
    other = sqlite3.connect(store.path, isolation_level=None, timeout=0)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # kept in the file
    session = store.start_session("ana", "standard", "quartile", 7)
    aid = store.record(session, attempt())
    # Nothing left open: another writer gets the lock at once (timeout 0).
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    # Another connection sees it at once: it is committed.
    assert other.execute(
        "SELECT true_grade, profile FROM attempts WHERE id = ?", (aid,)
    ).fetchone() == ("II", "ana")
    other.close()
    store.remove(aid)
    assert store.count() == 0
    store.close()


def test_several_profiles_share_one_store(tmp_path):
    store = HistoryStore.open(tmp_path)
    for name in ("ben", "ana", "chloé"):
        s = store.start_session(name, "basic", "quartile")
        store.record(s, attempt(profile=name))
    assert store.profiles() == ["ana", "ben", "chloé"]
    assert store.summary("ana").attempts == 1
    store.close()
    assert HistoryStore.open(tmp_path).profiles() == ["ana", "ben", "chloé"]


def test_profile_names_are_checked():
    assert profile_name("  Ana B.  ") == "Ana B."
    for bad in ("", "   ", "x" * 41, "tab\there"):
        with pytest.raises(ValueError):
            profile_name(bad)


# ---------------------------------------------------------------- summary


def test_summary_counts_confusions_accuracy_and_time():
    store = HistoryStore.in_memory()
    s = store.start_session("ana", "basic", "quartile")
    answers = (
        [("II", "III", 2000)] * 3
        + [("II", "II", 1000)] * 2
        + [("III", "II", 1500)]
        + [("I", "I", 500)] * 4
    )
    for true, chosen, ms in answers:
        store.record(s, attempt(true, chosen, ms))
    store.record(s, attempt("I", "I", 99999, profile="ben"))  # another student: not counted
    summary = store.summary("ana", s)
    assert (summary.attempts, summary.correct) == (10, 6)
    assert summary.mean_response_ms == pytest.approx((6000 + 2000 + 1500 + 2000) / 10)
    assert summary.per_grade["II"].attempts == 5 and summary.per_grade["II"].correct == 2
    assert summary.per_grade["II"].accuracy == pytest.approx(0.4)
    assert summary.per_grade["I"].accuracy == 1.0
    assert list(summary.per_grade) == ["I", "II", "III"]
    assert summary.confusion[("II", "III")] == 3
    assert summary.confusion[("III", "II")] == 1
    labels, rows = summary.matrix()
    assert labels == ["I", "II", "III"]
    assert rows == [[4, 0, 0], [0, 2, 3], [0, 1, 0]]  # rows: true, columns: chosen


def test_trend_over_past_sessions():
    store = HistoryStore.in_memory()
    expected = []
    for n_right in (1, 3, 5):
        s = store.start_session("ana", "basic", "quartile")
        for i in range(5):
            store.record(s, attempt("IV", "IV" if i < n_right else "I"))
        expected.append(n_right / 5)
    trend = store.summary("ana").trend
    assert [t.accuracy for t in trend] == pytest.approx(expected)
    assert [t.level for t in trend] == ["basic"] * 3
    assert len(store.trend("ana", sessions=2)) == 2


def test_summary_agrees_with_counting_by_hand_over_many_attempts():
    store = HistoryStore.in_memory()
    rng = random.Random(5)
    labels = ["I", "II", "III", "III+", "IV--", "IV", "V"]
    rows = []
    for _session in range(20):
        s = store.start_session("ana", "expert", "resistance")
        for _ in range(150):
            t, c = rng.choice(labels), rng.choice(labels)
            ms = rng.randint(200, 5000)
            store.record(s, attempt(t, c, ms))
            rows.append((t, c, ms))
    summary = store.summary("ana")
    assert summary.attempts == len(rows)
    assert summary.correct == sum(t == c for t, c, _ in rows)
    assert summary.mean_response_ms == pytest.approx(sum(ms for *_, ms in rows) / len(rows))
    for (t, c), n in summary.confusion.items():
        assert n == sum(1 for a, b, _ in rows if (a, b) == (t, c))
    assert summary.labels == labels  # grade order, modifiers in depth order


def test_summary_queries_walk_a_covering_index_without_sorting(tmp_path):
    HistoryStore.open(tmp_path).close()  # creates the schema and its indexes
    db = sqlite3.connect(tmp_path / HISTORY_FILE, isolation_level=None)
    ran: list[str] = []
    db.set_trace_callback(ran.append)  # the statements as run, parameters bound
    store = HistoryStore(db, tmp_path / HISTORY_FILE)
    session = store.start_session("ana", "standard", "quartile")
    for true, chosen in [("II", "II"), ("IV", "III"), ("IV+", "IV+")]:
        store.record(session, attempt(true, chosen))
    ran.clear()
    store.summary("ana")
    store.summary("ana", session_id=session)
    queries = [sql for sql in ran if "FROM attempts" in sql]
    db.set_trace_callback(None)
    # Both summaries group the answers; each also reads the trend.
    assert sum("GROUP BY true_grade" in sql for sql in queries) == 2, queries
    assert sum("GROUP BY session_id" in sql for sql in queries) == 2, queries
    for sql in queries:
        plan = " ".join(r[-1] for r in db.execute("EXPLAIN QUERY PLAN " + sql))
        assert "COVERING INDEX" in plan, (sql, plan)
        assert "TEMP B-TREE" not in plan, (sql, plan)
    store.close()


def test_free_text_labels_and_kinds_for_later_question_kinds():
    store = HistoryStore.in_memory()
    s = store.start_session("ana", "standard", "quartile")
    store.record(s, attempt("I-II", "refer", kind="case"))
    store.record(s, attempt("IV", "IV"))
    assert store.summary("ana").attempts == 1  # recognition by default
    case = store.summary("ana", kind="case")
    assert case.confusion == {("I-II", "refer"): 1}
    assert store.recent_answers("ana", 10, kind="case") == [("I-II", "refer")]


# ---------------------------------------------------------------- export


def test_export_csv_writes_every_attempt_of_every_profile(tmp_path):
    store = HistoryStore.open(tmp_path / "data")
    s = store.start_session("ana", "standard", "quartile", 3)
    store.record(s, attempt("III", "II", 1234, seed=42))
    store.record(store.start_session("ben", "basic", "quartile"), attempt(profile="ben"))
    out = tmp_path / "history.csv"
    assert store.export_csv(out) == 2
    with out.open() as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == CSV_COLUMNS
    first = rows[0]
    assert (first["profile"], first["true_grade"], first["chosen_grade"]) == ("ana", "III", "II")
    assert (first["correct"], first["response_ms"], first["question_seed"]) == ("0", "1234", "42")
    assert first["kind"] == "recognition" and first["joint"] == "knee"
    assert float(first["available_limit_deg"]) == 90.0
    assert first["answered_at"].endswith("+00:00")
    assert rows[1]["profile"] == "ben"
    store.close()
    # Exporting where there is no history creates none.
    count, notice = export_history(tmp_path / "empty", tmp_path / "none.csv")
    assert count == 0 and "no quiz history" in notice
    assert not (tmp_path / "empty" / HISTORY_FILE).exists()
    assert (tmp_path / "none.csv").read_text().strip() == ",".join(CSV_COLUMNS)


# ---------------------------------------------------------------- reliability

WRITER = """
import sys
from mobsim.model import load_library
from mobsim.quiz import HistoryStore, Session
store = HistoryStore.open(sys.argv[1])
assert store.saves, store.notice
session = Session(load_library(), "standard", seed=1, store=store, profile="ana")
while True:
    q = session.question
    session.answer(q.choice, 800)
    print(session.results[-1].attempt_id, flush=True)
    session.next()
"""


def test_sigkill_mid_quiz_loses_no_answered_attempt(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    reported = []
    try:
        for line in proc.stdout:
            reported.append(int(line))
            if len(reported) == 300:
                proc.send_signal(signal.SIGKILL)
                break
        # Whatever it printed before dying was committed before it printed it.
        reported += [int(x) for x in proc.stdout.read().split()]
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()
    path = tmp_path / HISTORY_FILE
    assert integrity(path) == [("ok",)]
    store = HistoryStore.open(tmp_path)
    assert store.notice is None  # opened as it was, not moved aside
    with contextlib.closing(sqlite3.connect(path)) as db:
        stored = {r[0] for r in db.execute("SELECT id FROM attempts")}
    assert set(reported) <= stored and len(reported) >= 300
    assert store.summary("ana").attempts == len(stored)
    store.close()


def test_a_corrupt_history_is_moved_aside_and_a_fresh_one_started(tmp_path):
    path = tmp_path / HISTORY_FILE
    path.write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    Path(f"{path}-wal").write_bytes(b"stale wal")
    store = HistoryStore.open(tmp_path)
    assert store.saves
    assert "could not be read" in store.notice and "moved aside" in store.notice
    aside = sorted(tmp_path.glob("quiz-history.unreadable-*.sqlite3"))
    assert len(aside) == 1 and aside[0].name in store.notice
    assert aside[0].read_bytes().startswith(b"this is not a database")
    # The stale WAL went with it (or SQLite dropped it): never replayed into the fresh file.
    wal = Path(f"{path}-wal")
    assert not wal.exists() or not wal.read_bytes().startswith(b"stale wal")
    # The fresh store works.
    store.record(store.start_session("ana", "basic", "quartile"), attempt())
    assert store.count() == 1
    store.close()
    assert integrity(path) == [("ok",)]


def test_a_damaged_page_is_caught_at_start(tmp_path):
    store = HistoryStore.open(tmp_path)
    s = store.start_session("ana", "basic", "quartile")
    for i in range(2000):
        store.record(s, attempt(seed=i))
    store.close()  # the last connection to close checkpoints the WAL into the file
    path = tmp_path / HISTORY_FILE
    raw = bytearray(path.read_bytes())
    page = 4096
    assert len(raw) > 8 * page
    raw[3 * page : 6 * page] = os.urandom(3 * page)  # scribble over b-tree pages
    path.write_bytes(bytes(raw))
    store = HistoryStore.open(tmp_path)
    assert store.notice and "moved aside" in store.notice
    assert store.count() == 0 and store.saves
    store.close()


def test_an_unreadable_history_is_moved_aside(tmp_path):
    (tmp_path / HISTORY_FILE).mkdir()  # something that cannot be opened as a file
    store = HistoryStore.open(tmp_path)
    assert store.saves and "moved aside" in store.notice
    assert len(list(tmp_path.glob("quiz-history.unreadable-*"))) == 1
    store.close()


def test_two_damaged_files_in_one_second_get_different_names(tmp_path):
    for _ in range(2):
        (tmp_path / HISTORY_FILE).write_bytes(b"junk" * 1000)
        HistoryStore.open(tmp_path).close()
    assert len(list(tmp_path.glob("quiz-history.unreadable-*.sqlite3"))) == 2


@contextlib.contextmanager
def acting_as_nobody():
    """Root ignores file modes; drop to an ordinary user for the read-only check."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


def test_a_read_only_data_dir_reads_the_history_and_keeps_new_answers_in_memory():
    folder = Path(tempfile.mkdtemp(prefix="mobsim-ro-"))  # under /tmp: others may enter
    try:
        kept = HistoryStore.open(folder)
        kept.record(kept.start_session("ana", "basic", "quartile"), attempt())
        kept.close()
        before = (folder / HISTORY_FILE).read_bytes()
        folder.chmod(0o555)
        with acting_as_nobody():
            store = HistoryStore.open(folder)
        assert not store.saves
        assert "answers will not be saved" in store.notice and str(folder) in store.notice
        # The history is still shown, and the quiz runs with new answers kept in memory.
        assert store.summary("ana").attempts == 1
        store.record(store.start_session("ana", "basic", "quartile"), attempt())
        assert store.count() == 2 and store.unsaved == 1
        # The old history is left as it was.
        assert (folder / HISTORY_FILE).read_bytes() == before
        assert not list(folder.glob("*unreadable*"))
    finally:
        folder.chmod(0o755)
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


def test_a_data_dir_that_cannot_be_created_gives_an_in_memory_store(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    store = HistoryStore.open(blocker / "mobsim")
    assert not store.saves and "answers will not be saved" in store.notice


def test_a_history_from_a_newer_mobsim_is_left_alone(tmp_path):
    HistoryStore.open(tmp_path).close()
    db = sqlite3.connect(tmp_path / HISTORY_FILE)
    db.execute("PRAGMA user_version=99")
    db.close()
    store = HistoryStore.open(tmp_path)
    assert not store.saves and "newer mobsim" in store.notice
    assert not list(tmp_path.glob("*unreadable*"))


def test_a_history_in_use_elsewhere_is_not_moved_aside(tmp_path, monkeypatch):
    (tmp_path / HISTORY_FILE).write_bytes(b"")

    def busy(path):
        if str(path) != ":memory:":
            raise sqlite3.OperationalError("database is locked")
        return real(path)

    real = store_module._connect
    monkeypatch.setattr(store_module, "_connect", busy)
    store = HistoryStore.open(tmp_path)
    assert not store.saves and "in use" in store.notice
    assert not list(tmp_path.glob("*unreadable*"))


def test_a_read_only_history_file_is_not_moved_aside():
    folder = Path(tempfile.mkdtemp(prefix="mobsim-rofile-"))
    try:
        folder.chmod(0o777)  # the folder is writable, the file is not
        HistoryStore.open(folder).close()
        path = folder / HISTORY_FILE
        before = path.read_bytes()
        path.chmod(0o444)
        with acting_as_nobody():
            store = HistoryStore.open(folder)
            store.close()
        assert not store.saves
        assert "read-only" in store.notice and "not be saved" in store.notice
        assert path.read_bytes() == before
        assert not list(folder.glob("*unreadable*"))
    finally:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


def test_opening_an_existing_history_writes_nothing(tmp_path):
    store = HistoryStore.open(tmp_path)
    store.record(store.start_session("ana", "basic", "quartile"), attempt())
    store.close()  # the last connection to close checkpoints the WAL into the file
    path = tmp_path / HISTORY_FILE
    before = path.read_bytes()
    again = HistoryStore.open(tmp_path)
    assert again.notice is None and again.count() == 1
    again.close()
    assert path.read_bytes() == before


def test_opening_never_raises(tmp_path, monkeypatch):
    def explode(cls, folder):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(HistoryStore, "_open", classmethod(explode))
    store = HistoryStore.open(tmp_path)
    assert not store.saves and "disk on fire" in store.notice
