"""Optional generative rewriting of extractive key points through an OpenAI-compatible chat
endpoint (``POST {base_url}/v1/chat/completions``; local llama.cpp, vLLM and Ollama servers
speak it). Off by default and never imported by the extractive path.

A rewritten point is kept only if its cited sentences support it: no number that the
sources do not contain, and almost every content stem found in the sources (new names or
claims bring new stems). Otherwise — or when the server fails — the extractive point stays.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, replace

from marsad.arabic import normalize_digits
from marsad.model import Article, KeyPoint, Summary
from marsad.summarize.candidates import sentence_features

log = logging.getLogger(__name__)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_PROMPT = (
    "أعد صياغة النقطة التالية بجملة عربية فصيحة موجزة واحدة، دون إضافة أي معلومة أو اسم أو رقم "
    "غير موجود في النص المصدر. أجب بالجملة فقط.\n\nالنص المصدر:\n{sources}\n\nالنقطة:\n{point}"
)


class GenerativeBackendError(RuntimeError):
    """The chat endpoint could not be reached or answered with something unusable."""


@dataclass(frozen=True)
class GenerativeSettings:
    base_url: str = "http://127.0.0.1:8080"
    model: str = "local"
    timeout: float = 30.0
    api_key: str | None = None
    temperature: float = 0.2
    max_new_stem_ratio: float = 0.2  # share of the rewrite's content stems absent from its sources


class ChatRewriter:
    """Rewrites the key points of a :class:`Summary` into fluent Arabic, checked against sources."""

    def __init__(self, settings: GenerativeSettings | None = None) -> None:
        self.settings = settings or GenerativeSettings()

    def rewrite(self, summary: Summary, articles: dict[str, Article]) -> Summary:
        """The summary with each supported rewrite in place of its extractive point."""
        points, rewritten = [], 0
        for point in summary.key_points:
            sources = cited_sentences(point, articles)
            try:
                candidate = self.complete(_PROMPT.format(sources="\n".join(sources), point=point.text))
            except GenerativeBackendError as err:
                log.warning("generative backend unavailable, keeping extractive points: %s", err)
                return summary  # one failure usually means the server is down: do not wait on each point
            if sources and is_supported(candidate, sources, self.settings.max_new_stem_ratio):
                points.append(KeyPoint(text=candidate, sources=point.sources))
                rewritten += 1
            else:
                points.append(point)
        return replace(summary, key_points=points, method="generative" if rewritten else summary.method)

    def complete(self, prompt: str) -> str:
        """One chat completion; the assistant's text, stripped."""
        body = {
            "model": self.settings.model,
            "temperature": self.settings.temperature,
            "messages": [{"role": "user", "content": prompt}],
        }
        headers = {"Content-Type": "application/json"}
        if self.settings.api_key:
            headers["Authorization"] = f"Bearer {self.settings.api_key}"
        url = self.settings.base_url.rstrip("/") + "/v1/chat/completions"
        request = urllib.request.Request(
            url, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.settings.timeout) as response:
                payload = json.loads(response.read().decode("utf-8"))
            text = payload["choices"][0]["message"]["content"]
        except (
            urllib.error.URLError,
            TimeoutError,
            OSError,
            ValueError,
            KeyError,
            IndexError,
            TypeError,
        ) as err:
            raise GenerativeBackendError(f"{url}: {err}") from err
        if not isinstance(text, str) or not text.strip():
            raise GenerativeBackendError(f"{url}: empty completion")
        return text.strip()


def cited_sentences(point: KeyPoint, articles: dict[str, Article]) -> list[str]:
    """The texts of the sentences a key point cites (those that can be resolved)."""
    out = []
    for ref in point.sources:
        article = articles.get(ref.article_id)
        if article is not None and 0 <= ref.sentence < len(article.sentences):
            out.append(article.sentences[ref.sentence].text)
    return out


def is_supported(candidate: str, sources: list[str], max_new_stem_ratio: float = 0.2) -> bool:
    """Whether ``candidate`` says nothing its ``sources`` do not: all its numbers appear in them
    and at most ``max_new_stem_ratio`` of its content stems are new."""
    source_text = " ".join(sources)
    if set(_NUMBER.findall(normalize_digits(candidate))) - set(
        _NUMBER.findall(normalize_digits(source_text))
    ):
        return False
    stems = sentence_features(candidate)[1]
    if not stems:
        return False
    known = set(sentence_features(source_text)[1])
    return sum(s not in known for s in stems) / len(stems) <= max_new_stem_ratio
