"""The per-article path's fast forms give exactly what the plain forms they replaced give.

Each fast path (issue 16, item 4) is checked against the straightforward code it replaced,
kept here as the oracle, on random strings built from the characters that matter and on
real SaudiNewsNet articles (when the corpus is present).
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import json
import random
import re
import sys
import unicodedata
import zipfile
import zlib
from collections import Counter
from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import marsad.arabic.normalize  # noqa: F401  (the module, not the function of that name)
from marsad import model
from marsad.arabic import STOPWORDS, light_stem, tokenize
from marsad.arabic.normalize import normalize_keep_length
from marsad.arabic.tokens import content_stems, stems
from marsad.clean import lines
from marsad.events import meetings, quotes
from marsad.ingest import read_sources
from marsad.model import Article, Document, from_dict, to_dict
from marsad.pipeline import Settings, analyze_corpus, process_document
from marsad.summarize import paraphrase as pp

nm = sys.modules["marsad.arabic.normalize"]

DATASET = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "saudinewsnet" / "dataset"
ZIPS = sorted(DATASET.glob("*.zip")) if DATASET.is_dir() else []

# The characters the folds and scans act on, and a few ordinary ones around them.
ALPHABET = (
    [chr(k) for k in (*nm._DIGITS, *nm._LETTERS, *nm._PUNCT)]
    + [c for c, _r in nm._FOLD_PAIRS]
    + list('ابتةءىـً ٌَُ \n\r\t\xa0\u2003\u200f\u202b\ufeff\u00ad.،,؛;:!?؟«»“”"„()ﻻ3x')
)


def random_texts(n: int, longest: int = 40, seed: int = 16) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, longest))) for _ in range(n)]


@pytest.fixture(scope="module")
def real_articles() -> list:
    """The first 40 articles of three SaudiNewsNet day files through every per-article stage."""
    if not ZIPS:
        pytest.skip("SaudiNewsNet corpus not present")
    out = []
    for path in (ZIPS[0], ZIPS[len(ZIPS) // 2], ZIPS[-1]):
        with zipfile.ZipFile(path) as zf:
            records = json.loads(zf.read(zf.namelist()[0]))[:40]
        for n, rec in enumerate(records):
            doc = Document(
                f"{path.name}#{n}",
                rec.get("content") or "",
                f"{path.name}#{n}",
                "saudinewsnet",
                outlet=rec.get("source"),
                url=rec.get("url"),
                title=rec.get("title"),
                published=rec.get("date_extracted"),
            )
            article = process_document(doc, Settings())
            if hasattr(article, "body"):
                out.append(article)
    assert len(out) > 60
    return out


# ---------------------------------------------------------------------------- normalise, tokens


def old_normalize(
    text: str, *, ta_marbuta: bool = True, hamza: bool = True, punctuation: bool = False
) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = nm._CONTROLS.sub("", text)
    text = nm._DIACRITICS.sub("", text).replace(nm._TATWEEL, "")
    text = text.translate(nm._DIGITS)
    if hamza:
        text = text.translate(nm._LETTERS).replace("ء", "")
    else:
        text = text.replace("ى", "ي")
    if ta_marbuta:
        text = text.replace("ة", "ه")
    if punctuation:
        text = text.translate(nm._PUNCT)
    return " ".join(text.split())


@pytest.mark.parametrize("options", [{}, {"hamza": False}, {"ta_marbuta": False}, {"punctuation": True}])
def test_normalize_is_the_translate_form(options: dict, real_articles: list) -> None:
    for text in random_texts(3000) + [a.body for a in real_articles]:
        assert nm.normalize(text, **options) == old_normalize(text, **options)
        assert nm.normalize_digits(text) == text.translate(nm._DIGITS)


def test_short_normalize_table_is_the_steps() -> None:
    # a short string is folded by one translate table (the steps after NFKC composed per
    # character): every character of the BMP, alone and inside a word, folds as the steps do
    options_sets = [(True, True, False), (True, False, False), (False, True, False), (False, False, True)]
    for options in options_sets:
        table = nm._short_table(*options)
        every = range(0x10000) if options == (True, True, False) else range(0x3000)
        for cp in every:
            if 0xD800 <= cp < 0xE000:
                continue
            for text in (chr(cp), "ب" + chr(cp) + "ا", chr(cp) + " " + chr(cp)):
                fast = " ".join(unicodedata.normalize("NFKC", text).translate(table).split())
                assert fast == nm._normalize(text, *options), (hex(cp), options)
    # and a string the steps leave unchanged is the object given, as the steps return it
    for text in ["سيمي", "أحمد", "abc", "سعد الشيباني", "ﻻ", "x\u200f", "  ب  ", "ب"]:
        for options in options_sets:
            nm._CACHES.get(options, {}).pop(text, None)
            fresh = "".join(list(text))
            assert (
                nm.normalize(fresh, ta_marbuta=options[0], hamza=options[1], punctuation=options[2]) is fresh
            ) == (nm._normalize(fresh, *options) is fresh), (text, options)


def test_normalize_cache_gives_the_fold(real_articles: list) -> None:
    # short strings are looked up after their first fold: the second call (a hit) and a call
    # with other options (another table) give what the fold gives, and a full table is emptied
    words = [w for a in real_articles for w in (a.title + " " + a.body).split()]
    texts = (
        random_texts(3000, longest=nm._SHORT + 5, seed=17)
        + words
        + [" ".join(words[i : i + 4]) for i in range(0, 2000, 3)]
    )
    options_sets = [{}, {"hamza": False}, {"ta_marbuta": False}, {"punctuation": True}]
    for _round in range(2):
        for text in texts:
            for options in options_sets:
                assert nm.normalize(text, **options) == old_normalize(text, **options)
    assert nm.normalize(words[0]) is nm.normalize(words[0])  # looked up, not folded again
    limit = nm._CACHE_MAX
    try:
        nm._CACHE_MAX = 50
        nm._DEFAULT_CACHE.clear()
        for text in texts[:500]:
            assert nm.normalize(text) == old_normalize(text)
            assert len(nm._DEFAULT_CACHE) <= 50
    finally:
        nm._CACHE_MAX = limit


def test_stems_and_tokens_are_the_word_by_word_forms(real_articles: list) -> None:
    for text in random_texts(2000) + [a.title + " " + a.body for a in real_articles]:
        old_tokens = [nm.normalize(m.group()) for m in tokenize.__globals__["_WORD"].finditer(text)]
        assert tokenize(text) == old_tokens
        assert stems(text) == [light_stem(t) for t in old_tokens]


# ---------------------------------------------------------------------------- records


def old_to_dict(record: Any) -> Any:
    if is_dataclass(record) and not isinstance(record, type):
        return {f.name: old_to_dict(getattr(record, f.name)) for f in fields(record)}
    if isinstance(record, list | tuple):
        return [old_to_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: old_to_dict(v) for k, v in record.items()}
    if isinstance(record, date):
        return record.isoformat()
    return record


def test_to_dict_is_the_generic_form(real_articles: list) -> None:
    for article in real_articles:
        fast, old = to_dict(article), old_to_dict(article)
        assert fast == old
        assert json.dumps(fast, ensure_ascii=False) == json.dumps(old, ensure_ascii=False)  # same key order
    odd = {"when": date(2015, 7, 21), "pair": (1, [2, date(2016, 1, 1)]), "n": None, "t": True, "f": 1.5}
    assert to_dict(odd) == old_to_dict(odd)
    assert to_dict(Settings) is Settings  # a class is a value, not a record


def old_from_dict(cls: type, data: Any) -> Any:
    if data is None:
        return None
    types = model._field_types(cls)
    return cls(**{name: old_coerce(tp, data[name]) for name, tp in types if name in data})


def old_coerce(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    kind, arg = model._plan(tp)
    if kind == "record":
        return old_from_dict(arg, value)
    if kind == "list":
        return [old_coerce(arg, v) for v in value]
    return value


def same_record(a: Any, b: Any) -> None:
    """Equal, and of the same types all the way down (a list stays a list, a record a record)."""
    assert type(a) is type(b)
    if is_dataclass(a):
        for f in fields(a):
            same_record(getattr(a, f.name), getattr(b, f.name))
    elif isinstance(a, list | tuple):
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            same_record(x, y)
    else:
        assert a == b


def test_from_dict_is_the_generic_form(real_articles: list) -> None:
    corpus = analyze_corpus([copy.deepcopy(a) for a in real_articles], Settings())
    records = [*corpus.articles, *corpus.events, *corpus.stories, *corpus.entities, *corpus.duplicates]
    assert corpus.events and corpus.entities and any(e.summary for e in corpus.events)
    for record in records:
        data = json.loads(json.dumps(to_dict(record), ensure_ascii=False))
        fast = from_dict(type(record), data)
        same_record(fast, old_from_dict(type(record), data))
        assert to_dict(fast) == data
        if isinstance(record, Article):  # the lists are the record's own, not the dict's
            assert fast.sentences is not data["sentences"] and fast.mentions is not data["mentions"]
    partial = {"id": "a", "origin": "o", "outlet": None, "url": None, "title": "t", "body": "نص"}
    partial |= {"mentions": None, "sentences": [None]}
    same_record(from_dict(Article, partial), old_from_dict(Article, partial))


# ---------------------------------------------------------------------------- clean


def test_display_text_skips_only_lines_it_would_not_change() -> None:
    for text in random_texts(5000, longest=12):
        assert lines.display_text(text) == lines._SPACES.sub(
            " ", lines._BREAK.sub(" ", nm._CONTROLS.sub("", text))
        )


# ---------------------------------------------------------------------------- quotes


def old_fold_with_map(text: str) -> tuple[str, list[int], list[int]]:
    k = normalize_keep_length(text)
    chars, fmap = [], []
    for i, c in enumerate(k):
        if c != "\x00":
            chars.append(c)
            fmap.append(i)
    n = len(text)
    if not fmap:
        return "", [], [0] * (n + 1)
    inv: list[int] = []
    prev = 0
    for j, pos in enumerate(fmap):
        inv.extend([j] * (pos + 1 - prev))
        prev = pos + 1
    inv.extend([len(fmap) - 1] * (n + 1 - prev))
    return "".join(chars), fmap, inv


def test_quote_folding_maps_are_the_char_by_char_ones(real_articles: list) -> None:
    for text in random_texts(5000, longest=15) + [a.body for a in real_articles]:
        assert quotes._fold_with_map(text) == old_fold_with_map(text)


def _contexts(real_articles: list) -> list:
    out = []
    for article in real_articles:
        folded, fmap, _inv = quotes._fold_with_map(article.body)
        toks = [(m.group(), m.start(), m.end()) for m in quotes._WORD.finditer(folded)]
        texts = quotes._WORD.findall(folded)
        out.append(quotes._Ctx(article, folded, fmap, toks, [t[1] for t in toks], [], texts=texts))
    return out


def old_clause_end(ctx: Any, pos: int, stop_at_cues: bool) -> int:
    text, depth, i, n = ctx.folded, [], pos, len(ctx.folded)
    while i < n:
        c = text[i]
        if c in quotes._MARKS:
            if depth and (c == quotes._OPEN.get(depth[-1]) or (c == '"' and depth[-1] == '"')):
                depth.pop()
            elif c in quotes._OPEN and not (c in quotes._CLOSE and depth):
                depth.append(c)
            elif c in quotes._CLOSE and depth:
                depth.pop()
        elif c == "\n":
            return i
        elif not depth and quotes._is_boundary(text, i):
            return i
        elif depth and quotes._is_boundary(text, i) and i + 1 < n and text[i + 1] == "\n":
            return i
        elif stop_at_cues and not depth and c in "،,؛;" and quotes._opens_report(ctx, i + 1):
            return i
        i += 1
    return n


def test_quote_scans_jump_to_the_same_places(real_articles: list) -> None:
    for ctx in _contexts(real_articles):
        text = ctx.folded
        for pos in range(0, len(text), 7):
            start = pos
            while start > 0 and not quotes._is_boundary(text, start - 1):
                start -= 1
            assert quotes._sentence_bounds(ctx, pos) == (start, old_clause_end(ctx, pos, False))
            assert quotes._clause_end(ctx, pos) == old_clause_end(ctx, pos, True)
        # the mention index answers what the scan over every mention answered
        for s, _e, i in ctx.mention_spans:
            assert i in ctx.mentions_at[s]
        assert ctx.texts == [t[0] for t in ctx.toks]
        assert ctx.cues == [quotes._cue_kind(t[0]) for t in ctx.toks]
        attrib = quotes._attrib_words()
        for word in {t[0] for t in ctx.toks} | {"و" + t[0] for t in ctx.toks}:
            assert (word in attrib) == quotes._is_attrib(word)


def test_quote_tokens_are_the_finditer_ones(real_articles: list) -> None:
    folds = [quotes._fold_with_map(a.body)[0] for a in real_articles]
    for text in random_texts(3000, longest=30) + folds + ["", "«", "قال", " قال: «نعم» "]:
        toks = [(m.group(), m.start(), m.end()) for m in quotes._WORD.finditer(text)]
        assert quotes._tokens(text) == (quotes._WORD.findall(text), [t[1] for t in toks], toks)


def old_maybe_subjects(ctx: Any) -> list[int]:
    toks, cues = ctx.toks, ctx.cues
    return [
        k
        for k, c in enumerate(cues)
        if (c is not None and c[0] in ("verb", "relay"))
        or k == 0
        or toks[k - 1][0] in quotes._END
        or (k >= 2 and toks[k - 1][0] in ("،", ",") and toks[k - 2][0] in quotes._OPENERS)
    ]


def test_quote_subject_tokens_and_phrase_words_are_the_scanned_ones(real_articles: list) -> None:
    rng = random.Random(7)
    contexts = _contexts(real_articles)
    for text in ["", "قال", "من جهته، قال", "، قال", "جهته ، ، وقال. أكد"] + random_texts(300):
        folded, fmap, _inv = quotes._fold_with_map(text)
        texts, starts, toks = quotes._tokens(folded)
        contexts.append(
            quotes._Ctx(
                Article("x", "x", None, None, None, text), folded, fmap, toks, starts, [], texts=texts
            )
        )
    for ctx in contexts:
        assert ctx.cue_at == [k for k, c in enumerate(ctx.cues) if c is not None]
        assert quotes._maybe_subjects(ctx) == old_maybe_subjects(ctx)
        text = ctx.folded
        for _ in range(50):  # the bounded searches of _speaker_from are the slice ones
            a = rng.randint(0, len(text) + 2)
            b = rng.randint(a, len(text) + 5)
            assert [(m.group(), *m.span()) for m in quotes._PHRASE_WORD.finditer(text, a, b)] == [
                (m.group(), a + m.start(), a + m.end()) for m in re.finditer(r"[^\s«»“”\"():]+", text[a:b])
            ]
            assert [m.span() for m in quotes._COMMA.finditer(text, a, b)] == [
                (a + m.start(), a + m.end()) for m in re.finditer(r"[،,]", text[a:b])
            ]


def old_content_stems(text: str) -> list[str]:
    return [light_stem(t) for t in tokenize(text) if t not in STOPWORDS and len(t) > 1 and not t.isdigit()]


def test_content_stems_are_the_token_by_token_form(real_articles: list) -> None:
    texts = random_texts(3000) + ["", "ﷺ قال", "في 2015 و 3.5 أ", "و ال الـ"]
    texts += [a.body for a in real_articles] + [a.title or "" for a in real_articles]
    for _ in range(2):  # first look-ups, then the table's
        for text in texts:
            assert content_stems(text) == old_content_stems(text)


# ---------------------------------------------------------------------------- meetings


def test_meeting_words_are_the_word_by_word_ones(real_articles: list) -> None:
    texts = random_texts(5000, longest=15) + ["ء ـ", "وزراء ـالخارجية ء", "ۥ x"]
    texts += [s.text for a in real_articles for s in a.sentences]
    for text in texts:
        folded_text = normalize_keep_length(text)
        assert meetings._folded_words(text) == (
            [w for w, _, _ in meetings._words(text, folded_text)],
            folded_text,
        )
    forms = meetings._predicate_forms()
    for article in real_articles:
        for word in {w for s in article.sentences for w in meetings._folded_words(s.text)[0]}:
            assert (word in forms) == (meetings._predicate(word) is not None)


# ---------------------------------------------------------------------------- worker -> store


def _tables(path: Path) -> dict[str, list]:
    import sqlite3

    con = sqlite3.connect(path)
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    out = {n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
    con.close()
    return out


@pytest.mark.parametrize("compress", [True, False])  # rows as SQLite keeps them, and as PostgreSQL does
def test_articles_prepared_in_workers_are_stored_as_whole_articles_are(
    compress: bool, tmp_path: Path, real_articles: list
) -> None:
    from marsad.store.sqlite import SQLiteStore, prepare_article

    class Store(SQLiteStore):
        compress_rows = compress

    for name, items in (("whole", real_articles), ("prepared", [prepare_article(a) for a in real_articles])):
        store = Store(tmp_path / f"{name}.db")
        assert store.add_articles(items) == len(real_articles)
        assert store.add_articles(items[:3]) == 0  # known ids are left alone either way
        store.close()
    whole, prepared = _tables(tmp_path / "whole.db"), _tables(tmp_path / "prepared.db")
    assert whole.keys() == prepared.keys()
    for table in whole:  # rows, and the search index's own tables (what it indexed)
        assert whole[table] == prepared[table], table


def test_an_ingest_through_worker_processes_stores_what_one_process_stores(tmp_path: Path) -> None:
    from marsad import pipeline

    if not ZIPS:
        pytest.skip("SaudiNewsNet corpus not present")
    day = min(ZIPS, key=lambda p: p.stat().st_size)
    docs = list(itertools.islice(read_sources([day]), 48))
    results = {}
    for name, workers in (("one", 1), ("two", 2)):
        settings = Settings(
            store=tmp_path / f"{name}.db", workers=workers, parallel_threshold=10, chunk_size=8
        )
        run = pipeline.ingest_documents(docs, settings)
        assert run.new_articles > 30
        results[name] = _tables(tmp_path / f"{name}.db")
    assert results["one"].keys() == results["two"].keys()
    for table in results["one"]:
        assert results["one"][table] == results["two"][table], table


def _gc_state() -> tuple[tuple[int, int, int], int]:
    import gc

    return gc.get_threshold(), gc.get_freeze_count()


def test_worker_processes_collect_garbage_rarely_and_leave_the_main_process_alone() -> None:
    import gc

    from marsad import pipeline

    before = gc.get_threshold()
    with pipeline._worker_pool(1) as pool:
        thresholds, frozen = pool.submit(_gc_state).result()
    assert thresholds == pipeline._WORKER_GC_THRESHOLDS
    assert frozen > 0  # what the worker started with is out of the collections
    assert gc.get_threshold() == before


# ---------------------------------------------------------------------------- corpus stages


def test_minhash_with_shared_permutations_is_the_one_drawn_each_time(real_articles: list) -> None:
    import numpy as np
    from datasketch import MinHash

    from marsad import dedup

    for settings in (dedup.DedupSettings(), dedup.DedupSettings(num_perm=64, seed=7)):
        for article in real_articles:
            tokens = tokenize(article.body)
            fast = dedup.signature(tokens, settings)
            if fast is None:
                continue
            old = MinHash(num_perm=settings.num_perm, seed=settings.seed, hashfunc=old_crc32)
            old.update_batch(list(old_shingles(tokens, settings.shingle_size)))
            assert np.array_equal(fast.hashvalues, old.hashvalues)
            assert np.array_equal(fast.permutations, old.permutations) and fast.scheme == old.scheme
    a, b = dedup._permutations(128, 1), dedup._permutations(128, 1)
    assert a[1] is b[1]  # drawn once


def old_crc32(data: bytes) -> int:
    return zlib.crc32(data)


def old_shingles(tokens: list[str], size: int) -> set[bytes]:
    if len(tokens) <= size:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


def test_shingles_and_the_short_body_test_are_the_slice_forms(real_articles: list) -> None:
    from marsad import dedup

    rng = random.Random(5)
    token_lists = [tokenize(a.body) for a in real_articles] + [
        [rng.choice("abcd") for _ in range(rng.randint(0, 14))] for _ in range(3000)
    ]
    for tokens in token_lists:
        for size in (1, 2, 3, 5):
            grams = old_shingles(tokens, size)
            assert dedup.shingles(tokens, size) == grams
            for least in (0, 1, 2, 8, 9):
                assert dedup._has_shingles(tokens, size, least) == (len(grams) >= least)


def test_summary_sentence_caches_give_the_computed_values(real_articles: list) -> None:
    from marsad.summarize import disagreements

    texts = [s.text for a in real_articles for s in a.sentences]
    for _round in range(2):  # the second round reads the caches
        for text in texts:
            assert disagreements.quantities(text) == tuple(disagreements._quantities(text))
            assert pp.fact_keys(text) == pp.fact_keys.__wrapped__(text)


# The summaries' word-by-word forms, as they were before the per-token and per-sentence short cuts.
def old_fact_keys(text: str) -> tuple[str, ...]:
    """Skeleton stems and ``#value`` number keys of ``text`` (stopwords dropped)."""
    # kept per sentence text, like disagreements.quantities: a changed event is summarised again
    cardinals, scales = pp.number_words()
    out: list[str] = []
    tokens = tokenize(text)
    i = 0
    while i < len(tokens):
        token = pp._DIGIT_TAIL.sub("", tokens[i])
        if token[:1] == "و" and token[1:] in cardinals:
            token = token[1:]  # «وعشرة جنود»
        value: float | None = None
        if pp._NUMBER.match(token):
            value = pp._number(token)
            i += 1
        elif token in cardinals:
            value = cardinals[token]
            i += 1
            # «واحد وأربعين»: cardinals joined by «و» add up
            while i < len(tokens) and tokens[i].startswith("و") and tokens[i][1:] in cardinals:
                value += cardinals[tokens[i][1:]]
                i += 1
        if value is not None:
            if i < len(tokens) and tokens[i] in scales:
                value *= scales[tokens[i]]
                i += 1
            out.append(f"#{value:g}")
            continue
        i += 1
        if token in scales:
            out.append(f"#{scales[token]:g}")
        elif len(token) > 1 and token not in STOPWORDS and token.isalpha():
            out.append(pp.skeleton(light_stem(token)))
    return tuple(out)


