"""Entity recognition quality on Wojood (test split) and throughput on SaudiNewsNet.

    .venv/bin/python benchmarks/bench_entities.py [--articles 2000] [--skip-speed]

Quality: CoNLL exact-span entity F1 (seqeval) per type PERS/ORG/GPE/LOC for three
recognisers (rules only, the CRF tagger only, the hybrid). Wojood is nested: for each type
the gold spans are the outermost spans of that type at any nesting level, so a person
inside an organisation name still counts as a person. Our PERSON maps to PERS, ORG to ORG,
and LOC to GPE when the gazetteer or head word says it is a country, city or town (GPE) and
to LOC for regions, seas and other places; facilities (قاعدة, مطار ...) are Wojood FAC and are
not scored. Throughput: extract_mentions per article over SaudiNewsNet, beside tokenize()
over the same texts (the Arabic text layer's baseline).
"""

from __future__ import annotations

import argparse
import json
import re
import time
import zipfile
from pathlib import Path

from seqeval.metrics import classification_report

from marsad.arabic import normalize, split_sentences, tokenize
from marsad.entities import EntitySettings, extract_mentions
from marsad.entities.extract import find_names
from marsad.entities.recognize import select
from marsad.entities.tagger import TYPES, outer_tag, tag_spans, word_tokens
from marsad.entities.train import read_wojood
from marsad.model import Article, Sentence

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


def gold_sequences(sentence, kind: str) -> list[str]:
    """IOB2 of the outermost ``kind`` spans at any nesting level."""
    seq = ["O"] * len(sentence)
    for level in range(max(len(tags) for _, tags in sentence)):
        tags = [t[level] if level < len(t) else "O" for _, t in sentence]
        i = 0
        while i < len(tags):
            if tags[i] == f"B-{kind}":
                j = i + 1
                while j < len(tags) and tags[j] == f"I-{kind}":
                    j += 1
                if all(s == "O" for s in seq[i:j]):
                    seq[i:j] = [f"B-{kind}"] + [f"I-{kind}"] * (j - i - 1)
                i = j
            else:
                i += 1
    return seq


MODES = {
    "rules": EntitySettings(use_tagger=False),
    "hybrid": EntitySettings(use_tagger=True),  # the default: rules + the tagger's persons
    "hybrid-all": EntitySettings(use_tagger=True, tagger_types=TYPES),
}


def predicted(words: list[str], mode: str):
    text = " ".join(words)
    toks = word_tokens(words)
    if mode == "crf":
        return select(tag_spans(text, toks))
    return find_names(text, MODES[mode], toks)[1]


def to_sequences(found, n: int, kind: str) -> list[str]:
    seq = ["O"] * n
    for f in found:
        if f.kind == kind:
            seq[f.i : f.j] = [f"B-{kind}"] + [f"I-{kind}"] * (f.j - f.i - 1)
    return seq


def flat_gold(sentence) -> list[str]:
    """Outermost-first flattening: per token the first scored tag across nesting levels."""
    return [outer_tag(tags) for _, tags in sentence]


def flat_pred(found, n: int) -> list[str]:
    seq = ["O"] * n
    for f in found:
        if f.kind in TYPES:
            seq[f.i : f.j] = [f"B-{f.kind}"] + [f"I-{f.kind}"] * (f.j - f.i - 1)
    return seq


def quality(split: str = "test") -> dict[str, dict]:
    sentences = read_wojood(CORPUS / "wojood_sample" / f"{split}.txt")
    results = {}
    for mode in ("rules", "crf", "hybrid", "hybrid-all"):
        gold, pred = [], []
        for sentence in sentences:
            words = [w for w, _ in sentence]
            found = predicted(words, mode)
            for kind in TYPES:  # one sequence per type: nested gold types may overlap
                gold.append(gold_sequences(sentence, kind))
                pred.append(to_sequences(found, len(words), kind))
        report = classification_report(gold, pred, output_dict=True, zero_division=0)
        results[f"{mode}, nested (per type, any level)"] = {
            k: report[k] for k in (*TYPES, "micro avg") if k in report
        }
        gold_flat, pred_flat = [], []
        for sentence in sentences:
            words = [w for w, _ in sentence]
            gold_flat.append(flat_gold(sentence))
            pred_flat.append(flat_pred(predicted(words, mode), len(words)))
        report = classification_report(gold_flat, pred_flat, output_dict=True, zero_division=0)
        results[f"{mode}, flat (outermost)"] = {k: report[k] for k in (*TYPES, "micro avg") if k in report}
    return results


