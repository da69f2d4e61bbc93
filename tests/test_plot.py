"""Tests of kg.plot: the alliance map, ego map and timeline (Agg backend)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex

from kg.api import Extractor
from kg.datatypes import Actor, ActorType, Event, Mention, Modality
from kg.examples import toy_events
from kg.graph import alliance_graph, build_graph
from kg.plot import (
    CONFLICT,
    COOPERATION,
    MEDIATOR,
    draw_alliances,
    draw_ego,
    draw_timeline,
    save_figure,
)

ATTACK = 2
NODE_LABELS = {"Egypt", "Russia", "Khalifa Haftar", "Government of\nLibya"}


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def again(event: Event, doc: str, **changes: object) -> Event:
    prov = dataclasses.replace(event.provenance, doc_id=doc)
    return dataclasses.replace(event, provenance=prov, **changes)  # type: ignore[arg-type]


def synthetic_events(n_actors: int = 40, seed: int = 7) -> list[Event]:
    """Two camps that cooperate inside and fight each other, plus go-betweens."""
    rng = random.Random(seed)
    base = toy_events()
    coop, conflict = base[0], base[ATTACK]
    names = [f"Actor number {i} of the {('northern', 'southern', 'neutral')[i % 3]} side"
             for i in range(n_actors)]  # fmt: skip
    actors = [Actor(f"actor_{i:02d}", name, ActorType.STATE) for i, name in enumerate(names)]
    camps: list[list[Actor]] = [actors[0::3], actors[1::3], actors[2::3]]
    events: list[Event] = []

    def add(a: Actor, b: Actor, template: Event) -> None:
        k = len(events)
        prov = dataclasses.replace(template.provenance, doc_id=f"doc{k}", trigger_start=k)
        events.append(
            dataclasses.replace(
                template,
                source=Mention(a.label, 0, 1, a),
                target=Mention(b.label, 0, 1, b),
                provenance=prov,
                date=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(300)),
                participants=(),
            )
        )

    for camp in camps[:2]:
        for a in camp:
            for b in rng.sample(camp, 3):
                if a is not b:
                    for _ in range(rng.randint(1, 3)):
                        add(a, b, coop)
    for a in camps[0]:
        for b in rng.sample(camps[1], 2):
            add(a, b, conflict)
    for m in camps[2]:
        add(m, rng.choice(camps[0]), coop)
        add(m, rng.choice(camps[1]), coop)
    return events


def node_labels(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts]


def line_colours(ax: Axes) -> list[str]:
    return [to_hex(line.get_color()) for line in ax.lines]


def png_bytes(ax: Axes, path: Path) -> bytes:
    return save_figure(ax, path).read_bytes()


# --------------------------------------------------------------------------------------------
# alliance map
# --------------------------------------------------------------------------------------------


def test_draw_alliances_toy() -> None:
    ax = draw_alliances(build_graph(toy_events()))
    assert isinstance(ax, Axes)
    assert sorted(node_labels(ax)) == sorted(NODE_LABELS)
    assert ax.get_title().startswith("Alliance map: 4 actors, 3 ties")
    legend = ax.get_legend()
    assert legend is not None
    entries = [t.get_text() for t in legend.get_texts()]
    assert {"cooperation", "conflict"} <= set(entries)
    # two backing ties (green) and Haftar's attack on Tripoli (red); the negated deal and
    # Russia's mediation (which takes no side) are not drawn
    colours = line_colours(ax)
    assert colours.count(COOPERATION) == 2
    assert colours.count(CONFLICT) == 1


def test_draw_alliances_colours_blocs() -> None:
    ev = toy_events()
    g = build_graph([*ev, *(again(ev[ATTACK], f"attack{i}.txt") for i in range(2))])
    ax = draw_alliances(g, title="Libya")
    assert ax.get_title() == "Libya"
    (nodes,) = ax.collections  # one scatter, nodes in sorted order
    assert isinstance(nodes, PathCollection)
    facecolors: Any = nodes.get_facecolor()
    egypt, haftar, gov, russia = (to_hex(tuple(c)) for c in facecolors)
    assert egypt == haftar == russia
    assert gov != haftar
    # edge width grows with |weight|: the triple attack is the widest line
    widths = {to_hex(line.get_color()): line.get_linewidth() for line in ax.lines}
    assert widths[CONFLICT] == max(line.get_linewidth() for line in ax.lines)


def test_draw_alliances_accepts_an_alliance_graph_and_an_axes() -> None:
    _, ax = plt.subplots()
    a = alliance_graph(build_graph(toy_events()))
    out = draw_alliances(a, ax=ax)
    assert out is ax
    assert len(node_labels(ax)) == 4


def test_draw_alliances_with_nothing_to_draw() -> None:
    negated_only = build_graph([toy_events()[5]])
    ax = draw_alliances(negated_only)
    assert node_labels(ax) == ["no cooperation or conflict to draw"]


def test_draw_alliances_big_graph_is_readable() -> None:
    g = build_graph(synthetic_events())
    assert g.number_of_nodes() == 40
    ax = draw_alliances(g, top=30)
    labels = ax.texts
    assert len(labels) == 30
    assert ax.get_title().startswith("Alliance map: 30 actors")
    assert len(ax.lines) <= 90
    fig = ax.get_figure(root=True)
    assert fig is not None
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [t.get_window_extent(renderer) for t in labels]
    overlapping = [
        (labels[i].get_text(), labels[j].get_text())
        for i, j in itertools.combinations(range(len(boxes)), 2)
        if boxes[i].overlaps(boxes[j])
    ]
    assert overlapping == []
    assert len(draw_alliances(g, top=None).texts) == 40


def test_same_input_same_picture(tmp_path: Path) -> None:
    events = synthetic_events(20)
    first = png_bytes(draw_alliances(build_graph(events)), tmp_path / "a.png")
    second = png_bytes(draw_alliances(build_graph(events)), tmp_path / "b.png")
    shuffled = list(reversed(events))
    third = png_bytes(draw_alliances(build_graph(shuffled)), tmp_path / "c.png")
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert first == second == third
    svg1 = save_figure(draw_alliances(build_graph(events)), tmp_path / "a.svg").read_bytes()
    svg2 = save_figure(draw_alliances(build_graph(events)), tmp_path / "b.svg").read_bytes()
    assert svg1.lstrip().startswith(b"<?xml")
    assert svg1 == svg2
    other_seed = png_bytes(draw_alliances(build_graph(events), seed=1), tmp_path / "d.png")
    assert other_seed != first


# --------------------------------------------------------------------------------------------
# ego map and timeline
# --------------------------------------------------------------------------------------------


def test_draw_ego() -> None:
    g = build_graph(toy_events())
    ax = draw_ego(g, "khalifa_haftar")
    assert isinstance(ax, Axes)
    texts = node_labels(ax)
    assert set(texts) >= NODE_LABELS
    # one relation label per partner of the centre, phrased from the centre's side
    assert "backed by\nmediated by" in texts
    assert "attacks\nnot agrees with" in texts
    assert len(texts) == 4 + 3
    assert ax.get_title() == "Ego map: Khalifa Haftar"
    assert len(node_labels(draw_ego(g, "egypt"))) == 2 + 1
    with pytest.raises(nx.NodeNotFound):
        draw_ego(g, "atlantis")


def test_draw_timeline() -> None:
    ev = toy_events()
    undated = again(ev[ATTACK], "undated.txt", date=None)
    planned = again(ev[ATTACK], "plan.txt", modality=Modality.PLANNED, date=dt.date(2020, 2, 1))
    g = build_graph([*ev, undated, planned])
    ax = draw_timeline(g, ["khalifa_haftar", "libya_gov", "egypt"])
    assert isinstance(ax, Axes)
    rows = [t.get_text() for t in ax.get_yticklabels()][::-1]
    assert rows == [
        "Khalifa Haftar \N{EN DASH} Government of Libya: agrees with",
        "Khalifa Haftar \N{RIGHTWARDS ARROW} Government of Libya: attacks",
        "Egypt \N{RIGHTWARDS ARROW} Khalifa Haftar: backs",
    ]
    assert "(1 undated mention not shown)" in ax.get_title()
    # attacks on 13 Jan (asserted) and 1 Feb (planned, hollow), the negated deal, Egypt backs
    assert len(ax.lines) == 4
    hollow = [line for line in ax.lines if line.get_markerfacecolor() == "white"]
    assert len(hollow) == 1
    empty = draw_timeline(g, ["egypt", "libya_gov"])
    assert node_labels(empty) == ["no dated events between these actors"]


def test_save_figure(tmp_path: Path) -> None:
    ax = draw_timeline(build_graph(toy_events()), ["russia", "khalifa_haftar"])
    png = save_figure(ax, tmp_path / "t.png")
    assert png == tmp_path / "t.png"
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in save_figure(ax, tmp_path / "t.svg").read_bytes()
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        save_figure(ax, tmp_path / "t.gif")


# --------------------------------------------------------------------------------------------
# readability helpers
# --------------------------------------------------------------------------------------------


def _boxes(ax: Axes, texts: list[Any]) -> list[Any]:
    fig = ax.get_figure(root=True)
    assert fig is not None
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    return [t.get_window_extent(renderer) for t in texts]


def _overlaps(ax: Axes, texts: list[Any]) -> list[tuple[str, str]]:
    boxes = _boxes(ax, texts)
    return [
        (texts[i].get_text(), texts[j].get_text())
        for i, j in itertools.combinations(range(len(texts)), 2)
        if boxes[i].overlaps(boxes[j])
    ]


def _crossings(ax: Axes, texts: list[Any]) -> list[str]:
    """Labels whose box a drawn line runs through."""
    from kg.plot import _segment_hits_box

    out = []
    for text, bb in zip(texts, _boxes(ax, texts), strict=True):
        for line in ax.lines:
            xy = line.get_xydata()
            if len(xy) != 2:
                continue
            p, q = (tuple(ax.transData.transform(pt)) for pt in xy)
            if _segment_hits_box(p, q, (bb.x0, bb.y0, bb.x1, bb.y1)):
                out.append(text.get_text())
    return out


def test_segment_hits_box() -> None:
    from kg.plot import _segment_hits_box

    box = (0.0, 0.0, 1.0, 1.0)
    assert _segment_hits_box((-1.0, 0.5), (2.0, 0.5), box)  # through
    assert _segment_hits_box((0.5, 0.5), (3.0, 3.0), box)  # from inside
    assert not _segment_hits_box((-1.0, 2.0), (2.0, 2.0), box)  # above
    assert not _segment_hits_box((2.0, 0.0), (3.0, 1.0), box)  # beside
    assert not _segment_hits_box((-1.0, 1.5), (1.5, -1.0), (0.0, 0.0, 0.2, 0.2))  # past a corner


# --------------------------------------------------------------------------------------------
# the seed article
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_graph(extractor: Extractor, seeds_dir: Path) -> nx.MultiDiGraph[str]:
    import kg

    return kg.build(seeds_dir, extractor=extractor, date=dt.date(2020, 1, 14)).graph


def test_seed_alliance_map_is_readable(seed_graph: nx.MultiDiGraph[str]) -> None:
    ax = draw_alliances(seed_graph)
    labels = list(ax.texts)
    names = [t.get_text() for t in labels]
    assert {"Khalifa Haftar", "Russia", "Turkey", "Egypt"} <= set(names)
    assert _overlaps(ax, labels) == []
    assert _crossings(ax, labels) == []
    # blocs: Haftar with his backers, Tripoli with Turkey, in another colour
    (nodes,) = ax.collections
    order = sorted(n for n in alliance_graph(seed_graph) if n in seed_graph)
    face = {n: to_hex(tuple(c)) for n, c in zip(order, nodes.get_facecolor(), strict=True)}
    haftar = face["khalifa_haftar"]
    assert face["egypt"] == face["russia"] == face["jordan"] == haftar
    assert face["turkey"] == face["libya_government"] != haftar
    # Russia and Turkey are ringed as mediators, Egypt is not
    edge = {n: to_hex(tuple(c)) for n, c in zip(order, nodes.get_edgecolor(), strict=True)}
    assert edge["russia"] == edge["turkey"] == MEDIATOR != edge["egypt"]
    legend = ax.get_legend()
    assert legend is not None
    entries = [t.get_text() for t in legend.get_texts()]
    assert "ringed: mediator between enemies" in entries
    assert not any(e.startswith("bloc 3") for e in entries)  # no singleton blocs


def test_seed_ego_map_is_readable(seed_graph: nx.MultiDiGraph[str]) -> None:
    ax = draw_ego(seed_graph, "khalifa_haftar")
    assert _overlaps(ax, list(ax.texts)) == []
    legend = ax.get_legend()
    assert legend is not None
    entries = [t.get_text() for t in legend.get_texts()]
    # mediation takes no side: a thin grey line, not "negated"
    assert "talks, mediation, deals (no side)" in entries
    assert any("backed by" in t.get_text() for t in ax.texts)


def test_seed_timeline_cuts_the_empty_months(seed_graph: nx.MultiDiGraph[str]) -> None:
    ax = draw_timeline(seed_graph, ["khalifa_haftar", "libya_government", "russia", "turkey"])
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "14 Jan" in ticks or "14 Jan\n2020" in ticks
    assert "//" in node_labels(ax)
    # markers of different days in a row stay apart (at least one marker width)
    fig = ax.get_figure(root=True)
    assert fig is not None
    fig.canvas.draw()
    rows: dict[float, list[float]] = {}
    for line in ax.lines:
        ((x, y),) = line.get_xydata()
        px, _ = ax.transData.transform((x, y))
        rows.setdefault(round(float(y)), []).append(float(px))
    for xs in rows.values():
        xs = sorted({round(x, 1) for x in xs})
        gaps = [b - a for a, b in itertools.pairwise(xs)]
        assert all(g >= 12 for g in gaps), gaps


def test_time_runs_cut_long_gaps_only() -> None:
    from kg.plot import _time_runs

    d = dt.date
    runs, xmap, cuts = _time_runs([d(2019, 4, 1), d(2020, 1, 11), d(2020, 1, 13), d(2020, 1, 14)])
    assert runs == [[d(2019, 4, 1)], [d(2020, 1, 11), d(2020, 1, 13), d(2020, 1, 14)]]
    assert xmap[d(2020, 1, 14)] - xmap[d(2020, 1, 11)] == 3
    assert [days for _, _, days in cuts] == [285]
    # evenly spread events: nothing to cut
    monthly = [d(2020, m, 1) for m in range(1, 13)]
    runs, _, cuts = _time_runs(monthly)
    assert len(runs) == 1
    assert cuts == []


def test_timeline_stacks_events_of_one_day() -> None:
    ev = toy_events()
    same_day_negated = again(ev[ATTACK], "neg.txt", negated=True)
    ax = draw_timeline(build_graph([*ev, same_day_negated]), ["khalifa_haftar", "libya_gov"])
    ys = sorted(float(line.get_xydata()[0][1]) for line in ax.lines)
    assert len(ys) == len(set(ys)) == 3  # the attack and the negated attack do not overlap


# --------------------------------------------------------------------------------------------
# kg plot
# --------------------------------------------------------------------------------------------


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    from kg.graph import write_graph

    return write_graph(build_graph(toy_events()), tmp_path / "graph.graphml")


def _plot(*args: str) -> Any:
    from typer.testing import CliRunner

    from kg.cli import app

    return CliRunner().invoke(app, ["plot", *args])


def _said(res: Any) -> str:
    """The output of a command with rich's box drawing and line wrapping taken out."""
    return " ".join(str(res.output).replace("\N{BOX DRAWINGS LIGHT VERTICAL}", " ").split())


