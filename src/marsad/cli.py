"""The ``marsad`` command: a thin layer over the library (see ``marsad --help``).

Messages are Arabic by default; ``--lang en`` (or ``MARSAD_LANG=en``) switches to English.
Errors are one clear line on stderr, never a traceback; the exit code says what happened:
0 all good, 1 some inputs were rejected, 2 usage or fatal error.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from marsad.messages import reason, say
from marsad.model import Rejected, to_dict

DEFAULT_STORE = Path("marsad.db")

err = Console(stderr=True, highlight=False, soft_wrap=True)  # one line per message, also in logs
out = Console(highlight=False, soft_wrap=True)


class Context:
    def __init__(self, lang: str, store: Path | str) -> None:
        self.lang = lang
        self.store = store


def _fail(ctx: Context, message: str) -> None:
    err.print(say("error", ctx.lang, message=message), style="red", markup=False)
    sys.exit(2)


def store_message(exc, lang: str) -> str:
    """A store error in the user's language (its ``code`` says which message)."""
    key = {"missing": "store_missing", "unusable": "store_unusable"}.get(exc.code, "store_failed")
    return say(key, lang, path=exc.location, detail=exc.detail, first="marsad run", second="marsad ingest")


def _open(ctx: Context, *, read_only: bool = True):
    from marsad.store import StoreError, open_store

    try:
        return open_store(ctx.store, read_only=read_only)
    except StoreError as exc:
        _fail(ctx, store_message(exc, ctx.lang))


def _lang_of(args: Sequence[str] | None) -> str:
    """The language asked for on the command line, before click has parsed it."""
    from marsad.messages import language

    args = list(sys.argv[1:] if args is None else args)
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return language(args[i + 1])
        if arg.startswith("--lang="):
            return language(arg.split("=", 1)[1])
    return language(None)


def _param_name(param: click.Parameter | None) -> str:
    if param is None:
        return "?"
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return (param.human_readable_name or param.name or "?").upper()


def usage_message(exc: click.UsageError, lang: str) -> str:
    """click's usage errors are English only: say the common ones in the user's language."""
    if isinstance(exc, click.NoSuchOption):
        return say("usage_no_such_option", lang, option=exc.option_name)
    if isinstance(exc, click.BadOptionUsage):
        return say("usage_needs_value", lang, option=exc.option_name)
    if isinstance(exc, click.MissingParameter):
        return say("usage_missing", lang, param=_param_name(exc.param))
    if isinstance(exc, click.BadParameter):
        if getattr(exc, "translated", False):
            return exc.message
        param = exc.param
        if param is not None and isinstance(param.type, click.Choice):
            choices = "، " if lang == "ar" else ", "
            found = re.search(r"'([^']*)' is not", exc.message)
            return say(
                "usage_bad_choice",
                lang,
                param=_param_name(param),
                value=found.group(1) if found else "",
                choices=choices.join(str(c) for c in param.type.choices),
            )
        return say("usage_bad_value", lang, param=_param_name(param), detail=exc.message)
    found = re.match(r"No such command '(.*)'", exc.message)
    if found:
        return say("usage_no_such_command", lang, what=found.group(1))
    return say("usage_other", lang, detail=exc.message)


def _help_lang(ctx: click.Context) -> str:
    """The language of a help page: --lang (eager, so parsed before --help), else $MARSAD_LANG."""
    from marsad.messages import language

    root = ctx.find_root()
    if isinstance(root.obj, Context):
        return root.obj.lang
    return language(root.params.get("lang"))


