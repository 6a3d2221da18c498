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
import json
import os
import tempfile
import time

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import pycrfsuite  # noqa: E402
from seqeval.metrics import classification_report  # noqa: E402
from seqeval.metrics.sequence_labeling import get_entities  # noqa: E402

from marsad.entities import tagger  # noqa: E402
from marsad.entities.corpora import (  # noqa: E402
    anercorp,
    aqmar,
    unlabelled_sentences,
    wikifane_sentences,
    wojood_flat,
)
from marsad.entities.train import pseudo_labelled  # noqa: E402

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
    parser.add_argument(
        "--clusters", default="", help="a clusters.tsv to use instead of the shipped one (same format)"
    )
    parser.add_argument("--algorithm", default="lbfgs", help="crfsuite trainer: lbfgs, ap, pa, l2sgd, arow")
    parser.add_argument("--stack", action="store_true", help="also a second pass with document features")
    parser.add_argument("--block", type=int, default=0, help="sentences per document block (0: the shipped)")
    parser.add_argument(
        "--rules",
        default="",
        help="score the rules on top of the CRF over the folds, from the labels of a --dump (no training)",
    )
    parser.add_argument(
        "--dump", default="", help="write the out-of-fold pass-1 labels here (JSON) for bench_rules_cv.py"
    )
    parser.add_argument(
        "--bias",
        action="store_true",
        help="decode each fold's sentences with label biases (against O) and search them (see bias_cv)",
    )
    parser.add_argument(
        "--self-train",
        type=int,
        default=0,
        help="self-training: N unlabelled SaudiNewsNet articles tagged by each fold's model",
    )
    parser.add_argument(
        "--self-min-prob", type=float, default=0.9, help="self-training: least sentence probability kept"
    )
    parser.add_argument("--self-max", type=int, default=5000, help="self-training: most sentences added")
    args = parser.parse_args()
    args.block = args.block or tagger.DOC_BLOCK
    if args.features:
        tagger.FEATURES.clear()
        tagger.FEATURES.update(x for x in args.features.split(",") if x != "base")
        tagger.word_features.cache_clear()
    if args.clusters:
        table = {row[0]: tuple(row[1:]) for row in _rows(args.clusters) if len(row) >= 4}
        tagger.clusters = lambda: table  # type: ignore[assignment]  # word_parts reads it at call time
        tagger.word_features.cache_clear()
    parts = {"anercorp": anercorp()[0], "aqmar": aqmar("train"), "wojood": wojood_flat("train")}
    if args.rules:
        rules_cv(parts, args.rules)
        return
    extra = wikifane_sentences()[: args.wikifane] if args.wikifane else []
    params = {
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.possible_transitions": True,
    }
    if args.algorithm != "lbfgs":
        params = {"max_iterations": args.iterations, "feature.possible_transitions": True}
    c0 = time.process_time()
    ranges = {
        name: [(len(s) * f // args.folds, len(s) * (f + 1) // args.folds) for f in range(args.folds)]
        for name, s in parts.items()
    }
    if args.only_folds:
        ranges = {n: r[: args.only_folds] for n, r in ranges.items()}

    emissions: dict[str, list[tuple[np.ndarray, np.ndarray] | None]] = {
        n: [None] * len(s) for n, s in parts.items()
    }

    def run(doc: dict[str, list[list[list[str]]]] | None) -> dict[str, list[list[str] | None]]:
        out: dict[str, list[list[str] | None]] = {n: [None] * len(s) for n, s in parts.items()}

        def feats(name: str, k: int) -> list[list[str]]:
            rows = tagger.sentence_features(parts[name][k][0])
            if doc is not None:
                rows = [r + d for r, d in zip(rows, doc[name][k], strict=True)]
            return rows

        for f in range(len(next(iter(ranges.values())))):
            trainer = pycrfsuite.Trainer(args.algorithm, verbose=False)
            for name, sents in parts.items():
                a, b = ranges[name][f]
                for k in [*range(a), *range(b, len(sents))]:
                    trainer.append(feats(name, k), sents[k][1])
            for words, tags in extra:
                trainer.append(tagger.sentence_features(words), tags)
            trainer.set_params(params)
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "m.crfsuite")
                trainer.train(path)
                if args.self_train and doc is None:
                    path = self_train(trainer, path, unlabelled, args, params, tmp)
                tg = pycrfsuite.Tagger()
                tg.open(path)
                for name in parts:
                    a, b = ranges[name][f]
                    for k in range(a, b):
                        out[name][k] = tg.tag(feats(name, k))
                tg.close()
                if args.bias and doc is None:  # the fold model's state scores, for bias_cv
                    sc = tagger.Scorer(path)
                    labels.append(sc.labels)
                    for name in parts:
                        a, b = ranges[name][f]
                        for k in range(a, b):
                            emissions[name][k] = (sc.emissions(parts[name][k][0]), sc.transitions)
        return out

    labels: list[list[str]] = []
    unlabelled = unlabelled_sentences(2000, 2000 + args.self_train) if args.self_train else []

    def score(label: str, pred: dict[str, list[list[str] | None]]) -> None:
        gold_all, pred_all = [], []
        per_corpus = {}
        for name, sents in parts.items():
            g = [t for (_, t), p in zip(sents, pred[name], strict=True) if p is not None]
            q = [p for p in pred[name] if p is not None]
            per_corpus[name] = micro(g, q)[0]
            gold_all += g
            pred_all += q
        pooled, per_type = micro(gold_all, pred_all)
        print(
            f"{label} c1={args.c1} c2={args.c2} it={args.iterations} alg={args.algorithm} "
            f"features={','.join(sorted(tagger.FEATURES)) or 'base'} "
            f"clusters={args.clusters or 'shipped'} wikifane={args.wikifane} folds={args.folds}/{args.only_folds or args.folds}: pooled {pooled:.4f} "
            + " ".join(f"{k} {v:.3f}" for k, v in per_type.items())
            + " | "
            + " ".join(f"{n} {v:.4f}" for n, v in per_corpus.items())
            + f" | {time.process_time() - c0:.0f} CPU-s",
            flush=True,
        )

    pass1 = run(None)
    score("pass1", pass1)
    if args.bias:
        assert all(x == labels[0] for x in labels)
        bias_cv(parts, emissions, labels[0], ranges, args.dump)
        return
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            json.dump({"args": vars(args), "labels": pass1}, fh, ensure_ascii=False)
    if args.stack:
        doc: dict[str, list[list[list[str]]]] = {}
        for name, sents in parts.items():
            doc[name] = []
            for a, b in tagger.blocks(len(sents), args.block):
                labels = [p or ["O"] * len(w) for (w, _), p in zip(sents[a:b], pass1[name][a:b], strict=True)]
                doc[name] += tagger.doc_features([w for w, _ in sents[a:b]], labels)
        score("pass2", run(doc))


def self_train(
    trainer: pycrfsuite.Trainer,
    path: str,
    unlabelled: list[list[str]],
    args: argparse.Namespace,
    params: dict[str, object],
    tmp: str,
) -> str:
    """Self-training, as ``marsad.entities.train.train_tagger`` does it: the fold model tags the
    unlabelled sentences, those it tags with a name most confidently (``--self-min-prob``, at most
    ``--self-max``) join the fold's training data and a second model is trained. The fold's own
    model makes the pseudo-labels, so nothing of the held-out block leaks into them."""
    kept = pseudo_labelled(path, unlabelled, args.self_min_prob, args.self_max)
    print(f"self-training: {len(kept)} of {len(unlabelled)} unlabelled sentences added", flush=True)
    for words, labels in kept:
        trainer.append(tagger.sentence_features(words), labels)
    trainer.set_params(params)
    second = os.path.join(tmp, "self.crfsuite")
    trainer.train(second)
    return second


def bias_cv(
    parts: dict[str, list[Sentence]],
    emissions: dict[str, list[tuple[np.ndarray, np.ndarray] | None]],
    labels: list[str],
    ranges: dict[str, list[tuple[int, int]]],
    dump: str,
) -> None:
    """Decode-time recall/precision trade-off (Minkov et al. 2006): a bias added to the B-/I-
    state scores of each type (i.e. against O) before Viterbi, searched on the out-of-fold
    state scores of the fold models (each sentence scored by the model that did not see it).

    Prints a global bias grid, then a per-type coordinate search from the best global one, both by
    pooled micro-F1; then an honest estimate: the search is re-run on all folds but one and the
    chosen biases scored on the left-out fold (``fold-out``), summed over the folds."""
    from marsad.entities.compiled import viterbi

    keys = [(n, k) for n, s in parts.items() for k in range(len(s)) if emissions[n][k] is not None]
    fold_of = {(n, k): f for n, rs in ranges.items() for f, (a, b) in enumerate(rs) for k in range(a, b)}
    by_fold: dict[int, list[tuple[str, int]]] = {}
    for key in keys:
        by_fold.setdefault(fold_of[key], []).append(key)
    o = labels.index("O")

    def decode(bias: dict[str, float], subset: list[tuple[str, int]]) -> list[list[str]]:
        vec = np.array([bias.get(lab[2:], 0.0) if k != o else 0.0 for k, lab in enumerate(labels)])
        out: dict[tuple[str, int], list[str]] = {}
        for f in sorted({fold_of[key] for key in subset}):  # one Viterbi call per fold model
            mine = [key for key in subset if fold_of[key] == f]
            emit = np.concatenate([emissions[n][k][0] for n, k in mine]) + vec  # type: ignore[index]
            bounds = np.cumsum([0, *(len(parts[n][k][0]) for n, k in mine)])
            ids = viterbi(emit, bounds, emissions[mine[0][0]][mine[0][1]][1]).tolist()  # type: ignore[index]
            cuts = bounds.tolist()
            for key, a, b in zip(mine, cuts, cuts[1:], strict=False):
                out[key] = [labels[i] for i in ids[a:b]]
        return [out[key] for key in subset]

    gold_spans = {key: set(get_entities(parts[key[0]][key[1]][1])) for key in keys}

    def f1(bias: dict[str, float], subset: list[tuple[str, int]]) -> float:
        tp = n_gold = n_pred = 0
        for key, pred in zip(subset, decode(bias, subset), strict=True):
            found = set(get_entities(pred))
            gold = gold_spans[key]
            tp += len(found & gold)
            n_gold += len(gold)
            n_pred += len(found)
        return 2 * tp / (n_gold + n_pred) if n_gold + n_pred else 0.0

    def search(subset: list[tuple[str, int]], verbose: bool) -> dict[str, float]:
        grid = [round(0.1 * x, 2) for x in range(0, 21)]
        best, best_f = 0.0, -1.0
        for g in grid:
            f = f1(dict.fromkeys(tagger.TYPES, g), subset)
            if verbose:
                print(f"bias global {g:+.2f}: pooled {f:.4f}", flush=True)
            if f > best_f + 1e-9:
                best, best_f = g, f
        bias = dict.fromkeys(tagger.TYPES, best)
        for _ in range(2):
            for t in tagger.TYPES:
                for g in [round(0.1 * x, 2) for x in range(-5, 31)]:
                    trial = {**bias, t: g}
                    f = f1(trial, subset)
                    if f > best_f + 1e-9:
                        bias, best_f = trial, f
            if verbose:
                print(f"bias per type {bias}: pooled {best_f:.4f}", flush=True)
        return bias

    chosen = search(keys, True)
    report(parts, keys, decode(chosen, keys), f"bias-cv chosen {chosen}")
    report(parts, keys, decode({}, keys), "bias-cv none")
    # honest estimate: choose on all folds but one, score the one left out
    gold_all: list[tuple[str, int]] = []
    pred_all: list[list[str]] = []
    for f, held in sorted(by_fold.items()):
        rest = [k for g, ks in by_fold.items() if g != f for k in ks]
        b = search(rest, False)
        print(f"fold {f}: chosen on the others {b}", flush=True)
        gold_all += held
        pred_all += decode(b, held)
    report(parts, gold_all, pred_all, "bias-cv fold-out")
    if dump:
        out: dict[str, list[list[str] | None]] = {n: [None] * len(s) for n, s in parts.items()}
        for (n, k), p in zip(keys, decode(chosen, keys), strict=True):
            out[n][k] = p
        with open(dump, "w", encoding="utf-8") as fh:
            json.dump({"bias": chosen, "labels": out}, fh, ensure_ascii=False)


def report(
    parts: dict[str, list[Sentence]], keys: list[tuple[str, int]], pred: list[list[str]], label: str
) -> None:
    gold = [parts[n][k][1] for n, k in keys]
    pooled, per_type = micro(gold, pred)
    per_corpus = {}
    for name in parts:
        idx = [i for i, (n, _) in enumerate(keys) if n == name]
        per_corpus[name] = micro([gold[i] for i in idx], [pred[i] for i in idx])[0]
    report_ = classification_report(gold, pred, output_dict=True, zero_division=0)["micro avg"]
    print(
        f"{label}: pooled {pooled:.4f} (P {report_['precision']:.3f} R {report_['recall']:.3f}) "
        + " ".join(f"{k} {v:.3f}" for k, v in per_type.items())
        + " | "
        + " ".join(f"{n} {v:.4f}" for n, v in per_corpus.items()),
        flush=True,
    )


RULE_SYSTEMS: dict[str, dict[str, object]] = {
    "default": {},
    "-org-sources": {"fill_org_sources": False},
    "-national-bodies": {"fill_national_bodies": False},
    "-role-names": {"role_names": False},
    "-eponyms": {"fill_eponyms": False},
    "+role-persons": {"fill_role_persons": True},
    "+national-bodies": {"fill_national_bodies": True},
    "-propagate": {"propagate_surnames": False},
    "roles-only": {
        "fill_org_sources": False,
        "fill_national_bodies": False,
        "role_names": False,
        "fill_eponyms": False,
        "propagate_surnames": False,
    },
}


def rules_cv(parts: dict[str, list[Sentence]], dump: str) -> None:
    """The rules on top of the CRF, scored on the training folds: the CRF labels of each sentence
    are those of the fold model that never saw it (``--dump``), so the rules are judged against
    the labels the CRF gives unseen text, inside the training data (nothing held out is read)."""
    import bench_entities as bench

    from marsad.entities import EntitySettings
    from marsad.entities.corpora import repair
    from marsad.entities.extract import find_names
    from marsad.entities.recognize import select

    with open(dump, encoding="utf-8") as fh:
        oof = json.load(fh)["labels"]
    current: list[list[str]] = []

    def fold_labels(words: object, two_pass: bool = False) -> list[str]:
        return current[0]

    tagger.tag_words = fold_labels  # type: ignore[assignment]  # tag_spans reads it at call time
    systems = ["crf", "crf-spans", *RULE_SYSTEMS]
    for system in systems:
        bench.MODES[system] = EntitySettings(**RULE_SYSTEMS.get(system, {}))  # type: ignore[arg-type]

    def hybrid(words: list[str], system: str) -> list[str]:
        """IOB2 of the CRF's spans after its own clean-up ("crf-spans") or of a hybrid system,
        as the benchmark scores them (GPE and facilities as LOC)."""
        text, toks = " ".join(words), tagger.word_tokens(words)
        if system == "crf-spans":
            found = select(tagger.tag_spans(text, toks))
        else:
            found = find_names(text, bench.MODES[system], toks)[1]
        seq = ["O"] * len(words)
        for f in found:
            kind = {"GPE": "LOC", "FAC": "LOC"}.get(f.kind, f.kind)
            if kind in tagger.TYPES:
                seq[f.i : f.j] = [f"B-{kind}"] + [f"I-{kind}"] * (f.j - f.i - 1)
        return repair(seq)

    c0 = time.process_time()
    for system in systems:
        gold_all: list[list[str]] = []
        pred_all: list[list[str]] = []
        per_corpus = {}
        for name, sents in parts.items():
            gold, pred = [], []
            for (words, tags), labels in zip(sents, oof[name], strict=True):
                if labels is None:
                    continue
                current[:] = [labels]
                gold.append(tags)
                pred.append(repair(labels) if system == "crf" else hybrid(words, system))
            per_corpus[name] = micro(gold, pred)[0]
            gold_all += gold
            pred_all += pred
        pooled, per_type = micro(gold_all, pred_all)
        print(
            f"rules-cv {system:18} pooled {pooled:.4f} "
            + " ".join(f"{k} {v:.3f}" for k, v in per_type.items())
            + " | "
            + " ".join(f"{n} {v:.4f}" for n, v in per_corpus.items())
            + f" | {time.process_time() - c0:.0f} CPU-s",
            flush=True,
        )


def _rows(path: str) -> list[list[str]]:
    with open(path, encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]


def micro(g: list[list[str]], p: list[list[str]]) -> tuple[float, dict[str, float]]:
    report = classification_report(g, p, output_dict=True, zero_division=0)
    return report["micro avg"]["f1-score"], {
        k: report[k]["f1-score"] for k in ("PERS", "ORG", "LOC") if k in report
    }


if __name__ == "__main__":
    main()
