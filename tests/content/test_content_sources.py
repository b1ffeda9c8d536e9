"""Sources shown to users: textbooks and papers, never internal documents.

Scans every user-facing string of the content (the three content files, the case
options and their feedback rules, and the string literals of mobsim/content and
mobsim/quiz/mixed.py that are not docstrings) for references to team documents,
issues or made-up rules, and checks that every `source` names a dated textbook or
paper (web pages may follow only as secondary).
"""

import ast
import re
import tomllib
from pathlib import Path

import pytest

import mobsim
from mobsim.content import LEGACY_ANSWER_LABELS, CaseAnswer
from mobsim.content.loading import ASSET_DIR

PACKAGE = Path(mobsim.__file__).parent
CONTENT_FILES = ("grades.toml", "precautions.toml", "vignettes.toml")
CODE_FILES = sorted((PACKAGE / "content").glob("*.py")) + [PACKAGE / "quiz" / "mixed.py"]
INTERNAL = re.compile(
    r"domain\.md|design\.md|\bpart 0\b|\bissue\s*#?\s*\d|mobsim case rule|team document"
    r"|vertebrobasilar",
    re.I,
)
DATED = re.compile(r"\b(19|20)\d\d\b")


def _strings(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif isinstance(value, str):
        yield path, value


def content_strings():
    for name in CONTENT_FILES:
        with (ASSET_DIR / name).open("rb") as fh:
            for path, text in _strings(tomllib.load(fh)):
                yield f"{name}:{'.'.join(map(str, path))}", text


def code_strings():
    """String literals in the code, except docstrings (which users never see)."""
    for file in CODE_FILES:
        tree = ast.parse(file.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and id(node) not in docstrings:
                yield f"{file.name}:{node.lineno}", node.value


def option_strings():
    for answer in CaseAnswer:
        for name in ("label", "meaning", "rule"):
            yield f"CaseAnswer.{answer.name}.{name}", getattr(answer, name)
    for value, label in LEGACY_ANSWER_LABELS.items():
        yield f"legacy {value}", label


def all_user_strings():
    yield from content_strings()
    yield from code_strings()
    yield from option_strings()


def test_nothing_a_user_sees_cites_an_internal_document():
    strings = list(all_user_strings())
    assert len(strings) > 500  # the scan really reads the content
    offenders = [(where, m.group(0)) for where, text in strings if (m := INTERNAL.search(text))]
    assert offenders == []


@pytest.mark.parametrize(
    "planted",
    [
        "see DOMAIN.md part 0",
        "Key: mobsim case rule",
        "as issue #9 says",
        "vertebrobasilar insufficiency",
    ],
)
def test_the_scan_catches_each_kind_of_internal_reference(planted):
    assert INTERNAL.search(f"Source: Hengeveld & Banks 2014; {planted}")


def test_every_source_names_a_dated_textbook_or_paper():
    undated = [
        where
        for where, text in content_strings()
        if where.rsplit(".", 1)[-1] == "source" and not DATED.search(text)
    ]
    assert undated == []


def test_web_pages_are_only_secondary_where_a_source_names_one_first():
    """A source must not open with a web page: the textbook or paper comes first."""
    web = re.compile(r"^\s*[\w.-]+\.(com|org|net)\b|^\s*(Verywell|Physiopedia|SHU)", re.I)
    first_web = [
        where
        for where, text in content_strings()
        if where.rsplit(".", 1)[-1] == "source" and web.search(text)
    ]
    assert first_web == []
