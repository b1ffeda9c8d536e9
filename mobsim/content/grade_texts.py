"""'About this grade' texts: definition per convention, use, technique, evidence.

Data: assets/content/grades.toml. Every entry carries a `source`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mobsim.content.loading import (
    ASSET_DIR,
    ContentError,
    Entry,
    check_top_keys,
    parse_entries,
    read_texts,
    read_toml,
    resolve,
)
from mobsim.model.grades import Convention, Grade, GradeChoice, Modifier

GRADES_FILE = ASSET_DIR / "grades.toml"
CONVENTION_KEYS = tuple(c.value for c in Convention)
# Where a III or IV ends in the resistance convention depends on the modifier: the
# file writes this placeholder and the model's words fill it in.
END_PLACEHOLDER = "{end}"


@dataclass(frozen=True)
class Overview:
    """What mobilisation is, before any single grade."""

    how_it_works: str
    mobilisation_vs_manipulation: str
    effects: str
    source: str


@dataclass(frozen=True)
class GradeText:
    grade: Grade
    summary: str  # one line, e.g. "Small oscillation near the start of the range"
    definitions: dict[Convention, str]
    typical_use: str
    performed: str
    evidence: str
    source: str
    note: str | None = None  # e.g. where the sources disagree

    def definition(self, convention: Convention, modifier: Modifier = Modifier.NONE) -> str:
        """The definition as true of the band shown: where III or IV end comes from the
        model's own words for the modifier (`Modifier.end_phrase`), never from the file."""
        return self.definitions[convention].replace(END_PLACEHOLDER, modifier.end_phrase)


@dataclass(frozen=True)
class ModifierText:
    """Meaning of −−, −, +, ++ on a grade III or IV (resistance convention)."""

    modifier: Modifier
    meaning: str
    source: str

    @property
    def symbol(self) -> str:
        return self.modifier.symbol


@dataclass(frozen=True)
class Term:
    """A glossary entry, so that no text uses jargon it does not explain."""

    id: str
    term: str
    meaning: str
    source: str


@dataclass
class GradeTexts:
    overview: Overview | None
    grades: dict[Grade, GradeText]
    modifiers: dict[Modifier, ModifierText]
    glossary: dict[str, Term]
    errors: list[ContentError] = field(default_factory=list)

    def for_grade(self, grade: Grade | GradeChoice) -> GradeText | None:
        if isinstance(grade, GradeChoice):
            grade = grade.grade
        return self.grades.get(grade)

    def definition(self, grade: Grade | GradeChoice, convention: Convention) -> str | None:
        text = self.for_grade(grade)
        if text is None:
            return None
        modifier = grade.modifier if isinstance(grade, GradeChoice) else Modifier.NONE
        return text.definition(convention, modifier)


def _parse_grade(entry: Entry) -> GradeText:
    entry.check_keys(
        {"grade", "summary", "definition", "typical_use", "performed", "evidence", "source", "note"}
    )
    label = entry.text("grade")
    if label not in Grade.__members__:
        raise entry.error("grade", f"must be one of I, II, III, IV, V, got {label!r}")
    definitions = entry.table_of_texts("definition", CONVENTION_KEYS)
    for key, text in definitions.items():
        _check_placeholder(entry, Grade[label], Convention(key), text)
    return GradeText(
        grade=Grade[label],
        summary=entry.text("summary"),
        definitions={Convention(k): v for k, v in definitions.items()},
        typical_use=entry.text("typical_use"),
        performed=entry.text("performed"),
        evidence=entry.text("evidence"),
        source=entry.text("source"),
        note=entry.text("note", required=False),
    )


def _check_placeholder(entry: Entry, grade: Grade, convention: Convention, text: str) -> None:
    """Only III and IV in the resistance convention end where the modifier says."""
    depends = grade.takes_modifier and convention is Convention.RESISTANCE
    if depends and END_PLACEHOLDER not in text:
        raise entry.error(
            f"definition.{convention.value}",
            f"must say where the band ends with {END_PLACEHOLDER} (it depends on the modifier)",
        )
    if not depends and END_PLACEHOLDER in text:
        raise entry.error(
            f"definition.{convention.value}", f"{END_PLACEHOLDER} belongs to III and IV only"
        )


def _parse_modifier(entry: Entry) -> ModifierText:
    entry.check_keys({"symbol", "meaning", "source"})
    symbol = entry.text("symbol")
    allowed = [m.value for m in Modifier if m is not Modifier.NONE]
    if symbol not in allowed:
        raise entry.error("symbol", f"must be one of {', '.join(allowed)}, got {symbol!r}")
    return ModifierText(Modifier(symbol), entry.text("meaning"), entry.text("source"))


def _parse_term(entry: Entry) -> Term:
    entry.check_keys({"id", "term", "meaning", "source"})
    return Term(entry.identifier(), entry.text("term"), entry.text("meaning"), entry.text("source"))


def _parse_overview(doc: dict, path: Path, errors: list[ContentError]) -> Overview | None:
    texts = read_texts(
        doc,
        path,
        "overview",
        ("how_it_works", "mobilisation_vs_manipulation", "effects", "source"),
        errors,
    )
    return None if texts is None else Overview(*texts)


def load_grade_texts(path: Path | str | None = None) -> GradeTexts:
    """Every grade, modifier and glossary entry that loaded, plus one error per bad one.

    `path` is a file or a directory holding grades.toml (default: the bundled assets).
    """
    path = resolve(path, GRADES_FILE.name)
    doc, error = read_toml(path)
    if doc is None:
        return GradeTexts(None, {}, {}, {}, [error])
    errors = check_top_keys(doc, {"overview", "grade", "modifier", "term"}, path)
    overview = _parse_overview(doc, path, errors)
    grades = parse_entries(
        doc, "grade", path, _parse_grade, lambda g: g.grade, errors, id_key="grade"
    )
    modifiers = parse_entries(
        doc, "modifier", path, _parse_modifier, lambda m: m.modifier, errors, id_key="symbol"
    )
    terms = parse_entries(doc, "term", path, _parse_term, lambda t: t.id, errors)
    by_grade = {g.grade: g for g in grades}
    for grade in Grade:
        if grade not in by_grade and not any(e.entry_id == grade.label for e in errors):
            errors.append(ContentError(path, None, "grade", f"grade {grade.label} has no entry"))
    return GradeTexts(
        overview=overview,
        grades=dict(sorted(by_grade.items(), key=lambda kv: kv[0].value)),
        modifiers={m.modifier: m for m in modifiers},
        glossary={t.id: t for t in terms},
        errors=errors,
    )
