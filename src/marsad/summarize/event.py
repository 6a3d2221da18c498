"""Summary of one event across every outlet that reported it.

Sentences of all member articles are ranked together; sentences of different articles that
say the same thing (cosine over stems above ``same_fact_threshold``) become one *fact*, so
a fact told by three outlets is one key point citing all three — and the number of outlets
that tell it is evidence that it matters. Facts are then chosen by MMR like sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from marsad.model import Article, Event, KeyPoint, SourceRef, Summary
from marsad.summarize.article import _point_key, _repeats, sentence_scores, summary_text
from marsad.summarize.candidates import Candidate, body_candidates
from marsad.summarize.compress import key_point_text
from marsad.summarize.disagreements import find_disagreements
from marsad.summarize.ranking import cosine_matrix, mmr_order, tfidf_matrix
from marsad.summarize.settings import SummarySettings


@dataclass(frozen=True)
class Fact:
    """Sentences of different articles that tell the same thing; ``lead`` is the one printed."""

    members: tuple[Candidate, ...]
    lead: Candidate
    score: float

    @property
    def outlets(self) -> list[str]:
        return sorted({c.outlet or c.article_id for c in self.members})

    def sources(self) -> list[SourceRef]:
        return [SourceRef(c.article_id, c.sentence.id, c.outlet) for c in self.members]


def summarize_event(
    event: Event, articles: dict[str, Article], settings: SummarySettings | None = None
) -> Summary:
    """Summary, de-duplicated key points citing outlets, and where outlets differ."""
    settings = settings or SummarySettings()
    members = sorted((articles[a] for a in set(event.articles) if a in articles), key=_publication_order)
    if len(members) == 1 and members[0].summary is not None:
        # One report: its own summary is the event's (most events of a large corpus are
        # single-article, and re-ranking them would redo the article stage's work).
        own = members[0].summary
        return Summary(
            target=event.id,
            text=own.text,
            key_points=list(own.key_points),
            method=own.method,
            opening_sources=list(own.opening_sources),
        )
    facts = event_facts(members, settings)
    if not facts:
        return Summary(target=event.id, text="", key_points=[])
    # The summary opens with the fact most outlets tell (ties: the better scored), stated by
    # its lead sentence and citing every outlet's sentence of it; then the next best fact
    # that does not repeat it. The key points are the other facts, so none repeats the text.
    headline = max(facts, key=lambda f: (len(f.outlets), f.score))
    chosen = choose_facts(facts, settings, first=headline)
    opening = chosen[:2]
    text = summary_text([f.lead for f in opening], settings, order=lambda leads: leads, budget=10**6)
    summary_key = _point_key(text)
    points = []
    for f in sorted((f for f in chosen if all(f is not o for o in opening)), key=_story_position):
        point = key_point_text(f.lead.sentence.text) if settings.compress_key_points else f.lead.sentence.text
        if not _repeats(_point_key(point), summary_key):
            points.append(KeyPoint(text=point, sources=f.sources()))
    return Summary(
        target=event.id,
        text=text,
        key_points=points,
        disagreements=find_disagreements(facts, members),
        opening_sources=headline.sources(),
    )


def event_facts(members: list[Article], settings: SummarySettings) -> list[Fact]:
    """All facts of the member articles, each printed by its best-scoring sentence.

    Star clustering, not transitive closure: a fact is its lead sentence plus, from each
    other article, the one unassigned sentence most similar to that lead (if similar
    enough). Every cited sentence therefore resembles the printed one; chains of
    half-similar sentences never pull unrelated text into a citation.
    """
    candidates = [c for a in members[: settings.event_max_articles] for c in _best_candidates(a, settings)]
    if not candidates:
        return []
    x, _ = tfidf_matrix([c.stems for c in candidates])
    similarity = cosine_matrix(x)
    scores = sentence_scores(candidates, x, similarity, None, settings)
    article_of = np.array([c.article_id for c in candidates])
    n_outlets = len({c.outlet or c.article_id for c in candidates})
    assigned = np.zeros(len(candidates), dtype=bool)
    facts = []
    for lead in np.argsort(-scores, kind="stable"):
        if assigned[lead]:
            continue
        assigned[lead] = True
        group = [int(lead)]
        # Only sentences of *other* articles join: repetition inside one article is the
        # writer's emphasis, not independent confirmation.
        near = np.flatnonzero(
            ~assigned & (similarity[lead] >= settings.same_fact_threshold) & (article_of != article_of[lead])
        )
        seen = {article_of[lead]}
        for j in near[np.argsort(-similarity[lead, near], kind="stable")]:
            if article_of[j] not in seen:
                seen.add(article_of[j])
                group.append(int(j))
                assigned[j] = True
        members_ = tuple(candidates[i] for i in sorted(group))
        support = (len({c.outlet or c.article_id for c in members_}) - 1) / max(n_outlets - 1, 1)
        facts.append(
            Fact(members_, candidates[lead], float(scores[lead] + settings.outlet_support_weight * support))
        )
    return facts


def _best_candidates(article: Article, settings: SummarySettings) -> list[Candidate]:
    # A long article contributes its best sentences only: keeps the pooled similarity
    # matrix small (events can have dozens of articles) and drops background paragraphs.
    candidates = body_candidates(article, settings)
    if len(candidates) <= settings.event_sentences_per_article:
        return candidates
    x, _ = tfidf_matrix([c.stems for c in candidates])
    scores = sentence_scores(candidates, x, cosine_matrix(x), None, settings)
    keep = np.sort(np.argsort(-scores, kind="stable")[: settings.event_sentences_per_article])
    return [candidates[i] for i in keep]


def choose_facts(facts: list[Fact], settings: SummarySettings, first: Fact | None = None) -> list[Fact]:
    """The best non-redundant facts, best first (``first`` first, when given: the others
    are then chosen for not repeating it)."""
    x, _ = tfidf_matrix([f.lead.stems for f in facts])
    scores = np.array([f.score for f in facts])
    if first is not None:
        scores[next(i for i, f in enumerate(facts) if f is first)] = scores.max() + 1.0
    order = mmr_order(
        scores,
        cosine_matrix(x),
        settings.event_key_points + 2,  # two open the summary text
        settings.mmr_lambda,
        settings.redundancy_threshold,
    )
    return [facts[i] for i in order]


def _publication_order(article: Article) -> tuple[str, str]:
    return ((article.published.date if article.published else None) or "9999", article.id)


def _lead_position(c: Candidate) -> tuple[float, str, int]:
    return (float(c.position), c.article_id, c.sentence.start)


def _story_position(fact: Fact) -> tuple[float, str, int]:
    # Facts follow the order the articles tell them in: the mean lead-relative position.
    return (
        float(np.mean([c.position for c in fact.members])),
        fact.lead.article_id,
        fact.lead.sentence.start,
    )
