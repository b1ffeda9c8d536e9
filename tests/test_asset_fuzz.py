"""Asset fuzz: random bytes and random TOML into every loader. A loader never raises, it
names the file (and field) of what it rejects, and every other file still loads.

Random TOML here is a real preset or content file with one value (anywhere in it) replaced
by a random one: nan, inf, 1e308, huge integers, empty or control-character text, wrong
types, nested tables. Whatever loads must then be usable by the model.
"""

import math
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobsim.content import load_grade_texts, load_precautions, load_vignettes
from mobsim.content.loading import ContentError
from mobsim.model import Convention, Grade, band, load_library
from mobsim.model.assets import asset_root
from mobsim.model.joints import JointFileError, JointSpec
from mobsim.model.library import load_joint

ASSETS = asset_root()
JOINT_FILES = sorted((ASSETS / "joints").glob("*.toml"))
LIBRARY = load_library()
PRECAUTION_IDS = load_precautions().ids
ID_BY_FILE = {p.path.name: p.id for p in [*LIBRARY.joints.values(), *LIBRARY.techniques.values()]}
FUZZ = settings(
    max_examples=int(os.environ.get("MOBSIM_FUZZ_EXAMPLES", "120")),  # more: a deeper search
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# ---------------------------------------------------------------- a small TOML writer


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
        )
    return toml_string(str(value))  # dates and times: as text


def toml_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def to_toml(doc: dict) -> str:
    """Whole document: plain keys first, then every table as an inline table."""
    return "".join(f"{toml_string(k)} = {toml_value(v)}\n" for k, v in doc.items())


# ---------------------------------------------------------------- random values

texts = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
scalars = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -1e308, 0.0, -0.0, 1e-308]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from(["", " ", "\x00", "\x1b[31m", "\n", "a\tb", "é", "🦴"]),
    texts,
    st.booleans(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)),
    max_leaves=12,
)


def leaves(doc, prefix=()):
    """Every (path, container) place in a parsed document where a value can be replaced."""
    items = doc.items() if isinstance(doc, dict) else enumerate(doc)
    for key, value in items:
        yield prefix + (key,)
        if isinstance(value, dict | list):
            yield from leaves(value, prefix + (key,))


def mutated(doc: dict, data) -> dict:
    import copy

    doc = copy.deepcopy(doc)
    places = list(leaves(doc))
    where = data.draw(st.sampled_from(places))
    container = doc
    for key in where[:-1]:
        container = container[key]
    action = data.draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "delete" and isinstance(container, dict):
        del container[where[-1]]
    elif action == "add" and isinstance(container, dict):
        container[data.draw(texts)] = data.draw(values)
    else:
        container[where[-1]] = data.draw(values)
    return doc


