"""Summarisation benchmark on human references (EASC), all systems in one run.

Every article goes through the same path as ``marsad run`` (``ingest.read_bytes`` →
``pipeline.process_document``: clean, unwrap, split, dates, entities, summarise); the
baselines read the same clean sentences. Scores are multi-reference ROUGE-1/2/L F1 ×100
(best-matching of the five references, as rouge-score does), with the Arabic tokenizer of
:mod:`marsad.evaluate.rouge` on both sides (diacritics, tatweel, alef forms, ى/ي, ة/ه folded,
light stems). Two settings:

- **own length**: each system as it ships — Marsad's default summary, Lead-3, LexRank-3,
  random-3, and a greedy oracle (sentences added while ROUGE-2 against the references grows);
- **budget**: every system's ranked sentences filled up to the mean reference length of the
  article (in words) and cut there — Marsad, Lead, LexRank, random, oracle.

LexRank is sumy's implementation (independent of Marsad's ranking code) over the article's
sentences, with a regex word tokenizer and no downloaded data. Random is the mean of five
seeded draws. ``--cv`` also reports the learned scorer (:mod:`marsad.summarize.learned`)
cross-validated by topic folds, the figure to read for it.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_summarize.py [--easc DIR] [--limit N]
    PYTHONPATH=src .venv/bin/python benchmarks/bench_summarize.py --snn --proxy 3000  # old proxy
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from marsad.evaluate.rouge import ROUGE_TYPES, ArabicRouge
from marsad.ingest import read_bytes
from marsad.model import Article, Document, Sentence
from marsad.pipeline import Settings, process_document
from marsad.summarize import SummarySettings, summarize_article
from marsad.summarize.article import ranked_sentences
from marsad.summarize.baselines import lead_summary, lexrank_summary
from marsad.summarize.plain_text import article_from_text
from marsad.summarize.train import Item, load_easc

ROOT = Path(__file__).resolve().parents[1]
EASC = ROOT / ".." / "shared" / "corpus" / "easc_dev"
CORPUS = ROOT / ".." / "shared" / "corpus" / "saudinewsnet" / "dataset"
_WORD = re.compile(r"\w+")


# ----------------------------------------------------------------------------- systems


def in_order(chosen: Sequence[Sentence]) -> str:
    return " ".join(s.text for s in sorted(chosen, key=lambda s: s.start))


def fill(ranked: Sequence[Sentence], budget: int) -> str:
    """Best-first sentences until ``budget`` words, printed in article order, cut at the budget."""
    chosen, words = [], 0
    for s in ranked:
        if words >= budget:
            break
        chosen.append(s)
        words += len(s.text.split())
    kept: list[str] = []
    for s in sorted(chosen, key=lambda s: s.start):
        room = budget - len(kept)
        kept.extend(s.text.split()[:room])
    return " ".join(kept)


class _RegexTokenizer:
    """sumy tokenizer without NLTK data: sentences are given, words are \\w+ runs."""

    language = "arabic"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [paragraph]

    def to_words(self, sentence: str) -> list[str]:
        return _WORD.findall(sentence)


def sumy_lexrank_order(body: Sequence[Sentence]) -> list[Sentence]:
    """The body sentences by sumy's LexRank score, best first."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.summarizers.lex_rank import LexRankSummarizer

    if len(body) < 2:
        return list(body)
    tok = _RegexTokenizer()
    sentences = [SumySentence(s.text, tok) for s in body]
    doc = ObjectDocumentModel([Paragraph(sentences)])
    lr = LexRankSummarizer()
    words = [lr._to_words_set(s) for s in doc.sentences]
    matrix = lr._create_matrix(words, lr.threshold, lr._compute_tf(words), lr._compute_idf(words))
    scores = lr.power_method(matrix, lr.epsilon)
    order = sorted(range(len(body)), key=lambda i: -scores[i])
    return [body[i] for i in order]


def oracle_order(
    body: Sequence[Sentence], refs: list[str], rouge: ArabicRouge, budget: int | None
) -> list[Sentence]:
    """Greedy ROUGE-2 oracle: add the sentence that most raises the best-reference R2-F1
    (bigram counts only while searching; the full scores are computed once at the end)."""
    tok = rouge.tokenizer.tokenize
    ref_grams = [_bigrams(tok(r)) for r in refs]
    chosen: list[Sentence] = []
    best = -1.0
    left = list(body)
    while left:
        gains = []
        for s in left:
            text = in_order([*chosen, s]) if budget is None else fill([*chosen, s], budget)
            gains.append((_r2(_bigrams(tok(text)), ref_grams), s))
        value, pick = max(gains, key=lambda g: g[0])
        if budget is None and value <= best:
            break
        chosen.append(pick)
        left.remove(pick)
        best = value
        if budget is not None and sum(len(s.text.split()) for s in chosen) >= budget:
            break
    return chosen