def old_digits_for_number_words(text: str) -> str:
    """``text`` with its cardinals written as words put in digits, for the figures' reader:
    «مقتل عشرة جنود» → «مقتل 10 جنود», «واحد واربعين متهماً» → «41 متهماً», «خمسة عشر» → «15».
    A lone «واحد» or «اثنين» (in «في آن واحد», «يوم الاثنين») and the «عشرة» of an ordinal
    («الرابعة عشرة») are left as written."""
    cardinals, _ = pp.number_words()
    words = [(m.start(), m.end(), nm.normalize(m.group())) for m in pp._LETTERS.finditer(text)]
    out: list[str] = []
    last = i = 0
    while i < len(words):
        start, end, word = words[i]
        waw = word[:1] == "و" and word not in cardinals and word[1:] in cardinals  # «وثلاثة مدنيين»
        if word not in cardinals and not waw:
            i += 1
            continue
        total, j = cardinals[word[1:] if waw else word], i + 1
        if word in pp._TEENS and i and words[i - 1][2].startswith("ال"):
            i += 1  # «المرتبة الرابعة عشرة», «الحادي عشر»: an ordinal, not ten
            continue

        def joined(k: int) -> bool:
            return k < len(words) and not text[words[k - 1][1] : words[k][0]].strip()

        if total < 10 and joined(j) and words[j][2] in pp._TEENS:
            total, j = total + 10, j + 1
        while joined(j) and words[j][2][:1] == "و" and words[j][2][1:] in cardinals:
            total, j = total + cardinals[words[j][2][1:]], j + 1
        if total >= 3:
            out += [text[last:start], "و" if waw else "", str(total)]
            last = words[j - 1][1]
        i = j
    return "".join(out) + text[last:]


