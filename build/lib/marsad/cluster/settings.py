"""One settings object for event and story clustering."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClusterSettings:
    """Defaults chosen on the seeds and on SaudiNewsNet (see the issue-5 note).

    Scores are ``lexical_weight * lexical cosine + (1 - lexical_weight) * entity cosine``
    when both sides have entities, else the lexical cosine alone.
    """

    lead_sentences: int = 3  # substantive sentences after the title that say what happened
    lead_weight: int = 3  # an entity in the lead counts this many body mentions
    # Who took part separates events better than where: every Syria-Russia visit names
    # Moscow and Damascus, but not the same ministers. Places still count, less.
    body_weight: float = 0.5
    max_terms: int = 150  # heaviest stems kept per article vector
    org_weight: float = 0.3
    loc_weight: float = 0.1
    max_lag_days: int = 7  # a lead date this long before publication is still the reported day
    window_days: int = 2  # an article may join an event whose dates are within this many days
    max_span_days: int = 4  # longest event (a multi-day visit or summit)
    event_threshold: float = 0.30
    undated_threshold: float = 0.30  # calendar checks (named weekdays, year-less dates) guard undated joins
    lexical_weight: float = 0.5
    blocking_terms: int = 8  # highest-weighted stems of an article used as blocking keys
    blocking_entities: int = 5
    max_posting: int = 300  # keys shared by more events on one day are not informative: skip them
    max_candidates: int = 40
    mention_threshold: float = 0.25
    undated_mention_threshold: float = 0.35
    participants: int = 8
    story_window_days: int = 180
    story_threshold: float = 0.30
    story_terms: int = 60
    label_chars: int = 110

    def __post_init__(self) -> None:
        for name in ("event_threshold", "undated_threshold", "lexical_weight", "story_threshold"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"ClusterSettings.{name} must be in [0, 1], got {value}")
        if self.window_days < 0 or self.max_span_days < 0 or self.lead_sentences < 1:
            raise ValueError("ClusterSettings needs window_days, max_span_days >= 0 and lead_sentences >= 1")