def _bigrams(tokens: list[str]) -> Counter[tuple[str, str]]:
    return Counter(zip(tokens, tokens[1:], strict=False))


def _r2(cand: Counter[tuple[str, str]], refs: list[Counter[tuple[str, str]]]) -> float:
    total = sum(cand.values())
    best = 0.0
    for ref in refs:
        overlap = sum((cand & ref).values())
        if overlap:
            p, r = overlap / total, overlap / sum(ref.values())
            best = max(best, 2 * p * r / (p + r))
    return best


# ----------------------------------------------------------------------------- scoring


class Table:
    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, float]]] = {}
        self.words: dict[str, list[int]] = {}

    def add(self, name: str, scores: dict[str, float], words: int) -> None:
        self.rows.setdefault(name, []).append(scores)
        self.words.setdefault(name, []).append(words)

    def mean(self, name: str, t: str) -> float:
        return 100 * statistics.mean(r[t] for r in self.rows[name])

    def print(self, title: str) -> None:
        print(title)
        print(f"  {'system':22s}" + "".join(f"{t:>9s}" for t in ROUGE_TYPES) + f"{'words':>8s}")
        for name in self.rows:
            cells = "".join(f"{self.mean(name, t):9.2f}" for t in ROUGE_TYPES)
            print(f"  {name:22s}{cells}{statistics.mean(self.words[name]):8.1f}")


def score(rouge: ArabicRouge, refs: list[str], text: str) -> dict[str, float]:
    return {t: s.fmeasure for t, s in rouge.score(refs, text).items()}


def run_easc(args: argparse.Namespace) -> None:
    settings = Settings()
    t0 = time.process_time()
    items = list(load_easc(Path(args.easc), settings, args.limit))
    t_pipe = time.process_time() - t0
    rouge = ArabicRouge()
    own, at_budget = Table(), Table()
    rng = random.Random(13)
    t_marsad = t_lex = 0.0
    for it in items:
        refs, body, b = it.references, it.body, it.budget
        t = time.process_time()
        ranked = [c.sentence for c in ranked_sentences(it.article, settings.summary)]
        t_marsad += time.process_time() - t
        t = time.process_time()
        lex = sumy_lexrank_order(body)
        t_lex += time.process_time() - t
        summary = it.article.summary.text if it.article.summary else ""
        systems_own: dict[str, str] = {
            "marsad (default)": summary,
            "lead-3": in_order(body[:3]),
            "lexrank-3 (sumy)": in_order(lex[:3]),
            "lexrank-3 (marsad impl)": lexrank_summary(it.article, 3),
        }
        for name, text in systems_own.items():
            own.add(name, score(rouge, refs, text), len(text.split()))
        draws = [in_order(rng.sample(body, min(3, len(body)))) for _ in range(5)]
        own.add("random-3", _mean_scores([score(rouge, refs, d) for d in draws]), len(draws[0].split()))
        orc = in_order(oracle_order(body, refs, rouge, None))
        own.add("oracle (greedy R2)", score(rouge, refs, orc), len(orc.split()))

        systems_budget = {
            "marsad": fill(ranked, b),
            "lead": fill(body, b),
            "lexrank (sumy)": fill(lex, b),
        }
        for name, text in systems_budget.items():
            at_budget.add(name, score(rouge, refs, text), len(text.split()))
        draws = []
        for _ in range(5):
            shuffled = list(body)
            rng.shuffle(shuffled)
            draws.append(fill(shuffled, b))
        at_budget.add("random", _mean_scores([score(rouge, refs, d) for d in draws]), len(draws[0].split()))
        orc = fill(oracle_order(body, refs, rouge, b), b)
        at_budget.add("oracle (greedy R2)", score(rouge, refs, orc), len(orc.split()))
        if args.verbose:
            print(
                it.name,
                len(body),
                b,
                f"{own.rows['marsad (default)'][-1]['rouge2']:.3f}",
                f"{own.rows['lead-3'][-1]['rouge2']:.3f}",
            )

    n = len(items)
    print(
        f"EASC dev: {n} articles, 5 references each; mean budget {statistics.mean(i.budget for i in items):.1f} words"
    )
    print(
        f"CPU: marsad run path {t_pipe:.1f} s for {n} articles; ranking {t_marsad:.2f} s; sumy LexRank {t_lex:.2f} s"
    )
    own.print("ROUGE F1 x100 at each system's own length (multi-reference, best reference)")
    at_budget.print("ROUGE F1 x100 at the budget = mean reference length of each article")
    r2 = own.mean("marsad (default)", "rouge2") - own.mean("lead-3", "rouge2")
    r2b = at_budget.mean("marsad", "rouge2") - at_budget.mean("lead", "rouge2")
    print(
        f"targets: own length marsad - lead-3 R2 = {r2:+.2f} (>= 0);  budget marsad - lead R2 = {r2b:+.2f} (>= +2)"
    )
    key_point_report(items, rouge)
    if args.cv:
        from marsad.summarize.train import cross_validate

        cross_validate(items, rouge, fill, in_order)