def old_sentence_features(text: str) -> tuple[int, tuple[str, ...]]:
    from marsad.summarize import candidates

    tokens = candidates._WORD.findall(nm.normalize(text))
    return len(tokens), tuple(s for t in tokens if (s := candidates._content_stem(t)) is not None)


def number_texts(n: int, seed: int = 3) -> list[str]:
    """Random runs of cardinals (with «و», glued prepositions, teens, scales) and other words."""
    cardinals, scales = pp.number_words()
    pieces = [
        *cardinals,
        *scales,
        "و",
        "عشر",
        "عشرة",
        "الرابعة",
        "في",
        "بـ291",
        "3.2",
        "14",
        "٢٣",
        "جنود",
        "آن",
    ]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = [rng.choice(pieces) for _ in range(rng.randint(0, 10))]
        out.append("".join(w + rng.choice([" ", " ", " و", "، ", ""]) for w in words))
    return out


def test_summary_keys_are_the_word_by_word_forms(real_articles: list) -> None:
    from marsad.summarize import candidates

    texts = [s.text for a in real_articles for s in a.sentences] + number_texts(4000) + random_texts(500)
    for text in texts:
        assert pp.fact_keys.__wrapped__(text) == old_fact_keys(text)
        assert pp.digits_for_number_words(text) == old_digits_for_number_words(text)
        assert candidates.sentence_features(text) == old_sentence_features(text)
    assert any(pp.digits_for_number_words(t) != t for t in texts)  # the cardinal path is exercised


