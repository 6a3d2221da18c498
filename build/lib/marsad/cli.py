"""The ``marsad`` command: a thin layer over the library (see ``marsad --help``).

Messages are Arabic by default; ``--lang en`` (or ``MARSAD_LANG=en``) switches to English.
Errors are one clear line on stderr, never a traceback; the exit code says what happened:
0 all good, 1 some inputs were rejected, 2 usage or fatal error.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from marsad.messages import reason, say
from marsad.model import Rejected, to_dict

DEFAULT_STORE = Path("marsad.db")

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


class Context:
    def __init__(self, lang: str, store: Path | str) -> None:
        self.lang = lang
        self.store = store


def _fail(ctx: Context, message: str) -> None:
    err.print(say("error", ctx.lang, message=message), style="red", markup=False)
    sys.exit(2)


def _open(ctx: Context, *, read_only: bool = True):
    from marsad.store import StoreError, open_store

    try:
        return open_store(ctx.store, read_only=read_only)
    except StoreError as exc:
        _fail(ctx, str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    type=click.Choice(["ar", "en"]),
    default=None,
    help="Language of messages (default: ar, or $MARSAD_LANG).",
)
@click.option(
    "--db",
    "store",
    default=str(DEFAULT_STORE),
    show_default=True,
    help="SQLite store file, or a postgresql://user@host/db URL.",
)
@click.pass_context
def main(click_ctx: click.Context, lang: str | None, store: str) -> None:
    """مرصد — Marsad, an offline Arabic news observatory."""
    from marsad.messages import language
    from marsad.store import store_location

    click_ctx.obj = Context(language(lang), store_location(store))


def _settings(ctx: Context, workers: int | None, scheduler: str | None = None):
    from marsad.pipeline import Settings

    settings = Settings(store=ctx.store, lang=ctx.lang)
    if workers:
        settings.workers = workers
    if scheduler:
        settings.executor = "dask"
        settings.dask_scheduler = None if scheduler == "local" else scheduler
    return settings


_dask_option = click.option(
    "--dask",
    "scheduler",
    default=None,
    metavar="ADDRESS",
    help="Run per-article stages as Dask tasks on the scheduler at ADDRESS ('local' for Dask's local scheduler).",
)


def _print_rejected(ctx: Context, r: Rejected) -> None:
    err.print(
        say(
            "rejected_line",
            ctx.lang,
            origin=r.origin,
            reason=reason(r.reason, ctx.lang),
            detail=f": {r.detail}" if r.detail else "",
        ),
        style="yellow",
        markup=False,
    )


class _Ticker:
    """Progress for long runs: the bar on a terminal, and a plain line every ``every`` seconds
    when stderr is a log file or a pipe (CI, nohup), so a 10-minute run never looks hung."""

    def __init__(self, ctx: Context, bar: Progress, task, every: float = 15.0) -> None:
        self.ctx, self.bar, self.task, self.every = ctx, bar, task, every
        self.last = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)
        now = time.monotonic()
        if not err.is_terminal and (now - self.last >= self.every or done == total):
            self.last = now
            err.print(say("progress_line", self.ctx.lang, done=done, total=total), markup=False)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out", type=click.Path(path_type=Path), default=Path("report"), show_default=True, help="Report folder."
)
@click.option("--workers", type=int, default=None, help="Worker processes (default: up to 4).")
@_dask_option
@click.pass_obj
def run(ctx: Context, paths: tuple[Path, ...], out: Path, workers: int | None, scheduler: str | None) -> None:
    """Ingest PATHS, analyse everything and write a report folder (HTML + JSON)."""
    from marsad import pipeline

    settings = _settings(ctx, workers, scheduler)
    with _progress() as bar:
        task = bar.add_task(say("processing", ctx.lang), total=None)
        result = pipeline.run(
            paths,
            settings,
            out,
            on_rejected=lambda r: _print_rejected(ctx, r),
            progress=_Ticker(ctx, bar, task),
            on_phase=lambda phase: bar.update(
                task,
                description=say("corpus", ctx.lang)
                if phase == "corpus"
                else say("writing_report", ctx.lang, path=out),
            ),
        )
    _print_summary(ctx, result)
    out_path = (out / "index.html").resolve()
    out.mkdir(parents=True, exist_ok=True)
    click.echo(say("report_written", ctx.lang, path=out_path))
    sys.exit(1 if result.rejected else 0)


def _print_summary(ctx: Context, result) -> None:
    corpus = result.corpus
    click.echo(
        say(
            "summary_line",
            ctx.lang,
            articles=len(corpus.articles) if corpus else result.new_articles,
            new=result.new_articles,
            rejected=len(result.rejected),
            events=len(corpus.events) if corpus else 0,
            stories=len(corpus.stories) if corpus else 0,
            entities=len(corpus.entities) if corpus else 0,
        )
    )
    from marsad.store.postgres import redact

    click.echo(say("store_line", ctx.lang, path=redact(str(result.store))))  # never echo a password


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--workers", type=int, default=None)
@click.option("--no-corpus", is_flag=True, help="Only add articles; skip duplicates/events/stories.")
@_dask_option
@click.pass_obj
def ingest(
    ctx: Context, paths: tuple[Path, ...], workers: int | None, no_corpus: bool, scheduler: str | None
) -> None:
    """Add the articles in PATHS to the store (already stored articles are skipped)."""
    from marsad import pipeline

    settings = _settings(ctx, workers, scheduler)
    with _progress() as bar:
        task = bar.add_task(say("processing", ctx.lang), total=None)
        result = pipeline.ingest(
            paths,
            settings,
            on_rejected=lambda r: _print_rejected(ctx, r),
            progress=_Ticker(ctx, bar, task),
        )
        if not no_corpus:
            bar.update(task, description=say("corpus", ctx.lang))
            result.corpus = pipeline.update_corpus(settings)
    click.echo(
        say(
            "ingested",
            ctx.lang,
            new=result.new_articles,
            known=result.known_articles,
            rejected=len(result.rejected),
        )
    )
    sys.exit(1 if result.rejected else 0)


@main.command()
@click.argument("query")
@click.option("--outlet", default=None)
@click.option("--from", "date_from", default=None, help="YYYY-MM-DD")
@click.option("--to", "date_to", default=None, help="YYYY-MM-DD")
@click.option("--entity", default=None, help="Entity id")
@click.option("--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def search(ctx: Context, query: str, outlet, date_from, date_to, entity, limit: int, as_json: bool) -> None:
    """Search articles; diacritics, hamza and alef forms do not matter."""
    store = _open(ctx)
    page = store.search(
        query, outlet=outlet, date_from=date_from, date_to=date_to, entity=entity, limit=limit
    )
    if as_json:
        click.echo(
            json.dumps({"total": page.total, "hits": to_dict(page.items)}, ensure_ascii=False, indent=1)
        )
        return
    if not page.total:
        click.echo(say("no_results", ctx.lang, query=query))
        return
    click.echo(say("results", ctx.lang, total=page.total, query=query))
    for hit in page.items:
        click.echo(f"{hit.article_id}  {hit.published or '—'}  {hit.outlet or '—'}  {hit.title or ''}")
        click.echo(f"    {hit.snippet}")


@main.command()
@click.argument("ident")
@click.pass_obj
def show(ctx: Context, ident: str) -> None:
    """Show an article, event, story or entity as JSON, by id."""
    store = _open(ctx)
    for getter in (store.get_article, store.get_event, store.get_story, store.get_entity):
        record = getter(ident)
        if record is not None:
            click.echo(json.dumps(to_dict(record), ensure_ascii=False, indent=1))
            return
    _fail(ctx, say("not_found", ctx.lang, what=ident))


@main.command()
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def stories(ctx: Context, limit: int, as_json: bool) -> None:
    """List stories, newest first, with their events."""
    store = _open(ctx)
    page = store.list_stories(limit=limit)
    if as_json:
        click.echo(
            json.dumps({"total": page.total, "stories": to_dict(page.items)}, ensure_ascii=False, indent=1)
        )
        return
    for story in page.items:
        click.echo(
            f"{story.id}  {story.date or '?'} → {story.date_end or '?'}  ({len(story.events)})  {story.label}"
        )
        for event_id in story.events:
            event = store.get_event(event_id)
            if event:
                outlets = "، ".join(event.outlets)
                click.echo(f"    {event.date or '?'}  {event.id}  {event.label}  [{outlets}]")


@main.command()
@click.option("--label", type=click.Choice(["PERSON", "ORG", "LOC"]), default=None)
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def entities(ctx: Context, label: str | None, limit: int, as_json: bool) -> None:
    """List people, organisations and places, most mentioned first."""
    store = _open(ctx)
    page = store.list_entities(label=label, limit=limit)
    if as_json:
        click.echo(
            json.dumps({"total": page.total, "entities": to_dict(page.items)}, ensure_ascii=False, indent=1)
        )
        return
    for e in page.items:
        roles = "، ".join(sorted({r.role for r in e.roles}))
        variants = "، ".join(v for v in e.variants if v != e.name)
        click.echo(
            f"{e.id}  {e.label:6}  {e.mention_count:5}  {e.name}"
            + (f"  ({variants})" if variants else "")
            + (f"  — {roles}" if roles else "")
        )


@main.command()
@click.argument("what", type=click.Choice(["articles", "events", "stories", "entities", "rejected"]))
@click.option(
    "--out", "out_path", type=click.Path(path_type=Path), required=True, help="JSON Lines file to write."
)
@click.pass_obj
def export(ctx: Context, what: str, out_path: Path) -> None:
    """Export records as JSON Lines."""
    store = _open(ctx)
    if what == "articles":
        records = store.iter_articles()
    elif what == "rejected":
        records = iter(store.rejected())
    else:
        lister = {
            "events": store.list_events,
            "stories": store.list_stories,
            "entities": store.list_entities,
        }[what]
        records = iter(lister(limit=10**9).items)
    n = 0
    with out_path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(to_dict(record), ensure_ascii=False) + "\n")
            n += 1
    click.echo(say("exported", ctx.lang, n=n, path=out_path))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=8000, show_default=True)
@click.pass_obj
def serve(ctx: Context, host: str, port: int) -> None:
    """Serve the web UI and the JSON API over the store (read-only)."""
    from marsad.web import serve as serve_app

    _open(ctx).close()  # a clear error now if the store is missing
    click.echo(say("serving", ctx.lang, host=host, port=port))
    serve_app(ctx.store, host=host, port=port, lang=ctx.lang)


@main.group()
def evaluate() -> None:
    """Score Marsad against references."""


@evaluate.command("summaries")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def evaluate_summaries_cmd(ctx: Context, directory: Path, as_json: bool) -> None:
    """ROUGE-1/2/L of Marsad, Lead-3 and LexRank against reference summaries in DIRECTORY."""
    from marsad.evaluate.summaries import evaluate_summaries, format_report

    report = evaluate_summaries(directory)
    click.echo(json.dumps(report, ensure_ascii=False, indent=1) if as_json else format_report(report))


if __name__ == "__main__":
    main()
