"""Reading content TOML with one clear error per bad entry (like the joint presets).

A content file holds arrays of entries (`[[vignette]]`, `[[precaution]]`, …).
A broken file gives one `ContentError` for the file; a broken entry gives one
`ContentError` naming file, entry and field, and every other entry still loads.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from mobsim.model.assets import asset_root

ASSET_DIR = asset_root() / "content"
FILE = "(file)"
MAX_CONTENT_NUMBER = 10_000.0  # degrees, ages, weeks: every number finite and sane

T = TypeVar("T")


class ContentError(ValueError):
    """A content file or entry that cannot be used, naming file, entry and field.

    `entry_id` is None when the whole file (or a top-level key) is the problem.
    """

    def __init__(
        self,
        path: Path | str,
        entry_id: str | None,
        field_name: str,
        problem: str,
        kind: str = "entry",
    ):
        self.path = Path(path)
        self.entry_id = entry_id
        self.field_name = field_name
        self.problem = problem
        if entry_id is None:
            where = "" if field_name == FILE else f"field '{field_name}': "
            message = f"{self.path.name}: {where}{problem}"
        else:
            message = f"{self.path.name}: {kind} '{entry_id}': field '{field_name}': {problem}"
        super().__init__(message)


def resolve(path: Path | str | None, default_name: str) -> Path:
    """A content file: the default asset, a given file, or `default_name` inside a given dir."""
    if path is None:
        return ASSET_DIR / default_name
    path = Path(path)
    return path / default_name if path.is_dir() else path


def read_toml(path: Path) -> tuple[dict[str, Any] | None, ContentError | None]:
    """The parsed file, or one error for the file."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh), None
    except tomllib.TOMLDecodeError as exc:
        return None, ContentError(path, None, FILE, f"not valid TOML: {exc}")
    except UnicodeDecodeError as exc:
        return None, ContentError(
            path, None, FILE, f"not UTF-8 text (bad byte at position {exc.start})"
        )
    except RecursionError:
        return None, ContentError(path, None, FILE, "nested too deeply to read")
    except MemoryError:
        return None, ContentError(path, None, FILE, "too large to read")
    except OSError as exc:
        return None, ContentError(path, None, FILE, f"cannot be read: {exc.strerror or exc}")


