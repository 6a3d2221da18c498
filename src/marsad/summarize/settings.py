"""Settings of the summarize stage, gathered in one object created at the edge (CLI, web, API)."""

from __future__ import annotations

from dataclasses import dataclass


class SummarySettingsError(ValueError):
    """A summary setting is out of its meaningful range."""


@dataclass(frozen=True)
class SummarySettings:
    """How many sentences and points to write, and how to rank them.

    The ranking score of a body sentence is a weighted sum of four normalised signals:
    LexRank centrality (what the article keeps coming back to), similarity to the
    article's TF-IDF centroid, similarity to the title when there is one, and a lead
    prior (news puts the essentials first). MMR then trades score against redundancy.
    """

    summary_sentences: int = 5  # at most; the summary is 1..summary_sentences sentences
    # Word budget: summary_ratio of the article's prose, clipped to [summary_min_words, summary_words].
    summary_words: int = 120
    summary_min_words: int = 45
    summary_ratio: float = 0.3
    key_points: int = 5  # at most
    min_key_points: int = 3  # at least, when the article has that many sentences
    # "learned": the logistic scorer shipped in data/summarize/scorer.json (see summarize.learned);
    # "weighted": the hand-set weighted sum of the signals below.
    ranker: str = "learned"
    # The learned probability is blended with a slow lead prior (news order is a prior the
    # per-sentence model under-uses): score = (1 - w) * p / max p + w * exp(-position / decay).
    learned_lead_weight: float = 0.3
    learned_lead_decay: float = 8.0
    # MMR trade-off with the learned ranker: its scores already prefer varied content, so only
    # the hard redundancy threshold applies (1.0); events keep mmr_lambda.
    learned_mmr_lambda: float = 1.0
    event_key_points: int = 5
    # What counts as a body sentence worth summarising.
    min_tokens: int = 6
    min_content_stems: int = 3
    # Ranking weights (they need not sum to one).
    centrality_weight: float = 0.30
    centroid_weight: float = 0.25
    title_weight: float = 0.25
    position_weight: float = 0.45
    position_decay: float = 3.0  # sentences: the prior falls to 1/e after this many
    damping: float = 0.85  # LexRank random-walk damping
    mmr_lambda: float = 0.7  # 1.0 = pure score, 0.0 = pure novelty
    redundancy_threshold: float = 0.6  # cosine above which a sentence repeats a chosen one
    # Events: sentences of different articles at least this similar tell the same fact.
    same_fact_threshold: float = 0.45
    # An event's opening also cites other outlets' sentences at least this similar to it on
    # paraphrase keys (folded stems, numbers as values): the same fact in other words.
    opening_echo_threshold: float = 0.3
    outlet_support_weight: float = 0.25
    event_max_articles: int = 60  # earliest first; bounds the pooled similarity matrix
    event_sentences_per_article: int = 10
    compress_key_points: bool = True
    compress_summary: bool = True  # the same safe cuts in the summary text (see summarize.compress)

    def __post_init__(self) -> None:
        for name in (
            "summary_sentences",
            "key_points",
            "event_key_points",
            "event_max_articles",
            "event_sentences_per_article",
        ):
            if getattr(self, name) < 1:
                raise SummarySettingsError(f"{name} must be at least 1, got {getattr(self, name)}")
        for name in (
            "damping",
            "mmr_lambda",
            "redundancy_threshold",
            "same_fact_threshold",
            "opening_echo_threshold",
            "learned_lead_weight",
            "learned_mmr_lambda",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise SummarySettingsError(f"{name} must be within [0, 1], got {value}")
        if self.ranker not in ("learned", "weighted"):
            raise SummarySettingsError(f"ranker must be 'learned' or 'weighted', got {self.ranker!r}")
        if not 0.0 < self.summary_ratio <= 1.0:
            raise SummarySettingsError(f"summary_ratio must be within (0, 1], got {self.summary_ratio}")
        if self.learned_lead_decay <= 0:
            raise SummarySettingsError(f"learned_lead_decay must be positive, got {self.learned_lead_decay}")
        if self.position_decay <= 0:
            raise SummarySettingsError(f"position_decay must be positive, got {self.position_decay}")
