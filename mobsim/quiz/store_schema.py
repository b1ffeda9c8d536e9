"""The history file itself: its schema, the migration of older files, and the checks
and repairs made on opening. `mobsim.quiz.store` reads and writes attempts through it.

Schema versions (PRAGMA user_version):
1. profiles, sessions and attempts.
2. attempts.score: the 0–100 score of a marked performance (NULL for questions
   that are right or wrong only). A version-1 file is migrated in place, in one
   transaction, when it is opened for writing; read-only it is read as it is.

Only a damaged file (not a database, failed integrity check, wrong schema) is ever
moved aside; everything else is a problem of the moment and leaves the file alone.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HISTORY_FILE = "quiz-history.sqlite3"
SCHEMA_VERSION = 2
# WAL + NORMAL: a committed answer survives the program being killed, and the file
# stays consistent on power loss (the last answers may then roll back). FULL adds an
# fsync per answer, 2–4 ms here against a 5 ms budget (bench/quiz.py).
SYNCHRONOUS = "NORMAL"
NOT_SAVED = "answers will not be saved"
RECOGNITION = "recognition"  # the first question kind (the column's default)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS profiles (
    name        TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    id          INTEGER PRIMARY KEY,
    profile     TEXT NOT NULL REFERENCES profiles(name),
    level       TEXT NOT NULL,
    convention  TEXT NOT NULL,
    seed        INTEGER,
    started_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attempts (
    id                INTEGER PRIMARY KEY,
    session_id        INTEGER NOT NULL REFERENCES sessions(id),
    answered_at       TEXT NOT NULL,
    profile           TEXT NOT NULL,
    level             TEXT NOT NULL,
    kind              TEXT NOT NULL DEFAULT 'recognition',
    joint             TEXT NOT NULL,
    available_limit   REAL NOT NULL,
    resistance_onset  REAL NOT NULL,
    convention        TEXT NOT NULL,
    true_grade        TEXT NOT NULL,  -- a label: 'IV+', later also 'I-II', 'refer'
    chosen_grade      TEXT NOT NULL,
    correct           INTEGER NOT NULL CHECK (correct IN (0, 1)),
    response_ms       INTEGER NOT NULL,
    question_seed     INTEGER NOT NULL,
    score             REAL  -- 0–100 for a marked performance, else NULL (version 2)
);
-- Covering indexes: the summary and trend queries never touch the table itself,
-- and each walks its index in GROUP BY order (no sort): one session and the trend
-- by session, a whole history by answer pair.
CREATE INDEX IF NOT EXISTS attempts_by_session ON attempts
    (profile, session_id, kind, true_grade, chosen_grade, correct, response_ms);
CREATE INDEX IF NOT EXISTS attempts_by_pair ON attempts
    (profile, kind, true_grade, chosen_grade, correct, response_ms);
CREATE INDEX IF NOT EXISTS sessions_by_profile ON sessions (profile, id);
"""


CSV_COLUMNS = (
    "attempt_id",
    "session_id",
    "answered_at",
    "profile",
    "level",
    "kind",
    "joint",
    "available_limit_deg",
    "resistance_onset_deg",
    "convention",
    "true_grade",
    "chosen_grade",
    "correct",
    "response_ms",
    "question_seed",
    "score",
)


# ---------------------------------------------------------------- rows


@dataclass(frozen=True)
class Attempt:
    """One answer to one question, as stored."""

    profile: str
    level: str
    joint: str
    available_limit: float
    resistance_onset: float
    convention: str
    true_grade: str
    chosen_grade: str
    correct: bool
    response_ms: int
    question_seed: int
    kind: str = RECOGNITION
    score: float | None = None  # 0–100 for a marked performance; None for a right/wrong answer


def _insert_session(db: sqlite3.Connection, row: tuple) -> int:
    db.execute("INSERT OR IGNORE INTO profiles (name, created_at) VALUES (?, ?)", (row[0], row[4]))
    cur = db.execute(
        "INSERT INTO sessions (profile, level, convention, seed, started_at)"
        " VALUES (?, ?, ?, ?, ?)",
        row,
    )
    return int(cur.lastrowid)


