"""Helpers for writing broken copies of the content files (tests only)."""

from mobsim.content.loading import ASSET_DIR


def edit_entry(text: str, marker: str, old: str, new: str) -> str:
    """Replace `old` with `new` once, inside the entry whose table holds `marker`."""
    start = text.index(marker)
    end = text.find("\n[[", start)
    end = len(text) if end == -1 else end
    block = text[start:end]
    assert old in block, f"{old!r} not in entry {marker!r}"
    return text[:start] + block.replace(old, new, 1) + text[end:]


def original(name: str) -> str:
    return (ASSET_DIR / name).read_text(encoding="utf-8")
