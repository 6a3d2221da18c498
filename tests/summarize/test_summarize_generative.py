"""The generative rewriter against a loopback OpenAI-compatible server started by the test."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from summarize_fixtures import FLOOD, article_of

from marsad.model import KeyPoint, SourceRef, Summary
from marsad.summarize import summarize_article
from marsad.summarize.generative import ChatRewriter, GenerativeSettings, is_supported

SUPPORTED = "أجلت السلطات في البصرة ألفي عائلة من الأحياء المنخفضة إثر فيضان شط العرب."
# Brings a number and a name the sources never state.
UNSUPPORTED = "أجلت السلطات 5000 عائلة وأعلن الرئيس محمود عباس حالة الطوارئ في البصرة."


class _ChatHandler(BaseHTTPRequestHandler):
    replies: list[str] = []
    requests: list[dict] = []

    def do_POST(self):  # noqa: N802 (http.server API)
        length = int(self.headers["Content-Length"])
        _ChatHandler.requests.append({"path": self.path, "body": json.loads(self.rfile.read(length))})
        reply = _ChatHandler.replies[(len(_ChatHandler.requests) - 1) % len(_ChatHandler.replies)]
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": reply}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture
def chat_server():
    server = HTTPServer(("127.0.0.1", 0), _ChatHandler)
    _ChatHandler.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _lead_points(article):
    # Points on the lead and the next sentence: the replies above paraphrase the lead.
    body = [s for s in article.sentences if not s.is_heading]
    points = [KeyPoint(s.text, [SourceRef(article.id, s.id, article.outlet)]) for s in body[:2]]
    return Summary(target=article.id, text=body[0].text, key_points=points)


def test_supported_rewrite_is_kept_and_unsupported_falls_back(chat_server):
    article = article_of(FLOOD)
    extractive = _lead_points(article)
    _ChatHandler.replies = [SUPPORTED, UNSUPPORTED]
    rewriter = ChatRewriter(GenerativeSettings(base_url=chat_server, model="test-model", timeout=5))
    result = rewriter.rewrite(extractive, {article.id: article})

    assert _ChatHandler.requests[0]["path"] == "/v1/chat/completions"
    assert _ChatHandler.requests[0]["body"]["model"] == "test-model"
    assert result.method == "generative"
    assert result.key_points[0].text == SUPPORTED
    assert result.key_points[0].sources == extractive.key_points[0].sources
    assert result.key_points[1] == extractive.key_points[1]  # unsupported: extractive point kept


def test_unreachable_server_keeps_the_extractive_summary():
    article = article_of(FLOOD)
    extractive = summarize_article(article)
    # Port 9 on loopback: nothing listens there, the connection is refused at once.
    result = ChatRewriter(GenerativeSettings(base_url="http://127.0.0.1:9", timeout=2)).rewrite(
        extractive, {article.id: article}
    )
    assert result == extractive


def test_support_check_rejects_new_numbers_and_new_words():
    source = ["أعلنت السلطات المحلية في مدينة البصرة إجلاء ألفي عائلة من الأحياء المنخفضة."]
    assert is_supported("أجلت السلطات المحلية في البصرة ألفي عائلة من الأحياء المنخفضة.", source)
    assert not is_supported("أجلت السلطات المحلية في البصرة 2000 عائلة.", source)
    assert not is_supported("أعلن الجيش الأمريكي قصف مواقع للمتمردين في الصحراء الغربية.", source)