class _Command(click.Command):
    """A ``marsad`` command whose help page speaks the user's language (data/cli_help.toml)."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from marsad.cli_help import write_help

        write_help(self, ctx, formatter, _help_lang(ctx))


class _Group(click.Group):
    """The ``marsad`` group: usage errors in the user's language, one line each, exit 2."""

    command_class = _Command
    group_class = type  # sub-groups (``evaluate``) are _Group too

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from marsad.cli_help import write_help

        write_help(self, ctx, formatter, _help_lang(ctx))

    def main(  # type: ignore[override]  # one signature for click's overloads
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        lang = _lang_of(args)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            err.print(say("error", lang, message=usage_message(exc, lang)), style="red", markup=False)
            command = exc.ctx.command_path if exc.ctx else "marsad"
            err.print(say("usage_hint", lang, command=command), markup=False)
            sys.exit(2)
        except click.ClickException as exc:
            err.print(say("error", lang, message=exc.format_message()), style="red", markup=False)
            sys.exit(exc.exit_code)
        except click.Abort:
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        """Whatever escapes a command is one line on stderr and exit 2, never a traceback."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            lang = ctx.obj.lang if isinstance(ctx.obj, Context) else None
            err.print(say("error", lang, message=say("interrupted", lang)), style="red", markup=False)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 — the last line of defence: one line, exit 2
            from marsad.store import StoreError

            lang = ctx.obj.lang if isinstance(ctx.obj, Context) else None
            if isinstance(exc, StoreError):
                message = store_message(exc, lang or "ar")
            elif isinstance(exc, OSError) or type(exc).__name__ == "ExecutorError":
                message = str(exc)
            else:
                message = f"{type(exc).__name__}: {exc}"
            err.print(say("error", lang, message=message), style="red", markup=False)
            sys.exit(2)


class IsoDate(click.ParamType):
    """A calendar day written YYYY-MM-DD (the API accepts the same form)."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if isinstance(value, date):
            return value.isoformat()
        text = str(value).strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return date.fromisoformat(text).isoformat()
            except ValueError:  # 2025-02-30
                pass
        self._bad(value, param, ctx)

    def _bad(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> NoReturn:
        lang = (
            ctx.find_root().obj.lang if ctx and isinstance(ctx.find_root().obj, Context) else _lang_of(None)
        )
        exc = click.BadParameter(say("bad_date", lang, value=value), ctx=ctx, param=param)
        exc.translated = True  # type: ignore[attr-defined]
        raise exc


def _print_notice(ctx: Context, origin: str, notice: str) -> None:
    err.print(say("notice_line", ctx.lang, origin=origin, detail=notice), style="yellow", markup=False)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    type=click.Choice(["ar", "en"]),
    default=None,
    is_eager=True,  # before --help, so the help page is in this language
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
            on_notice=lambda origin, notice: _print_notice(ctx, origin, notice),
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
            articles=corpus.n_articles if corpus else result.new_articles,
            new=result.new_articles,
            rejected=len(result.rejected),
            events=corpus.n_events if corpus else 0,
            stories=corpus.n_stories if corpus else 0,
            entities=corpus.n_entities if corpus else 0,
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
            on_notice=lambda origin, notice: _print_notice(ctx, origin, notice),
            progress=_Ticker(ctx, bar, task),
        )
        if not no_corpus:
            bar.update(task, description=say("corpus", ctx.lang))
            result.corpus = pipeline.update_corpus(settings)
    click.echo(
        say(
            "ingested",
            ctx.lang,
            n=result.new_articles,
            known=result.known_articles,
            rejected=len(result.rejected),
        )
    )
    sys.exit(1 if result.rejected else 0)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--feeds",
    "feeds_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="File of RSS/Atom feed URLs, one a line.",
)
@click.option("--every", default="60s", show_default=True, help="Time between rounds: 30s, 5m, 1h.")
@click.option("--rounds", type=int, default=0, help="Stop after N rounds (default: until interrupted).")
@click.option("--timeout", type=float, default=20.0, show_default=True, help="Seconds to wait for a feed.")
@click.option("--workers", type=int, default=None)
@click.pass_obj
def watch(
    ctx: Context,
    paths: tuple[Path, ...],
    feeds_file: Path | None,
    every: str,
    rounds: int,
    timeout: float,
    workers: int | None,
) -> None:
    """Follow folders (new files) and RSS/Atom feeds; new articles update events as they come."""
    from marsad.watch import Watcher, parse_interval, read_feed_list

    if not paths and feeds_file is None:
        _fail(ctx, say("watch_needs_source", ctx.lang))
    try:
        seconds = parse_interval(every)
    except ValueError:
        _fail(ctx, say("bad_interval", ctx.lang, value=every))
    feeds = read_feed_list(feeds_file) if feeds_file else []
    settings = _settings(ctx, workers)
    watcher = Watcher(paths, feeds, settings, timeout=timeout)

    def on_round(report) -> None:
        for url, detail in report.feed_errors:
            err.print(say("feed_failed", ctx.lang, origin=url, detail=detail), style="yellow", markup=False)
        click.echo(
            say(
                "watch_round",
                ctx.lang,
                round=report.round,
                files=report.files,
                feeds=report.feeds,
                unchanged=report.unchanged,
                errors=len(report.feed_errors),
                new=report.new_articles,
                events=report.events,
                stories=report.stories,
                cpu=f"{report.cpu_seconds:.1f}",
            )
        )

    click.echo(say("watch_start", ctx.lang, every=f"{seconds:g}", folders=len(paths), feeds=len(feeds)))
    try:
        watcher.run(seconds, rounds, on_round=on_round, on_rejected=lambda r: _print_rejected(ctx, r))
    except KeyboardInterrupt:
        pass
    finally:
        watcher.close()


