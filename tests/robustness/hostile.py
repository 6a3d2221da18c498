"""Hostile inputs, made small by the tests themselves (the bombs keep the ratio of the real ones)."""

from __future__ import annotations

import io
import json
import os
import zipfile

ARTICLE = (
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض يضم مئتي سرير.\n"
    "وقال الوزير إن المستشفى سيخدم سكان المنطقة الشمالية ويوفر فرص عمل للشباب.\n"
    "وجرى الافتتاح في 15 رمضان الماضي بحضور عدد من المسؤولين والأهالي.\n"
)


def article(n: int = 0) -> str:
    """A distinct, valid Arabic article (distinct text → distinct id)."""
    return f"الخبر رقم {n}: " + ARTICLE


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def nested_zip(levels: int, inner: bytes) -> bytes:
    data = zip_bytes({"a.txt": inner})
    for _ in range(levels - 1):
        data = zip_bytes({"a.zip": data}, zipfile.ZIP_STORED)
    return data


def bomb_payload(size: int, ratio: float = 250.0) -> bytes:
    """``size`` bytes that deflate about ``ratio`` times (the 8.8 MB → 2.2 GB bomb has 250)."""
    noise = os.urandom(int(size / ratio))
    return noise + b"\0" * (size - len(noise))


def deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def record(n: int = 0, **extra) -> dict:
    return {"title": f"خبر {n}", "content": article(n), **extra}


def jsonl(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def json_line(n: int = 0, **extra) -> str:
    return json.dumps(record(n, **extra), ensure_ascii=False)
