"""The most-mentioned PERSON / ORG / LOC entities of SaudiNewsNet, for reading errors by eye.

    .venv/bin/python benchmarks/entities_top.py [--articles 31030] [--top 50]

Extracts mentions from the first ``--articles`` articles (file order), resolves them across the
corpus and prints, per label, the top entities with their mention counts and main variants.
"""

from __future__ import annotations

import argparse
import time

from snn_corpus import load_records, to_article

from marsad.entities import extract_mentions, resolve_entities


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--articles", type=int, default=31030)
    parser.add_argument("--top", type=int, default=50)
    args = parser.parse_args()
    articles = [to_article(r) for r in load_records(args.articles)]
    c0 = time.process_time()
    for a in articles:
        extract_mentions(a)
    c1 = time.process_time()
    entities = resolve_entities(articles)
    c2 = time.process_time()
    print(
        f"{len(articles)} articles: extract {len(articles) / (c1 - c0):.0f} articles/CPU-s, resolve {c2 - c1:.1f} CPU-s"
    )
    for label in ("PERSON", "ORG", "LOC"):
        top = [e for e in entities if e.label == label][: args.top]
        print(f"\n== {label}")
        for k, e in enumerate(top, 1):
            variants = "، ".join(e.variants[:4])
            print(f"{k:3} {e.mention_count:6} {e.name}   [{variants}]")


if __name__ == "__main__":
    main()
