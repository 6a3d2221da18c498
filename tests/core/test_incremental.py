"""The corpus state: new articles update only what they touch, and a rebuild gives the same."""

import io
import json
import sqlite3
import zipfile
import zlib
from pathlib import Path

import pytest

from marsad import pipeline
from marsad.ingest import read_sources
from marsad.model import Article, to_dict
from marsad.store import open_store

SNN = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "saudinewsnet" / "dataset"
DAYS = ["2015-07-21", "2015-07-22", "2015-07-23"]
pytestmark = pytest.mark.skipif(not SNN.exists(), reason="SaudiNewsNet not present")


def day_file(tmp: Path, day: str, n: int, skip: int = 0) -> Path:
    """The first ``n`` records of a real SaudiNewsNet day file (a sample, to keep the test short)."""
    with zipfile.ZipFile(SNN / f"{day}.zip") as zf:
        records = json.loads(zf.read(f"{day}.json"))[skip : skip + n]
    path = tmp / f"{day}-{skip}.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def snapshot(location) -> dict:
    store = open_store(location, read_only=True)
    try:
        return {
            "articles": [to_dict(a) for a in store.iter_articles()],
            "events": to_dict(store.list_events(limit=10**6).items),
            "stories": to_dict(store.list_stories(limit=10**6).items),
            "entities": to_dict(store.list_entities(limit=10**6).items),
            "duplicates": to_dict(store.duplicates()),
        }
    finally:
        store.close()


