"""A full or read-only disk during an export: exit 2, one line, the old file kept, no
partial file, and no name of our own temporary file in the message.

The disk is a real small tmpfs mounted for the test (skipped, with the reason, where
mounting is not allowed).
"""

import contextlib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def small_disk(options: str):
    where = Path(tempfile.mkdtemp(prefix="mobsim-disk-"))
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        where.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip() or proc.returncode}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
        where.rmdir()


@pytest.fixture
def full_disk():
    with small_disk("size=512k") as where:
        yield where


def fill_leaving(folder: Path, free_bytes: int) -> None:
    """Take all free space but about `free_bytes`."""
    stat = os.statvfs(folder)
    take = max(0, stat.f_bavail * stat.f_frsize - free_bytes)
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        with contextlib.suppress(OSError):
            while take > 0:
                take -= os.write(fd, b"\0" * min(65536, take))
    finally:
        os.close(fd)


CASES = {
    "trace": (["--export-trace", "{dest}", "--seconds", "60", "--rate", "1000"], "out.csv"),
    "gif": (["--export-gif", "{dest}", "--cycles", "2", "--size", "640x360"], "out.gif"),
    "screenshot": (["--screenshot", "{dest}", "--size", "1280x800"], "out.png"),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_a_full_disk_keeps_the_old_file(full_disk, kind):
    args, name = CASES[kind]
    dest = full_disk / name
    old = b"a good old export\n" * 100
    dest.write_bytes(old)
    fill_leaving(full_disk, 16_384)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *(a.format(dest=dest) for a in args)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    err = proc.stderr.strip()
    assert proc.returncode == 2, err
    assert err.splitlines() == [err] and "Traceback" not in err, err
    assert "cannot write" in err
    assert dest.read_bytes() == old
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler", name]


READ_ONLY_CASES = {
    **CASES,
    "history": (["--export-history", "{dest}"], "out.csv"),
    "quiz": (["--export-quiz", "{dest}", "--seed", "1", "--questions", "2"], "out.jsonl"),
    "glide quiz": (
        ["--export-quiz", "{dest}", "--accessory", "1", "--seed", "1", "--questions", "2"],
        "out.jsonl",
    ),
}


@pytest.mark.parametrize("kind", sorted(READ_ONLY_CASES))
def test_a_read_only_folder_says_so_and_names_only_the_users_file(kind, tmp_path):
    """`--export-quiz` printed the name of its hidden temporary file
    ('.q.jsonl.ucg2a2nl.part') where the other exports name the user's file."""
    args, name = READ_ONLY_CASES[kind]
    with small_disk("size=64k") as where:
        dest = where / name
        dest.write_bytes(b"old\n")
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
        proc = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *(a.format(dest=dest) for a in args)],
            capture_output=True,
            text=True,
            timeout=120,
            env={
                **os.environ,
                "QT_QPA_PLATFORM": "offscreen",
                "XDG_DATA_HOME": str(tmp_path),
                "XDG_CONFIG_HOME": str(tmp_path),
            },
        )
        err = proc.stderr.strip()
        assert proc.returncode == 2, err
        assert err.splitlines() == [err] and "Traceback" not in err, err
        assert re.search(f"cannot write (GIF |screenshot )?{re.escape(str(dest))}: Read-only", err)
        assert ".part" not in err, err
        assert dest.read_bytes() == b"old\n"
