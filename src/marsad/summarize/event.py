"""Summary of one event across every outlet that reported it.

Sentences of all member articles are ranked together; sentences of different articles that
say the same thing (cosine over stems above ``same_fact_threshold``) become one *fact*, so
a fact told by three outlets is one key point citing all three — and the number of outlets
that tell it is evidence that it matters. Facts are then chosen by MMR like sentences.

Outlets also tell a fact in other words («قتل 14 جنديا أفغانيا» / «أسفرت غارة عن مقتل عشرة
جنود أفغان»): such sentences stay below the same-fact threshold. The opening sentence therefore
also cites, from every other outlet, its sentence closest to the opening on paraphrase keys
(:mod:`marsad.summarize.paraphrase`: folded stems, numbers as values, words or digits) when
that similarity reaches ``opening_echo_threshold``; the opening is the fact with the most
outlets counted so, and no other fact printed restates it in those words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from marsad.model import Article, Event, KeyPoint, Sentence, SourceRef, Summary
from marsad.summarize.article import _point_key, _repeats, named_speaker, sentence_scores
from marsad.summarize.candidates import Candidate, body_candidates
from marsad.summarize.compress import (
    as_sentence,
    compress_point,
    fold_speaker,
    has_pronoun_subject,
    key_point_text,
)
from marsad.summarize.disagreements import find_disagreements
from marsad.summarize.paraphrase import fact_keys
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
    candidates = pooled_candidates(members, settings)
    facts = event_facts(members, settings, candidates)
    if not facts:
        return Summary(target=event.id, text="", key_points=[])
    # The summary opens with the fact most outlets tell (ties: the better scored), stated by
    # its lead sentence and citing every outlet's sentence of it, in its words or in others;
    # then the next best fact that does not repeat it. The key points are the other facts,
    # so none repeats the text.
    headline, echoes, restating = opening_fact(facts, candidates, settings, members)
    chosen = choose_facts([f for f in facts if id(f) not in restating], settings, first=headline)
    # The second sentence: the next chosen fact that is not weak (a list item, an unnamed
    # «أشار إلى أن …»); none when all are (the weak ones stay key points).
    second = [f for f in chosen[1:] if not _weak_fact(f, members)]
    opening = [chosen[0], *second[:1]]
    text = " ".join(as_sentence(_opening_text(f, members, settings)) for f in opening)
    summary_key = _point_key(text)
    points = []
    for f in sorted((f for f in chosen if all(f is not o for o in opening)), key=_story_position):
        point = _fact_point(f, members, settings)
        if not _repeats(_point_key(point), summary_key):
            extra = _speaker_sources(f.lead, members) if settings.compress_key_points else []
            points.append(KeyPoint(text=point, sources=f.sources() + extra))
    return Summary(
        target=event.id,
        text=text,
        key_points=points,
        disagreements=find_disagreements(facts, members),
        opening_sources=headline.sources()
        + [SourceRef(c.article_id, c.sentence.id, c.outlet) for c in echoes]
        + _speaker_sources(_printed(headline, members), members),
    )


def _fact_point(fact: Fact, members: list[Article], settings: SummarySettings) -> str:
    """The key point of ``fact``: its lead sentence compressed, a pronoun subject ("وأشار إلى
    أن …") given the speaker its article named just before."""
    text = fact.lead.sentence.text
    if not settings.compress_key_points:
        return text
    speaker = named_speaker(fact.lead, _sentences_of(fact.lead, members))
    return key_point_text(text, speaker[0] if speaker else None)


def _opening_text(fact: Fact, members: list[Article], settings: SummarySettings) -> str:
    """A fact's lead as the summary prints it: the safe cuts, and a pronoun subject ("وأشار
    إلى أن …") replaced by the speaker its article named just before ("كبيش: …")."""
    lead = _printed(fact, members)
    text = compress_point(lead.sentence.text) if settings.compress_summary else lead.sentence.text
    speaker = named_speaker(lead, _sentences_of(lead, members))
    return fold_speaker(text, speaker[0]) if speaker else text


def _weak(c: Candidate, members: list[Article]) -> bool:
    """A sentence that says little out of its article: a list item («2 ـ تعيين فلان سفيراً»,
    copied by every outlet that prints the list) or a pronoun subject whose speaker is not
    named just before it («بين أن مجلس الوزراء نوه …»)."""
    if is_list_item(c.sentence.text):
        return True
    return has_pronoun_subject(c.sentence.text) and named_speaker(c, _sentences_of(c, members)) is None


def _weak_fact(fact: Fact, members: list[Article]) -> bool:
    """A fact to open with only when there is nothing else: an entry of a list (one outlet
    printed it as a list item), or one whose every sentence is weak."""
    if any(is_list_item(c.sentence.text) for c in fact.members):
        return True
    return _weak(_printed(fact, members), members)


def _printed(fact: Fact, members: list[Article]) -> Candidate:
    """The sentence that states ``fact`` in the summary text: its lead, or, when the lead is
    weak (:func:`_weak`), another outlet's sentence of it that is not."""
    if not _weak(fact.lead, members):
        return fact.lead
    return next((c for c in fact.members if not _weak(c, members)), fact.lead)


def _speaker_sources(c: Candidate, members: list[Article]) -> list[SourceRef]:
    speaker = named_speaker(c, _sentences_of(c, members))
    return [SourceRef(c.article_id, speaker[1], c.outlet)] if speaker else []


def _sentences_of(c: Candidate, members: list[Article]) -> list[Sentence] | None:
    return next((a.sentences for a in members if a.id == c.article_id), None)


def pooled_candidates(members: list[Article], settings: SummarySettings) -> list[Candidate]:
    """The sentences an event summary draws on: the best of each of the first articles."""
    return [c for a in members[: settings.event_max_articles] for c in _best_candidates(a, settings)]


def opening_fact(
    facts: list[Fact],
    candidates: list[Candidate],
    settings: SummarySettings,
    members: list[Article] | None = None,
) -> tuple[Fact, list[Candidate], set[int]]:
    """The fact to open with, the sentences of other outlets that tell it in other words
    (one per outlet, the closest on paraphrase keys, similarity ≥ ``opening_echo_threshold``),
    and the ids of the other facts whose lead restates it so (not to be printed again).

    The opening is the fact told by the most outlets, those echoes counted (ties: the better
    scored); only the facts with the most outlets on plain similarity are weighed, a few
    more than the top ones. With the event's ``members``, a fact that can only be printed
    by a weak sentence (a list item, an unnamed pronoun subject) opens only when all are so.
    """
    keys, _ = tfidf_matrix([fact_keys(c.sentence.text) for c in candidates])
    similarity = cosine_matrix(keys)
    row = {(c.article_id, c.sentence.id): i for i, c in enumerate(candidates)}
    outlet = [c.outlet or c.article_id for c in candidates]
    best: tuple[tuple[int, float], Fact, list[Candidate]] | None = None
    openers = [f for f in facts if members is None or not _weak_fact(f, members)] or facts
    for fact in sorted(openers, key=lambda f: (-len(f.outlets), -f.score))[:_OPENING_CHOICES]:
        lead = row[(fact.lead.article_id, fact.lead.sentence.id)]
        cited = set(fact.outlets)
        echoes = []
        for j in np.argsort(-similarity[lead], kind="stable"):
            if similarity[lead, j] < settings.opening_echo_threshold:
                break
            if outlet[j] not in cited:
                cited.add(outlet[j])
                echoes.append(candidates[int(j)])
        key = (len(cited), fact.score)
        if best is None or key > best[0]:
            best = (key, fact, echoes)
    assert best is not None  # facts is not empty
    _, headline, echoes = best
    lead = row[(headline.lead.article_id, headline.lead.sentence.id)]
    restating = {
        id(f)
        for f in facts
        if f is not headline
        and similarity[lead, row[(f.lead.article_id, f.lead.sentence.id)]] >= settings.opening_echo_threshold
    }
    return headline, sorted(echoes, key=_lead_position), restating


_OPENING_CHOICES = 8
_LIST_ITEM = re.compile(r"^\s*(?:[\d٠-٩]{1,2}\s*[-–—ـ.)](?![\d٠-٩])|[•●▪◦*·])\s*")


def is_list_item(text: str) -> bool:
    """``text`` is an item of a numbered or bulleted list («2 ـ …», «1. …», «• …»)."""
    return bool(_LIST_ITEM.match(text))


def event_facts(
    members: list[Article], settings: SummarySettings, candidates: list[Candidate] | None = None
) -> list[Fact]:
    """All facts of the member articles (from ``candidates``, :func:`pooled_candidates` when
    None), each printed by its best-scoring sentence.

    Star clustering, not transitive closure: a fact is its lead sentence plus, from each
    other article, the one unassigned sentence most similar to that lead (if similar
    enough). Every cited sentence therefore resembles the printed one; chains of
    half-similar sentences never pull unrelated text into a citation.
    """
    if candidates is None:
        candidates = pooled_candidates(members, settings)
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
    """:func:`_ranked_best`, kept per article for as long as what it reads is unchanged: an
    event is summarised again over all its members whenever it changes, so over a corpus a
    member's best sentences are asked for again and again (a third of the calls at 5k)."""
    key = _candidates_key(article, settings)
    kept = _BEST_KEPT.get(article.id)
    if kept is None or kept[0] != key:
        if len(_BEST_KEPT) >= _BEST_KEPT_MAX:
            _BEST_KEPT.clear()
        kept = _BEST_KEPT[article.id] = (key, _ranked_best(article, settings))
    return list(kept[1])


# article id -> (hash of what _ranked_best reads, its answer); emptied past its bound
_BEST_KEPT: dict[str, tuple[int, list[Candidate]]] = {}
_BEST_KEPT_MAX = 8_000  # ~5 KB each (ten sentences and their stems): ~40 MB at most


def _candidates_key(article: Article, settings: SummarySettings) -> int:
    """A hash of everything :func:`_ranked_best` reads: the settings, the article's id and
    outlet, its sentences (every field), its blocks' kinds and its embedded summary box.
    (Only two versions of one article are ever compared by it: a 64-bit hash is ~7 µs where
    a digest of the texts' bytes is ~45, and keeping the texts themselves would hold every
    member body in memory.)"""
    box = article.embedded_summary
    return hash(
        (
            settings,
            article.id,
            article.outlet,
            tuple([(s.id, s.start, s.end, s.text, s.block, s.is_heading) for s in article.sentences]),
            tuple([b.kind for b in article.blocks]),
            None if box is None else (box.summary, tuple(box.key_points)),
        )
    )


def _ranked_best(article: Article, settings: SummarySettings) -> list[Candidate]:
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
