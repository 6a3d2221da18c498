"""Store bytes per article, table by table, beside the same store written the earlier way.

    .venv/bin/python benchmarks/bench_store_size.py STORE.db

Two copies of STORE are made (the store itself is not changed):

- "packed": every article row as the store writes it now (body once, slices as offsets,
  see ``marsad.store.compact``) and a contentless search index;
- "baseline": every article row as full ``to_dict`` JSON (each sentence, block, mention and
  key point with its own text) and a search index that keeps a copy of what it indexes —
  how the store was written before.

Both hold exactly the same records (checked on a sample), the same events, stories, entities
and corpus state; each is vacuumed before it is measured.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import tempfile
from pathlib import Path

from marsad.arabic import normalize
from marsad.model import Article, from_dict, to_dict
from marsad.store.compact import pack_article, unpack_article
from marsad.store.sqlite import _stems

FTS = "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, stems, {extra}tokenize = 'unicode61 remove_diacritics 2')"


def rewrite(src: Path, dst: Path, *, packed: bool) -> None:
    db = sqlite3.connect(src)
    db.execute(f"VACUUM INTO '{dst}'")
    db.close()
    db = sqlite3.connect(dst)
    rows = db.execute("SELECT rowid, data FROM articles").fetchall()
    with db:
        db.execute("DROP TABLE articles_fts")
        db.execute(FTS.format(extra="content = '', " if packed else ""))
        for rowid, data in rows:
            record = unpack_article(json.loads(data))
            text = pack_article(record) if packed else record
            body, title = record["body"], record.get("title") or ""
            db.execute(
                "UPDATE articles SET data=? WHERE rowid=?",
                (json.dumps(text, ensure_ascii=False, separators=(",", ":")), rowid),
            )
            db.execute(
                "INSERT INTO articles_fts(rowid, title, body, stems) VALUES (?,?,?,?)",
                (rowid, normalize(title), normalize(body), _stems(title + " " + body)),
            )
    db.execute("VACUUM")
    db.close()


def sizes(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    out: dict[str, int] = {}
    for name, size in db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
        group = "articles_fts" if name.startswith("articles_fts") else name
        group = group if not group.startswith("sqlite_autoindex") else "indexes"
        out[group] = out.get(group, 0) + size
    db.close()
    return out


def same_records(a: Path, b: Path, sample: int = 200) -> bool:
    da, db_ = sqlite3.connect(a), sqlite3.connect(b)
    ids = [r[0] for r in da.execute("SELECT id FROM articles")]
    for ident in random.Random(0).sample(ids, min(sample, len(ids))):
        ra = from_dict(
            Article,
            unpack_article(
                json.loads(da.execute("SELECT data FROM articles WHERE id=?", (ident,)).fetchone()[0])
            ),
        )
        rb = from_dict(
            Article,
            unpack_article(
                json.loads(db_.execute("SELECT data FROM articles WHERE id=?", (ident,)).fetchone()[0])
            ),
        )
        if to_dict(ra) != to_dict(rb):
            return False
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store", type=Path)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-store-size-"))
    packed, plain = work / "packed.db", work / "baseline.db"
    rewrite(args.store, packed, packed=True)
    rewrite(args.store, plain, packed=False)
    n = sqlite3.connect(packed).execute("SELECT count(*) FROM articles").fetchone()[0]
    sp, sb = sizes(packed), sizes(plain)
    print(f"{n} articles; same records in both copies: {same_records(packed, plain)}")
    print(f"{'table':24}{'packed KB/art':>15}{'baseline KB/art':>17}")
    for name in sorted(set(sp) | set(sb), key=lambda k: -sb.get(k, 0)):
        if max(sp.get(name, 0), sb.get(name, 0)) / n >= 50:
            print(f"{name:24}{sp.get(name, 0) / 1024 / n:15.2f}{sb.get(name, 0) / 1024 / n:17.2f}")
    tp, tb = sum(sp.values()), sum(sb.values())
    print(f"{'total':24}{tp / 1024 / n:15.2f}{tb / 1024 / n:17.2f}   ratio {tp / tb:.3f}")


if __name__ == "__main__":
    main()