def parse(path: Path) -> dict:
    import tomllib

    return tomllib.loads(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- joints


def assert_usable(joint):
    """A preset that loaded works in the model: every grade has a finite band."""
    if not isinstance(joint, JointSpec):
        return
    for condition in (joint.normal_condition(),):
        for grade in Grade:
            b = band(grade, joint, condition, Convention.QUARTILE)
            assert math.isfinite(b.low) and math.isfinite(b.high)


def dangling(error, broken_id) -> bool:
    """An accessory file's compare link to the angular preset that no longer loads."""
    return error.field_name == "angular_preset" and f"'{broken_id}'" in str(error)


def check_joint_folder(folder: Path, fuzzed: Path):
    library = load_library(folder)  # never raises
    others = {i for name, i in ID_BY_FILE.items() if name != fuzzed.name}
    loaded = set(library.joints) | set(library.techniques)
    # Every other preset still loads: same ids, and no error for any other file, but
    # for a technique's compare link (angular_preset) to the preset that broke.
    assert others <= loaded
    broke = ID_BY_FILE.get(fuzzed.name)
    assert not [e for e in library.errors if e.path != fuzzed and not dangling(e, broke)]
    for error in library.errors:
        assert error.path.name in str(error) and error.field_name is not None
    for joint in library.joints.values():
        assert_usable(joint)


@pytest.fixture(scope="module")
def joint_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("joints")
    for path in JOINT_FILES:
        shutil.copy(path, folder)
    return folder


@FUZZ
@given(data=st.data())
def test_random_toml_in_a_joint_preset(joint_folder, data):
    original = data.draw(st.sampled_from(JOINT_FILES))
    target = joint_folder / original.name
    try:
        target.write_text(to_toml(mutated(parse(original), data)), encoding="utf-8")
        check_joint_folder(joint_folder, target)
    finally:
        shutil.copy(original, target)


@FUZZ
@given(data=st.data(), payload=st.binary(max_size=400))
def test_random_bytes_as_a_joint_preset(joint_folder, data, payload):
    original = data.draw(st.sampled_from(JOINT_FILES))
    target = joint_folder / original.name
    keep = data.draw(st.integers(0, len(original.read_bytes())))
    try:
        target.write_bytes(original.read_bytes()[:keep] + payload)  # a damaged tail
        check_joint_folder(joint_folder, target)
    finally:
        shutil.copy(original, target)


@pytest.mark.parametrize(
    "field,value,named",
    [
        ("direction", "nan", "orientation.direction"),
        ("fixed_direction_deg", "nan", "orientation.fixed_direction_deg"),
        ("moving_zero_deg", "1e308", "orientation.moving_zero_deg"),
        ("start_deg", "nan", "range.start_deg"),
        ("normal_end_deg", "inf", "range.normal_end_deg"),
        ("margin_deg", "-inf", "range.margin_deg"),
        ("length_cm", "1e308", "fixed_segment.length_cm"),
    ],
)
def test_the_issue_s_bad_numbers_are_named_by_their_own_field(tmp_path, field, value, named):
    text = (ASSETS / "joints" / "knee.toml").read_text()
    lines = text.splitlines()
    (i,) = [n for n, line in enumerate(lines) if line.split("=")[0].strip() == field][:1] or [None]
    if i is None:  # a field the preset leaves at its default: add it to its table
        table = named.split(".")[0]
        i = lines.index(f"[{table}]")
        lines.insert(i + 1, f"{field} = {value}")
    else:
        lines[i] = f"{field} = {value}"
    (tmp_path / "knee.toml").write_text("\n".join(lines))
    with pytest.raises(JointFileError) as caught:
        load_joint(tmp_path / "knee.toml")
    assert caught.value.field_name == named


@pytest.mark.parametrize("field", ["name", "motion", "id"])
@pytest.mark.parametrize("value", ['""', '"   "', '"knee\\u001b[31m"'])
def test_empty_or_control_character_text_is_rejected(tmp_path, field, value):
    text = (ASSETS / "joints" / "knee.toml").read_text()
    lines = [
        f"{field} = {value}" if line.split("=")[0].strip() == field else line
        for line in text.splitlines()
    ]
    (tmp_path / "knee.toml").write_text("\n".join(lines))
    with pytest.raises(JointFileError) as caught:
        load_joint(tmp_path / "knee.toml")
    assert caught.value.field_name == field


@pytest.mark.parametrize(
    "payload",
    [
        b"\xff\xfe bad utf-8",
        b'id = "knee"\n\xc3\x28',
        b"a = " + b"[" * 3000 + b"]" * 3000,
        b"a = " + b"{b = " * 3000 + b"1" + b"}" * 3000,
        b"",
        b"\x00" * 100,
    ],
)
def test_undecodable_or_deep_files_are_one_file_error(tmp_path, payload):
    (tmp_path / "bad.toml").write_bytes(payload)
    shutil.copy(ASSETS / "joints" / "knee.toml", tmp_path)
    library = load_library(tmp_path)
    assert list(library.joints) == ["knee"]
    (error,) = library.errors
    assert error.path.name == "bad.toml"


# ---------------------------------------------------------------- content

CONTENT = {
    "grades.toml": lambda p: load_grade_texts(p),
    "precautions.toml": lambda p: load_precautions(p),
    "vignettes.toml": lambda p: load_vignettes(p, LIBRARY, PRECAUTION_IDS),
}


def check_content(name: str, path: Path):
    result = CONTENT[name](path)  # never raises
    for error in result.errors:
        assert isinstance(error, ContentError)
        assert error.path.name == name and name in str(error)
    # The other content files beside it still load, untouched.
    for other, loader in CONTENT.items():
        if other != name:
            assert not loader(ASSETS / "content" / other).errors


@FUZZ
@given(data=st.data())
def test_random_toml_in_a_content_file(tmp_path_factory, data):
    name = data.draw(st.sampled_from(sorted(CONTENT)))
    folder = tmp_path_factory.mktemp("content")
    target = folder / name
    target.write_text(to_toml(mutated(parse(ASSETS / "content" / name), data)), encoding="utf-8")
    check_content(name, target)


@FUZZ
@given(data=st.data(), payload=st.binary(max_size=400))
def test_random_bytes_in_a_content_file(tmp_path_factory, data, payload):
    name = data.draw(st.sampled_from(sorted(CONTENT)))
    original = (ASSETS / "content" / name).read_bytes()
    keep = data.draw(st.integers(0, len(original)))
    folder = tmp_path_factory.mktemp("content")
    target = folder / name
    target.write_bytes(original[:keep] + payload)
    check_content(name, target)


@pytest.mark.parametrize("name", sorted(CONTENT))
@pytest.mark.parametrize(
    "payload", [b"\xff\xfe", b"x = " + b"[" * 3000 + b"]" * 3000, b"x = nan\n", b"\x00"]
)
def test_undecodable_or_deep_content_is_one_file_error(tmp_path, name, payload):
    (tmp_path / name).write_bytes(payload)
    result = CONTENT[name](tmp_path / name)
    assert result.errors and all(name in str(e) for e in result.errors)