def key_point_report(items: list[Item], rouge: ArabicRouge) -> None:
    """Key points on EASC and the seeds: words per point, shorter than the source, share
    repeating a summary sentence; seed 000_: ROUGE of the points against the outlet's box
    points, beside the first three body sentences (lead) as "points"."""
    from marsad.summarize.article import _point_key, _repeats
    from marsad.summarize.plain_text import article_from_text

    seeds = ROOT / ".." / "shared" / "corpus" / "seeds"
    arts = [it.article for it in items]
    seed_arts = [
        article_from_text(p.read_text(encoding="utf-8"), p.stem, outlet=p.stem, use_clean=True)
        for p in sorted(seeds.glob("*.txt"))
    ]
    for name, group in (("EASC dev", arts), ("seeds", seed_arts)):
        words, shorter, repeats, counts = [], 0, 0, []
        for a in group:
            summary = summarize_article(a)
            sentences = [_point_key(t) for t in re.split(r"(?<=[.!؟?])\s+", summary.text) if t]
            counts.append(len(summary.key_points))
            for kp in summary.key_points:
                src = a.sentences[kp.sources[0].sentence].text
                words.append(len(kp.text.split()))
                shorter += len(kp.text.split()) < len(src.split())
                repeats += any(_repeats(_point_key(kp.text), k) for k in sentences)
        n = len(words)
        print(
            f"key points, {name}: {len(group)} articles, {min(counts)}-{max(counts)} per article "
            f"(mean {statistics.mean(counts):.1f}); {statistics.mean(words):.1f} words per point; "
            f"shorter than their sentence {100 * shorter / n:.0f}%; repeating a summary sentence {100 * repeats / n:.1f}%"
        )
    box_seed = next((a for a in seed_arts if a.id.startswith("000_") and a.embedded_summary), None)
    if box_seed and box_seed.embedded_summary:
        box = box_seed.embedded_summary
        points = " ".join(kp.text for kp in summarize_article(box_seed).key_points)
        lead = " ".join(s.text for s in [s for s in box_seed.sentences if not s.is_heading][:3])
        for label, text in (("marsad key points", points), ("lead-3 sentences", lead)):
            sc = rouge.score(" ".join(box.key_points), text)
            cells = "  ".join(f"{t} F {100 * sc[t].fmeasure:5.1f}" for t in ROUGE_TYPES)
            print(f"seed 000_ vs its box's 3 points, {label:18s} ({len(text.split())} words): {cells}")