def _insert_attempt(db: sqlite3.Connection, session_id: int, a: Attempt, when: str) -> int:
    cur = db.execute(
        "INSERT INTO attempts (session_id, answered_at, profile, level, kind, joint,"
        " available_limit, resistance_onset, convention, true_grade, chosen_grade,"
        " correct, response_ms, question_seed, score)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            session_id,
            when,
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
            int(a.response_ms),
            int(a.question_seed),
            None if a.score is None else float(a.score),
        ),
    )
    return int(cur.lastrowid)


class SchemaTooNew(sqlite3.DatabaseError):
    """Written by a newer mobsim: leave it alone rather than move it aside."""


class SchemaMismatch(sqlite3.DatabaseError):
    """Says it is our version, but its tables or columns are not ours: damaged."""


# The columns each table must have (checked on opening, not only user_version).
REQUIRED_COLUMNS = {
    "profiles": {"name", "created_at"},
    "sessions": {"id", "profile", "level", "convention", "seed", "started_at"},
    "attempts": {
        "id",
        "session_id",
        "answered_at",
        "profile",
        "level",
        "kind",
        "joint",
        "available_limit",
        "resistance_onset",
        "convention",
        "true_grade",
        "chosen_grade",
        "correct",
        "response_ms",
        "question_seed",
    },
}
# Columns added by a later schema version, with the version that added them and
# their definition: an older file gets them by migration (`migrate`).
ADDED_COLUMNS = {("attempts", "score"): (2, "REAL")}
# SQLite result codes that mean the file itself is damaged; anything else (full, I/O,
# read-only, busy, cannot open) is a problem of the moment and never moves the file.
CORRUPTION = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}
DISK_FULL = "SQLITE_FULL"


