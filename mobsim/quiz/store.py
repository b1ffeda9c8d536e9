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
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mobsim.model.atomic import atomic_open
from mobsim.model.grades import GradeChoice, Modifier
from mobsim.quiz.store_schema import (  # noqa: F401 (the store's public names, kept)
    CORRUPTION,
    CSV_COLUMNS,
    DISK_FULL,
    HISTORY_FILE,
    NOT_SAVED,
    RECOGNITION,
    REQUIRED_COLUMNS,
    SCHEMA_VERSION,
    SYNCHRONOUS,
    Attempt,
    SchemaMismatch,
    SchemaTooNew,
    _connect,
    _connect_read_only,
    _error_name,
    _insert_attempt,
    _insert_session,
    _is_damage,
    _move_aside,
    _not_now,
    _unwritable,
    check_schema,
    columns_of,
    open_file,
    read_only_file,
)

DEFAULT_PROFILE = "student"
PROFILE_MAX_CHARS = 40
TREND_SESSIONS = 20


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


# ---------------------------------------------------------------- records


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


@dataclass(frozen=True)
class ScoreTrend:
    """The 0–100 scores of one kind: how many, their mean, and the mean per session."""

    count: int
    mean: float | None
    by_session: list[tuple[int, float]]  # (session id, mean score), oldest first


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
        # A version-1 file read as it is has no score column: its scores are all None.
        self._has_score = "score" in columns_of(db, "attempts")

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
        return cls(*open_file(folder, _connect))

    @classmethod
    def read_only(cls, path: Path, notice: str) -> HistoryStore:
        """The history as it is on disk, for reading only; new answers stay in memory."""
        return cls(*read_only_file(path, notice, _connect))

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

    def scores(self, profile: str, kind: str, sessions: int = TREND_SESSIONS) -> ScoreTrend:
        """The profile's scores of `kind` (attempts without a score are left out)."""
        rows = []
        if self._has_score:
            rows = self._db.execute(
                "SELECT session_id, COUNT(score), SUM(score) FROM attempts"
                " WHERE profile = ? AND kind = ? AND score IS NOT NULL GROUP BY session_id",
                (profile, kind),
            ).fetchall()
        totals = {sid: [n, total] for sid, n, total in rows}
        for sid, a in self._kept(profile, kind):
            if a.score is not None:
                tally = totals.setdefault(self._saved_as.get(sid, sid), [0, 0.0])
                tally[0], tally[1] = tally[0] + 1, tally[1] + a.score
        order = sorted(totals, key=lambda sid: (sid < 0, abs(sid)))
        count = sum(n for n, _ in totals.values())
        mean = sum(t for _, t in totals.values()) / count if count else None
        recent = order[-sessions:] if sessions > 0 else []
        return ScoreTrend(count, mean, [(sid, totals[sid][1] / totals[sid][0]) for sid in recent])

    def _session_start(self, session_id: int) -> tuple[str, str]:
        if session_id in self._unsaved_sessions:
            _, level, _, _, started = self._unsaved_sessions[session_id]
            return started, level
        return self._db.execute(
            "SELECT started_at, level FROM sessions WHERE id = ?", (session_id,)
        ).fetchone() or ("", "")

    def export_csv(self, path: Path | str) -> int:
        """Write every attempt of every profile as CSV (atomically); the number written."""
        score = "score" if self._has_score else "NULL"  # a version-1 file read as it is
        cur = self._db.execute(
            "SELECT id, session_id, answered_at, profile, level, kind, joint, available_limit,"
            " resistance_onset, convention, true_grade, chosen_grade, correct, response_ms,"
            f" question_seed, {score} FROM attempts ORDER BY id"
        )
        count = 0
        with atomic_open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(CSV_COLUMNS)
            for row in cur:
                writer.writerow(row)
                count += 1
        return count


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