@main.command()
@click.pass_obj
def rebuild(ctx: Context) -> None:
    """Recompute duplicates, entities, events, stories and summaries from the stored articles."""
    from marsad import pipeline

    settings = _settings(ctx, None)
    _open(ctx).close()  # a clear error now if the store is missing
    with _progress() as bar:
        task = bar.add_task(say("corpus", ctx.lang), total=None)
        counts = pipeline.rebuild(settings, progress=_Ticker(ctx, bar, task))
    click.echo(
        say(
            "rebuilt",
            ctx.lang,
            articles=counts.n_articles,
            events=counts.n_events,
            stories=counts.n_stories,
            entities=counts.n_entities,
        )
    )


@main.command()
@click.argument("query")
@click.option("--outlet", default=None, help="Outlet name, code or domain")
@click.option("--from", "date_from", type=IsoDate(), default=None, help="First day, YYYY-MM-DD.")
@click.option("--to", "date_to", type=IsoDate(), default=None, help="Last day, YYYY-MM-DD.")
@click.option("--entity", default=None, help="Entity name, variant or id")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def search(
    ctx: Context, query: str, outlet, date_from, date_to, entity, sort: str, limit: int, as_json: bool
) -> None:
    """Search articles; diacritics, hamza and alef forms do not matter. "a phrase", a OR b, -word."""
    from marsad.outlets import resolve as resolve_outlet
    from marsad.store.query import build_query

    store = _open(ctx)
    page = store.search(
        build_query(
            store,
            query,
            outlet=outlet,
            date_from=date_from,
            date_to=date_to,
            entity=entity,
            sort=sort,
            limit=limit,
        )
    )
    if as_json:
        click.echo(
            json.dumps({"total": page.total, "hits": to_dict(page.items)}, ensure_ascii=False, indent=1)
        )
        return
    click.echo(say("results", ctx.lang, n=page.total, query=query))
    for hit in page.items:
        outlet = resolve_outlet(hit.outlet).name(ctx.lang) if hit.outlet else "—"
        click.echo(f"{hit.article_id}  {hit.published or '—'}  {outlet}  {hit.title or ''}")
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
    if not page.items:
        click.echo(say("no_stories", ctx.lang))
    sep = "، " if ctx.lang == "ar" else ", "
    for story in page.items:
        click.echo(
            f"{story.id}  {story.date or '?'} → {story.date_end or '?'}  ({len(story.events)})  {story.label}"
        )
        for event_id in story.events:
            event = store.get_event(event_id)
            if event:
                outlets = f"  — {sep.join(event.outlets)}" if event.outlets else ""
                click.echo(f"    {event.date or '?'}  {event.id}  {event.label}{outlets}")


@main.command()
@click.option(
    "--label",
    type=click.Choice(["PERSON", "ORG", "LOC"], case_sensitive=False),
    default=None,
    help="Any case.",
)
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
@click.argument(
    "what", type=click.Choice(["articles", "events", "stories", "entities", "rejected", "quotes"])
)
@click.option(
    "--out", "out_path", type=click.Path(path_type=Path), required=True, help="JSON Lines file to write."
)
@click.pass_obj
def export(ctx: Context, what: str, out_path: Path) -> None:
    """Export records as JSON Lines (quotes: one line per quote, in the quote scorer's format)."""
    store = _open(ctx)
    if what == "quotes":
        from marsad.events.export import quote_lines

        records = quote_lines(store.iter_articles())
    elif what == "articles":
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
    """ROUGE-1/2/L of Marsad, Lead-3 and LexRank against reference summaries in DIRECTORY.

    \b
    DIRECTORY holds (any of, UTF-8):
      *.json / *.jsonl   records {"id", "text", "summary" | "summaries": [...], "title"?}
      articles/NAME.txt  with references/NAME.txt (several: NAME.1.txt, NAME.2.txt, ...)
      Articles/TopicN/*.txt with MTurk/TopicN/*   (the EASC layout)
    """
    from marsad.evaluate.summaries import EvaluationSetError, evaluate_summaries, format_report

    try:
        report = evaluate_summaries(directory)
    except EvaluationSetError as exc:
        _fail(ctx, say(f"eval_{exc.code}", ctx.lang, path=exc.path, detail=exc.detail))
    click.echo(json.dumps(report, ensure_ascii=False, indent=1) if as_json else format_report(report))


if __name__ == "__main__":
    main()