def _connect(path: Path | str) -> sqlite3.Connection:
    """Open, check and (if new) create the history; raises sqlite3.DatabaseError."""
    db = sqlite3.connect(str(path), timeout=5.0, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(f"PRAGMA synchronous={SYNCHRONOUS}")
        db.execute("PRAGMA foreign_keys=ON")
        check = db.execute("PRAGMA quick_check").fetchall()
        if check != [("ok",)]:
            raise sqlite3.DatabaseError(f"integrity check failed: {check[0][0]}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(f"schema version {version}")
        if version == 0:  # a new file
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        else:
            check_schema(db)  # the columns every version has, before changing anything
            migrate(db, version)
        check_schema(db, current=True)
        _try_a_write(db)
    except BaseException:
        db.close()
        raise
    return db


# ---------------------------------------------------------------- opening and repair

Opened = tuple  # (connection, path or None, notice or None, writable): HistoryStore's arguments


def open_file(folder: Path, connect) -> Opened:
    """Open the history under `folder` with `connect`; never moves a file that is only
    unwritable now, moves a damaged one aside and starts afresh."""
    path = folder / HISTORY_FILE
    problem = _unwritable(folder)
    if problem:
        notice = f"Cannot write to the data folder {folder} ({problem}): {NOT_SAVED}."
        return read_only_file(path, notice, connect)
    if path.exists() and not path.is_file():
        reason = "it is not a file"
    else:
        try:
            return connect(path), path, None, True
        except SchemaTooNew:
            notice = f"{path.name} was written by a newer mobsim: {NOT_SAVED}."
            return read_only_file(path, notice, connect)
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                return read_only_file(path, _not_now(exc, path), connect)
            reason = str(exc)
    moved = _move_aside(path)
    notice = (
        f"The quiz history file could not be read ({reason}). It was moved aside "
        f"as {moved.name} and a fresh history was started."
    )
    try:
        return connect(path), path, notice, True
    except sqlite3.DatabaseError as exc:
        notice = f"{notice} The fresh history failed too ({exc}): {NOT_SAVED}."
        return connect(":memory:"), None, notice, True


def read_only_file(path: Path, notice: str, connect) -> Opened:
    """The history as it is on disk, for reading only (in memory if it cannot be read)."""
    try:
        return _connect_read_only(path), path, notice, False
    except sqlite3.DatabaseError:
        return connect(":memory:"), None, notice, True


def migrate(db: sqlite3.Connection, version: int) -> None:
    """Bring an older file up to SCHEMA_VERSION in one transaction (nothing half-done)."""
    if version >= SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        for (table, column), (added_in, kind) in ADDED_COLUMNS.items():
            if added_in > version and column not in columns_of(db, table):
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def columns_of(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def check_schema(db: sqlite3.Connection, current: bool = False) -> None:
    """Every table and column mobsim reads is there; SchemaMismatch naming what is missing.

    `current`: also the columns added by later versions (a file just migrated or made)."""
    for table, columns in REQUIRED_COLUMNS.items():
        have = columns_of(db, table)
        if not have:
            raise SchemaMismatch(f"the table {table} is missing")
        if current:
            columns = columns | {c for (t, c) in ADDED_COLUMNS if t == table}
        missing = sorted(columns - have)
        if missing:
            raise SchemaMismatch(f"the table {table} lacks {', '.join(missing)}")


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Open an existing history for reading only, even in a read-only folder; checks the schema."""
    if not path.is_file():
        raise sqlite3.OperationalError(f"no history file at {path}")
    uri = path.resolve().as_uri()
    last: sqlite3.Error | None = None
    # mode=ro needs the WAL index beside the file; immutable=1 reads a folder we cannot write.
    for query in ("mode=ro", "immutable=1"):
        try:
            db = sqlite3.connect(f"{uri}?{query}", uri=True, timeout=5.0, isolation_level=None)
        except sqlite3.Error as exc:
            last = exc
            continue
        try:
            check_schema(db)
            return db
        except SchemaMismatch:
            db.close()
            raise
        except sqlite3.Error as exc:
            db.close()
            last = exc
    raise last or sqlite3.OperationalError("cannot open")


def _error_name(exc: BaseException) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    """The file is not a usable history (move it aside); not a problem of the moment."""
    if isinstance(exc, SchemaMismatch) or "integrity check failed" in str(exc):
        return True
    return _error_name(exc) in CORRUPTION or (
        not _error_name(exc) and "not a database" in str(exc).lower()
    )


def _not_now(exc: sqlite3.DatabaseError, path: Path) -> str:
    """The notice for a history that is fine but cannot be written at the moment."""
    if _is_busy(exc):
        return f"Quiz history is in use by another mobsim window: {NOT_SAVED}."
    if _is_read_only(exc):
        return f"The quiz history file {path} is read-only: {NOT_SAVED}."
    if _error_name(exc) == DISK_FULL:
        return f"The disk is full: {NOT_SAVED} until space is free. Your history is kept."
    return f"The quiz history file cannot be written now ({exc}): {NOT_SAVED}."


def _try_a_write(db: sqlite3.Connection) -> None:
    """A read-only file or a stuck lock shows at start, not at the first answer."""
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("INSERT OR IGNORE INTO profiles (name, created_at) VALUES ('', '')")
    finally:
        db.execute("ROLLBACK")


def _unwritable(folder: Path) -> str | None:
    """Why we cannot create files in `folder`, or None. Tries for real (ACLs, root)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".mobsim-probe-"):
            pass
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def _is_busy(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _is_read_only(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text


def _move_aside(path: Path) -> Path:
    """Rename the history (and its WAL files) to a timestamped name; the new name."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.unreadable-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.unreadable-{stamp}-{n}{path.suffix}")
    for suffix in ("", "-wal", "-shm"):
        # A stale WAL next to a fresh database would be replayed into it: move it too.
        companion = Path(f"{path}{suffix}")
        if companion.exists() or companion.is_symlink():
            os.replace(companion, Path(f"{target}{suffix}"))
    return target
