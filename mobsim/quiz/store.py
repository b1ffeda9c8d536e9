"""Quiz history: every attempt in SQLite, in WAL mode, one transaction per answer.

Opening never raises. Only a damaged file (not a database, failed integrity check,
wrong schema) is moved aside under a timestamped name and a fresh one started. A full
disk, an I/O error, a read-only file or folder, a lock or a newer mobsim's file is never
moved: the history is read as it is, and answers that cannot be saved are kept in memory
(read back with the rest) and written as soon as a later save succeeds. Either way
`notice` says what happened, in words a student understands, and the quiz still runs.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mobsim.model.atomic import atomic_open
from mobsim.model.grades import GradeChoice, Modifier

HISTORY_FILE = "quiz-history.sqlite3"
SCHEMA_VERSION = 1
DEFAULT_PROFILE = "student"
PROFILE_MAX_CHARS = 40
RECOGNITION = "recognition"  # the only question kind so far; "case" will follow
TREND_SESSIONS = 20
NOT_SAVED = "answers will not be saved"
# WAL + NORMAL: a committed answer survives the program being killed, and the file
# stays consistent on power loss (the last answers may then roll back). FULL adds an
# fsync per answer, 2–4 ms here against a 5 ms budget (bench/quiz.py).
SYNCHRONOUS = "NORMAL"

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
    question_seed     INTEGER NOT NULL
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
)


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("mobsim", appauthor=False))


def profile_name(text: str) -> str:
    """A student profile name, checked: 1–40 printable characters."""
    name = text.strip()
    if not name:
        raise ValueError("a profile name must not be empty")
    if len(name) > PROFILE_MAX_CHARS:
        raise ValueError(f"a profile name has at most {PROFILE_MAX_CHARS} characters")
    if not name.isprintable():
        raise ValueError("a profile name must be printable text")
    return name


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


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
# SQLite result codes that mean the file itself is damaged; anything else (full, I/O,
# read-only, busy, cannot open) is a problem of the moment and never moves the file.
CORRUPTION = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}
DISK_FULL = "SQLITE_FULL"


# ---------------------------------------------------------------- records


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


def accuracy(correct: int, attempts: int) -> float | None:
    """Share right; None when nothing was asked (not 0 %, which would be a verdict)."""
    return correct / attempts if attempts else None


@dataclass(frozen=True)
class Tally:
    attempts: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        return accuracy(self.correct, self.attempts)


@dataclass(frozen=True)
class SessionScore(Tally):
    session_id: int = 0
    started_at: str = ""
    level: str = ""


@dataclass(frozen=True)
class Summary:
    """Score, per-grade accuracy, confusion and response time; trend over sessions."""

    attempts: int
    correct: int
    mean_response_ms: float | None
    per_grade: dict[str, Tally]  # by true grade label
    confusion: dict[tuple[str, str], int]  # (true label, chosen label) → count
    trend: list[SessionScore]  # the profile's recent sessions, oldest first

    @classmethod
    def from_counts(cls, rows, trend: list[SessionScore]) -> Summary:
        """From (true, chosen, attempts, correct, total response ms) per answer pair."""
        confusion: dict[tuple[str, str], int] = {}
        per_grade: dict[str, list[int]] = {}
        total = correct = total_ms = 0
        for true, chosen, n, right, ms in rows:
            confusion[(true, chosen)] = confusion.get((true, chosen), 0) + n
            tally = per_grade.setdefault(true, [0, 0])
            tally[0] += n
            tally[1] += right
            total, correct, total_ms = total + n, correct + right, total_ms + ms
        return cls(
            attempts=total,
            correct=correct,
            mean_response_ms=total_ms / total if total else None,
            per_grade={k: Tally(*per_grade[k]) for k in sorted(per_grade, key=label_order)},
            confusion=confusion,
            trend=trend,
        )

    @property
    def accuracy(self) -> float | None:
        return accuracy(self.correct, self.attempts)

    @property
    def labels(self) -> list[str]:
        """Every label seen, true or chosen, in grade order (free-text labels last)."""
        seen = {label for pair in self.confusion for label in pair}
        return sorted(seen, key=label_order)

    def matrix(self) -> tuple[list[str], list[list[int]]]:
        """(labels, rows): rows[i][j] counts true labels[i] answered as labels[j]."""
        labels = self.labels
        rows = [[self.confusion.get((t, c), 0) for c in labels] for t in labels]
        return labels, rows


_MODIFIER_ORDER = {m: i for i, m in enumerate(Modifier)}


def label_order(label: str) -> tuple:
    try:
        choice = GradeChoice.parse(label)
    except ValueError:
        return (1, 0, 0, label)
    return (0, choice.grade.value, _MODIFIER_ORDER[choice.modifier], label)


# ---------------------------------------------------------------- store


class HistoryStore:
    """All attempts of every profile on this computer. Use `HistoryStore.open()`."""

    def __init__(
        self,
        db: sqlite3.Connection,
        path: Path | None,
        notice: str | None = None,
        writable: bool = True,
    ):
        self._db = db
        self.path = path  # None: in memory only
        self.notice = notice
        self._writable = writable  # False: a history read from disk that cannot take answers
        # Answers (and sessions) not yet on disk: kept here, read back with the rest.
        self._unsaved_sessions: dict[int, tuple] = {}  # provisional id (< 0) → row
        self._unsaved: dict[int, tuple[int, Attempt, str]] = {}  # provisional id (< 0) → attempt
        self._saved_as: dict[int, int] = {}  # provisional session id → id on disk
        self._next_provisional = -1

    @property
    def saves(self) -> bool:
        """Whether answers reach the disk now (False: in memory, or saving has stopped)."""
        return (
            self.path is not None
            and self._writable
            and not self._unsaved
            and not self._unsaved_sessions
        )

    @property
    def unsaved(self) -> int:
        """Answers kept in memory because saving failed."""
        return len(self._unsaved)

    # ------------------------------------------------------------ opening
    @classmethod
    def open(cls, data_dir: Path | str | None = None) -> HistoryStore:
        """The history under `data_dir`; never raises (see the module docstring)."""
        try:
            return cls._open(Path(data_dir) if data_dir is not None else default_data_dir())
        except Exception as exc:  # the last line of defence: never crash at start
            return cls.in_memory(f"Quiz history could not be opened ({exc}): {NOT_SAVED}.")

    @classmethod
    def _open(cls, folder: Path) -> HistoryStore:
        path = folder / HISTORY_FILE
        problem = _unwritable(folder)
        if problem:
            return cls.read_only(
                path, f"Cannot write to the data folder {folder} ({problem}): {NOT_SAVED}."
            )
        if path.exists() and not path.is_file():
            reason = "it is not a file"
        else:
            try:
                return cls(_connect(path), path)
            except SchemaTooNew:
                return cls.read_only(
                    path, f"{path.name} was written by a newer mobsim: {NOT_SAVED}."
                )
            except sqlite3.DatabaseError as exc:
                if not _is_damage(exc):
                    return cls.read_only(path, _not_now(exc, path))
                reason = str(exc)
        moved = _move_aside(path)
        notice = (
            f"The quiz history file could not be read ({reason}). It was moved aside "
            f"as {moved.name} and a fresh history was started."
        )
        try:
            return cls(_connect(path), path, notice)
        except sqlite3.DatabaseError as exc:
            return cls.in_memory(f"{notice} The fresh history failed too ({exc}): {NOT_SAVED}.")

    @classmethod
    def read_only(cls, path: Path, notice: str) -> HistoryStore:
        """The history as it is on disk, for reading only; new answers stay in memory."""
        try:
            db = _connect_read_only(path)
        except sqlite3.DatabaseError:
            return cls.in_memory(notice)
        return cls(db, path, notice, writable=False)

    @classmethod
    def in_memory(cls, notice: str | None = None) -> HistoryStore:
        return cls(_connect(":memory:"), None, notice)

    def close(self) -> None:
        self._db.close()

    # ------------------------------------------------------------ writing
    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException:
            # SQLite may already have rolled back (a full disk does): keep the first error.
            if self._db.in_transaction:
                with suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
            raise

    def _provisional_id(self) -> int:
        self._next_provisional -= 1
        return self._next_provisional + 1

    def start_session(
        self, profile: str, level: str, convention: str, seed: int | None = None
    ) -> int:
        """A new session row (its id groups the attempts); kept in memory if saving fails."""
        row = (profile, level, convention, seed, now_text())
        if self._save_unsaved():
            try:
                with self._transaction() as db:
                    return _insert_session(db, row)
            except sqlite3.Error as exc:
                self._write_failed(exc)
        session_id = self._provisional_id()
        self._unsaved_sessions[session_id] = row
        return session_id

    def record(
        self, session_id: int, attempt: Attempt, answered_at: str | None = None
    ) -> int | None:
        """Store one attempt in its own transaction; its id (< 0: kept in memory for now)."""
        when = answered_at or now_text()
        if self._save_unsaved() and self._saved_as.get(session_id, session_id) >= 0:
            try:
                with self._transaction() as db:
                    saved_id = self._saved_as.get(session_id, session_id)
                    return _insert_attempt(db, saved_id, attempt, when)
            except sqlite3.Error as exc:
                self._write_failed(exc)
        attempt_id = self._provisional_id()
        self._unsaved[attempt_id] = (session_id, attempt, when)
        return attempt_id

    def remove(self, attempt_id: int) -> None:
        """Forget one attempt (undo)."""
        if self._unsaved.pop(attempt_id, None) is not None:
            return
        try:
            with self._transaction() as db:
                db.execute("DELETE FROM attempts WHERE id = ?", (attempt_id,))
        except sqlite3.Error as exc:
            self._write_failed(exc)

    def retry_saving(self) -> bool:
        """Try again to save what is kept in memory; True when nothing is left unsaved."""
        return self._save_unsaved()

    def _save_unsaved(self) -> bool:
        """Write kept sessions and answers in one transaction; whether the disk is usable."""
        if not self._writable:
            return False
        if not self._unsaved and not self._unsaved_sessions:
            return True
        try:
            with self._transaction() as db:
                saved_as = {
                    sid: _insert_session(db, row) for sid, row in self._unsaved_sessions.items()
                }
                for sid, attempt, when in self._unsaved.values():
                    _insert_attempt(db, saved_as.get(sid, sid), attempt, when)
        except sqlite3.Error as exc:
            self._write_failed(exc)
            return False
        count = len(self._unsaved)
        self._saved_as.update(saved_as)
        self._unsaved.clear()
        self._unsaved_sessions.clear()
        self.notice = f"Saving works again: {count} answers kept in memory were saved."
        return True

    def _write_failed(self, exc: sqlite3.Error) -> None:
        # Keep the quiz running and every answer in memory; the notice tells the student.
        if _error_name(exc) == DISK_FULL:
            why = "the disk is full"
        else:
            why = f"saving to the quiz history failed ({exc})"
        self.notice = (
            f"Saving has stopped: {why}. This session's answers are kept in memory "
            "and saved as soon as the disk can take them again."
        )

    # ------------------------------------------------------------ reading
    def _kept(self, profile: str, kind: str, session_id: int | None = None):
        """Unsaved attempts of `profile` and `kind` (and session), oldest first."""
        return [
            (sid, a)
            for sid, a, _ in self._unsaved.values()
            if a.profile == profile and a.kind == kind and (session_id is None or sid == session_id)
        ]

    def profiles(self) -> list[str]:
        names = {r[0] for r in self._db.execute("SELECT name FROM profiles")}
        names |= {row[0] for row in self._unsaved_sessions.values()}
        return sorted(names - {""})

    def recent_answers(
        self, profile: str, limit: int, kind: str = RECOGNITION
    ) -> list[tuple[str, str]]:
        """The profile's last `limit` (true, chosen) labels, oldest first."""
        rows = self._db.execute(
            "SELECT true_grade, chosen_grade FROM attempts WHERE profile = ? AND kind = ?"
            " ORDER BY id DESC LIMIT ?",
            (profile, kind, limit),
        ).fetchall()
        kept = [(a.true_grade, a.chosen_grade) for _, a in self._kept(profile, kind)]
        return (rows[::-1] + kept)[-limit:] if limit > 0 else []

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] + len(self._unsaved)

    def summary(
        self,
        profile: str,
        session_id: int | None = None,
        kind: str = RECOGNITION,
        trend_sessions: int = TREND_SESSIONS,
    ) -> Summary:
        """One session's summary (or the profile's whole history), with the trend."""
        if session_id is not None:
            session_id = self._saved_as.get(session_id, session_id)
        where, args = "profile = ? AND kind = ?", [profile, kind]
        if session_id is not None:
            where, args = "profile = ? AND session_id = ? AND kind = ?", [profile, session_id, kind]
        rows = self._db.execute(
            "SELECT true_grade, chosen_grade, COUNT(*), SUM(correct), SUM(response_ms)"
            f" FROM attempts WHERE {where} GROUP BY true_grade, chosen_grade",
            args,
        ).fetchall()
        rows += [
            (a.true_grade, a.chosen_grade, 1, int(a.correct), a.response_ms)
            for _, a in self._kept(profile, kind, session_id)
        ]
        return Summary.from_counts(rows, self.trend(profile, kind, trend_sessions))

    def trend(
        self, profile: str, kind: str = RECOGNITION, sessions: int = TREND_SESSIONS
    ) -> list[SessionScore]:
        """Accuracy of the profile's last `sessions` sessions with answers, oldest first."""
        rows = self._db.execute(
            "SELECT session_id, COUNT(*), SUM(correct) FROM attempts"
            " WHERE profile = ? AND kind = ? GROUP BY session_id"
            " ORDER BY session_id DESC LIMIT ?",
            (profile, kind, sessions),
        ).fetchall()
        tallies = {sid: [n, right] for sid, n, right in rows}
        for sid, a in self._kept(profile, kind):
            tally = tallies.setdefault(sid, [0, 0])
            tally[0] += 1
            tally[1] += int(a.correct)
        # Saved sessions in id order, then the ones kept in memory in the order started.
        order = sorted(tallies, key=lambda sid: (sid < 0, sid if sid >= 0 else -sid))
        out = []
        for session_id in order[-sessions:] if sessions > 0 else []:
            n, right = tallies[session_id]
            started, level = self._session_start(session_id)
            out.append(
                SessionScore(
                    attempts=n,
                    correct=right,
                    session_id=session_id,
                    started_at=started,
                    level=level,
                )
            )
        return out

    def _session_start(self, session_id: int) -> tuple[str, str]:
        if session_id in self._unsaved_sessions:
            _, level, _, _, started = self._unsaved_sessions[session_id]
            return started, level
        return self._db.execute(
            "SELECT started_at, level FROM sessions WHERE id = ?", (session_id,)
        ).fetchone() or ("", "")

    def export_csv(self, path: Path | str) -> int:
        """Write every attempt of every profile as CSV (atomically); the number written."""
        cur = self._db.execute(
            "SELECT id, session_id, answered_at, profile, level, kind, joint, available_limit,"
            " resistance_onset, convention, true_grade, chosen_grade, correct, response_ms,"
            " question_seed FROM attempts ORDER BY id"
        )
        count = 0
        with atomic_open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(CSV_COLUMNS)
            for row in cur:
                writer.writerow(row)
                count += 1
        return count


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
        " correct, response_ms, question_seed)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        ),
    )
    return int(cur.lastrowid)


