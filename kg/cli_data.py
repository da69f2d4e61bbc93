"""``kg`` commands registered on :data:`kg.cli.app` (imported at the end of kg/cli.py)."""

from __future__ import annotations

import difflib
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli import app

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["app"]


class PlotKind(StrEnum):
    """The pictures ``kg plot`` draws."""

    ALLIANCES = "alliances"
    EGO = "ego"
    TIMELINE = "timeline"


def _resolve_actor(graph: nx.Graph[str], name: str) -> str:
    """An actor id of ``graph`` from its id, label or an alias (case-insensitive)."""
    if name in graph:
        return name
    wanted = name.casefold()
    by_name: dict[str, str] = {}
    nodes = sorted(str(n) for n in graph.nodes)
    for node in nodes:
        by_name.setdefault(node.casefold(), node)
        by_name.setdefault(str(graph.nodes[node].get("label", "")).casefold(), node)
    for node in nodes:
        for alias in str(graph.nodes[node].get("aliases", "")).split("|"):
            if alias:
                by_name.setdefault(alias.casefold(), node)
    if wanted in by_name:
        return by_name[wanted]
    close = difflib.get_close_matches(wanted, sorted(by_name), n=6, cutoff=0.5)
    ids = list(dict.fromkeys(by_name[c] for c in close))[:3]
    hint = f"; did you mean {', '.join(repr(i) for i in ids)}?" if ids else ""
    raise typer.BadParameter(f"no actor {name!r} in the graph{hint}", param_hint="--actor")


@app.command("plot")
def plot_cmd(
    graph_path: Annotated[
        Path,
        typer.Argument(
            metavar="GRAPH",
            help="A graph written by kg build (graph.graphml, .gexf or .json) or its folder.",
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Picture to write: .png or .svg.")],
    kind: Annotated[
        PlotKind, typer.Option("--kind", "-k", help="alliances, ego (one --actor) or timeline.")
    ] = PlotKind.ALLIANCES,
    actors: Annotated[
        list[str] | None,
        typer.Option(
            "--actor", "-a", help="Actor id or label (repeatable): the ego, or the timeline's."
        ),
    ] = None,
    top: Annotated[
        int, typer.Option("--top", min=1, help="alliances: draw the N strongest actors.")
    ] = 30,
    radius: Annotated[int, typer.Option("--radius", min=1, help="ego: hops from the actor.")] = 1,
    title: Annotated[str | None, typer.Option("--title", help="Title of the picture.")] = None,
) -> None:
    """Draw a saved graph: the alliance map, an actor's ego map, or a timeline of actors.

    Examples: kg plot out/graph.graphml --out alliances.svg;
    kg plot out/ --kind ego --actor khalifa_haftar --out haftar.png;
    kg plot out/ --kind timeline -a khalifa_haftar -a "Government of Libya" --out t.png
    """
    import matplotlib as mpl

    mpl.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx

    from kg.graph import read_graph
    from kg.plot import draw_alliances, draw_ego, draw_timeline, save_figure

    names = list(actors or [])
    if out.suffix.lower() not in (".png", ".svg"):
        raise typer.BadParameter(f"{out}: write a .png or .svg file", param_hint="--out")
    if kind is PlotKind.ALLIANCES and names:
        raise typer.BadParameter("the alliance map shows every actor", param_hint="--actor")
    if kind is PlotKind.EGO and len(names) != 1:
        raise typer.BadParameter("give exactly one actor for an ego map", param_hint="--actor")
    if kind is PlotKind.TIMELINE and len(set(names)) < 2:
        raise typer.BadParameter("give two or more actors for a timeline", param_hint="--actor")
    path = graph_path / "graph.graphml" if graph_path.is_dir() else graph_path
    if not path.is_file():
        raise typer.BadParameter(f"no such file: {path}", param_hint="GRAPH")
    try:
        graph = read_graph(path)
    except (ValueError, OSError, SyntaxError, KeyError, nx.NetworkXError) as exc:
        raise typer.BadParameter(
            f"{path}: cannot read the graph: {exc}", param_hint="GRAPH"
        ) from exc
    ids = [_resolve_actor(graph, name) for name in names]
    if kind is PlotKind.ALLIANCES:
        ax = draw_alliances(graph, top=top, title=title)
    elif not isinstance(graph, nx.MultiDiGraph):
        raise typer.BadParameter(
            f"{path}: an {kind} picture needs the event graph of kg build (graph.graphml)",
            param_hint="GRAPH",
        )
    elif kind is PlotKind.EGO:
        ax = draw_ego(graph, ids[0], radius=radius)
    else:
        ax = draw_timeline(graph, ids)
    if title is not None:
        ax.set_title(title)
    out.parent.mkdir(parents=True, exist_ok=True)
    save_figure(ax, out)
    plt.close(ax.get_figure(root=True))
    typer.echo(f"wrote {kind:<10} {out}")


class ImportFormat(StrEnum):
    """The coded event data ``kg import`` reads (see kg.importers)."""

    ICEWS = "icews"
    PHOENIX = "phoenix"
    PLOVER = "plover"


@app.command("import")
def import_cmd(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="Coded events: ICEWS or Phoenix/PETRARCH TSV, PLOVER JSON(L)."
        ),
    ],
    fmt: Annotated[ImportFormat, typer.Option("--format", "-f", help="icews, phoenix or plover.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    actors: Annotated[
        list[Path] | None,
        typer.Option("--actors", help="Extra actors: kg JSONL or PETRARCH .actors (repeatable)."),
    ] = None,
    confidence: Annotated[
        float, typer.Option("--confidence", min=0.0, max=1.0, help="Confidence of each event.")
    ] = 1.0,
    base_iri: Annotated[
        str | None, typer.Option("--base-iri", help="Base IRI of RDF output.")
    ] = None,
) -> None:
    """Import coded event data into the graph: triples.jsonl, graph.ttl, graph.graphml and
    alliances.png, as kg build writes them.

    Example: kg import ICEWS14_named_full.tsv --format icews --out out/icews/
    """
    from kg.errors import KgError
    from kg.importers import import_build

    if not file.is_file():
        raise typer.BadParameter(f"no such file: {file}", param_hint="FILE")
    try:
        result, report = import_build(
            file,
            fmt.value,
            out=out,
            actors=actors or (),
            confidence=confidence,
            base_iri=base_iri,
        )
    except KgError as exc:
        typer.echo(f"kg: error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(report.summary())
    typer.echo(
        f"graph      {result.graph.number_of_nodes()} actors, "
        f"{result.graph.number_of_edges()} edges, {result.stats.seconds:.1f} s in all"
    )
    for name, path in result.outputs.items():
        typer.echo(f"wrote {name:<10} {path}")
    if report.errors:
        for line in report.errors[:20]:
            typer.echo(f"kg: {line}", err=True)
        raise typer.Exit(1)
