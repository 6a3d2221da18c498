"""Summarisation benchmark on SaudiNewsNet: throughput and a headline-proxy quality check.

Throughput: summarize_article over every article, beside the baseline of sentence splitting
alone (building the Article) in the same run, and the clean stage when it is importable.

Quality (``--proxy N``): SaudiNewsNet has no reference summaries. As an honest *proxy* the
article's own headline is the reference (it is withheld from the summariser, which then
cannot use title similarity), and Marsad, Lead-3 and LexRank are scored with Arabic ROUGE
on the first N articles with at least 5 body sentences. A headline is a one-line summary
written by the outlet: it rewards picking the sentences that state the news, but it is short,
so recall is the figure to read (every system returns several sentences). "marsad" is the
default (1-3 sentences within a 90-word budget); "marsad-3" drops the word budget, to compare
sentence choice with Lead-3 and LexRank at about the same length.

    .venv/bin/python benchmarks/bench_summarize.py [--limit N] [--proxy N]
"""

from __future__ import annotations

import argparse
import json
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

from marsad.evaluate.rouge import ArabicRouge
from marsad.summarize import SummarySettings, summarize_article
from marsad.summarize.baselines import lead_summary, lexrank_summary
from marsad.summarize.plain_text import article_from_text

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "saudinewsnet" / "dataset"


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
    no_prose = sum(not any(c.isalpha() for c in a.body) for a in articles)
    summ_s = time.perf_counter() - t0
    n = len(articles)
    print(f"articles: {n}")
    print(f"baseline (article + sentence split): {n / split_s:8.1f} articles/s")
    print(
        f"summarize_article:                   {n / summ_s:8.1f} articles/s  (ratio to split: {split_s / summ_s:.2f})"
    )
    print(f"articles without key points: {empty} (of which {no_prose} have no letters at all)")
    _clean_throughput(records)


def _clean_throughput(records: list[dict]) -> None:
    try:
        from marsad.clean import CleanError, clean_document
        from marsad.model import Document
    except ImportError:
        print("clean stage: not importable, skipped")
        return
    docs = [
        Document(doc_id=str(i), text=r["content"], origin=str(i), format="saudinewsnet")
        for i, r in enumerate(records)
    ]
    rejected = 0
    t0 = time.perf_counter()
    for d in docs:
        try:
            clean_document(d)
        except CleanError:
            rejected += 1
    rate = len(docs) / (time.perf_counter() - t0)
    print(f"clean_document (for comparison):     {rate:8.1f} articles/s  ({rejected} rejected)")


def headline_proxy(records: list[dict], n: int) -> None:
    rouge = ArabicRouge()
    systems = {
        "marsad": lambda a: summarize_article(a).text,
        "marsad-3": lambda a: summarize_article(a, SummarySettings(summary_words=10**6)).text,
        "lead3": lead_summary,
        "lexrank": lexrank_summary,
    }
    totals = {name: {t: [0.0, 0.0, 0.0] for t in ("rouge1", "rouge2", "rougeL")} for name in systems}
    lengths = dict.fromkeys(systems, 0)
    done = 0
    for r in records:
        if not r.get("title"):
            continue
        article = article_from_text(r["content"], outlet=r.get("source"))  # title withheld
        if sum(not s.is_heading for s in article.sentences) < 5:
            continue
        for name, system in systems.items():
            text = system(article)
            lengths[name] += len(text.split())
            for t, s in rouge.score(r["title"], text).items():
                acc = totals[name][t]
                acc[0] += s.precision
                acc[1] += s.recall
                acc[2] += s.fmeasure
        done += 1
        if done >= n:
            break
    print(f"headline proxy over {done} articles (reference = withheld headline; R / F x100)")
    for name in systems:
        cells = "  ".join(
            f"{t}: R {100 * totals[name][t][1] / done:5.2f} F {100 * totals[name][t][2] / done:5.2f}"
            for t in totals[name]
        )
        print(f"  {name:8s} {cells}  words/summary {lengths[name] / done:5.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--proxy", type=int, default=0, help="headline-proxy ROUGE over N articles")
    parser.add_argument("--no-throughput", action="store_true")
    args = parser.parse_args()
    records = list(saudinewsnet(args.limit))
    if not args.no_throughput:
        throughput(records)
    if args.proxy:
        headline_proxy(records, args.proxy)


if __name__ == "__main__":
    main()
