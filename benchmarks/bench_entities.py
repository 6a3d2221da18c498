"""Entity recognition quality on annotated Arabic the tagger never trained on, and throughput.

    .venv/bin/python benchmarks/bench_entities.py [--articles 2000] [--skip-speed]

Quality, in one run, beside a per-token majority-tag baseline (each word's most frequent tag in
the tagger's training data, O for unseen words):

- ANERcorp train part, its LAST 10% of sentences in order (training never sees them);
- AQMAR test (Wikipedia) and AQMAR dev;
- Wojood sample test (nested; scored flat: per token the outermost PERS/ORG/GPE/LOC tag).

With ``--block N`` consecutive sentences are tagged together as one document (the corpora keep
their documents in order), as an article is at run time: the rules' surname propagation and the
CRF's second pass ("crf-2pass", "default-2pass") see the rest of the document. The default,
``--block 1``, tags each sentence alone, as every earlier figure was measured.

Scores are seqeval exact-span P/R/F1 (default mode) per type and micro over PERS/ORG/LOC; gold
MISC/MIS and other types are O. On Wojood the four-type view (GPE apart from LOC, facilities
not scored) is the one the previous recognizer was measured with (micro 0.756); the three-type
view folds GPE into LOC like the other sets. Systems: the majority baseline, the rules alone,
the CRF alone, rules + CRF persons only, rules-first (the rules win on overlap, the CRF fills the
gaps: the previous default), crf-first+fill (the CRF wins, every rule fills its gaps) and the
default (the CRF wins on overlap; rules add roles and fill gaps only where they are sure).

Throughput: the tagger alone in tokens per CPU second on the test sets, and extract_mentions in
articles per CPU second on SaudiNewsNet beside tokenize() over the same texts.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import zipfile
from collections import Counter, defaultdict

from seqeval.metrics import classification_report

from marsad.arabic import normalize, split_sentences, tokenize
from marsad.entities import EntitySettings, extract_mentions
from marsad.entities.corpora import anercorp, aqmar, corpus_root, repair, wojood_flat
from marsad.entities.extract import find_names
from marsad.entities.recognize import select
from marsad.entities.tagger import _END as END_MARKS
from marsad.entities.tagger import DOC_BLOCK, TYPES, blocks, tag_document, tag_spans, tag_words, word_tokens
from marsad.entities.train import training_sentences
from marsad.model import Article, Sentence

CORPUS = corpus_root()

_RULES_FIRST = {"tagger_first": False, "rule_fill_priority": 0, "fill_listed": True}
MODES = {
    "rules": EntitySettings(use_tagger=False),
    "rules+crf-pers": EntitySettings(tagger_types=("PERS",), **_RULES_FIRST),  # two sessions ago
    "rules-first": EntitySettings(**_RULES_FIRST),  # the previous default: rules win, the CRF fills gaps
    "crf-first+fill": EntitySettings(tagger_first=True, rule_fill_priority=0, fill_listed=True),
    "default-2pass": EntitySettings(tagger_two_pass=True),  # the default with the second CRF pass
    "default": EntitySettings(),  # the CRF wins on overlap; rules add roles and what the CRF misses
}
SYSTEMS = (
    "majority",
    "rules",
    "crf",
    "crf-2pass",
    "rules+crf-pers",
    "rules-first",
    "crf-first+fill",
    "default",
    "default-2pass",
)


class Majority:
    """Per-token majority tag of the training data (normalised word), O for unseen words."""

    def __init__(self) -> None:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for words, tags in training_sentences():
            for w, t in zip(words, tags, strict=True):
                counts[normalize(w)][t[2:] if t != "O" else "O"] += 1
        self.tag = {w: c.most_common(1)[0][0] for w, c in counts.items()}

    def __call__(self, words: list[str]) -> list[str]:
        kinds = [self.tag.get(normalize(w), "O") for w in words]
        out = []
        for k, kind in enumerate(kinds):
            out.append("O" if kind == "O" else ("I-" if k and kinds[k - 1] == kind else "B-") + kind)
        return out


def predicted(words: list[str], system: str, keep_gpe: bool) -> list[str]:
    """IOB2 predictions of ``system`` over pre-tokenised words (one document)."""
    crf = system in ("crf", "crf-2pass")
    if crf and not keep_gpe:
        return repair(tag_words(words, two_pass=system == "crf-2pass"))
    text = " ".join(words)
    toks = word_tokens(words)
    if crf:
        found = select(tag_spans(text, toks, two_pass=system == "crf-2pass"))
    else:
        found = find_names(text, MODES[system], toks)[1]
    seq = ["O"] * len(words)
    for f in found:
        kind = f.kind if keep_gpe else {"GPE": "LOC", "FAC": "LOC"}.get(f.kind, f.kind)
        if kind in (("PERS", "ORG", "GPE", "LOC") if keep_gpe else TYPES):
            seq[f.i : f.j] = [f"B-{kind}"] + [f"I-{kind}"] * (f.j - f.i - 1)
    return seq


def predicted_block(block: list[list[str]], system: str, keep_gpe: bool) -> list[list[str]]:
    """Predictions for consecutive sentences tagged together as one document (a full stop is
    added after a sentence without one, so that no name runs across), cut back per sentence. The
    CRF alone takes the sentences as they are (no full stop added)."""
    if system in ("crf", "crf-2pass") and not keep_gpe:
        return [repair(s) for s in tag_document(block, two_pass=system == "crf-2pass")]
    words: list[str] = []
    cuts = []
    for w in block:
        cuts.append((len(words), len(words) + len(w)))
        words += w
        if not w or w[-1] not in END_MARKS:
            words.append(".")
    seq = predicted(words, system, keep_gpe)
    return [repair(seq[a:b]) for a, b in cuts]


def datasets() -> dict[str, tuple[list, bool]]:
    return {
        "ANERcorp held-out (last 10% of train part)": (anercorp()[1], False),
        "AQMAR test": (aqmar("test"), False),
        "AQMAR dev": (aqmar("dev"), False),
        "Wojood test, 4 types (GPE apart)": (wojood_flat("test", keep_gpe=True), True),
        "Wojood test, 3 types (GPE as LOC)": (wojood_flat("test"), False),
    }


def quality(block: int = DOC_BLOCK) -> dict[str, dict[str, dict]]:
    majority = Majority()
    results: dict[str, dict[str, dict]] = {}
    for name, (sentences, keep_gpe) in datasets().items():
        gold = [tags for _, tags in sentences]
        types = ("PERS", "ORG", "GPE", "LOC") if keep_gpe else TYPES
        results[name] = {}
        for system in SYSTEMS:
            if system == "majority":
                if keep_gpe:
                    continue  # the training data has no GPE
                pred = [majority(words) for words, _ in sentences]
            else:
                pred = []
                for a, b in blocks(len(sentences), block):
                    pred += predicted_block([w for w, _ in sentences[a:b]], system, keep_gpe)
            report = classification_report(gold, pred, output_dict=True, zero_division=0)
            results[name][system] = {k: report[k] for k in (*types, "micro avg") if k in report}
    return results


def tagger_speed() -> dict[str, float]:
    """The CRF alone over the scored sets: tokens per CPU second (model loaded before timing)."""
    sentences = [w for name, (s, _) in datasets().items() if "4 types" not in name for w, _ in s]
    tag_words(sentences[0])
    c0 = time.process_time()
    for words in sentences:
        tag_words(words)
    spent = time.process_time() - c0
    tokens = sum(len(w) for w in sentences)
    return {"tokens": tokens, "tokens_per_cpu_s": tokens / spent}


def seed_spot_check(mode: str) -> dict[str, tuple[int, int]]:
    """The five news seeds: distinct predicted surfaces per label that are a gold name or variant
    (gold.json lists entities, not spans: a precision proxy, not an F1)."""
    gold = json.loads((CORPUS / "seeds" / "gold.json").read_text(encoding="utf-8"))["entities"]
    known = {
        label: {normalize(v) for e in entries for v in [e["name"], *e["variants"]]}
        for label, entries in gold.items()
    }
    seen: dict[str, set[str]] = {"PERSON": set(), "ORG": set(), "LOC": set()}
    for path in sorted((CORPUS / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        words = [t.group() for t in re.finditer(r"\S+", text)]
        joined = " ".join(words)
        toks = word_tokens(words)
        found = select(tag_spans(joined, toks)) if mode == "crf" else find_names(joined, MODES[mode], toks)[1]
        for f in found:
            seen[f.label].add(normalize(joined[f.start : f.end].strip('.,،:؛"«»()')))
    return {label: (len(forms & known[label]), len(forms)) for label, forms in seen.items()}


def saudinewsnet_texts(limit: int) -> list[str]:
    texts = []
    for path in sorted((CORPUS / "saudinewsnet" / "dataset").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                for record in json.loads(zf.read(name)):
                    if record.get("content"):
                        texts.append(record["content"])
                    if len(texts) >= limit:
                        return texts
    return texts


def throughput(limit: int, settings: EntitySettings) -> dict[str, float]:
    texts = saudinewsnet_texts(limit)
    c0 = time.process_time()
    for text in texts:
        tokenize(text)
    base_cpu = time.process_time() - c0
    articles = []
    for k, text in enumerate(texts):
        a = Article(id=str(k), origin="bench", outlet=None, url=None, title=None, body=text)
        a.sentences = [Sentence(i, s, e, text[s:e], 0) for i, (s, e) in enumerate(split_sentences(text))]
        articles.append(a)
    extract_mentions(articles[0], settings)  # load lexicon and model outside the timing
    c0 = time.process_time()
    mentions = 0
    for a in articles:
        mentions += len(extract_mentions(a, settings).mentions)
    spent_cpu = time.process_time() - c0
    # CPU time: the machine is shared, so wall time swings with other processes
    return {
        "articles": len(texts),
        "extract_mentions_articles_per_cpu_s": len(texts) / spent_cpu,
        "tokenize_articles_per_cpu_s": len(texts) / base_cpu,
        "cpu_ratio_to_tokenize": spent_cpu / base_cpu,
        "mentions_per_article": mentions / len(texts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument(
        "--block",
        type=int,
        default=1,
        help=f"consecutive sentences tagged as one document (1: each alone; {DOC_BLOCK}: as the second pass was trained)",
    )
    args = parser.parse_args()
    print(f"documents: blocks of {args.block} consecutive sentences")
    for name, systems in quality(args.block).items():
        print(f"\n== {name}")
        print(f"{'system':16} {'micro P':>7} {'R':>6} {'F1':>6}   per type P/R/F1 (gold count)")
        for system, report in systems.items():
            micro = report["micro avg"]
            per = "  ".join(
                f"{k} {r['precision']:.3f}/{r['recall']:.3f}/{r['f1-score']:.3f} ({r['support']})"
                for k, r in report.items()
                if k != "micro avg"
            )
            print(
                f"{system:16} {micro['precision']:7.3f} {micro['recall']:6.3f} {micro['f1-score']:6.3f}   {per}"
            )
    print("\n== Seeds (news): distinct predicted names that are gold names/variants")
    for mode in ("rules", "crf", "rules-first", "crf-first+fill", "default", "default-2pass"):
        check = seed_spot_check(mode)
        print(f"{mode:16} " + "  ".join(f"{label} {ok}/{n}" for label, (ok, n) in check.items()))
    if not args.skip_speed:
        r = tagger_speed()
        print(f"\n== CRF alone: {r['tokens']:.0f} tokens, {r['tokens_per_cpu_s']:.0f} tokens per CPU second")
        for label, settings in (
            ("rules only", MODES["rules"]),
            ("rules-first (previous default)", MODES["rules-first"]),
            ("default", MODES["default"]),
            ("default with the second CRF pass", MODES["default-2pass"]),
        ):
            t = throughput(args.articles, settings)
            print(f"\n== SaudiNewsNet extract_mentions, {label}")
            for k, v in t.items():
                print(f"{k:38} {v:10.2f}")


if __name__ == "__main__":
    main()
