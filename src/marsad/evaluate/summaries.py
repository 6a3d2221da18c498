"""Score Marsad's article summaries against reference summaries, beside Lead-3 and LexRank.

Layout of an evaluation folder (either form, or both):

- ``DIR/*.json`` (one object or a list of objects) or ``DIR/*.jsonl`` (one object a line):
  ``{"id": ..., "text" | "body" | "article": <article text>,
     "summary" | "reference" | "summaries" | "references": <string or list of strings>,
     "title": <optional headline>}``
- ``DIR/articles/<name>.txt`` with ``DIR/references/<name>.txt`` (or ``summaries/``); several
  references for one article as ``<name>.1.txt``, ``<name>.2.txt``, …
- the EASC layout: ``DIR/Articles/TopicN/<name>.txt`` with ``DIR/MTurk/TopicN/*`` references.

All text is UTF-8 (a BOM is allowed). A malformed JSON file, a file that is not UTF-8 or a
folder without a single article/reference pair raises :class:`EvaluationSetError` naming
the file and the problem.

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
    """The evaluation folder holds no usable article/reference pairs, or a malformed file.

    ``code`` says which ("not_directory", "empty", "bad_json", "not_utf8", "unreadable"),
    ``path`` names the folder or file and ``detail`` the problem, for a one-line message.
    """

    def __init__(self, code: str, path: Path | str, detail: str = "") -> None:
        self.code = code
        self.path = str(path)
        self.detail = detail
        super().__init__(f"{path}: {code}" + (f" ({detail})" if detail else ""))


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
    use_clean: bool = True,
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
        raise EvaluationSetError("empty", directory)
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
        raise EvaluationSetError("not_directory", root)
    for path in sorted(root.glob("*.json")) + sorted(root.glob("*.jsonl")):
        yield from _json_examples(path)
    yield from _folder_examples(root)
    yield from _easc_examples(root)


def _easc_examples(root: Path) -> Iterator[Example]:
    """EASC layout: ``Articles/TopicN/<name>.txt`` and ``MTurk/TopicN/<references>``."""
    articles, refs_root = root / "Articles", root / "MTurk"
    if not articles.is_dir() or not refs_root.is_dir():
        return
    for topic in sorted(p for p in articles.iterdir() if p.is_dir()):
        texts = sorted(p for p in topic.iterdir() if p.suffix.lower() == ".txt")
        refs_dir = refs_root / topic.name
        refs = [_read_text(p) for p in sorted(refs_dir.iterdir()) if p.is_file()] if refs_dir.is_dir() else []
        if texts and refs:
            yield Example(topic.name, _read_text(texts[0]), [r for r in refs if r.strip()])


def _read_text(path: Path) -> str:
    """A text file of the set, UTF-8 (a BOM is allowed); anything else names the file."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise EvaluationSetError("not_utf8", path, f"byte {err.start}") from err
    except OSError as err:
        raise EvaluationSetError("unreadable", path, err.strerror or str(err)) from err


def _json_examples(path: Path) -> Iterator[Example]:
    text = _read_text(path)
    try:
        if path.suffix == ".jsonl":
            records = []
            for n, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError as err:
                        raise EvaluationSetError("bad_json", path, f"line {n}: {err.msg}") from err
        else:
            data = json.loads(text)
            records = data if isinstance(data, list) else [data]
    except json.JSONDecodeError as err:
        raise EvaluationSetError("bad_json", path, f"line {err.lineno}: {err.msg}") from err
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            raise EvaluationSetError("bad_json", path, f"record {i + 1} is not an object")
        text_value = next((record[k] for k in _TEXT_KEYS if record.get(k)), None)
        refs = next((record[k] for k in _REFERENCE_KEYS if record.get(k)), None)
        if not isinstance(text_value, str) or not refs:
            continue
        refs = [refs] if isinstance(refs, str) else [r for r in refs if isinstance(r, str) and r]
        if refs:
            title = record.get("title")
            yield Example(
                str(record.get("id", f"{path.stem}#{i}")),
                text_value,
                refs,
                title if isinstance(title, str) else None,
            )


def _folder_examples(root: Path) -> Iterator[Example]:
    articles = root / "articles"
    ref_dirs = [d for d in (root / "references", root / "summaries") if d.is_dir()]
    if not articles.is_dir() or not ref_dirs:
        return
    for path in sorted(articles.glob("*.txt")):
        refs = [
            _read_text(p)
            for d in ref_dirs
            for p in sorted(d.glob(f"{path.stem}*.txt"))
            if p.stem == path.stem or p.stem.startswith(path.stem + ".")
        ]
        if refs:
            yield Example(path.stem, _read_text(path), refs)
