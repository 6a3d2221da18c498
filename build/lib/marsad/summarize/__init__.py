"""Summaries with key points for articles, events and stories, traced to their sentences.

Extractive by default (LexRank + centroid + lead prior, MMR against redundancy); an optional
generative rewriter lives in :mod:`marsad.summarize.generative` and is never imported here.
"""

from marsad.summarize.article import summarize_article
from marsad.summarize.event import summarize_event
from marsad.summarize.settings import SummarySettings, SummarySettingsError
from marsad.summarize.story import summarize_story

__all__ = [
    "SummarySettings",
    "SummarySettingsError",
    "summarize_article",
    "summarize_event",
    "summarize_story",
]
