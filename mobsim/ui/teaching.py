"""Teaching content in the window: the "About this grade" panel and the precautions page.

The texts are data (assets/content); this module only lays them out.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from mobsim.content import GradeTexts, PrecautionGroup, PrecautionPage
from mobsim.model.grades import Convention, GradeChoice
from mobsim.ui.dialogs import CloseableDialog
from mobsim.ui.theme import Theme


def _para(text: str) -> str:
    return "".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def grade_html(texts: GradeTexts, choice: GradeChoice, convention: Convention, theme: Theme) -> str:
    entry = texts.for_grade(choice.grade)
    colour = theme.grade_colour(choice.grade)
    if entry is None:
        return (
            f"<h2>Grade {escape(choice.display)}</h2><p><i>No text for this grade could "
            "be loaded (see the warning at start-up).</i></p>"
        )
    parts = [
        f"<h2 style='color:{colour}'>Grade {escape(choice.display)}</h2>",
        f"<p><b>{escape(entry.summary)}</b></p>",
        f"<h3>Definition ({escape(convention.value)} convention)</h3>",
        _para(entry.definition(convention, choice.modifier)),
    ]
    modifier = texts.modifiers.get(choice.modifier)
    if choice.modifier.value and modifier is not None:
        parts.append(f"<p><b>{escape(choice.display)}</b>: {escape(modifier.meaning)}</p>")
    parts += [
        "<h3>Typical use</h3>",
        _para(entry.typical_use),
        "<h3>How it is performed</h3>",
        _para(entry.performed),
        "<h3>What the evidence says</h3>",
        _para(entry.evidence),
    ]
    if entry.note:
        parts += ["<h3>Watch out</h3>", _para(entry.note)]
    parts.append(
        f"<p style='color:{theme.muted_text}'><small>Source: {escape(entry.source)}</small></p>"
    )
    return "".join(parts)


class GradePanel(QWidget):
    """'About this grade': follows the simulation's grade and convention live."""

    def __init__(self, texts: GradeTexts, theme: Theme, parent=None):
        super().__init__(parent)
        self.texts = texts
        self.theme = theme
        self.large = False
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser)
        self._shown: tuple | None = None

    def show_grade(self, choice: GradeChoice, convention: Convention, theme: Theme) -> None:
        key = (choice, convention, theme, self.large)
        if key == self._shown:
            return
        self._shown = key
        self.theme = theme
        size = theme.font_pt * (1.6 if self.large else 1.0)
        self.browser.setStyleSheet(f"font-size: {size:.1f}pt;")
        self.browser.setHtml(grade_html(self.texts, choice, convention, theme))

    def show_hidden(self) -> None:
        """While the class guesses the grade, the panel must not name it."""
        self._shown = None
        self.browser.setHtml("<p><i>Hidden while the class guesses the grade.</i></p>")

    def text(self) -> str:
        return self.browser.toPlainText()


def precautions_html(page: PrecautionPage, theme: Theme) -> str:
    parts = [
        f"<h2>{escape(page.title)}</h2>",
        f"<p style='background:{theme.panel}; padding:6px'><b>{escape(page.disclaimer)}</b></p>",
    ]
    if page.rule:
        parts.append(_para(page.rule))
    for group in PrecautionGroup:
        items = page.group(group)
        if not items:
            continue
        parts.append(f"<h3>{escape(group.title)}</h3><ul>")
        for item in items:
            parts.append(
                f"<li><b>{escape(item.title)}</b> — {escape(item.text)} "
                f"<small style='color:{theme.muted_text}'>({escape(item.source)})"
                "</small></li>"
            )
        parts.append("</ul>")
    if page.conflicts:
        parts.append("<h3>Where the sources disagree</h3>")
        for conflict in page.conflicts:
            parts.append(
                f"<p><b>{escape(conflict.topic)}</b>: {escape(conflict.sources_say)} "
                f"<br><i>mobsim teaches:</i> {escape(conflict.mobsim_models)} "
                f"<small style='color:{theme.muted_text}'>({escape(conflict.source)})"
                "</small></p>"
            )
    if page.errors:
        parts.append(
            "<h3>Not loaded</h3><ul>"
            + "".join(f"<li>{escape(str(e))}</li>" for e in page.errors)
            + "</ul>"
        )
    return "".join(parts)


class PrecautionsDialog(CloseableDialog):
    def __init__(self, page: PrecautionPage, theme: Theme, parent=None):
        self.browser = QTextBrowser()
        self.browser.setHtml(precautions_html(page, theme))
        super().__init__(
            "Precautions and contraindications — teaching content", self.browser, (820, 720), parent
        )
