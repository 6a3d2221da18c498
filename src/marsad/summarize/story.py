"""The timeline of a story: one line per event, in the story's (date) order."""

from __future__ import annotations

import re

from marsad.model import Event, KeyPoint, SourceRef, Story, Summary
from marsad.summarize.settings import SummarySettings

_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+")


def summarize_story(
    story: Story, events: dict[str, Event], settings: SummarySettings | None = None
) -> Summary:
    """One key point per event: "date — its one-line summary", citing the event's best sources.

    An event that has no summary yet is shown by its label (and cites nothing rather than
    something unrelated). The story text is the lines joined, newest last.
    """
    points = []
    for event_id in story.events:
        event = events.get(event_id)
        if event is None:
            continue
        line, sources = _event_line(event)
        points.append(KeyPoint(text=f"{_when(event)} — {line}" if _when(event) else line, sources=sources))
    return Summary(
        target=story.id, text="\n".join(p.text for p in points), key_points=points, method="timeline"
    )


def _event_line(event: Event) -> tuple[str, list[SourceRef]]:
    summary = event.summary
    if summary is not None and summary.text and summary.opening_sources:
        # The summary's first sentence states the fact most outlets report, and cites them.
        return _SENTENCE_END.split(summary.text.strip(), maxsplit=1)[0], list(summary.opening_sources)
    if summary is None or not summary.key_points:
        return event.label, []
    # The event's most cited point is the one most outlets agree is the news.
    best = max(summary.key_points, key=lambda p: len({s.outlet or s.article_id for s in p.sources}))
    return best.text, list(best.sources)


def _when(event: Event) -> str:
    if event.date and event.date_end and event.date_end != event.date:
        return f"{event.date}/{event.date_end}"
    return event.date or ""
