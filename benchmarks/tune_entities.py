"""Cross-validation of the CRF tagger INSIDE its training data (hyperparameters and feature sets).

    nice -n 10 .venv/bin/python benchmarks/tune_entities.py --c1 0.05 --c2 0.02 [--features base|pairs,...]
        [--wikifane 0] [--folds 3] [--iterations 200]

The training data (ANERcorp train part minus its held-out last 10%, AQMAR train, Wojood train) is
cut into ``--folds`` contiguous blocks per corpus (documents are contiguous); each block is tagged
by a model trained on the other blocks. Nothing the benchmark scores is read here: not the
ANERcorp held-out 10%, not AQMAR dev/test, not Wojood val/test. Extra data (``--wikifane N``: the
first N WikiFANE sentences) is only ever added to the training side. Prints the pooled micro-F1
and the per-corpus micro-F1 (seqeval, exact span) and the CPU seconds spent.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import pycrfsuite  # noqa: E402
from seqeval.metrics import classification_report  # noqa: E402

from marsad.entities import tagger  # noqa: E402
from marsad.entities.corpora import anercorp, aqmar, wikifane_sentences, wojood_flat  # noqa: E402

Sentence = tuple[list[str], list[str]]


def folds(parts: dict[str, list[Sentence]], k: int) -> list[tuple[list[Sentence], dict[str, list[Sentence]]]]:
    out = []
    for f in range(k):
        train: list[Sentence] = []
        test: dict[str, list[Sentence]] = {}
        for name, sents in parts.items():
            a, b = len(sents) * f // k, len(sents) * (f + 1) // k
            test[name] = sents[a:b]
            train += sents[:a] + sents[b:]
        out.append((train, test))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.02)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--only-folds", type=int, default=0, help="run only the first N folds (0: all)")
    parser.add_argument(
        "--features",
        default="",
        help="feature groups, comma-separated ('base': none); default: the shipped set",
    )
    parser.add_argument(
        "--wikifane", type=int, default=0, help="first N WikiFANE sentences added to training"
    )
    args = parser.parse_args()
    if args.features:
        tagger.FEATURES.clear()
        tagger.FEATURES.update(x for x in args.features.split(",") if x != "base")
        tagger.word_features.cache_clear()
    parts = {"anercorp": anercorp()[0], "aqmar": aqmar("train"), "wojood": wojood_flat("train")}
    extra = wikifane_sentences()[: args.wikifane] if args.wikifane else []
    gold: dict[str, list[list[str]]] = {name: [] for name in parts}
    pred: dict[str, list[list[str]]] = {name: [] for name in parts}
    c0 = time.process_time()
    chosen = folds(parts, args.folds)
    if args.only_folds:
        chosen = chosen[: args.only_folds]
    for train, test in chosen:
        trainer = pycrfsuite.Trainer(verbose=False)
        for words, tags in train + extra:
            trainer.append(tagger.sentence_features(words), tags)
        trainer.set_params(
            {
                "c1": args.c1,
                "c2": args.c2,
                "max_iterations": args.iterations,
                "feature.possible_transitions": True,
            }
        )
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "m.crfsuite")
            trainer.train(path)
            tg = pycrfsuite.Tagger()
            tg.open(path)
            for name, sents in test.items():
                for words, tags in sents:
                    gold[name].append(tags)
                    pred[name].append(tg.tag(tagger.sentence_features(words)))
            tg.close()
    spent = time.process_time() - c0
    all_gold = [t for n in parts for t in gold[n]]
    all_pred = [t for n in parts for t in pred[n]]

    def micro(g: list[list[str]], p: list[list[str]]) -> tuple[float, dict[str, float]]:
        report = classification_report(g, p, output_dict=True, zero_division=0)
        return report["micro avg"]["f1-score"], {
            k: report[k]["f1-score"] for k in ("PERS", "ORG", "LOC") if k in report
        }

    pooled, per_type = micro(all_gold, all_pred)
    per_corpus = {n: micro(gold[n], pred[n])[0] for n in parts}
    print(
        f"c1={args.c1} c2={args.c2} it={args.iterations} features={','.join(sorted(tagger.FEATURES)) or 'base'} "
        f"wikifane={args.wikifane} folds={args.folds}/{args.only_folds or args.folds}: pooled {pooled:.4f} "
        + " ".join(f"{k} {v:.3f}" for k, v in per_type.items())
        + " | "
        + " ".join(f"{n} {v:.4f}" for n, v in per_corpus.items())
        + f" | {spent:.0f} CPU-s",
        flush=True,
    )


if __name__ == "__main__":
    main()