@pytest.mark.parametrize(
    ("kind", "actors", "suffix"),
    [
        ("alliances", [], ".png"),
        ("alliances", [], ".svg"),
        ("ego", ["khalifa_haftar"], ".png"),
        ("ego", ["Khalifa Haftar"], ".svg"),  # a label works too
        ("ego", ["haftar"], ".png"),  # and an alias
        ("timeline", ["khalifa_haftar", "libya_gov", "russia"], ".png"),
    ],
)
def test_kg_plot_draws_each_kind(
    saved: Path, tmp_path: Path, kind: str, actors: list[str], suffix: str
) -> None:
    out = tmp_path / "pics" / f"p{suffix}"
    args = [str(saved), "--kind", kind, "--out", str(out)]
    for a in actors:
        args += ["--actor", a]
    res = _plot(*args)
    assert res.exit_code == 0, res.output
    assert f"wrote {kind}" in res.output
    head = out.read_bytes()[:200]
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in head
    assert plt.get_fignums() == []  # the figure is closed


def test_kg_plot_reads_a_build_folder_and_sets_the_title(saved: Path, tmp_path: Path) -> None:
    res = _plot(str(saved.parent), "-o", str(tmp_path / "a.png"), "--title", "Libya")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "a.png").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "ego"], "exactly one actor"),
        (["--kind", "ego", "-a", "russia", "-a", "egypt"], "exactly one actor"),
        (["--kind", "timeline", "-a", "russia"], "two or more actors"),
        (["--kind", "alliances", "-a", "russia"], "every actor"),
        (["--kind", "ego", "-a", "hafter"], "did you mean 'khalifa_haftar'"),
        (["--kind", "pie"], "pie"),
    ],
)
def test_kg_plot_usage_errors(saved: Path, tmp_path: Path, args: list[str], message: str) -> None:
    res = _plot(str(saved), "--out", str(tmp_path / "x.png"), *args)
    assert res.exit_code == 2
    assert message in _said(res)
    assert not (tmp_path / "x.png").exists()


def test_kg_plot_bad_files(saved: Path, tmp_path: Path) -> None:
    res = _plot(str(saved), "--out", str(tmp_path / "x.gif"))
    assert res.exit_code == 2
    assert ".png or .svg" in _said(res)
    res = _plot(str(tmp_path / "nope.graphml"), "--out", str(tmp_path / "x.png"))
    assert res.exit_code == 2
    assert "no such file" in _said(res)
    broken = tmp_path / "broken.graphml"
    broken.write_text("<graphml", encoding="utf-8")
    res = _plot(str(broken), "--out", str(tmp_path / "x.png"))
    assert res.exit_code == 2
    assert "cannot read the graph" in _said(res)
    # a signed alliance graph has no events to put on an ego map
    from kg.graph import write_graph

    signed = write_graph(alliance_graph(build_graph(toy_events())), tmp_path / "signed.graphml")
    res = _plot(str(signed), "--kind", "ego", "-a", "egypt", "--out", str(tmp_path / "x.png"))
    assert res.exit_code == 2
    assert "event graph" in _said(res)
    res = _plot(str(signed), "--out", str(tmp_path / "s.png"))
    assert res.exit_code == 0, res.output
