"""The quiz summary: the score, then each kind of question apart (HTML for the summary page)."""

from __future__ import annotations

from html import escape

from mobsim.content import stored_answer_values
from mobsim.model import Grade
from mobsim.quiz import Summary, Tally
from mobsim.quiz.accessory import ACCESSORY, KALTENBORN
from mobsim.quiz.mixed import MixedQuiz
from mobsim.quiz.store import label_order
from mobsim.ui.theme import Theme


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.0%}"


def _matrix_html(summary: Summary, labels: list[str], title: str) -> str:
    parts = [
        f"<h3>{escape(title)} (rows: right answer, columns: your answer)</h3>"
        "<table border='1' cellpadding='5' cellspacing='0'><tr><th></th>"
    ]
    parts += [f"<th>{escape(c)}</th>" for c in labels]
    parts.append("</tr>")
    for true in labels:
        cells = []
        for chosen in labels:
            n = summary.confusion.get((true, chosen), 0)
            text = "" if not n else (f"<b>{n}</b>" if true == chosen else str(n))
            cells.append(f"<td align='center'>{text}</td>")
        parts.append(f"<tr><th>{escape(true)}</th>{''.join(cells)}</tr>")
    parts.append("</table>")
    return "".join(parts)


def _tally_html(summary: Summary, labels: list[str], heading: str) -> str:
    parts = [
        f"<table border='1' cellpadding='4' cellspacing='0'><tr><th>{heading}</th>"
        "<th>asked</th><th>right</th><th>accuracy</th></tr>"
    ]
    for label in labels:
        tally = summary.per_grade.get(label, Tally(0, 0))
        parts.append(
            f"<tr><td>{escape(label)}</td><td>{tally.attempts}</td>"
            f"<td>{tally.correct}</td><td>{_pct(tally.accuracy)}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


def _trend_html(summary: Summary) -> str:
    if not summary.trend:
        return ""
    parts = [
        "<p><b>Your trend over past sessions</b></p><table border='1' cellpadding='4'"
        " cellspacing='0'><tr><th>started</th><th>level</th><th>answers</th>"
        "<th>accuracy</th><th>change</th></tr>"
    ]
    previous = None
    for past in summary.trend:
        change = ""
        if previous is not None and past.accuracy is not None:
            delta = round((past.accuracy - previous) * 100)
            change = f"{'▲' if delta > 0 else '▼' if delta < 0 else '='} {delta:+d} points"
        previous = past.accuracy if past.accuracy is not None else previous
        parts.append(
            f"<tr><td>{escape(past.started_at[:16].replace('T', ' '))}</td>"
            f"<td>{escape(past.level)}</td><td>{past.attempts}</td>"
            f"<td>{_pct(past.accuracy)}</td><td>{change}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


# Each kind's heading and first column in the summary, in the order shown.
KIND_TITLES = {
    "recognition": ("Recognising grades (joint angles)", "true grade"),
    ACCESSORY: ("Recognising grades on accessory glides (mm, Maitland)", "true grade"),
    KALTENBORN: ("Recognising Kaltenborn grades on glides (mm)", "true grade"),
}


def summary_html(summaries: dict[str, Summary], session: MixedQuiz, theme: Theme) -> str:
    """The end of a quiz: the score, then each kind of question apart (angles, glides,
    Kaltenborn, cases), each with its tally, confusion matrix and trend."""
    score = session.score
    answered = [x for x in summaries.values() if x.attempts]
    total_ms = sum(x.mean_response_ms * x.attempts for x in answered)
    ms = total_ms / score.answered if score.answered else None
    parts = [
        f"<h2>Quiz summary — {escape(session.profile)}, {session.level.value} level</h2>",
        f"<p style='font-size:{theme.font_pt * 1.4:.0f}pt'><b>Score: {score.correct} of "
        f"{score.answered} ({_pct(score.accuracy)})</b></p>",
        f"<p>Mean response time: {'—' if ms is None else f'{ms / 1000:.1f} s'}  ·  "
        f"seed {session.seed} (type it on the start screen to get the same quiz)</p>",
    ]
    cases = summaries.get("case")
    short = {"recognition": "joint angles", ACCESSORY: "glides", KALTENBORN: "Kaltenborn"}
    kinds = [
        f"{short.get(k, 'patient cases')} {x.correct}/{x.attempts}"
        for k, x in summaries.items()
        if x.attempts
    ]
    if len(kinds) > 1:
        parts.append(f"<p><b>By kind:</b> {escape('  ·  '.join(kinds))}</p>")
    for kind, (title, heading) in KIND_TITLES.items():
        summary = summaries.get(kind)
        if summary is None:
            continue
        shown_anyway = kind == "recognition" and not answered
        if not summary.attempts and not shown_anyway:
            continue
        if kind == KALTENBORN:
            grades = sorted(
                {label for pair in summary.confusion for label in pair} | {"I", "II", "III"},
                key=label_order,
            )
        else:
            grades = sorted(
                {label for pair in summary.confusion for label in pair} | {g.label for g in Grade},
                key=label_order,
            )
        parts += [
            f"<h3>{title}: {summary.correct} of {summary.attempts} ({_pct(summary.accuracy)})</h3>",
            _tally_html(summary, grades, heading),
            _matrix_html(summary, grades, "Confusion matrix"),
            _trend_html(summary),
        ]
    if cases is not None and cases.attempts:
        answers = stored_answer_values(label for pair in cases.confusion for label in pair)
        parts += [
            f"<h3>Patient cases: {cases.correct} of {cases.attempts} ({_pct(cases.accuracy)})</h3>",
            _tally_html(cases, answers, "right answer"),
            _matrix_html(cases, answers, "Case answers"),
            _trend_html(cases),
        ]
    if not session.store.saves and session.store.notice:
        parts.append(
            f"<p style='color:{theme.pain}'>These answers were not saved: "
            f"{escape(session.store.notice)}</p>"
        )
    return "".join(parts)
