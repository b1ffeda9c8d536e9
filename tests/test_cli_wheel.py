"""The built wheel carries its assets: installed in a fresh venv, it lists and exports.

Marked `wheel` (slow: builds and installs); CI runs it, `-m "not wheel"` skips it locally.
"""

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

import mobsim
from mobsim.model import load_library

ROOT = Path(__file__).resolve().parents[1]


def test_the_version_is_the_one_in_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert mobsim.__version__ == project["version"]


def test_version_option(capsys):
    from mobsim.cli import main

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"mobsim {mobsim.__version__}"


def run(cmd, **kwargs):
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kwargs)
    assert proc.returncode == 0, f"{cmd}: {proc.stderr[-2000:]}"
    return proc


@pytest.mark.wheel
def test_the_installed_wheel_lists_every_preset_and_exports(tmp_path):
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not on PATH")
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "QT_QPA_PLATFORM": "offscreen"}
    env.pop("VIRTUAL_ENV", None)
    dist = tmp_path / "dist"
    run([uv, "build", "--wheel", "--out-dir", str(dist), str(ROOT)], env=env)
    (wheel,) = dist.glob("mobsim-*.whl")
    venv = tmp_path / "venv"
    run([uv, "venv", "--python", os.sys.executable, str(venv)], env=env)
    python = venv / "bin" / "python"
    run([uv, "pip", "install", "--python", str(python), str(wheel)], env=env)
    exe = venv / "bin" / "mobsim"
    elsewhere = tmp_path / "elsewhere"  # not the checkout: the assets must come from the wheel
    elsewhere.mkdir()

    listing = run([str(exe), "--list-joints"], cwd=elsewhere, env=env).stdout
    expected = load_library()
    for joint_id in expected.joints:
        assert joint_id in listing
    assert len(listing.strip().splitlines()) >= len(expected.joints)

    run(
        [str(exe), "--export-trace", "k.csv", "--joint", "knee", "--grade", "IV"],
        cwd=elsewhere,
        env=env,
    )
    header = (elsewhere / "k.csv").read_text().splitlines()[0]
    assert header.startswith("time_s,angle_deg")

    version = run([str(exe), "--version"], cwd=elsewhere, env=env).stdout.strip()
    assert version == f"mobsim {mobsim.__version__}"
    # The packaged copy is used, not the checkout.
    where = run(
        [str(python), "-c", "from mobsim.model.assets import asset_root; print(asset_root())"],
        cwd=elsewhere,
        env=env,
    ).stdout.strip()
    assert str(venv) in where
