"""Write the preset zlib dictionary of the SQLite store's compressed rows (``MZ2:``).

    .venv/bin/python benchmarks/make_row_dictionary.py STORE src/marsad/data/store/rows-2.zdict

A row of a few hundred bytes compressed on its own pays for every JSON key and field value
it names once more (``"granularity":"day"``, ``"anchor_source":"metadata"``); zlib given a
preset dictionary of such text finds them there. The dictionary is the *shape* of stored
rows: each field of a few rows and the last rows of 200 of each kind (quotes, stories, events,
articles) from STORE, with every string
value blanked except short ASCII words (field values like ``day``, ``metadata``,
``PERSON``) — no article text, name or address. Rows written with a dictionary read back only
with that very dictionary: once rows are written with it, the file never changes (a new one
gets a new name and a new row tag in ``marsad.store.compact``, which checks its hash).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from pathlib import Path

from marsad.store.compact import row_json

KINDS = ("quotes", "stories", "events", "articles")  # the most common rows last (nearest)
PER_KIND = 4000  # bytes of each kind's rows: 16 KB in all (zlib looks back 32 KB)


def shape(value: object) -> object:
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(v) for v in value]
    if isinstance(value, str):
        plain = len(value) <= 12 and value.isascii() and not any(c.isdigit() for c in value)
        return value if plain else ""
    return value


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    db = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
    parts = []
    for table in KINDS:
        shapes = [
            shape(json.loads(row_json(data)))
            for (data,) in db.execute(f"SELECT data FROM {table} ORDER BY rowid LIMIT 200")  # noqa: S608 — our tables
        ]
        # each field of the first few rows (an article row's later fields are past 4 KB) ...
        pieces = ""
        for value in shapes[:6]:
            for key, field in value.items() if isinstance(value, dict) else ():
                pieces += _dumps({key: field})[:250]
        # ... and whole rows as they come
        rows = "".join(_dumps(value) + "\n" for value in shapes)
        parts.append(pieces[-PER_KIND // 2 :] + rows[-PER_KIND // 2 :])
    args.out.write_bytes("".join(parts).encode("ascii"))
    print(f"{args.out}: {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
