"""Store bytes per article, table by table, beside the same store written the earlier way.

    .venv/bin/python benchmarks/bench_store_size.py STORE.db

Three copies of STORE are made (the store itself is not changed):

- "now": every article row as the store writes it now (body once, slices as offsets, see
  ``marsad.store.compact``, then zlib'd behind a version tag; quote rows without their text,
  which is a slice of the body, and quote, event and story rows zlib'd too) and a contentless
  search index;
- "packed": the same rows as JSON text, not compressed (how session 3 wrote them);
- "baseline": every article row as full ``to_dict`` JSON (each sentence, block, mention and
  key point with its own text) and a search index that keeps a copy of what it indexes —
  how the store was written before session 3.

Both hold exactly the same records (checked on a sample), the same events, stories, entities
and corpus state; each is vacuumed before it is measured.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
from pathlib import Path

from marsad.arabic import normalize
from marsad.model import Article, from_dict, to_dict
from marsad.store.compact import (
    decode_row,
    encode_row,
    pack_article,
    pack_quote,
    unpack_article,
    unpack_quote,
)
from marsad.store.sqlite import _stems

FTS = "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, stems, {extra}tokenize = 'unicode61 remove_diacritics 2')"


def rewrite(src: Path, dst: Path, *, mode: str) -> None:
    """``mode``: "now", "packed" or "baseline" (see the module's docstring)."""
    db = sqlite3.connect(src)
    db.execute(f"VACUUM INTO '{dst}'")
    db.close()
    db = sqlite3.connect(dst)
    rows = db.execute("SELECT rowid, data FROM articles").fetchall()
    compress = mode == "now"
    with db:
        db.execute("DROP TABLE articles_fts")
        db.execute(FTS.format(extra="content = '', " if mode != "baseline" else ""))
        bodies = {}
        for rowid, data in rows:
            record = unpack_article(decode_row(data))
            title = record.get("title") or ""
            body = bodies[record["id"]] = record["body"]
            text = record if mode == "baseline" else pack_article(record)
            db.execute(
                "UPDATE articles SET data=? WHERE rowid=?", (encode_row(text, compress=compress), rowid)
            )
            db.execute(
                "INSERT INTO articles_fts(rowid, title, body, stems) VALUES (?,?,?,?)",
                (rowid, normalize(title), normalize(body), _stems(title + " " + body)),
            )
        for table in ("quotes", "events", "stories"):
            if db.execute("SELECT 1 FROM sqlite_master WHERE name=?", (table,)).fetchone():
                rows = db.execute(
                    f"SELECT rowid, data, {'article_id' if table == 'quotes' else 'NULL'} FROM {table}"
                )
                db.executemany(
                    f"UPDATE {table} SET data=? WHERE rowid=?",
                    (
                        (
                            encode_row(
                                _packed(table, decode_row(data), bodies.get(owner), compress),
                                compress=compress,
                            ),
                            rowid,
                        )
                        for rowid, data, owner in rows.fetchall()
                    ),
                )
    db.execute("VACUUM")
    db.close()


def _packed(table: str, data: dict, body: str | None, compress: bool) -> dict:
    """A quote row as the store writes it now: its text left to the article's body."""
    if table != "quotes":
        return data
    data = unpack_quote(data, body)
    return pack_quote(data, body or "") if compress else data


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
                decode_row(da.execute("SELECT data FROM articles WHERE id=?", (ident,)).fetchone()[0])
            ),
        )
        rb = from_dict(
            Article,
            unpack_article(
                decode_row(db_.execute("SELECT data FROM articles WHERE id=?", (ident,)).fetchone()[0])
            ),
        )
        if to_dict(ra) != to_dict(rb):
            return False
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store", type=Path)
    ap.add_argument("--modes", default="now,packed,baseline", help="the copies to make (now first)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-store-size-"))
    modes = tuple(args.modes.split(","))
    paths = {m: work / f"{m}.db" for m in modes}
    for mode, path in paths.items():
        rewrite(args.store, path, mode=mode)
    n = sqlite3.connect(paths["now"]).execute("SELECT count(*) FROM articles").fetchone()[0]
    got = {m: sizes(p) for m, p in paths.items()}
    same = all(same_records(paths["now"], paths[m]) for m in modes[1:])
    print(f"{n} articles; same records in every copy: {same}")
    print(f"{'table':24}" + "".join(f"{m + ' KB/art':>17}" for m in modes))
    names = set().union(*got.values())
    for name in sorted(names, key=lambda k: -got[modes[-1]].get(k, 0)):
        if max(g.get(name, 0) for g in got.values()) / n >= 50:
            print(f"{name:24}" + "".join(f"{got[m].get(name, 0) / 1024 / n:17.2f}" for m in modes))
    totals = {m: sum(g.values()) for m, g in got.items()}
    ratios = ", ".join(f"now/{m} {totals['now'] / totals[m]:.3f}" for m in modes[1:])
    print(f"{'total':24}" + "".join(f"{totals[m] / 1024 / n:17.2f}" for m in modes) + f"   {ratios}")


if __name__ == "__main__":
    main()