@pytest.fixture(scope="module")
def days(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("snn")
    return [day_file(tmp, d, 45) for d in DAYS]


def saved_state(location) -> tuple[bytes, list]:
    store = open_store(location, read_only=True)
    try:
        return store.load_state("corpus"), json.loads(store.load_state("corpus_log") or b"[]")
    finally:
        store.close()


# "log": the state is saved whole once, then each update only logs its chunks, and the next
# update runs them again first: the results must be those of saving it whole every time.
@pytest.mark.parametrize("saving", ["whole", "log"])
def test_adding_days_in_order_gives_what_a_rebuild_gives(days, tmp_path, saving):
    settings = pipeline.Settings(store=tmp_path / "m.db", workers=1, corpus_chunk=40, state_saving=saving)
    counts, updated, states = [], [], []
    for path in days:
        result = pipeline.run([path], settings)
        assert result.corpus is not None and result.corpus.updated == result.new_articles > 0
        counts.append(result.corpus.n_events)
        updated.append(result.corpus.updated)
        states.append(saved_state(settings.store))
    if saving == "log":  # the state written once; the log holds every chunk added since
        assert all(blob == states[0][0] for blob, _ in states) and states[0][1] == []
        assert sum(len(ids) for _, ids in states[-1][1]) == sum(updated[1:])
    else:
        assert all(log == [] for _, log in states)
    assert counts == sorted(counts) and counts[0] < counts[-1]  # events grow as days arrive
    incremental = snapshot(settings.store)
    assert incremental["events"] and incremental["stories"] and incremental["entities"]
    pipeline.rebuild(settings)
    assert snapshot(settings.store) == incremental


def test_known_articles_are_skipped_without_rewriting_anything(days, tmp_path):
    settings = pipeline.Settings(store=tmp_path / "m.db", workers=1)
    pipeline.run(days[:2], settings)
    db = sqlite3.connect(tmp_path / "m.db")
    before = db.execute("SELECT count(*), total_changes() FROM articles").fetchone()
    db.close()
    again = pipeline.run(days[:1], settings)
    assert again.new_articles == 0 and again.known_articles > 0
    assert again.corpus is not None and again.corpus.updated == 0
    assert snapshot(settings.store)["articles"]  # still there
    db = sqlite3.connect(tmp_path / "m.db")
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == before[0]
    db.close()


def test_new_articles_touch_only_their_events(days, tmp_path):
    settings = pipeline.Settings(store=tmp_path / "m.db", workers=1)
    pipeline.run(days[:2], settings)
    first = snapshot(settings.store)
    pipeline.run([day_file(tmp_path, DAYS[2], 5, skip=100)], settings)
    second = snapshot(settings.store)
    old = {e["id"]: e for e in first["events"]}
    new = {e["id"]: e for e in second["events"]}
    assert set(old) <= set(new)  # events keep their ids
    changed = [i for i in old if old[i] != new[i]]
    assert len(changed) < len(old) / 4  # five articles touch few of the events
    kept = {e["id"] for e in first["entities"]}
    now = {e["id"] for e in second["entities"]}
    store = open_store(settings.store, read_only=True)
    try:  # an entity id that disappeared was merged, and says where it went
        assert all(store.redirect("entity", gone) in now for gone in kept - now)
    finally:
        store.close()


def test_every_article_stage_updates_and_returns_the_record_it_is_given(days):
    from marsad.clean import clean_document

    doc = next(d for d in read_sources([days[0]]) if not hasattr(d, "reason"))
    settings = pipeline.Settings(workers=1)
    article = clean_document(doc, settings.clean)
    assert isinstance(article, Article)
    for name, stage in pipeline.ARTICLE_STAGES:
        assert stage(article, settings) is article, name


SEEDS = SNN.parents[1] / "seeds"


@pytest.mark.skipif(not SEEDS.exists(), reason="the seeds are not present")
def test_roles_in_articles_dated_by_their_event_carry_that_date(tmp_path):
    """The product path (``run`` → ``update_corpus``) dates roles as ``analyze_corpus`` does."""
    location = tmp_path / "seeds.db"
    pipeline.run([SEEDS], pipeline.Settings(store=location, workers=1))
    store = open_store(location, read_only=True)
    try:
        published = {a.id: a.published for a in store.iter_articles()}
        roles = [r for e in store.list_entities(limit=10**6).items for r in e.roles]
    finally:
        store.close()
    dated_by_event = [
        r for r in roles if published[r.article_id] and published[r.article_id].source == "event"
    ]
    assert dated_by_event, "the seeds have undated articles whose event dates them"
    for r in dated_by_event:
        assert r.date == published[r.article_id].date, r
    assert all(r.date for r in roles), [r for r in roles if not r.date]


@pytest.mark.skipif(not SEEDS.exists(), reason="the seeds are not present")
def test_entity_records_changed_in_place_are_written_back(tmp_path, monkeypatch):
    """The seeds in chunks of 3 (mentions, merges and roles dated through events reach
    entities made in earlier chunks), once with every entity record read back from the store
    in each chunk and once with all of them kept in memory: the same entities."""
    from marsad import incremental

    out = []
    for keep in (0, incremental._KEEP_ENTITIES):
        monkeypatch.setattr(incremental, "_KEEP_ENTITIES", keep)
        location = tmp_path / f"seeds-{keep}.db"
        pipeline.run([SEEDS], pipeline.Settings(store=location, workers=1, corpus_chunk=3))
        out.append(snapshot(location))
    assert out[0]["entities"] and any(r["date"] for e in out[0]["entities"] for r in e["roles"])
    assert out[0] == out[1]


def test_a_state_kept_in_memory_between_updates_gives_what_loading_it_gives(days, tmp_path, monkeypatch):
    """``marsad watch`` keeps the corpus state between rounds (pipeline.CorpusCache): the same
    results as loading it from the store each time, without loading it; and when another
    process updated the store in between, the kept state is not used."""
    from marsad.incremental import CorpusState

    loads = []
    original = CorpusState.loads
    monkeypatch.setattr(CorpusState, "loads", staticmethod(lambda *a: loads.append(1) or original(*a)))
    kept = pipeline.Settings(store=tmp_path / "kept.db", workers=1, corpus_chunk=40, state_saving="auto")
    loaded = pipeline.Settings(store=tmp_path / "loaded.db", workers=1, corpus_chunk=40, state_saving="auto")
    cache = pipeline.CorpusCache()
    for path in days[:2]:
        pipeline.ingest([path], kept)
        pipeline.update_corpus(kept, cache=cache)
    assert loads == []  # the first update starts empty, the second from the kept state
    for path in days[:2]:
        pipeline.ingest([path], loaded)
        pipeline.update_corpus(loaded)
    assert len(loads) == 1
    assert snapshot(kept.store) == snapshot(loaded.store)
    # another process (no cache) updates the kept store: the next cached update loads again
    extra = [day_file(tmp_path, DAYS[2], 5, skip=100), day_file(tmp_path, DAYS[2], 5, skip=110)]
    for settings in (kept, loaded):
        pipeline.ingest([extra[0]], settings)
        pipeline.update_corpus(settings)
    before = len(loads)
    for settings in (kept, loaded):
        pipeline.ingest([extra[1]], settings)
        pipeline.update_corpus(settings, cache=cache if settings is kept else None)
    assert len(loads) == before + 2
    assert snapshot(kept.store) == snapshot(loaded.store)


def test_per_article_records_read_back_from_the_store_give_the_same_corpus(days, tmp_path, monkeypatch):
    """The clusterer's features and article records, what each event added to its story,
    and the entities' records are store rows (``corpus_rows``), not part of the pickled
    state, and the MinHash signatures are made again from the stored bodies: with none of them kept in memory between chunks (every
    one read back from its row when asked for, so a change made in place and not written
    back would be lost), adding the days in order still gives what a rebuild gives."""
    from marsad import incremental

    monkeypatch.setattr(incremental, "_KEEP_FEATURES", 0)
    monkeypatch.setattr(incremental, "_KEEP_ENTITIES", 0)
    monkeypatch.setattr(incremental, "_KEEP_SIGNATURES", 0)  # every one made again from its body
    settings = pipeline.Settings(store=tmp_path / "m.db", workers=1, corpus_chunk=20, state_saving="log")
    for path in days:
        pipeline.run([path], settings)
    incremental_run = snapshot(settings.store)
    rows = _rows_by_kind(settings.store)
    n_articles = len(incremental_run["articles"])
    # one record per article; articles whose event links changed were written again (the
    # rows a state saved before refers to are kept while its log is run again)
    assert len(rows["cluster_features"]) == len(set(rows["cluster_features"])) == n_articles
    assert len(set(rows["cluster_article"])) == n_articles <= len(rows["cluster_article"])
    assert "dedup_signature" not in rows and rows["story_part"]
    assert len(set(rows["entity"])) == len(incremental_run["entities"]) < len(rows["entity"])
    blob, _ = saved_state(settings.store)
    fingerprint = incremental.code_fingerprint(settings.dedup, settings.entities, settings.cluster)
    state = incremental.CorpusState.loads(blob, fingerprint)
    assert state is not None and state.clusterer.features.resident() == {}
    # saved whole after the first day (then only the log): its keys are those it had seen,
    # while the rows hold every article since (read only once the log is run again)
    assert len(state.clusterer.features) == state.articles < n_articles
    monkeypatch.undo()
    pipeline.rebuild(settings)
    assert snapshot(settings.store) == incremental_run
    # saved whole: the rows of values written over are gone, one row per record is left
    blob, _ = saved_state(settings.store)
    state = incremental.CorpusState.loads(blob, fingerprint)
    assert state is not None
    rows = _rows_by_kind(settings.store)
    for records in state._records():
        assert sorted(rows[records.kind]) == sorted(records), records.kind


def _rows_by_kind(location) -> dict[str, list[str]]:
    """Record ids (row ids without their write number) of each kind of corpus_rows rows."""
    db = sqlite3.connect(location)
    try:
        out: dict[str, list[str]] = {}
        for kind, row in db.execute("SELECT kind, id FROM corpus_rows"):
            out.setdefault(kind, []).append(row.rsplit("#", 1)[0])
        return out
    finally:
        db.close()


class _Rows:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], bytes] = {}
        self.reads = 0

    def load_records(self, kind, ids):
        self.reads += 1
        return {i: self.rows[(kind, i)] for i in ids if (kind, i) in self.rows}

    def save_records(self, kind, rows, removed=()):
        for i in removed:
            self.rows.pop((kind, i), None)
        self.rows.update({(kind, i): d for i, d in rows.items()})


