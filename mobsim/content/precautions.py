"""Precautions and contraindications page (teaching content, not advice for a patient).

Data: assets/content/precautions.toml. Every entry carries a `source`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
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

PRECAUTIONS_FILE = ASSET_DIR / "precautions.toml"

# Shown even when the file is broken: the page must always say what it is.
DEFAULT_DISCLAIMER = (
    "Teaching content for students of manual therapy. It is not advice for a patient: "
    "anyone with one of these conditions should ask their own clinician."
)


class PrecautionGroup(Enum):
    CAUTION = "caution"  # the consumer-facing caution list
    ABSOLUTE = "absolute"
    RELATIVE = "relative"
    SPINAL = "spinal"
    GUIDELINE = "guideline"  # Hawk et al. 2020, Table 9
    TEXTBOOK = "textbook"  # Kisner & Colby, and papers on screening (DVT)

    @property
    def title(self) -> str:
        return _GROUP_TITLES[self]


_GROUP_TITLES = {
    PrecautionGroup.CAUTION: "Ask first or take care (patient-facing list)",
    PrecautionGroup.ABSOLUTE: "Absolute contraindications: do not mobilise",
    PrecautionGroup.RELATIVE: "Relative contraindications: take care, adapt",
    PrecautionGroup.SPINAL: "Spinal contraindications",
    PrecautionGroup.GUIDELINE: "Guideline: possible contraindications (Hawk et al. 2020)",
    PrecautionGroup.TEXTBOOK: "Textbook precautions: swelling, surgery, clots",
}


@dataclass(frozen=True)
class Precaution:
    id: str
    group: PrecautionGroup
    title: str
    text: str
    source: str
    case_rule: str | None = None  # how mobsim's case questions treat it


@dataclass(frozen=True)
class SourceConflict:
    """A place where the sources disagree, and what mobsim does about it."""

    id: str
    topic: str
    sources_say: str
    mobsim_models: str
    source: str
    related: tuple[str, ...] = ()  # precaution ids


@dataclass
class PrecautionPage:
    title: str
    disclaimer: str
    rule: str  # how relative vs absolute items change the choice
    source: str
    precautions: list[Precaution]
    conflicts: list[SourceConflict]
    errors: list[ContentError] = field(default_factory=list)

    def group(self, group: PrecautionGroup) -> list[Precaution]:
        return [p for p in self.precautions if p.group is group]

    @property
    def cautions(self) -> list[Precaution]:
        """The consumer-facing caution list."""
        return self.group(PrecautionGroup.CAUTION)

    @property
    def ids(self) -> set[str]:
        return {p.id for p in self.precautions}

    def get(self, precaution_id: str) -> Precaution | None:
        return next((p for p in self.precautions if p.id == precaution_id), None)


def _parse_precaution(entry: Entry) -> Precaution:
    entry.check_keys({"id", "group", "title", "text", "source", "case_rule"})
    precaution_id = entry.identifier()
    group = entry.text("group")
    allowed = [g.value for g in PrecautionGroup]
    if group not in allowed:
        raise entry.error("group", f"must be one of {', '.join(allowed)}, got {group!r}")
    return Precaution(
        precaution_id,
        PrecautionGroup(group),
        entry.text("title"),
        entry.text("text"),
        entry.text("source"),
        entry.text("case_rule", required=False),
    )


def _conflict_parser(known: set[str]):
    def parse(entry: Entry) -> SourceConflict:
        entry.check_keys({"id", "topic", "sources_say", "mobsim_models", "source", "related"})
        related = entry.text_list("related")
        for item in related:
            if item not in known:
                raise entry.error("related", f"unknown precaution id {item!r}")
        return SourceConflict(
            entry.identifier(),
            entry.text("topic"),
            entry.text("sources_say"),
            entry.text("mobsim_models"),
            entry.text("source"),
            related,
        )

    return parse


def _parse_page(doc: dict, path: Path, errors: list[ContentError]) -> tuple[str, str, str, str]:
    texts = read_texts(doc, path, "page", ("title", "disclaimer", "rule", "source"), errors)
    return texts or ("Precautions and contraindications", DEFAULT_DISCLAIMER, "", "")


def load_precautions(path: Path | str | None = None) -> PrecautionPage:
    """Every precaution and conflict note that loaded, plus one error per bad one.

    `path` is a file or a directory holding precautions.toml (default: the bundled assets).
    """
    path = resolve(path, PRECAUTIONS_FILE.name)
    doc, error = read_toml(path)
    if doc is None:
        return PrecautionPage(
            "Precautions and contraindications", DEFAULT_DISCLAIMER, "", "", [], [], [error]
        )
    errors = check_top_keys(doc, {"page", "precaution", "conflict"}, path)
    title, disclaimer, rule, source = _parse_page(doc, path, errors)
    precautions = parse_entries(doc, "precaution", path, _parse_precaution, lambda p: p.id, errors)
    known = {p.id for p in precautions}
    conflicts = parse_entries(
        doc, "conflict", path, _conflict_parser(known), lambda c: c.id, errors
    )
    return PrecautionPage(title, disclaimer, rule, source, precautions, conflicts, errors)
