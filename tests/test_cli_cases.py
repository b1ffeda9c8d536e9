"""--quiz --cases with no valid vignette: a notice, then recognition questions only."""

import shutil

import pytest

from mobsim.cli import main
from mobsim.content import loading
from mobsim.model.assets import asset_root
from mobsim.ui import app


@pytest.mark.parametrize(
    "vignettes",
    [None, b"", b"[[vignette]\nbroken", b'[[vignette]]\nid = "x"\n', b"\xff\xfe"],
    ids=["missing", "empty", "bad-toml", "bad-entry", "bad-utf8"],
)
def test_cases_without_a_valid_vignette_give_a_notice_and_recognition_only(
    tmp_path, monkeypatch, capsys, vignettes
):
    content = tmp_path / "content"
    content.mkdir()
    for name in ("grades.toml", "precautions.toml"):
        shutil.copy(asset_root() / "content" / name, content)
    if vignettes is not None:
        (content / "vignettes.toml").write_bytes(vignettes)
    monkeypatch.setattr(loading, "ASSET_DIR", content)
    seen = {}

    def start_the_quiz(window, path):
        quiz = window.show_screen("quiz")
        quiz.start_screen.prefill(case_ratio=0.5, seed=1)
        quiz.start_from_screen()
        seen["notice"] = quiz.notice_bar.text()
        seen["visible"] = quiz.notice_bar.isVisible()
        seen["kinds"] = {quiz.session.kind for _ in range(1)}
        seen["ratio"] = quiz.session.case_ratio
        window.close()
        return 0

    monkeypatch.setattr(app, "save_screenshot", start_the_quiz)
    code = main(["--screenshot", str(tmp_path / "q.png"), "--quiz", "--cases", "0.5"])
    assert code == 0, capsys.readouterr().err
    assert "Traceback" not in capsys.readouterr().err
    assert seen["visible"] and "No patient case could be loaded" in seen["notice"]
    assert "recognition questions only" in seen["notice"]
    assert seen["ratio"] == 0.0 and seen["kinds"] == {"recognition"}
