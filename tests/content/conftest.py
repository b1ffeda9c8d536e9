import pytest
from content_helpers import original


@pytest.fixture
def write_copy(tmp_path):
    """write_copy('vignettes.toml', edit) -> path of an edited copy in tmp_path."""

    def write(name: str, edit=lambda s: s):
        path = tmp_path / name
        path.write_text(edit(original(name)), encoding="utf-8")
        return path

    return write
