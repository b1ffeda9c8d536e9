"""Atomic writes: the destination is complete or untouched, and no temporary file stays."""

import os

import pytest

from mobsim.model.atomic import DestinationError, atomic_open, atomic_path, write_text_atomic


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_complete_write_replaces_the_file(tmp_path):
    dest = tmp_path / "a.csv"
    dest.write_text("old")
    write_text_atomic(dest, "new")
    assert dest.read_text() == "new"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failure_keeps_the_old_file_and_removes_the_temporary(tmp_path, failure):
    dest = tmp_path / "a.csv"
    dest.write_text("old")
    with pytest.raises(type(failure)), atomic_open(dest) as fh:
        fh.write("half")
        raise failure
    assert dest.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_a_failure_leaves_a_new_destination_absent(tmp_path):
    dest = tmp_path / "new.gif"
    with pytest.raises(RuntimeError), atomic_path(dest) as tmp:
        tmp.write_bytes(b"GIF89a")
        raise RuntimeError("renderer died")
    assert not dest.exists()
    assert leftovers(tmp_path) == []


def test_the_temporary_file_is_beside_the_destination(tmp_path):
    with atomic_path(tmp_path / "x.png") as tmp:
        assert tmp.parent == tmp_path
        tmp.write_bytes(b"png")


def test_permissions_of_an_existing_file_are_kept(tmp_path):
    dest = tmp_path / "a.csv"
    dest.write_text("old")
    dest.chmod(0o640)
    write_text_atomic(dest, "new")
    assert dest.stat().st_mode & 0o777 == 0o640


def test_a_new_file_is_not_private_to_the_temp_mode(tmp_path):
    dest = tmp_path / "a.csv"
    write_text_atomic(dest, "new")
    umask = os.umask(0)
    os.umask(umask)
    assert dest.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("name", ["", "   ", "sub/", "missing/x.csv"])
def test_unusable_destinations_are_named(tmp_path, name, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    with pytest.raises(DestinationError), atomic_path(name):
        pass
    assert leftovers(tmp_path) == []


def test_a_folder_is_not_a_destination(tmp_path):
    with pytest.raises(DestinationError, match="folder"), atomic_path(tmp_path):
        pass


def test_a_file_in_place_of_the_folder_is_named_as_a_file(tmp_path):
    """'README.md/x.csv' said "folder README.md does not exist"; it exists, as a file."""
    (tmp_path / "notes.md").write_text("mine")
    in_a_file, in_nothing = tmp_path / "notes.md" / "x.csv", tmp_path / "missing" / "x.csv"
    with pytest.raises(DestinationError, match="notes.md is a file, not a folder"):
        atomic_path(in_a_file).__enter__()
    with pytest.raises(DestinationError, match="folder .*missing does not exist"):
        atomic_path(in_nothing).__enter__()
    assert (tmp_path / "notes.md").read_text() == "mine"
