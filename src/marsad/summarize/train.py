"""Fit the learned sentence scorer (``data/summarize/scorer.json``) on EASC-layout data.

    python -m marsad.summarize.train train ../shared/corpus/easc_dev [--l2 1.0] [--trees] [--out FILE]

Each article goes through the same path ``marsad run`` uses (reading, cleaning, sentences), then
every candidate sentence gets its features and, as target, the share of the human summaries that
contain it. ``benchmarks/bench_summarize.py`` reads the articles with the same :func:`load_easc`.
Kept apart from :mod:`marsad.summarize.learned`, which the pipeline imports: training needs the
pipeline, the scorer must not.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from marsad.ingest import read_bytes
from marsad.model import Article, Document, Sentence
from marsad.pipeline import Settings, process_document
from marsad.summarize.article import candidate_features, ranked_sentences, summarize_article
from marsad.summarize.candidates import Candidate, body_candidates
from marsad.summarize.learned import FEATURES, WEIGHTS_FILE, fit_items, sentence_targets
from marsad.summarize.settings import SummarySettings


def article_matrix(article: Article, settings: Any = None) -> tuple[list[Candidate], np.ndarray]:
    """Candidates of ``article`` and their features, as the summariser computes them."""
    settings = settings or SummarySettings()
    candidates = body_candidates(article, settings)
    if not candidates:
        return [], np.zeros((0, len(FEATURES)))
    return candidates, candidate_features(article, candidates, settings)[0]


def training_set(items: Sequence[Any]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(features, targets) per item; an item has ``.article`` and ``.references``."""
    out = []
    for it in items:
        candidates, feats = article_matrix(it.article)
        if candidates:
            out.append((feats, sentence_targets(candidates, it.references)))
    return out


def cross_validate(
    items: Sequence[Any],
    rouge: Any,
    fill: Callable[[Sequence[Any], int], str],
    in_order: Callable[[Sequence[Any]], str],
    folds: int = 5,
) -> None:
    """Topic-fold cross-validation (article i is in fold i mod ``folds``; each fold's model
    never sees its articles) of the learned ranking at the budget and at own length, beside
    the same with boosted trees averaged in, and Lead, in the same folds; prints the means over articles and,
    for ROUGE-2, the spread of the fold means."""
    base = SummarySettings()
    pairs = training_set(items)
    kept = [it for it in items if article_matrix(it.article)[0]]
    names = ("learned@budget", "learned+trees@budget", "lead@budget", "learned (default)")
    rows: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    fold_of: list[int] = []
    for fold in range(folds):
        train = [p for i, p in enumerate(pairs) if i % folds != fold]
        scorers = {"learned@budget": fit_items(train), "learned+trees@budget": fit_items(train, trees=True)}
        for i, it in enumerate(kept):
            if i % folds != fold:
                continue
            fold_of.append(fold)
            texts = {
                name: fill([c.sentence for c in ranked_sentences(it.article, base, scorer=sc)], it.budget)
                for name, sc in scorers.items()
            }
            texts["lead@budget"] = fill([s for s in it.article.sentences if not s.is_heading], it.budget)
            texts["learned (default)"] = summarize_article(
                it.article, base, scorer=scorers["learned@budget"]
            ).text
            for name in names:
                scores = rouge.score(it.references, texts[name])
                rows[name].append({t: s.fmeasure for t, s in scores.items()})
    print(f"learned scorer, {folds}-fold cross-validation by topic ({len(kept)} articles), ROUGE F1 x100")
    lead_r2 = np.array([x["rouge2"] for x in rows["lead@budget"]])
    for name, r in rows.items():
        cells = "  ".join(
            f"{t} {100 * np.mean([x[t] for x in r]):6.2f}" for t in ("rouge1", "rouge2", "rougeL")
        )
        r2 = np.array([x["rouge2"] for x in r])
        by_fold = [100 * r2[np.array(fold_of) == f].mean() for f in range(folds)]
        spread = f"R2 by fold {min(by_fold):.1f}-{max(by_fold):.1f} (sd {np.std(by_fold):.1f})"
        if name.endswith("@budget") and name != "lead@budget":
            gains = [100 * (r2 - lead_r2)[np.array(fold_of) == f].mean() for f in range(folds)]
            spread += f"; minus lead by fold {' '.join(f'{g:+.1f}' for g in gains)}"
        print(f"  {name:22s} {cells}   {spread}")


@dataclass
class Item:
    name: str
    article: Article
    references: list[str]

    @property
    def budget(self) -> int:
        return round(statistics.mean(len(r.split()) for r in self.references))

    @property
    def body(self) -> list[Sentence]:
        return [s for s in self.article.sentences if not s.is_heading]


def load_easc(root: Path, settings: Settings, limit: int | None = None) -> Iterator[Item]:
    """(article through the marsad run path, its references) for every topic of ``root``."""
    for topic in sorted((root / "Articles").iterdir(), key=lambda p: int(p.name[5:])):
        articles = sorted(p for p in topic.iterdir() if p.suffix.lower() == ".txt")
        refs = [p.read_bytes().decode("utf-8-sig") for p in sorted((root / "MTurk" / topic.name).glob("*"))]
        if not articles or not refs:
            continue
        data = articles[0].read_bytes()
        docs = [d for d in read_bytes(data, str(articles[0])) if isinstance(d, Document)]
        if not docs:
            print(f"{articles[0]}: not read", file=sys.stderr)
            continue
        article = process_document(docs[0], settings)
        if not isinstance(article, Article):
            print(f"{articles[0]}: rejected ({article.reason})", file=sys.stderr)
            continue
        yield Item(topic.name, article, refs)
        if limit:
            limit -= 1
            if not limit:
                return


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fit the learned sentence scorer on EASC-layout data.")
    sub = parser.add_subparsers(dest="command", required=True)
    train = sub.add_parser("train", help="fit the weights and write them")
    train.add_argument("easc", help="folder with Articles/ and MTurk/")
    train.add_argument("--out", default=None, help="weights file (default: the shipped one)")
    train.add_argument("--l2", type=float, default=1.0)
    train.add_argument("--trees", action="store_true", help="average boosted trees into the score")
    args = parser.parse_args(argv)
    # The articles' own summaries are not used; the weighted ranker needs no weights file.
    items = list(load_easc(Path(args.easc), Settings(summary=SummarySettings(ranker="weighted"))))
    scorer = fit_items(training_set(items), args.l2, trees=args.trees)
    out = (
        Path(args.out)
        if args.out
        else Path(__file__).resolve().parents[1] / "data" / "summarize" / WEIGHTS_FILE
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    data = scorer.to_json()
    if "trees" in data:  # one line a key: the trees' arrays are long
        text = "{\n" + ",\n".join(f" {json.dumps(k)}: {json.dumps(v)}" for k, v in data.items()) + "\n}\n"
    else:
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    out.write_text(text, encoding="utf-8")
    print(f"{len(items)} articles; weights written to {out}")
    for name, w in zip(FEATURES, scorer.weights, strict=True):
        print(f"  {name:18s} {w:+.3f}")
    if scorer.trees is not None:
        print(f"  + {len(scorer.trees.trees)} boosted trees")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
