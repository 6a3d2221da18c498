"""Dates: Marsad vs dateparser on real Arabic text, and resolve_article throughput.

    .venv/bin/python benchmarks/bench_dates.py [--limit N] [--skip-speed]

1. Wojood sample, test split: gold DATE spans (a maximal B-DATE/I-DATE run in any tag
   column) against the spans each system finds in the space-joined sentence; exact and
   overlap precision/recall/F1 on token offsets.
2. The five seed articles: recall of the hand-annotated expressions (span) and exact value
   accuracy (value compared at the gold granularity).
3. SaudiNewsNet: articles/s of resolve_article (metadata date_extracted as published)
   against the baseline of only decoding the JSON, measured in the same run.
Corpus: REPO_ROOT/../shared/corpus (read-only, never copied).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
import zipfile
from datetime import date
from pathlib import Path

from marsad.dates import find_time_exprs, infer_published, reanchor, resolve_article
from marsad.model import Article

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
Span = tuple[int, int]


# --------------------------------------------------------------------------- Wojood


def read_wojood(path: Path) -> list[tuple[list[str], set[Span]]]:
    """Sentences as (tokens, gold DATE spans in token offsets [start, end))."""
    sentences, rows = [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            rows.append(line.split())
            continue
        if rows:
            sentences.append(([r[0] for r in rows], _date_spans(rows)))
            rows = []
    return sentences


def _date_spans(rows: list[list[str]]) -> set[Span]:
    spans = set()
    width = max(len(r) for r in rows)
    for col in range(1, width):
        tags = [r[col] if len(r) > col else "O" for r in rows]
        i = 0
        while i < len(tags):
            if tags[i] in ("B-DATE", "I-DATE"):
                j = i + 1
                while j < len(tags) and tags[j] == "I-DATE":
                    j += 1
                spans.add((i, j))
                i = j
            else:
                i += 1
    return spans


def token_spans(tokens: list[str], char_spans: list[Span]) -> set[Span]:
    """Character spans of the space-joined sentence mapped to the tokens they touch."""
    offsets, pos = [], 0
    for tok in tokens:
        offsets.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    out = set()
    for s, e in char_spans:
        touched = [i for i, (a, b) in enumerate(offsets) if a < e and s < b]
        if touched:
            out.add((touched[0], touched[-1] + 1))
    return out


def marsad_spans(text: str) -> list[Span]:
    return [(e.start, e.end) for e in find_time_exprs(text)]


def dateparser_spans(text: str) -> list[Span]:
    found = _search_dates(text) or []
    spans, cursor = [], 0
    for substring, _ in found:
        at = text.find(substring, cursor)
        if at < 0:
            at = text.find(substring)
        if at >= 0:
            spans.append((at, at + len(substring)))
            cursor = at + len(substring)
    return spans


def _search_dates(text: str, base: date | None = None) -> list | None:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": _dt(base)} if base else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return search_dates(text, languages=["ar"], settings=settings)


def _dt(d: date):  # noqa: ANN202 - datetime for dateparser
    from datetime import datetime

    return datetime(d.year, d.month, d.day)


def prf(pred: list[set[Span]], gold: list[set[Span]], overlap: bool) -> tuple[float, float, float]:
    tp_p = tp_g = n_p = n_g = 0
    for p, g in zip(pred, gold, strict=True):
        n_p, n_g = n_p + len(p), n_g + len(g)
        if overlap:
            tp_p += sum(any(a < d and c < b for c, d in g) for a, b in p)
            tp_g += sum(any(a < d and c < b for a, b in p) for c, d in g)
        else:
            tp_p += len(p & g)
            tp_g += len(p & g)
    precision = tp_p / n_p if n_p else 0.0
    recall = tp_g / n_g if n_g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bench_wojood() -> list[tuple[str, ...]]:
    sentences = read_wojood(CORPUS / "wojood_sample" / "test.txt")
    gold = [g for _, g in sentences]
    rows = []
    for name, finder in (("marsad", marsad_spans), ("dateparser", dateparser_spans)):
        t0 = time.perf_counter()
        pred = [token_spans(toks, finder(" ".join(toks))) for toks, _ in sentences]
        secs = time.perf_counter() - t0
        exact, over = prf(pred, gold, False), prf(pred, gold, True)
        rows.append((name, *(f"{x:.3f}" for x in (*exact, *over)), f"{secs:.2f}s"))
    print(f"Wojood test: {len(sentences)} sentences, {sum(len(g) for g in gold)} gold DATE spans")
    return rows


# --------------------------------------------------------------------------- seeds


def _seed_articles() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((CORPUS / "seeds").glob("0*.txt"))}


def _value_at(value: str | None, gold: str) -> bool:
    return value is not None and value[: len(gold)] == gold


def bench_seeds() -> list[tuple[str, ...]]:
    gold = json.loads((CORPUS / "seeds" / "gold.json").read_text(encoding="utf-8"))
    texts = _seed_articles()
    events = {e["id"]: e for e in gold["events"]}
    reported = {
        a: next(events[e] for e in v["events"]) for a, v in gold["articles"].items() if v.get("events")
    }
    systems: dict[str, dict[str, list[tuple[int, int, str | None]]]] = {
        "marsad": {},
        "marsad+event": {},
        "dateparser": {},
    }
    for aid, text in texts.items():
        art = resolve_article(Article(id=aid, origin=aid, outlet=None, url=None, title=None, body=text))
        systems["marsad"][aid] = [(e.start, e.end, e.value) for e in art.time_exprs]
        ev = reported[aid]
        end = date.fromisoformat(ev["end_date"]) if ev.get("end_date") else None
        art = reanchor(art, date.fromisoformat(ev["date"]), end)
        systems["marsad+event"][aid] = [(e.start, e.end, e.value) for e in art.time_exprs]
        found = _search_dates(text) or []
        spans = dateparser_spans(text)
        systems["dateparser"][aid] = [
            (s, e, dt.date().isoformat()) for (s, e), (_, dt) in zip(spans, found, strict=False)
        ]
    rows = []
    items = gold["time_expressions"]
    for name, by_article in systems.items():
        exact = overlap = value_ok = 0
        for g in items:
            text = texts[g["article"]]
            gs = text.find(g["text"])
            ge = gs + len(g["text"])
            preds = by_article[g["article"]]
            exact += any((s, e) == (gs, ge) for s, e, _ in preds)
            hits = [v for s, e, v in preds if s < ge and gs < e]
            overlap += bool(hits)
            value_ok += any(_value_at(v, g["value"]) for v in hits)
        n = len(items)
        rows.append((name, f"{exact / n:.3f}", f"{overlap / n:.3f}", f"{value_ok / n:.3f}", str(n)))
    return rows


# --------------------------------------------------------------------------- speed


def load_saudinewsnet(limit: int | None) -> tuple[list[dict], float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    records: list[dict] = []
    for path in sorted((CORPUS / "saudinewsnet" / "dataset").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for member in zf.namelist():
                records.extend(json.loads(zf.read(member)))
        if limit and len(records) >= limit:
            break
    return records[:limit] if limit else records, time.perf_counter() - t0, time.process_time() - c0


def bench_speed(limit: int | None) -> None:
    records, decode_secs, decode_cpu = load_saudinewsnet(limit)
    t0, c0 = time.perf_counter(), time.process_time()
    found = resolved = 0
    published_sources: list[str] = []
    for i, r in enumerate(records):
        art = Article(
            id=str(i), origin="saudinewsnet", outlet=r.get("source"), url=r.get("url"),
            title=r.get("title"), body=r.get("content") or "", published_raw=r.get("date_extracted"),
        )  # fmt: skip
        art = resolve_article(art)
        published_sources.append(art.published.source if art.published else "none")
        found += len(art.time_exprs)
        resolved += sum(e.value is not None for e in art.time_exprs)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = len(records)
    print(
        f"\nSaudiNewsNet: {n} articles, {found} expressions ({resolved} resolved, {resolved / max(found, 1):.1%})"
    )
    # Wall time swings with other processes on a shared machine; CPU time of this process
    # is the steadier figure of the code's own cost.
    print(
        f"  baseline json decode : {n / decode_secs:8.0f} articles/s wall, {n / decode_cpu:8.0f} per CPU-second"
    )
    print(f"  resolve_article      : {n / secs:8.0f} articles/s wall, {n / cpu:8.0f} per CPU-second")
    print(
        f"  ratio resolve/decode : {decode_secs / secs:.3f} wall, {decode_cpu / cpu:.3f} CPU (target > 1000 articles/s)"
    )
    sources: dict[str, int] = {}
    for s in published_sources:
        sources[s] = sources.get(s, 0) + 1
    print(f"  published source     : {sources}")
    bench_inference(records)


def bench_inference(records: list[dict], every: int = 5) -> None:
    """Publication date inferred from the text alone, against date_extracted (a crawl date:
    often one day late, so "±2 days" is the fair column)."""
    from collections import Counter, defaultdict

    tiers: dict[str, Counter[str]] = defaultdict(Counter)
    sample = records[::every]
    for r in sample:
        meta = date.fromisoformat(r["date_extracted"][:10])
        pub = infer_published(find_time_exprs(r.get("content") or ""))
        if pub is None or pub.date is None:
            tiers["(none inferred)"]["n"] += 1
            continue
        tier = pub.detail.split(" «")[0]
        off = abs((date.fromisoformat(pub.date) - meta).days)
        tiers[tier]["n"] += 1
        tiers[tier]["exact"] += off == 0
        tiers[tier]["±2d"] += off <= 2
        tiers[tier]["±30d"] += off <= 30
    print(
        f"\nAnchor inference without metadata ({len(sample)} SaudiNewsNet articles, date_extracted as truth):"
    )
    rows = [
        (
            tier,
            str(c["n"]),
            *(
                f"{c[k] / c['n']:.2f}" if k in c or tier != "(none inferred)" else "-"
                for k in ("exact", "±2d", "±30d")
            ),
        )
        for tier, c in sorted(tiers.items())
    ]
    table(("evidence", "n", "exact", "±2d", "±30d"), rows)


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    for row in (header, *rows):
        print("  " + "  ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="SaudiNewsNet articles (default: all)")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    rows = bench_wojood()
    table(("system", "exact P", "exact R", "exact F1", "overlap P", "overlap R", "overlap F1", "time"), rows)
    print("\nSeeds (gold time_expressions; marsad+event = after reanchor with the gold event dates):")
    table(("system", "exact span R", "overlap R", "value acc", "n"), bench_seeds())
    if not args.skip_speed:
        bench_speed(args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
