"""Who said what: quote detection and speaker attribution on quotes_dev, beside the scorer's baseline.

    .venv/bin/python benchmarks/bench_quotes.py [--corpus ../shared/corpus] [--errors 20] [--json out.json]

Runs every per-article stage (clean → … → entities → quotes) on the 47 SaudiNewsNet records of
``quotes_dev/articles.json`` and the seed files, writes the quotes in the scorer's line format
(the same code as ``marsad export quotes``), and scores them with ``quotes_dev/score.py`` — whose
cue-sentence baseline is scored in the same run. Targets (issue 17): detection F1 >= 0.85 under
the stricter span rule and speaker accuracy (strict) >= 0.85, for direct and for indirect quotes.
Also prints the CPU seconds of the quotes stage against the whole per-article pipeline.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

from marsad.events import extract_meetings, extract_quotes
from marsad.events.export import quote_lines
from marsad.ingest import read_sources
from marsad.model import Article, Rejected
from marsad.pipeline import ARTICLE_STAGES, Settings, process_document

ROOT = Path(__file__).resolve().parents[1]


def default_corpus() -> Path:
    for cand in (ROOT.parent / "shared" / "corpus", ROOT.parent.parent / "shared" / "corpus"):
        if (cand / "quotes_dev").is_dir():
            return cand
    return ROOT.parent / "shared" / "corpus"


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("quotes_score", path)
    if spec is None or spec.loader is None:
        sys.exit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def strict_by_kind(score, gold, system, texts, alias, zipmap) -> dict[str, tuple[float, float, float]]:
    """Detection F1 per kind under the stricter span rule (mutual 50% overlap).

    Recall is over the gold quotes of the kind; precision over the system quotes the system
    labelled with that kind (matched to any gold quote). The baseline gives no kind,
    so for it only recall is meaningful: P and F1 come back as NaN)."""
    loc = score.Locator(texts)
    gold_by: dict = {}
    for g in gold:
        gold_by.setdefault(g["article"], []).append(g)
    sys_by: dict = {}
    for line in system:
        a = zipmap.get(line["article"], alias.get(line["article"], line["article"]))
        if a in gold_by:
            sys_by.setdefault(a, []).append(dict(line, cands=loc.find_all(a, line["quote"])))
    out = {}
    for kind in ("direct", "indirect"):
        tp = n_sys = n_gold = sys_tp = 0
        for a, golds in gold_by.items():
            items = sys_by.get(a, [])
            pairs = score.match_article(items, golds, mutual=True)
            n_gold += sum(g["kind"] == kind for g in golds)
            tp += sum(golds[j]["kind"] == kind for _i, j, _sp in pairs)  # gold of this kind found
            n_sys += sum(x.get("kind") == kind for x in items)
            sys_tp += sum(items[i].get("kind") == kind for i, _j, _sp in pairs)  # ours of this kind right
        r = tp / n_gold if n_gold else 0.0
        if not n_sys:
            out[kind] = (float("nan"), r, float("nan"))
            continue
        p = sys_tp / n_sys
        out[kind] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=default_corpus())
    ap.add_argument("--errors", type=int, default=0, help="print N example errors per type")
    ap.add_argument("--json", type=Path, help="write both results as JSON")
    args = ap.parse_args()
    qdir = args.corpus / "quotes_dev"
    if not (qdir / "score.py").is_file():
        sys.exit(f"{qdir}: no quotes_dev/score.py here (pass --corpus)")
    score = load_scorer(qdir / "score.py")

    settings = Settings()
    docs = [
        d
        for d in read_sources([qdir / "articles.json", args.corpus / "seeds"])
        if not isinstance(d, Rejected)
    ]
    t0 = time.process_time()
    articles: list[Article] = []
    for d in docs:
        a = process_document(d, settings)
        if isinstance(a, Article):
            articles.append(a)
        else:
            print(f"rejected {a.origin}: {a.reason} {a.detail}")
    t_all = time.process_time() - t0
    t0 = time.process_time()
    for _ in range(5):
        for a in articles:
            extract_quotes(a)
            extract_meetings(a)
    t_events = (time.process_time() - t0) / 5
    stages = ", ".join(name for name, _ in ARTICLE_STAGES)
    print(
        f"{len(articles)} articles through [{stages}]: {t_all:.2f} CPU-s in all; quotes+meetings "
        f"{t_events:.3f} CPU-s ({t_events / t_all:.1%} of the pipeline)"
    )

    texts, alias = score.load_texts(str(qdir / "articles.json"), str(args.corpus / "seeds"))
    gold = score.load_gold(str(qdir / "gold.jsonl"), texts)
    zipmap = {f"{g['zip']}:{g['index']}": g["article"] for g in gold if "zip" in g}
    wanted = sorted({g["article"] for g in gold})
    base = score.baseline(texts, wanted)
    res_b, errs_b = score.evaluate(gold, base, texts, alias, zipmap)
    score.show(res_b, "baseline (score.py): cue sentence = quote, first words after the cue = speaker")

    ours = list(quote_lines(articles))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as fh:
        for line in ours:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    res, errs = score.evaluate(gold, ours, texts, alias, zipmap)
    score.show(res, "marsad.events.quotes")
    score.print_errors(errs, args.errors)

    strict_b = strict_by_kind(score, gold, base, texts, alias, zipmap)
    strict_m = strict_by_kind(score, gold, ours, texts, alias, zipmap)
    print("\ntargets (all gold quotes):")
    r = res["all"]
    rows = [("detection F1, stricter span rule", r["mutual50"]["F1"], res_b["all"]["mutual50"]["F1"])]
    rows.append(("speaker accuracy strict", r["speaker_acc_strict"], res_b["all"]["speaker_acc_strict"]))
    for k in ("direct", "indirect"):
        rows.append((f"  {k}: F1, stricter rule", strict_m[k][2], strict_b[k][2]))
        rows.append((f"  {k}: recall, stricter rule", strict_m[k][1], strict_b[k][1]))
        rows.append((f"  {k}: recall", r["by_kind"][k]["R"], res_b["all"]["by_kind"][k]["R"]))
        rows.append(
            (
                f"  {k}: speaker strict",
                r["by_kind"][k]["speaker_acc_strict"],
                res_b["all"]["by_kind"][k]["speaker_acc_strict"],
            )
        )
    print(f"  {'':36s} {'marsad':>8s} {'baseline':>9s}   (the baseline gives no kind: no per-kind P or F1)")
    for name, ours_v, base_v in rows:
        print(f"  {name:36s} {ours_v:8.3f} {base_v:9.3f}")
    if args.json:
        args.json.write_text(json.dumps({"baseline": res_b, "marsad": res}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