def test_kept_best_candidates_are_the_computed_ones_and_follow_changes(real_articles: list) -> None:
    from marsad.summarize import event as ev
    from marsad.summarize.settings import SummarySettings

    settings = SummarySettings()
    for _ in range(2):  # computed, then kept
        for article in real_articles:
            assert ev._best_candidates(article, settings) == ev._ranked_best(article, settings)
    # a changed article (same id) is worked out again: sentences, blocks, settings
    article = copy.deepcopy(max(real_articles, key=lambda a: len(a.sentences)))
    ev._best_candidates(article, settings)
    first, *rest = article.sentences
    article.sentences = [dataclasses.replace(first, text=rest[0].text), *rest[:-1]]
    assert ev._best_candidates(article, settings) == ev._ranked_best(article, settings)
    b = article.sentences[0].block
    article.blocks[b] = dataclasses.replace(article.blocks[b], kind="heading")
    assert ev._best_candidates(article, settings) == ev._ranked_best(article, settings)
    fewer = SummarySettings(event_sentences_per_article=2)
    assert ev._best_candidates(article, fewer) == ev._ranked_best(article, fewer)
    assert len(ev._best_candidates(article, fewer)) <= 2


def test_prose_test_counts_arabic_letters_as_the_letter_list_did(real_articles: list) -> None:
    from marsad.summarize import candidates as cd

    letter = re.compile("[\u0621-\u064a]")
    texts = [s.text for a in real_articles for s in a.sentences] + random_texts(2000) + ["", "abc"]
    for text in texts:
        assert sum(map(len, cd._ARABIC_RUN.findall(text))) == len(letter.findall(text))


