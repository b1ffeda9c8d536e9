"""What every quiz sitting does with its answers, whatever it asks.

A sitting (the recognition `Session`, a `GlideSession`) keeps its results in order,
each with the id the store gave it. Taking the last answer back removes it from the
store and shows its question again; the summary comes from the store, or from
memory where the store failed to save an answer. The Leitner boxes cannot be stepped
back one answer, so they are replayed from the sitting's start without it.
"""

from __future__ import annotations

from mobsim.quiz.store import Summary
from mobsim.quiz.store_schema import RECOGNITION


class Sitting:
    """Undo and summary for a sitting. Subclasses set `results`, `store`, `deck`,
    `question`, `answered`, `profile`, `session_id`, `_boxes_at_start`, and say how a
    result reads (`labels`)."""

    kind: str = RECOGNITION  # the kind the sitting's answers are stored as

    def labels(self, result) -> tuple[str, str]:
        """(true, chosen) grade labels of one result."""
        raise NotImplementedError

    def undo(self):
        """Take back the last answer and show that question again; None if nothing to undo."""
        if not self.results:
            return None
        last = self.results.pop()
        if last.attempt_id is not None:
            self.store.remove(last.attempt_id)
        self.question = last.question
        self.deck.last_item = last.question.item
        self._boxes = self._boxes_at_start.after(self.labels(r) for r in self.results)
        self.answered = False
        return self.question

    def summary(self) -> Summary:
        """This sitting's summary, with the profile's trend over past sessions."""
        stored = self.store.summary(self.profile, self.session_id, kind=self.kind)
        if all(r.attempt_id is not None for r in self.results):
            return stored
        # The store failed to save some answers: count them from memory instead.
        rows = [(*self.labels(r), 1, int(r.correct), r.response_ms) for r in self.results]
        return Summary.from_counts(rows, stored.trend)
