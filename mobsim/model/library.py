"""The joint library: every preset file in the assets, angular joints and accessory
techniques alike, with one error per file that did not load (the rest still load).

Here, not in `joints`, because it reads both kinds: `joints` (degrees) and
`accessory` (mm) then depend on each other through this module only, never in a loop.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mobsim.model.accessory import check_angular_presets, parse_technique
from mobsim.model.joints import ASSET_DIR, JointFileError, JointSpec, parse_joint


def load_joint(path: Path | str):
    """A JointSpec, or an AccessoryTechnique for `kind = "accessory"`."""
    path = Path(path)
    doc = _read_preset(path)
    try:
        return _parse_preset(doc, path)
    except JointFileError:
        raise
    except (ValueError, TypeError, ArithmeticError, RecursionError) as exc:
        # A value no check foresaw: still one error naming the file, never a crash.
        raise JointFileError(path, "(file)", f"cannot be used: {exc}") from None


def _read_preset(path: Path) -> dict[str, Any]:
    """The parsed TOML, or one JointFileError for the whole file."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise JointFileError(path, "(file)", f"not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise JointFileError(
            path, "(file)", f"not UTF-8 text (bad byte at position {exc.start})"
        ) from None
    except RecursionError:
        raise JointFileError(path, "(file)", "nested too deeply to read") from None
    except MemoryError:
        raise JointFileError(path, "(file)", "too large to read") from None
    except OSError as exc:
        raise JointFileError(path, "(file)", f"cannot be read: {exc.strerror or exc}") from None


def _parse_preset(doc: dict[str, Any], path: Path):
    kind = doc.pop("kind", "joint")
    if kind == "accessory":
        return parse_technique(doc, path)
    if kind != "joint":
        raise JointFileError(path, "kind", f"must be 'joint' or 'accessory', got {kind!r}")
    return parse_joint(doc, path)


@dataclass
class JointLibrary:
    """Every preset that loaded, plus one error per file that did not."""

    joints: dict[str, JointSpec]
    errors: list[JointFileError]
    techniques: dict = field(default_factory=dict)  # id -> AccessoryTechnique (mm)

    def get(self, joint_id: str) -> JointSpec:
        try:
            return self.joints[joint_id]
        except KeyError:
            known = ", ".join(sorted(self.joints)) or "none"
            glides = ", ".join(sorted(self.techniques))
            also = f"; accessory techniques (with --screen accessory): {glides}" if glides else ""
            raise KeyError(f"unknown joint {joint_id!r}; known joints: {known}{also}") from None

    @property
    def ids(self) -> list[str]:
        return list(self.joints)

    def first(self) -> JointSpec:
        return self.joints.get("knee") or next(iter(self.joints.values()))


def load_library(directory: Path | str = ASSET_DIR) -> JointLibrary:
    joints: dict[str, JointSpec] = {}
    techniques: dict = {}
    errors: list[JointFileError] = []
    for path in sorted(Path(directory).glob("*.toml")):
        try:
            joint = load_joint(path)
        except JointFileError as exc:
            errors.append(exc)
            continue
        taken = joints.get(joint.id) or techniques.get(joint.id)
        if taken is not None:
            errors.append(
                JointFileError(path, "id", f"'{joint.id}' is already used by {taken.path.name}")
            )
            continue
        (joints if isinstance(joint, JointSpec) else techniques)[joint.id] = joint
    if techniques:
        errors += check_angular_presets(techniques, joints)
    return JointLibrary(joints, errors, techniques)