def seed_spot_check(mode: str) -> dict[str, tuple[int, int]]:
    """Out-of-domain check on the five news seeds: distinct predicted surfaces per label and
    how many of them are a gold name or variant (gold.json lists entities, not spans, so this
    is a precision proxy on newswire, not an F1)."""
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
        for f in predicted(words, mode):
            seen[f.label].add(normalize(joined[f.start : f.end].strip('.,،:؛"«»()')))
    return {label: (len(forms & known[label]), len(forms)) for label, forms in seen.items()}


def saudinewsnet_texts(limit: int) -> list[str]:
    texts = []
    for path in sorted((CORPUS / "saudinewsnet" / "dataset").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                for record in json.loads(zf.read(name)):
                    if record.get("content"):
                        texts.append(record["content"])
                    if len(texts) >= limit:
                        return texts
    return texts


def _clean_rate(texts: list[str]) -> float:
    """Articles per CPU second of the clean stage over the same texts (0 if not available)."""
    try:
        from marsad.clean import CleanError, clean_document
        from marsad.model import Document
    except ImportError:
        return 0.0
    docs = [Document(f"d{k}", text, f"bench#{k}", "saudinewsnet") for k, text in enumerate(texts)]
    c0 = time.process_time()
    for doc in docs:
        try:
            clean_document(doc)
        except CleanError:
            pass  # an empty page is still a page the stage had to read
    return len(docs) / (time.process_time() - c0)


def throughput(limit: int, settings: EntitySettings) -> dict[str, float]:
    texts = saudinewsnet_texts(limit)
    t0, c0 = time.perf_counter(), time.process_time()
    for text in texts:
        tokenize(text)
    base, base_cpu = time.perf_counter() - t0, time.process_time() - c0
    articles = []
    for k, text in enumerate(texts):
        a = Article(id=str(k), origin="bench", outlet=None, url=None, title=None, body=text)
        a.sentences = [Sentence(i, s, e, text[s:e], 0) for i, (s, e) in enumerate(split_sentences(text))]
        articles.append(a)
    clean_rate = _clean_rate(texts)
    extract_mentions(articles[0], settings)  # load lexicon and model outside the timing
    t0, c0 = time.perf_counter(), time.process_time()
    mentions = 0
    for a in articles:
        mentions += len(extract_mentions(a, settings).mentions)
    spent, spent_cpu = time.perf_counter() - t0, time.process_time() - c0
    # CPU time too: the machine is shared, so wall time swings with other processes
    return {
        "articles": len(texts),
        "extract_mentions_articles_per_s": len(texts) / spent,
        "tokenize_articles_per_s": len(texts) / base,
        "extract_mentions_articles_per_cpu_s": len(texts) / spent_cpu,
        "tokenize_articles_per_cpu_s": len(texts) / base_cpu,
        "clean_document_articles_per_cpu_s": clean_rate,
        "ratio_to_tokenize": spent / base,
        "cpu_ratio_to_tokenize": spent_cpu / base_cpu,
        "mentions_per_article": mentions / len(texts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    for mode, report in quality().items():
        print(f"\n== Wojood test, {mode}")
        print(f"{'type':10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
        for kind, r in report.items():
            print(
                f"{kind:10} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1-score']:6.3f} {r['support']:6d}"
            )
    print("\n== Seeds (news), distinct predicted names that are gold names/variants")
    for mode in ("rules", "crf", "hybrid", "hybrid-all"):
        check = seed_spot_check(mode)
        print(f"{mode:10} " + "  ".join(f"{label} {ok}/{n}" for label, (ok, n) in check.items()))
    if not args.skip_speed:
        for use_tagger in (False, True):
            r = throughput(args.articles, EntitySettings(use_tagger=use_tagger))
            print(f"\n== SaudiNewsNet throughput (use_tagger={use_tagger})")
            for k, v in r.items():
                print(f"{k:34} {v:10.2f}")


if __name__ == "__main__":
    main()