# ---------------------------------------------------------------- helpers


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
        if version < SCHEMA_VERSION:  # new file: an existing one is opened without writing
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        check_schema(db)
        _try_a_write(db)
    except BaseException:
        db.close()
        raise
    return db


def check_schema(db: sqlite3.Connection) -> None:
    """Every table and column mobsim reads is there; SchemaMismatch naming what is missing."""
    for table, columns in REQUIRED_COLUMNS.items():
        have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if not have:
            raise SchemaMismatch(f"the table {table} is missing")
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


def export_history(data_dir: Path | str | None, csv_path: Path | str) -> tuple[int, str | None]:
    """Export all attempts under `data_dir` to CSV: it only reads, never creates or moves.

    Works from a read-only folder and on a newer mobsim's history (its known columns).
    Returns (attempts written, notice or None). Raises OSError if the CSV cannot be written,
    or if the history cannot be read (the message says why).
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    path = folder / HISTORY_FILE
    if not path.exists():
        HistoryStore.in_memory().export_csv(csv_path)
        return 0, f"no quiz history in {folder} yet"
    try:
        db = _connect_read_only(path)
    except sqlite3.Error as exc:
        raise OSError(f"cannot read the quiz history {path}: {exc}") from None
    store = HistoryStore(db, path, writable=False)
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        notice = f"{path.name} was written by a newer mobsim" if version > SCHEMA_VERSION else None
        return store.export_csv(csv_path), notice
    except sqlite3.Error as exc:
        raise OSError(f"cannot read the quiz history {path}: {exc}") from None
    finally:
        store.close()