def _links(value: dict) -> tuple:
    return tuple(value["links"])


def test_stored_records_pickle_their_keys_and_write_back_what_changed_in_place():
    import pickle

    from marsad.store.records import StoredRecords

    rows = _Rows()
    records: StoredRecords[dict] = StoredRecords("k", view=_links)
    records.attach(rows)
    records["a"] = {"links": [], "text": "أ"}
    records["b"] = {"links": ["e1"], "text": "ب"}
    records.flush()
    assert len(rows.rows) == 2 and records.resident() == {}
    saved = pickle.dumps(records)  # keys only: no values, no store
    again = pickle.loads(saved)
    assert list(again) == ["a", "b"] and again.resident() == {}
    again.attach(rows)
    value = again["a"]
    assert value == {"links": [], "text": "أ"} and again.changed() == []
    value["links"].append("e2")  # changed in place: its view changed, so it is written again
    assert again.changed() == ["a"]
    again.flush()
    del again["b"]
    again.flush()
    assert len(rows.rows) == 3  # a new row for «a»; the old ones stay until collected
    older = pickle.loads(saved)  # a state saved before (its log not run again yet) reads its own rows
    older.attach(rows)
    assert older["a"]["links"] == [] and older["b"]["links"] == ["e1"]
    newer = pickle.loads(pickle.dumps(again))
    newer.attach(rows)
    assert newer["a"]["links"] == ["e2"] and "b" not in newer and newer.get("b") is None
    assert newer._garbage == []  # what to collect is not part of a saved state
    again.collect()  # once the newer state is saved: the rows only the older one read go
    assert len(rows.rows) == 1
    newer["b"] = {"links": [], "text": "again"}  # set again after a delete: a row of its own
    newer.flush()
    assert newer["b"]["text"] == "again" and len(rows.rows) == 2
    with pytest.raises(RuntimeError):  # changes not flushed are never pickled away
        newer["d"] = {"links": [], "text": ""}
        pickle.dumps(newer)