def old_tfidf_rows(stem_lists: list) -> tuple[dict[str, int], list[list[int]]]:
    vocab: dict[str, int] = {}
    rows = [[vocab.setdefault(s, len(vocab)) for s in stems] for stems in stem_lists]
    return vocab, rows


def test_tfidf_matrix_is_the_one_built_stem_by_stem(real_articles: list) -> None:
    import numpy as np

    from marsad.summarize import ranking
    from marsad.summarize.candidates import sentence_features

    rng = random.Random(5)
    for article in real_articles:
        stem_lists = [list(sentence_features(s.text)[1]) for s in article.sentences]
        vocab, rows = old_tfidf_rows(stem_lists)
        main, extra = ranking.tfidf_matrix(
            stem_lists, [stem_lists[0][:3] + ["غير_موجود"]] if stem_lists else []
        )
        old_main = ranking._counts(rows, len(vocab))
        assert main.n_rows == len(rows) and main.n_cols == len(vocab)
        df = np.bincount(old_main[1], minlength=len(vocab))
        idf = np.log((len(rows) + 1) / (df + 1)) + 1.0
        expected = ranking._weigh(*old_main, idf, len(rows))
        for name in ("rows", "cols", "weights"):
            assert np.array_equal(getattr(main, name), getattr(expected, name))
    for _ in range(200):  # random stem lists with repeats and empties
        lists = [[rng.choice("abcdefg") for _ in range(rng.randint(0, 6))] for _ in range(rng.randint(0, 6))]
        vocab, rows = old_tfidf_rows(lists)
        main, _ = ranking.tfidf_matrix(lists)
        assert np.array_equal(main.cols, ranking._counts(rows, len(vocab))[1])


