"""Score Marsad's article summaries against reference summaries, beside Lead-3 and LexRank.

Layout of an evaluation folder (either form, or both):

- ``DIR/*.json`` (one object or a list of objects) or ``DIR/*.jsonl`` (one object a line):
  ``{"id": ..., "text" | "body" | "article": <article text>,
     "summary" | "reference" | "summaries" | "references": <string or list of strings>,
     "title": <optional headline>}``
- ``DIR/articles/<name>.txt`` with ``DIR/references/<name>.txt`` (or ``summaries/``); several
  references for one article as ``<name>.1.txt``, ``<name>.2.txt``, …

Each document is scored with Arabic ROUGE-1/2/L against its best-matching reference; the
report averages precision, recall and F over documents for every system, in one run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.evaluate.rouge import ROUGE_TYPES, ArabicRouge
from marsad.model import Article
from marsad.summarize import SummarySettings, summarize_article
from marsad.summarize.baselines import lead_summary, lexrank_summary
from marsad.summarize.plain_text import article_from_text

_TEXT_KEYS = ("text", "body", "article", "content")
_REFERENCE_KEYS = ("summary", "reference", "summaries", "references")


class EvaluationSetError(ValueError):
    """The evaluation folder holds no usable article/reference pairs, or a malformed file."""


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    references: list[str]
    title: str | None = None


def evaluate_summaries(
    directory: str | Path,
    settings: SummarySettings | None = None,
    *,
    use_clean: bool = False,
    limit: int | None = None,
) -> dict:
    """ROUGE of Marsad, Lead-3 and LexRank over the examples in ``directory``."""
    settings = settings or SummarySettings()
    systems: dict[str, Callable[[Article], str]] = {
        "marsad": lambda a: summarize_article(a, settings).text,
        "lead3": lambda a: lead_summary(a, 3),
        "lexrank": lambda a: lexrank_summary(a, 3, settings.damping),
    }
    rouge = ArabicRouge()
    sums = {name: {t: [0.0, 0.0, 0.0] for t in ROUGE_TYPES} for name in systems}
    words = dict.fromkeys(systems, 0)
    n = 0
    for example in load_examples(directory):
        if limit is not None and n >= limit:
            break
        article = article_from_text(example.text, example.id, title=example.title, use_clean=use_clean)
        for name, system in systems.items():
            output = system(article)
            words[name] += len(output.split())
            for t, score in rouge.score(example.references, output).items():
                acc = sums[name][t]
                acc[0] += score.precision
                acc[1] += score.recall
                acc[2] += score.fmeasure
        n += 1
    if n == 0:
        raise EvaluationSetError(f"{directory}: no article with a reference summary found")
    return {
        "directory": str(directory),
        "documents": n,
        "systems": {
            name: {
                **{
                    t: dict(zip(("precision", "recall", "fmeasure"), (v / n for v in acc), strict=True))
                    for t, acc in per.items()
                },
                "words": words[name] / n,
            }
            for name, per in sums.items()
        },
    }


def format_report(report: dict) -> str:
    """A plain table of the report: F (P/R) x100 per system and ROUGE type."""
    lines = [
        f"{report['documents']} documents in {report['directory']} — ROUGE F (P/R) x100, Arabic tokenisation"
    ]
    lines.append(f"{'system':10s}" + "".join(f"{t:>22s}" for t in ROUGE_TYPES) + f"{'words':>8s}")
    for name, scores in report["systems"].items():
        cells = "".join(
            f"{100 * scores[t]['fmeasure']:8.2f} ({100 * scores[t]['precision']:5.1f}/{100 * scores[t]['recall']:5.1f})"
            for t in ROUGE_TYPES
        )
        lines.append(f"{name:10s}{cells}{scores['words']:8.1f}")
    return "\n".join(lines)


def load_examples(directory: str | Path) -> Iterator[Example]:
    """Every example of the folder, JSON files first, then the articles/ + references/ pairs."""
    root = Path(directory)
    if not root.is_dir():
        raise EvaluationSetError(f"{root}: not a directory")
    for path in sorted(root.glob("*.json")) + sorted(root.glob("*.jsonl")):
        yield from _json_examples(path)
    yield from _folder_examples(root)


def _json_examples(path: Path) -> Iterator[Example]:
    try:
        if path.suffix == ".jsonl":
            records = [
                json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
            ]
        else:
            data = json.loads(path.read_text(encoding="utf-8"))
            records = data if isinstance(data, list) else [data]
    except json.JSONDecodeError as err:
        raise EvaluationSetError(f"{path}: not valid JSON ({err})") from err
    for i, record in enumerate(records):
        text = next((record[k] for k in _TEXT_KEYS if record.get(k)), None)
        refs = next((record[k] for k in _REFERENCE_KEYS if record.get(k)), None)
        if not text or not refs:
            continue
        refs = [refs] if isinstance(refs, str) else [r for r in refs if r]
        yield Example(str(record.get("id", f"{path.stem}#{i}")), text, refs, record.get("title"))


def _folder_examples(root: Path) -> Iterator[Example]:
    articles = root / "articles"
    ref_dirs = [d for d in (root / "references", root / "summaries") if d.is_dir()]
    if not articles.is_dir() or not ref_dirs:
        return
    for path in sorted(articles.glob("*.txt")):
        refs = [
            p.read_text(encoding="utf-8")
            for d in ref_dirs
            for p in sorted(d.glob(f"{path.stem}*.txt"))
            if p.stem == path.stem or p.stem.startswith(path.stem + ".")
        ]
        if refs:
            yield Example(path.stem, path.read_text(encoding="utf-8"), refs)
