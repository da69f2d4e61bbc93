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

from kg.datatypes import Actor, ActorType, Event, Mention, Modality
from kg.examples import toy_events
from kg.graph import alliance_graph, build_graph
from kg.plot import (
    CONFLICT,
    COOPERATION,
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