# ---------------------------------------------------------------------------- event features


def old_weighted_jaccard(a: dict, b: dict, b_scale: float = 1.0) -> float:
    if not a or not b:
        return 0.0
    shared = total = 0.0
    for k, v in a.items():
        w = b.get(k, 0.0) / b_scale
        shared += min(v, w)
        total += max(v, w)
    total += sum(v / b_scale for k, v in b.items() if k not in a)
    return shared / total if total else 0.0


def old_coverage(a: dict, b: dict) -> float:
    total = sum(a.values())
    return sum(v for k, v in a.items() if k in b) / total if total else 0.0


def test_vector_scores_are_the_key_by_key_forms(real_articles: list) -> None:
    from marsad.cluster import features

    # real entity vectors (one article's IDF-weighted keys) and random ones with ties and
    # equal weights on both sides; the scores must be the same floats, bit for bit
    vocabulary = features.Vocabulary()
    counts = []
    for article in real_articles:
        c = Counter("e:" + features.entity_key(m) for m in article.mentions)
        vocabulary.add(set(c))
        counts.append(c)
    vectors = [vocabulary.weigh_counts(c) for c in counts]
    rng = random.Random(11)
    keys = [f"k{i}" for i in range(30)]
    for _ in range(2000):
        a = {k: rng.choice([0.5, 1.0, 2.0, rng.random()]) for k in rng.sample(keys, rng.randint(0, 8))}
        b = {k: rng.choice([0.5, 1.0, 2.0, rng.random()]) for k in rng.sample(keys, rng.randint(0, 12))}
        vectors.append(a)
        vectors.append(b)
    for a, b in zip(vectors, vectors[1:] + vectors[:1], strict=True):
        for scale in (1.0, 2.0, 3.7):
            assert features.weighted_jaccard(a, b, scale) == old_weighted_jaccard(a, b, scale)
        assert features.coverage(a, b) == old_coverage(a, b)
        assert features.coverage(b, a) == old_coverage(b, a)