def shown(value: Any) -> str:
    """A bad value as an error shows it: short and printable."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def clean_text(text: str) -> str:
    """Collapse line wrapping in TOML strings; keep blank-line paragraph breaks."""
    paragraphs = (" ".join(p.split()) for p in text.strip().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def valid_id(text: str) -> bool:
    return bool(text) and all(c.isalnum() or c in "-_" for c in text)


class Entry:
    """One table from an array of entries, with typed getters that name the field on error."""

    def __init__(
        self, table: dict[str, Any], path: Path, kind: str, index: int, id_key: str = "id"
    ):
        self.table = table
        self.path = path
        self.kind = kind
        raw_id = table.get(id_key)
        if isinstance(raw_id, str) and raw_id.strip():
            self.entry_id = raw_id.strip()
        else:
            self.entry_id = f"#{index + 1}"

    def error(self, field_name: str, problem: str) -> ContentError:
        return ContentError(self.path, self.entry_id, field_name, problem, self.kind)

    def check_keys(self, allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for key in self.table:
            if key not in allowed:
                raise self.error(key, "unknown key (check the spelling)")

    def _raw(self, key: str, required: bool) -> Any:
        if key not in self.table:
            if required:
                raise self.error(key, "missing")
            return None
        return self.table[key]

    def text(self, key: str, required: bool = True) -> str | None:
        value = self._raw(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(key, f"must be text, got {shown(value)}")
        if any(not ch.isprintable() and ch not in "\n\t" for ch in value):
            raise self.error(key, "contains control characters")
        value = clean_text(value)
        if not value:
            raise self.error(key, "must not be empty")
        return value

    def identifier(self, key: str = "id") -> str:
        value = self.text(key)
        if not valid_id(value):
            raise self.error(key, f"must be letters, digits, '-' or '_', got {value!r}")
        return value

    def number(self, key: str, required: bool = True) -> float | None:
        value = self._raw(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(key, f"must be a number, got {shown(value)}")
        value = float(value)
        if not math.isfinite(value):
            raise self.error(key, f"must be a finite number, got {value}")
        if abs(value) > MAX_CONTENT_NUMBER:
            raise self.error(key, f"must be within ±{MAX_CONTENT_NUMBER:g}, got {value:g}")
        return value

    def text_list(self, key: str) -> tuple[str, ...]:
        """An optional list of ids; missing means empty."""
        value = self._raw(key, required=False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, f"must be a list of text, got {shown(value)}")
        items = tuple(v.strip() for v in value)
        if len(set(items)) != len(items):
            raise self.error(key, "lists the same id twice")
        return items

    def table_of_texts(self, key: str, keys: Iterable[str]) -> dict[str, str]:
        """A sub-table whose values are all required texts, e.g. `definition`."""
        value = self._raw(key, required=True)
        if not isinstance(value, dict):
            raise self.error(key, "must be a table")
        keys = list(keys)
        for name in value:
            if name not in keys:
                raise self.error(f"{key}.{name}", "unknown key (check the spelling)")
        sub = Entry(value, self.path, self.kind, 0)
        sub.entry_id = self.entry_id
        result = {}
        for name in keys:
            try:
                result[name] = sub.text(name)
            except ContentError as exc:
                raise self.error(f"{key}.{name}", exc.problem) from None
        return result


def check_top_keys(doc: dict[str, Any], allowed: Iterable[str], path: Path) -> list[ContentError]:
    return [
        ContentError(path, None, key, "unknown top-level key (check the spelling)")
        for key in doc
        if key not in set(allowed)
    ]


def parse_entries(
    doc: dict[str, Any],
    key: str,
    path: Path,
    parse: Callable[[Entry], T],
    id_of: Callable[[T], object],
    errors: list[ContentError],
    kind: str | None = None,
    id_key: str = "id",
) -> list[T]:
    """Parse the array `[[key]]`: bad entries add one error each, the rest load."""
    kind = kind or key
    if key not in doc:
        errors.append(ContentError(path, None, key, f"missing: add at least one [[{key}]]"))
        return []
    tables = doc[key]
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        errors.append(ContentError(path, None, key, f"must be an array of tables, [[{key}]]"))
        return []
    items: list[T] = []
    seen: dict[object, str] = {}
    for index, table in enumerate(tables):
        entry = Entry(table, path, kind, index, id_key)
        try:
            item = parse(entry)
        except ContentError as exc:
            errors.append(exc)
            continue
        except (ValueError, TypeError, KeyError, ArithmeticError, RecursionError) as exc:
            # A value no check foresaw: one error for this entry, the others still load.
            errors.append(entry.error("(entry)", f"cannot be used: {exc}"))
            continue
        item_id = id_of(item)
        if item_id in seen:
            errors.append(entry.error(id_key, f"already used by {kind} {seen[item_id]}"))
            continue
        seen[item_id] = f"#{index + 1}"
        items.append(item)
    return items


def read_texts(
    doc: dict[str, Any], path: Path, table: str, keys: tuple[str, ...], errors: list[ContentError]
) -> tuple[str, ...] | None:
    """The texts of one single table (e.g. [page]) in `keys` order; None (and one error)."""
    if table not in doc or not isinstance(doc[table], dict):
        errors.append(ContentError(path, None, table, f"missing table [{table}]"))
        return None
    entry = Entry(doc[table], path, table, 0)
    entry.entry_id = table
    try:
        entry.check_keys(set(keys))
        return tuple(entry.text(key) for key in keys)
    except ContentError as exc:
        errors.append(exc)
        return None