def test_the_compact_duplicate_index_finds_the_batch_finders_groups_whatever_the_batches():
    """DuplicateIndex keeps its LSH as 64-bit bucket keys of datasketch's bands: grown in
    batches, it gives the groups (and canonicals) of dedup.find_duplicates over the same
    real articles, wire copies and lightly edited re-publications included."""
    import copy
    import pickle

    from marsad.dedup import DedupSettings, find_duplicates
    from marsad.incremental import DuplicateIndex
    from marsad.model import Published

    articles = []
    for day in DAYS[:2]:
        with zipfile.ZipFile(SNN / f"{day}.zip") as zf:
            records = json.loads(zf.read(f"{day}.json"))[:300]
        for n, r in enumerate(records):
            articles.append(
                Article(
                    id=f"{day}-{n:04d}",
                    origin=day,
                    outlet=r.get("source"),
                    url=r.get("url"),
                    title=r.get("title"),
                    body=r.get("content") or "",
                    published=Published(day, "source"),
                )
            )
    for n, a in enumerate(articles[:60:3]):  # copies: exact, and with a sentence cut or a word changed
        words = a.body.split()
        bodies = [a.body, " ".join(words[: max(1, len(words) * 9 // 10)]), " ".join(["عاجل", *words[1:]])]
        copy_ = copy.copy(a)
        copy_.id, copy_.body = f"copy-{n:03d}", bodies[n % 3]
        articles.append(copy_)
    settings = DedupSettings()
    batch = find_duplicates([copy.copy(a) for a in articles], settings)
    assert any(g.kind == "near" for g in batch) and any(g.kind == "exact" for g in batch)
    index = DuplicateIndex(settings)
    by_id = {a.id: a for a in articles}
    reads = []

    class Bodies:  # the store's article_bodies
        def article_bodies(self, ids):
            reads.extend(ids)
            return {i: by_id[i].body for i in ids}

    index.attach(Bodies())
    shuffled = sorted(articles, key=lambda a: a.id[::-1])
    for start in range(0, len(shuffled), 170):
        index.add([copy.copy(a) for a in shuffled[start : start + 170]])
        index = pickle.loads(pickle.dumps(index))  # saved and loaded: no signature kept
        index.attach(Bodies())
    assert [(g.canonical, g.members, g.kind) for g in index.groups()] == [
        (g.canonical, g.members, g.kind) for g in batch
    ]
    assert reads  # signatures of earlier batches were made again from their bodies


def test_a_state_whose_records_are_gone_from_the_store_is_rebuilt(days, tmp_path):
    """Rows of corpus_rows deleted (or a store copied without them): the next update
    cannot use the state, and rebuilds the corpus instead of failing."""
    settings = pipeline.Settings(store=tmp_path / "m.db", workers=1, corpus_chunk=40)
    pipeline.run(days[:2], settings)
    db = sqlite3.connect(settings.store)
    with db:
        db.execute("DELETE FROM corpus_rows WHERE kind='cluster_features'")
    db.close()
    result = pipeline.run([days[2]], settings)
    assert result.corpus is not None and result.corpus.updated == result.corpus.n_articles
    after = snapshot(settings.store)
    pipeline.rebuild(settings)
    assert snapshot(settings.store) == after


def _same(a, b) -> bool:
    """Equal, of the same types, dicts in the same order, floats to the bit."""
    import dataclasses
    import struct

    if type(a) is not type(b):
        return False
    if dataclasses.is_dataclass(a):
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return struct.pack("<d", a) == struct.pack("<d", b)
    return a == b


def test_packed_rows_read_back_exactly_what_was_written(days, tmp_path, monkeypatch):
    """The rows of the corpus state keep fields in order and strings as numbers of one
    table: every record a real run writes (features, story parts, compact articles,
    entities) reads back equal, of the same types, its weights to the bit and in their
    order (a centroid sums them in that order) — and smaller than the pickled record."""
    import copy
    import pickle

    from marsad import incremental
    from marsad.cluster.state import ClusterRows
    from marsad.store.records import encode_pickle

    written = []

    def spy(cls, encode, decode):
        def wrapped(self, *args):  # (value) or (key, value)
            data = getattr(cls, encode).__wrapped__(self, *args)
            written.append((self, decode, copy.deepcopy(args[-1]), data))
            return data

        wrapped.__wrapped__ = getattr(cls, encode)
        wrapped.__name__ = encode  # a bound method pickles as its name
        monkeypatch.setattr(cls, encode, wrapped)

    for cls, encode, decode in [
        (ClusterRows, "encode_features", "decode_features"),
        (ClusterRows, "encode_part_of", "decode_part"),
        (incremental.CorpusRows, "encode_article", "decode_article"),
        (incremental.CorpusRows, "encode_entity", "decode_entity"),
    ]:
        spy(cls, encode, decode)
    settings = pipeline.Settings(store=tmp_path / "m.db", workers=1, corpus_chunk=40)
    pipeline.run(days[:2], settings)
    kinds = {decode for _, decode, _, _ in written}
    assert len(kinds) == 4
    packed = plain = 0
    store = open_store(settings.store, read_only=True)
    named = 0  # story parts written as the id of the event's sole member
    for codec, decode, value, data in written:
        if isinstance(codec, ClusterRows):  # its clusterer reads the features a part may name
            codec.clusterer.features.attach(store)
        assert _same(getattr(codec, decode)(data), value), decode
        named += decode == "decode_part" and type(pickle.loads(zlib.decompress(data))[0]) is str
        packed += len(data)
        plain += len(encode_pickle(value))
    store.close()
    parts = sum(1 for _, decode, _, _ in written if decode == "decode_part")
    assert parts / 2 < named < parts
    assert packed < plain * 0.7
    monkeypatch.undo()
    # the table is pickled with the state (one copy for all four kinds of rows)
    blob, _ = saved_state(settings.store)
    fingerprint = incremental.code_fingerprint(settings.dedup, settings.entities, settings.cluster)
    state = incremental.CorpusState.loads(blob, fingerprint)
    assert state is not None
    tables = {id(r.decode.__self__.terms) for r in state._records() if hasattr(r.decode, "__self__")}
    assert len(tables) == 1 and len(
        pickle.loads(pickle.dumps(state.clusterer.features.decode.__self__.terms))
    )


def test_a_state_saved_by_other_code_is_rebuilt_never_read(days, tmp_path, monkeypatch):
    """A change to the code the state depends on (its row format included) changes the
    fingerprint: the saved state is not read, the corpus is rebuilt from the articles."""
    from marsad import incremental

    settings = pipeline.Settings(store=tmp_path / "m.db", workers=1, corpus_chunk=40)
    pipeline.run(days[:2], settings)
    first = incremental.code_fingerprint(settings.dedup, settings.entities, settings.cluster)
    monkeypatch.setattr(incremental, "_STATE_SOURCES", (*incremental._STATE_SOURCES, "model.py"))
    assert incremental.code_fingerprint(settings.dedup, settings.entities, settings.cluster) != first
    loads = []
    real = incremental.CorpusState.loads
    monkeypatch.setattr(
        incremental.CorpusState, "loads", staticmethod(lambda *a: loads.append(r := real(*a)) or r)
    )
    result = pipeline.run([days[2]], settings)
    assert loads and loads[0] is None  # the old state was not taken
    assert result.corpus is not None and result.corpus.updated == result.corpus.n_articles
    after = snapshot(settings.store)
    pipeline.rebuild(settings)
    assert snapshot(settings.store) == after


def test_the_word_caches_are_emptied_between_corpus_chunks(days, tmp_path, monkeypatch):
    """The corpus stages over a whole store would fill the per-word caches with every
    distinct word: each chunk empties them, and the results do not depend on it."""
    from marsad.arabic import tokens

    cleared = []
    real = tokens.clear_caches
    monkeypatch.setattr(pipeline, "clear_caches", lambda: (cleared.append(len(tokens._CONTENT_STEM)), real()))
    settings = pipeline.Settings(store=tmp_path / "m.db", workers=1, corpus_chunk=40)
    pipeline.run(days[:2], settings)
    assert len(cleared) >= 2 and all(n > 0 for n in cleared)
    assert len(tokens._CONTENT_STEM) == 0 and tokens.light_stem.cache_info().currsize == 0
    emptied = snapshot(settings.store)
    monkeypatch.setattr(pipeline, "clear_caches", lambda: None)
    pipeline.rebuild(settings)
    assert snapshot(settings.store) == emptied


def test_a_whole_build_gives_back_the_space_of_rows_written_over(days, tmp_path):
    """A build from scratch rewrites the state and the articles: its store is left vacuumed
    (as small as a VACUUM INTO copy of it), while an update of a few articles is not."""
    settings = pipeline.Settings(store=tmp_path / "m.db", workers=1, corpus_chunk=40)
    result = pipeline.run(days[:2], settings)
    assert result.corpus is not None and "compact" in result.corpus.timings
    built = snapshot(settings.store)

    def pages(path: Path) -> tuple[int, int]:
        db = sqlite3.connect(path)
        try:
            return db.execute("PRAGMA page_count").fetchone()[0], db.execute(
                "PRAGMA freelist_count"
            ).fetchone()[0]
        finally:
            db.close()

    db = sqlite3.connect(settings.store)
    db.execute(f"VACUUM INTO '{tmp_path / 'copy.db'}'")
    db.close()
    assert pages(settings.store) == pages(tmp_path / "copy.db") and pages(settings.store)[1] == 0
    added = pipeline.run([day_file(tmp_path, DAYS[2], 5, skip=100)], settings)
    assert added.corpus is not None and added.corpus.updated == 5 and "compact" not in added.corpus.timings
    assert "compact" in pipeline.rebuild(settings).timings
    rebuilt = snapshot(settings.store)
    assert rebuilt["events"] and len(rebuilt["articles"]) == len(built["articles"]) + 5


def test_events_of_one_report_are_saved_without_their_sums_and_read_back_exactly(days, tmp_path):
    """Most events hold one report, and their sums are exact copies of its vectors (and
    most stories one such event, whose sums are what the story stage makes of them): the
    saved state leaves them out and reads them back from the report's features row when
    they are used. The loaded state's sums equal the ones the run held, to the bit and in
    their order, and an update from it gives what a rebuild gives."""
    from marsad import incremental
    from marsad.cluster.state import FromMember, MemberSums

    settings = pipeline.Settings(store=tmp_path / "m.db", workers=1, corpus_chunk=40)
    cache = pipeline.CorpusCache()
    pipeline.ingest(days[:2], settings)
    pipeline.update_corpus(settings, cache=cache)
    held = {st.event.id: st for st in cache.state.clusterer.states}
    held_stories = {st.story.id: st for st in cache.state.clusterer.stories.states}
    blob, _ = saved_state(settings.store)
    fingerprint = incremental.code_fingerprint(settings.dedup, settings.entities, settings.cluster)
    state = incremental.CorpusState.loads(blob, fingerprint)
    assert state is not None
    saved_without = [st for st in state.clusterer.states if type(st.centroid) is FromMember]
    singles = [st for st in held.values() if st.evidence == 1]
    assert len(saved_without) == len(singles) > len(held) / 2
    stories_without = [st for st in state.clusterer.stories.states if type(st.centroid) is FromMember]
    one_report = [st for st in held_stories.values() if len(st.members) == 1 and st.members[0].evidence == 1]
    assert len(stories_without) == len(one_report) > len(held_stories) / 2
    assert [st.event.id for st in state.clusterer.states] == list(held)
    store = open_store(settings.store, read_only=True)
    read_back = 0

    def run_held(value):
        # the run itself let go of the sums of events of one report once their report's
        # features were written (read back the same way when used)
        return dict(value) if type(value) is MemberSums else value

    try:
        state.attach(store)
        cache.state.attach(store)
        assert all(type(st.centroid) is MemberSums for st in singles)
        for st in state.clusterer.states:
            kept = held[st.event.id]
            for name in ("centroid", "entities"):
                value = getattr(st, name)
                if type(value) is MemberSums:  # read from the member's features when first used
                    read_back += 1
                    value = dict(value)
                assert _same(value, run_held(getattr(kept, name))), (st.event.id, name)
            for name in ("centroid_sq", "centroid_norm", "evidence", "keys"):
                assert _same(getattr(st, name), getattr(kept, name)), (st.event.id, name)
        for st in state.clusterer.stories.states:
            kept = held_stories[st.story.id]
            for name in ("centroid", "entities"):
                value = getattr(st, name)
                if type(value) is MemberSums:
                    read_back += 1
                    value = dict(value)
                assert _same(value, getattr(kept, name)), (st.story.id, name)
            assert _same(st.centroid_norm, kept.centroid_norm) and _same(st.entities_sq, kept.entities_sq)
    finally:
        state.detach()
        cache.state.detach()
        store.close()
    assert read_back == 2 * (len(singles) + len(one_report))
    # and what an update does from it is what a rebuild does (the second day added after)
    pipeline.ingest([days[2]], settings)
    pipeline.update_corpus(settings)
    after = snapshot(settings.store)
    pipeline.rebuild(settings)
    assert snapshot(settings.store) == after


def test_a_long_run_keeps_one_object_per_string_and_no_sums_of_events_of_one_report(
    days, tmp_path, monkeypatch
):
    """Memory of a long run: each chunk brings its own string objects for stems and names
    met before; after it, the sums of the events and stories it changed (and the
    vocabulary) hold the one interned object of each. Events of one report let their sums
    go once their report's features are written (read back from there when used). The
    results are those of a run that does neither."""
    import sys

    from marsad.cluster import state as cluster_state
    from marsad.cluster.state import MemberSums

    settings = pipeline.Settings(store=tmp_path / "m.db", workers=1, corpus_chunk=40)
    cache = pipeline.CorpusCache()
    pipeline.ingest(days[:2], settings)
    pipeline.update_corpus(settings, cache=cache)
    c = cache.state.clusterer
    sums = [d for st in [*c.states, *c.stories.states] for d in (st.centroid, st.entities) if type(d) is dict]
    assert sums and all(sys.intern(k) is k for d in sums for k in d)
    assert all(sys.intern(k) is k for k in c.vocabulary.df)
    singles = [st for st in c.states if st.evidence == 1]
    assert len(singles) > len(c.states) / 2
    assert all(type(st.centroid) is MemberSums and not st.centroid.loaded for st in singles)
    built = snapshot(settings.store)
    monkeypatch.setattr(cluster_state, "intern_keys", lambda *args: None)
    monkeypatch.setattr(cluster_state, "park_member_sums", lambda *args: 0)
    pipeline.rebuild(settings)
    assert snapshot(settings.store) == built


def test_the_state_pickles_large_arrays_as_it_writes_them():
    """The LSH bands are numpy arrays: the pickler hands a large one to the writer as a
    buffer of its own (protocol 5), and the compressed state reads back the same."""
    import pickle

    import numpy as np

    from marsad.incremental import _Deflate, _Inflate

    keys = np.arange(300_000, dtype=np.uint64) * np.uint64(2654435761)
    out = _Deflate()
    pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump({"keys": keys})
    back = pickle.load(io.BufferedReader(_Inflate(bytes(out.finish()))))
    assert back["keys"].dtype == keys.dtype and (back["keys"] == keys).all()