def old_key_table(live: dict, events: list, wanted: set | None) -> dict:
    table: dict = {}
    for event_id in events:
        st = live[event_id]
        if st.span is None:
            continue
        if wanted is None:
            keys = [*st.centroid, *st.entities]
        elif len(wanted) < len(st.centroid) + len(st.entities):
            keys = [k for k in wanted if k in st.centroid or k in st.entities]
        else:
            keys = [k for k in (*st.centroid, *st.entities) if k in wanted]
        for d in range(st.span[0].toordinal(), st.span[1].toordinal() + 1) if keys else ():
            for k in keys:
                table.setdefault(d, {}).setdefault(k, set()).add(event_id)
    return table


def test_mention_key_table_is_the_key_by_key_one() -> None:
    from types import SimpleNamespace

    from marsad.cluster import mentions

    rng = random.Random(12)
    stems = [f"s{i}" for i in range(60)]
    ents = [f"e:{i}" for i in range(20)]
    live = {}
    for n in range(300):
        first = date(2015, 1, rng.randint(1, 20))
        live[f"E{n}"] = SimpleNamespace(
            centroid={k: rng.random() for k in rng.sample(stems, rng.randint(0, 40))},
            entities={k: rng.random() for k in rng.sample(ents, rng.randint(0, 6))},
            span=None
            if rng.random() < 0.1
            else (first, first.fromordinal(first.toordinal() + rng.randint(0, 2))),
        )
    events = sorted(live)
    for wanted in (None, set(), set(rng.sample(stems + ents, 5)), set(stems + ents)):
        table = mentions._key_table(live, events, wanted)  # type: ignore[arg-type]
        plain = {d: {k: v for k, v in by_key.items() if v} for d, by_key in table.items()}
        assert {d: t for d, t in plain.items() if t} == old_key_table(live, events, wanted)
