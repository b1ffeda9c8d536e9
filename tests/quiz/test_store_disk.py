"""The history store on a full disk, with a wrong schema, and exported read-only.

A full disk is real here: a small tmpfs mounted inside the test (skipped, with the reason,
where mounting is not allowed), plus a simulated SQLITE_FULL via max_page_count.
"""

import contextlib
import csv
import os
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest

from mobsim.quiz import Attempt, HistoryStore
from mobsim.quiz.store import HISTORY_FILE, export_history


def attempt(seed=1, true="II", chosen="II", joint="knee"):
    return Attempt(
        "ana", "basic", joint, 90.0, 54.0, "quartile", true, chosen, true == chosen, 900, seed
    )


@contextlib.contextmanager
def small_disk(size="1m"):
    """A real, small filesystem (tmpfs) mounted for the test."""
    where = Path(tempfile.mkdtemp(prefix="mobsim-disk-"))
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        where.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip() or proc.returncode}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
        where.rmdir()


def fill(folder: Path) -> Path:
    """Take every free byte of the filesystem; the filler file."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 1024)
    finally:
        os.close(fd)
    return filler


def on_disk(folder):
    db = sqlite3.connect(folder / HISTORY_FILE)
    try:
        return db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    finally:
        db.close()


def test_a_full_disk_keeps_the_file_and_the_answers_and_saves_them_later():
    with small_disk() as disk:
        store = HistoryStore.open(disk)
        session = store.start_session("ana", "basic", "quartile")
        for i in range(5):
            assert store.record(session, attempt(i)) > 0
        filler = fill(disk)
        # Long text forces new pages, which a full disk cannot give.
        kept = [store.record(session, attempt(100 + i, joint="k" * 3000)) for i in range(20)]
        assert any(k < 0 for k in kept)
        assert not store.saves and store.unsaved >= 1
        assert "Saving has stopped" in store.notice and "disk is full" in store.notice
        # Nothing moved aside; this session's answers are all still counted.
        assert sorted(p.name for p in disk.iterdir() if "unreadable" in p.name) == []
        assert store.summary("ana", session).attempts == 25
        # Space again: the next answer saves everything kept in memory.
        filler.unlink()
        assert store.record(session, attempt(999)) > 0
        assert store.saves and "Saving works again" in store.notice
        store.close()
        assert on_disk(disk) == 26
        again = HistoryStore.open(disk)
        assert again.notice is None and again.summary("ana").attempts == 26
        again.close()


def test_opening_on_a_full_disk_never_moves_the_history_aside():
    with small_disk() as disk:
        store = HistoryStore.open(disk)
        session = store.start_session("ana", "basic", "quartile")
        for i in range(3):
            store.record(session, attempt(i))
        store.close()
        fill(disk)
        store = HistoryStore.open(disk)
        assert [p.name for p in disk.iterdir() if "unreadable" in p.name] == []
        assert store.summary("ana").attempts == 3  # the history is still there to see
        store.record(store.start_session("ana", "basic", "quartile"), attempt(7, joint="k" * 3000))
        assert store.summary("ana").attempts == 4
        store.close()


def test_a_new_history_on_a_full_disk_gives_a_notice_not_a_crash():
    with small_disk() as disk:
        fill(disk)
        store = HistoryStore.open(disk)
        assert not store.saves and store.notice
        store.record(store.start_session("ana", "basic", "quartile"), attempt())
        assert store.count() == 1


def test_simulated_sqlite_full_keeps_answers_in_memory(tmp_path):
    store = HistoryStore.open(tmp_path)
    session = store.start_session("ana", "basic", "quartile")
    store.record(session, attempt(0))
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own SQLITE_FULL
    ids = [store.record(session, attempt(i, joint="k" * 3000)) for i in range(1, 6)]
    assert any(i < 0 for i in ids)
    assert "disk is full" in store.notice
    assert store.summary("ana", session).attempts == 6
    store._db.execute("PRAGMA max_page_count = 1073741823")
    assert store.retry_saving()
    store.close()
    assert on_disk(tmp_path) == 6


def test_undo_of_an_answer_kept_in_memory_forgets_it(tmp_path):
    store = HistoryStore.open(tmp_path)
    session = store.start_session("ana", "basic", "quartile")
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")
    ids = [store.record(session, attempt(i, joint="k" * 3000)) for i in range(3)]
    store.remove(ids[-1])
    store._db.execute("PRAGMA max_page_count = 1073741823")
    assert store.retry_saving()
    store.close()
    assert on_disk(tmp_path) == 2


def test_a_session_started_while_the_disk_was_full_is_saved_later(tmp_path, monkeypatch):
    from mobsim.quiz import store as store_module

    real_session, real_attempt = store_module._insert_session, store_module._insert_attempt
    full = True

    def guarded(real):
        def insert(*args):
            if full:
                exc = sqlite3.OperationalError("database or disk is full")
                exc.sqlite_errorname = "SQLITE_FULL"
                raise exc
            return real(*args)

        return insert

    monkeypatch.setattr(store_module, "_insert_session", guarded(real_session))
    monkeypatch.setattr(store_module, "_insert_attempt", guarded(real_attempt))
    store = HistoryStore.open(tmp_path)
    session = store.start_session("ana", "standard", "quartile")
    assert session < 0
    store.record(session, attempt(1))
    full = False
    store.record(session, attempt(2))
    assert store.saves
    summary = store.summary("ana", session)  # the provisional id still finds the session
    assert summary.attempts == 2 and summary.trend[-1].level == "standard"
    store.close()
    assert on_disk(tmp_path) == 2


def test_a_wrong_schema_with_our_version_is_caught_and_kept_aside(tmp_path):
    path = tmp_path / HISTORY_FILE
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE attempts (id INTEGER PRIMARY KEY, something TEXT)")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    store = HistoryStore.open(tmp_path)
    assert "could not be read" in store.notice and "table profiles is missing" in store.notice
    aside = list(tmp_path.glob("quiz-history.unreadable-*.sqlite3"))
    assert len(aside) == 1  # kept, under another name, never deleted
    store.record(store.start_session("ana", "basic", "quartile"), attempt())
    assert store.summary("ana").attempts == 1
    store.close()


def make_history(folder, n=4):
    store = HistoryStore.open(folder)
    session = store.start_session("ana", "basic", "quartile")
    for i in range(n):
        store.record(session, attempt(i))
    store.close()


def rows(csv_path):
    with open(csv_path, newline="") as fh:
        return list(csv.reader(fh))[1:]


def test_export_from_a_read_only_folder_reads_every_row(tmp_path):
    folder = Path(tempfile.mkdtemp(prefix="mobsim-export-ro-"))  # under /tmp: others may enter
    out_dir = Path(tempfile.mkdtemp(prefix="mobsim-export-out-"))
    try:
        make_history(folder)
        before = sorted(p.name for p in folder.iterdir())
        folder.chmod(0o555)
        out_dir.chmod(0o777)
        with acting_as_nobody():
            count, _ = export_history(folder, out_dir / "out.csv")
        assert count == 4 and len(rows(out_dir / "out.csv")) == 4
        assert sorted(p.name for p in folder.iterdir()) == before  # nothing created or moved
    finally:
        folder.chmod(0o755)
        for d in (folder, out_dir):
            for p in d.iterdir():
                p.unlink()
            d.rmdir()


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


def test_export_of_a_future_version_reads_and_never_moves(tmp_path):
    make_history(tmp_path)
    db = sqlite3.connect(tmp_path / HISTORY_FILE)
    db.execute("ALTER TABLE attempts ADD COLUMN confidence REAL")
    db.execute("PRAGMA user_version = 7")
    db.commit()
    db.close()
    before = (tmp_path / HISTORY_FILE).read_bytes()
    count, notice = export_history(tmp_path, tmp_path / "out.csv")
    assert count == 4 and len(rows(tmp_path / "out.csv")) == 4
    assert "newer mobsim" in notice
    assert not list(tmp_path.glob("*unreadable*"))
    assert (tmp_path / HISTORY_FILE).read_bytes() == before


def test_export_of_a_damaged_history_is_one_clear_error(tmp_path, capsys):
    from mobsim.cli import main

    (tmp_path / HISTORY_FILE).write_bytes(b"not a database" * 100)
    code = main(["--data-dir", str(tmp_path), "--export-history", str(tmp_path / "o.csv")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and "cannot read" in err
    assert not (tmp_path / "o.csv").exists()
    assert not list(tmp_path.glob("*unreadable*"))