def event_report(root: Path) -> None:
    """Event summaries of the hand-made events of events_dev (gold membership, so clustering
    errors do not enter): how many of an event's outlets the opening sentence cites, whether
    it states the fact most outlets tell, and the share of key points that repeat the summary
    text (target 0); beside it the same counts for the previous opening (the fact with the
    most outlets on plain similarity, citing only its own members: no paraphrase echoes)."""
    from marsad.model import Event
    from marsad.summarize import summarize_event
    from marsad.summarize.article import _point_key, _repeats
    from marsad.summarize.event import _publication_order, event_facts, opening_fact, pooled_candidates

    settings = Settings()
    t0 = time.process_time()
    docs = [
        d
        for d in read_bytes((root / "articles.json").read_bytes(), "articles.json")
        if isinstance(d, Document)
    ]
    gold = [
        json.loads(line) for line in (root / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]
    articles = [process_document(d, settings) for d in docs]
    by_event: dict[str, list[Article]] = {}
    for g, a in zip(gold, articles, strict=True):
        if isinstance(a, Article):
            by_event.setdefault(g["event"], []).append(a)
    t_read = time.process_time() - t0
    share, old_share, most, old_most, repeats, points, n, echoes = [], [], 0, 0, 0, 0, 0, 0
    t0 = time.process_time()
    for eid, members in sorted(by_event.items()):
        outlets = {a.outlet or a.id for a in members}
        if len(members) < 2 or len(outlets) < 2:
            continue
        arts = {a.id: a for a in members}
        summary = summarize_event(Event(id=eid, label=eid, articles=list(arts)), arts, settings.summary)
        ordered = sorted(members, key=_publication_order)
        pooled = pooled_candidates(ordered, settings.summary)
        facts = event_facts(ordered, settings.summary, pooled)
        if not facts:
            continue
        n += 1
        cited = {r.outlet or r.article_id for r in summary.opening_sources}
        share.append(len(cited) / len(outlets))
        top = max(len(f.outlets) for f in facts)
        most += len(cited) >= top
        old = max(facts, key=lambda f: (len(f.outlets), f.score))
        echoes += len(opening_fact(facts, pooled, settings.summary, ordered)[1])
        old_share.append(len(old.outlets) / len(outlets))
        old_most += len(old.outlets) == top
        key = _point_key(summary.text)
        points += len(summary.key_points)
        repeats += sum(_repeats(_point_key(p.text), key) for p in summary.key_points)
    t_sum = time.process_time() - t0
    print(
        f"event summaries, events_dev gold events with >= 2 outlets: {n} events "
        f"(CPU: reading + article stages {t_read:.1f} s, event summaries {t_sum:.1f} s)"
    )
    print(
        f"  opening sentence cites {100 * statistics.mean(share):.0f}% of the event's outlets on average "
        f"(previous opening: {100 * statistics.mean(old_share):.0f}%); "
        f"states the fact most outlets tell in {most}/{n} (previous: {old_most}/{n}); "
        f"{echoes} citations of outlets telling it in other words"
    )
    print(f"  key points repeating the summary text: {repeats}/{points}")


def _mean_scores(rows: list[dict[str, float]]) -> dict[str, float]:
    return {t: statistics.mean(r[t] for r in rows) for t in rows[0]}


# ----------------------------------------------------------------------------- SaudiNewsNet (older proxy)


def saudinewsnet(limit: int | None = None) -> Iterator[dict]:
    n = 0
    for path in sorted(CORPUS.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for member in z.namelist():
                for record in json.loads(z.read(member)):
                    yield record
                    n += 1
                    if limit and n >= limit:
                        return


def throughput(records: list[dict]) -> None:
    t0 = time.perf_counter()
    articles = [
        article_from_text(r["content"], title=r.get("title"), outlet=r.get("source")) for r in records
    ]
    split_s = time.perf_counter() - t0
    settings = SummarySettings()
    t0 = time.perf_counter()
    empty = sum(not summarize_article(a, settings).key_points for a in articles)
    summ_s = time.perf_counter() - t0
    n = len(articles)
    print(f"articles: {n}")
    print(f"baseline (article + sentence split): {n / split_s:8.1f} articles/s")
    print(
        f"summarize_article:                   {n / summ_s:8.1f} articles/s  (ratio to split: {split_s / summ_s:.2f})"
    )
    print(f"articles without key points: {empty}")


def headline_proxy(records: list[dict], n: int) -> None:
    """Withheld headline as the reference: a weak proxy, kept for comparison with issue 6."""
    rouge = ArabicRouge()
    systems: dict[str, Callable[[Article], str]] = {
        "marsad": lambda a: summarize_article(a).text,
        "lead3": lead_summary,
        "lexrank": lexrank_summary,
    }
    table = Table()
    done = 0
    for r in records:
        if not r.get("title"):
            continue
        article = article_from_text(r["content"], outlet=r.get("source"))
        if sum(not s.is_heading for s in article.sentences) < 5:
            continue
        for name, system in systems.items():
            text = system(article)
            table.add(name, score(rouge, [r["title"]], text), len(text.split()))
        done += 1
        if done >= n:
            break
    table.print(f"headline proxy over {done} articles (reference = withheld headline; F x100)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--easc", default=str(EASC), help="EASC-layout folder (Articles/, MTurk/)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--cv", action="store_true", help="also cross-validate the learned scorer")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--events", default=None, help="also event summaries of an events_dev-layout folder (gold.jsonl)"
    )
    parser.add_argument("--snn", action="store_true", help="SaudiNewsNet throughput instead of EASC")
    parser.add_argument(
        "--proxy", type=int, default=0, help="with --snn: headline-proxy ROUGE over N articles"
    )
    args = parser.parse_args()
    if args.snn:
        records = list(saudinewsnet(args.limit))
        throughput(records)
        if args.proxy:
            headline_proxy(records, args.proxy)
        return
    run_easc(args)
    if args.events:
        event_report(Path(args.events))


if __name__ == "__main__":
    main()
