"""Pictures of the actor graph: the alliance map, an ego map and an event timeline.

Every function draws into ``ax`` (or a new figure sized for the content), returns the
:class:`matplotlib.axes.Axes`, and is deterministic: the same graph gives the same picture,
byte for byte once written by :func:`save_figure`. matplotlib is imported inside the
functions, so ``import kg.plot`` is cheap and works without a display (use the ``Agg``
backend on servers: ``MPLBACKEND=Agg``).

>>> from kg.examples import toy_events
>>> from kg.graph import build_graph
>>> ax = draw_alliances(build_graph(toy_events()))
>>> sorted(t.get_text() for t in ax.texts)
['Egypt', 'Government of\\nLibya', 'Khalifa Haftar', 'Russia']
>>> import matplotlib.pyplot as plt; plt.close("all")
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import textwrap
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import networkx as nx

from kg.graph import (
    Graph,
    MultiDiGraph,
    _counts,
    _signed,
    _triangles,
    alliance_graph,
    blocs,
    ego_graph,
    mediators,
    relation_timeline,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation

__all__ = ["draw_alliances", "draw_ego", "draw_timeline", "save_figure"]

COOPERATION = "#1a9641"
CONFLICT = "#d7191c"
NEUTRAL = "#8c8c8c"
UNALIGNED = "#c7c7c7"
#: Outline of actors that mediate between two enemies on the alliance map.
MEDIATOR = "#222222"
#: Bloc colours: no pure red or green, so they never read as an edge sign.
BLOC_COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
)

_PASSIVE = {
    "backs": "backed by",
    "aids": "aided by",
    "mediates": "mediated by",
    "requests": "requested by",
    "praises": "praised by",
    "concedes_to": "conceded to by",
    "withdraws_from": "left by",
    "accuses": "accused by",
    "condemns": "condemned by",
    "rejects": "rejected by",
    "threatens": "threatened by",
    "demands": "pressed by",
    "investigates": "investigated by",
    "sanctions": "sanctioned by",
    "deploys_to": "deployed to by",
    "protests_against": "protested by",
    "coerces": "coerced by",
    "arrests": "arrested by",
    "attacks": "attacked by",
}


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def _short(label: str, width: int = 16) -> str:
    """A label of at most two lines of ``width`` characters."""
    lines = textwrap.wrap(label, width) or [label]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder="…")]
    return "\n".join(lines)


def _label(graph: Graph, node: str) -> str:
    return _short(str(graph.nodes[node].get("label") or node))


def _new_axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=size, dpi=100)
    new: Axes = fig.add_subplot()
    return new


def _figure(ax: Axes) -> Figure:
    fig = ax.get_figure(root=True)
    if fig is None:
        raise ValueError("the Axes is not part of a figure")
    return fig


def _strengths(signed: Graph) -> dict[str, float]:
    out = dict.fromkeys(signed.nodes, 0.0)
    for u, v, d in signed.edges(data=True):
        if u != v:
            out[u] += abs(float(d.get("weight", 0.0)))
            out[v] += abs(float(d.get("weight", 0.0)))
    return out


def _signed_layout(
    signed: Graph, seed: int, groups: Sequence[Collection[str]] = ()
) -> dict[str, tuple[float, float]]:
    """A stress-majorization (SMACOF) layout of the signed graph.

    Ideal distances are shortest paths through cooperation ties (1.0 for the strongest, up
    to 1.6 for the weakest); actors with no such path are as far apart as paths that cross
    conflict ties (2.5 each) make them, unless ``groups`` (the blocs) puts them together:
    then they are 1.8 apart. Enemies are 2.5 apart (or 0.85 times their cooperation path,
    if shorter, so a conflict line never runs along that path), so allies cluster and camps
    separate.
    SMACOF runs from two starts, classical MDS of the ideal distances (jittered) and a
    random one, and the layout of lower stress wins. Nodes are processed in sorted order
    and the randomness comes from ``numpy.random.default_rng(seed)``, so the result is
    deterministic.
    """
    import numpy as np

    nodes = sorted(signed.nodes)
    n = len(nodes)
    if n <= 1:
        return dict.fromkeys(nodes, (0.0, 0.0))
    top = max((abs(float(d.get("weight", 0.0))) for _, _, d in signed.edges(data=True)), default=1)
    top = top or 1.0
    h: Graph = nx.Graph()  # the cooperation network: paths through it bring actors together
    h.add_nodes_from(nodes)
    enemies: list[tuple[str, str]] = []
    for u, v in sorted((min(e), max(e)) for e in signed.edges()):
        w = float(signed.edges[u, v].get("weight", 0.0))
        if w < 0:
            enemies.append((u, v))
        else:
            h.add_edge(u, v, length=1.0 + 0.6 * (1.0 - w / top) if w > 0 else 1.4)
    index = {m: i for i, m in enumerate(nodes)}
    finite = dict(nx.all_pairs_dijkstra_path_length(h, weight="length"))
    far = max(max((d for row in finite.values() for d in row.values()), default=1.0), 2.5) + 1.0
    dist = np.full((n, n), far)
    for a, row in finite.items():
        for b, d in row.items():
            dist[index[a], index[b]] = d
    # no cooperation path: fall back on paths that cross conflict ties (each 2.5 long);
    # only actors in different components stay ``far`` apart
    full = h.copy()
    full.add_edges_from(enemies, length=2.5)
    for a, row in nx.all_pairs_dijkstra_path_length(full, weight="length"):
        for b, d in row.items():
            if b not in finite[a]:
                dist[index[a], index[b]] = min(d, far)
    for group in groups:  # a bloc held together by common enemies only
        members = sorted(m for m in group if m in index)
        for a, b in itertools.combinations(members, 2):
            if b not in finite[a]:
                dist[index[a], index[b]] = dist[index[b], index[a]] = 1.8
    for u, v in enemies:
        # at least 2.5 apart, more if their friends are far apart; but shorter than the
        # cooperation path between them, so the conflict tie does not run along that path
        i, j = index[u], index[v]
        via = float(dist[i, j])
        dist[i, j] = dist[j, i] = min(max(2.5, via), 0.85 * via) if v in finite[u] else 2.5
    np.fill_diagonal(dist, 0.0)
    weight = np.zeros((n, n))
    off = ~np.eye(n, dtype=bool)
    weight[off] = dist[off] ** -2.0
    weight[dist >= far] *= 0.1  # unrelated actors: keep apart, but only loosely
    lap = -weight.copy()
    np.fill_diagonal(lap, weight.sum(axis=1))
    lap_pinv = np.linalg.pinv(lap)

    def stress(x: Any) -> float:
        norm = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=2))
        return float((weight[off] * (norm[off] - dist[off]) ** 2).sum())

    def smacof(x: Any) -> Any:
        for _ in range(400):
            diff = x[:, None, :] - x[None, :, :]
            norm = np.sqrt((diff**2).sum(axis=2))
            ratio = np.zeros((n, n))
            ok = off & (norm > 1e-12)
            ratio[ok] = weight[ok] * dist[ok] / norm[ok]
            bmat = -ratio
            np.fill_diagonal(bmat, ratio.sum(axis=1))
            new = lap_pinv @ bmat @ x
            moved = float(np.abs(new - x).max())
            x = new
            if moved < 1e-6:
                break
        return x

    rng = np.random.default_rng(seed)
    # two starts, the better layout wins: classical (Torgerson) MDS of the ideal distances,
    # slightly jittered so that ``seed`` matters, and a random one
    centre = np.eye(n) - 1.0 / n
    vals, vecs = np.linalg.eigh(-0.5 * centre @ (dist**2) @ centre)
    top2 = np.argsort(vals)[::-1][:2]
    mds = vecs[:, top2] * np.sqrt(np.clip(vals[top2], 1e-9, None))
    mds *= np.where(mds[np.abs(mds).argmax(axis=0), [0, 1]] < 0, -1.0, 1.0)  # fix the signs
    starts = [mds + rng.normal(scale=0.05, size=(n, 2)), rng.normal(scale=far / 2, size=(n, 2))]
    layouts = [smacof(x0) for x0 in starts]
    x = min(layouts, key=stress)
    x -= x.mean(axis=0)
    return {m: (float(x[index[m], 0]), float(x[index[m], 1])) for m in nodes}


def _set_limits(ax: Axes, pos: Mapping[str, tuple[float, float]], pad: float = 0.18) -> None:
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    dx = max(max(xs) - min(xs), 0.5)
    dy = max(max(ys) - min(ys), 0.5)
    ax.set_xlim(min(xs) - pad * dx, max(xs) + pad * dx)
    ax.set_ylim(min(ys) - pad * dy, max(ys) + pad * dy)


# candidate label positions around a node: direction (unit offsets), alignment, penalty
_LABEL_SPOTS: tuple[
    tuple[
        float,
        float,
        Literal["left", "center", "right"],
        Literal["bottom", "center", "top"],
        float,
    ],
    ...,
] = (
    (0.0, -1.0, "center", "top", 0.0),
    (0.0, 1.0, "center", "bottom", 1.0),
    (1.0, 0.0, "left", "center", 1.5),
    (-1.0, 0.0, "right", "center", 1.5),
    (0.75, -0.75, "left", "top", 2.0),
    (-0.75, -0.75, "right", "top", 2.0),
    (0.75, 0.75, "left", "bottom", 2.5),
    (-0.75, 0.75, "right", "bottom", 2.5),
)


def _segment_hits_box(
    p: tuple[float, float], q: tuple[float, float], box: tuple[float, float, float, float]
) -> bool:
    """Whether the segment ``p``-``q`` meets the rectangle ``(x0, y0, x1, y1)`` (clipping)."""
    x0, y0, x1, y1 = box
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for d, lo, hi, start in ((dx, x0, x1, p[0]), (dy, y0, y1, p[1])):
        if abs(d) < 1e-12:
            if start < lo or start > hi:
                return False
            continue
        a, b = (lo - start) / d, (hi - start) / d
        if a > b:
            a, b = b, a
        t0, t1 = max(t0, a), min(t1, b)
        if t0 > t1:
            return False
    return True


def _place_labels(
    ax: Axes,
    texts: Sequence[Annotation],
    discs: Sequence[tuple[float, float, float]],
    segments: Sequence[tuple[tuple[float, float], tuple[float, float]]] = (),
    fixed: Sequence[Annotation] = (),
) -> None:
    """Put each node label on the side of its node where it crosses the fewest lines.

    ``texts[i]`` labels the node ``discs[i]`` (``(x, y, radius_points)``, data coordinates);
    ``segments`` are the drawn lines (data coordinates); ``fixed`` are texts that do not
    move (edge labels). Each label tries eight spots around its node (below first) and takes
    the one that crosses the fewest lines, node discs and labels already placed.
    Deterministic: labels are placed in order. :func:`_declutter` then removes what
    overlap is left.
    """
    fig = _figure(ax)
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    if get_renderer is None or not texts:
        return
    renderer = get_renderer()
    px_per_pt = fig.dpi / 72.0
    to_px = ax.transData.transform
    segs = [(tuple(to_px(p)), tuple(to_px(q))) for p, q in segments]
    centres = [tuple(to_px((x, y))) for x, y, _ in discs]
    radii = [r * px_per_pt for _, _, r in discs]
    placed = [t.get_window_extent(renderer) for t in fixed]
    pad = 2.0
    for i, t in enumerate(texts):
        gap = discs[i][2] + 3.0
        best: tuple[float, int] | None = None
        for k, (ux, uy, ha, va, penalty) in enumerate(_LABEL_SPOTS):
            t.set_horizontalalignment(ha)
            t.set_verticalalignment(va)
            t.xyann = (ux * gap, uy * gap)
            bb = t.get_window_extent(renderer)
            box = (bb.x0 - pad, bb.y0 - pad, bb.x1 + pad, bb.y1 + pad)
            cost = penalty
            cost += 10.0 * sum(_segment_hits_box(p, q, box) for p, q in segs)
            for j, ((cx, cy), r) in enumerate(zip(centres, radii, strict=True)):
                if j == i or r < 0:
                    continue
                nx_ = min(max(cx, box[0]), box[2])
                ny_ = min(max(cy, box[1]), box[3])
                if (nx_ - cx) ** 2 + (ny_ - cy) ** 2 < r**2:
                    cost += 20.0
            cost += 20.0 * sum(bb.overlaps(other) for other in placed)
            if best is None or cost < best[0] - 1e-9:
                best = (cost, k)
        assert best is not None
        ux, uy, ha, va, _ = _LABEL_SPOTS[best[1]]
        t.set_horizontalalignment(ha)
        t.set_verticalalignment(va)
        t.xyann = (ux * gap, uy * gap)
        placed.append(t.get_window_extent(renderer))


def _declutter(
    ax: Axes,
    texts: Sequence[Annotation],
    obstacles: Sequence[tuple[float, float, float]] = (),
    iterations: int = 250,
) -> None:
    """Move annotation texts (in offset points) until their boxes stop overlapping.

    ``obstacles`` are node discs ``(x, y, radius_points)`` in data coordinates; a label is
    pushed off every disc but the one with its own index (a negative radius is no disc).
    Deterministic: fixed order, no randomness.
    """
    fig = _figure(ax)
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    if get_renderer is None or len(texts) == 0:
        return
    renderer = get_renderer()
    px_per_pt = fig.dpi / 72.0
    discs = []
    for x, y, r in obstacles:
        cx, cy = ax.transData.transform((x, y))
        discs.append((float(cx), float(cy), r * px_per_pt))
    pad = 2.0
    for _ in range(iterations):
        boxes = [t.get_window_extent(renderer) for t in texts]
        shift = [[0.0, 0.0] for _ in texts]
        moved = False
        for i, j in itertools.combinations(range(len(texts)), 2):
            a, b = boxes[i], boxes[j]
            ox = min(a.x1, b.x1) - max(a.x0, b.x0) + pad
            oy = min(a.y1, b.y1) - max(a.y0, b.y0) + pad
            if ox <= 0 or oy <= 0:
                continue
            moved = True
            if oy <= ox:
                up = (a.y0 + a.y1) >= (b.y0 + b.y1)
                d = oy / 2 + 0.5
                shift[i][1] += d if up else -d
                shift[j][1] += -d if up else d
            else:
                right = (a.x0 + a.x1) >= (b.x0 + b.x1)
                d = ox / 2 + 0.5
                shift[i][0] += d if right else -d
                shift[j][0] += -d if right else d
        for i, box in enumerate(boxes):
            for k, (cx, cy, r) in enumerate(discs):
                if k == i or r < 0:
                    continue
                nx_ = min(max(cx, box.x0), box.x1)
                ny_ = min(max(cy, box.y0), box.y1)
                if (nx_ - cx) ** 2 + (ny_ - cy) ** 2 < (r + pad) ** 2:
                    moved = True
                    tx, ty = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
                    vx, vy = tx - cx, ty - cy
                    norm = math.hypot(vx, vy) or 1.0
                    if norm == 1.0 and vx == 0 and vy == 0:
                        vx, vy = 0.0, -1.0
                    shift[i][0] += 2.0 * vx / norm
                    shift[i][1] += 2.0 * vy / norm
        if not moved:
            break
        for t, (sx, sy) in zip(texts, shift, strict=True):
            x, y = t.xyann
            t.xyann = (x + sx / px_per_pt, y + sy / px_per_pt)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"


def _strongest_ties(signed: Graph, limit: int | None) -> list[tuple[str, str]]:
    """Up to ``limit`` ties: every actor's strongest tie first, then the strongest others."""
    edges = sorted(
        ((min(u, v), max(u, v)) for u, v in signed.edges() if u != v),
        key=lambda e: (-abs(float(signed.edges[e]["weight"])), e),
    )
    if limit is None or len(edges) <= limit:
        return edges
    chosen: dict[tuple[str, str], None] = {}
    covered: set[str] = set()
    for u, v in edges:
        if u not in covered or v not in covered:
            chosen[u, v] = None
            covered.update((u, v))
    for e in edges:
        if len(chosen) >= limit:
            break
        chosen.setdefault(e, None)
    return list(chosen)


def _annotate(ax: Axes, text: str, xy: tuple[float, float], offset: float, **kw: Any) -> Annotation:
    """A label just below a node, joined to it by a faint leader line when pushed away."""
    return ax.annotate(
        text,
        xy=xy,
        xytext=(0.0, -offset),
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=kw.pop("fontsize", 9),
        zorder=5,
        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
        arrowprops={
            "arrowstyle": "-",
            "color": "0.55",
            "lw": 0.6,
            "shrinkA": 0,
            "shrinkB": offset - 2,
        },
        annotation_clip=False,
        **kw,
    )


def _edge_style(weight: float) -> tuple[str, str]:
    if weight > 0:
        return COOPERATION, "-"
    if weight < 0:
        return CONFLICT, (0, (4, 2))  # type: ignore[return-value]
    return NEUTRAL, "-."


def _sign_handles() -> list[Any]:
    from matplotlib.lines import Line2D

    return [
        Line2D([], [], color=COOPERATION, lw=2.5, label="cooperation"),
        Line2D([], [], color=CONFLICT, lw=2.5, ls=(0, (4, 2)), label="conflict"),
    ]


# --------------------------------------------------------------------------------------------
# alliance map
# --------------------------------------------------------------------------------------------


def draw_alliances(
    graph: Graph,
    *,
    ax: Axes | None = None,
    top: int | None = 30,
    seed: int = 0,
    title: str | None = None,
    max_ties: int | None = 90,
) -> Axes:
    """Draw the alliance map: actors coloured by bloc, cooperation green, conflict red.

    Parameters
    ----------
    graph
        A graph made by :func:`kg.graph.build_graph` (its alliance graph is drawn) or a
        signed graph from :func:`kg.graph.alliance_graph` (e.g. with a time window).
    ax
        Axes to draw into; default a new figure sized for the number of actors.
    top
        Draw only the ``top`` actors with the most tie weight (``None``: all). Actors
        without any counted tie are never drawn.
    seed
        Seed of the spring layout; the layout is deterministic for a given seed.
    title
        Default: the number of actors and ties and how many triangles are balanced
        (see :func:`~kg.graph.balance`).
    max_ties
        Draw at most this many ties (``None``: all): each actor's strongest tie, then the
        strongest of the rest. The layout and the blocs still use every tie.

    Returns
    -------
    matplotlib.axes.Axes
        Node colours are the :func:`~kg.graph.blocs` of the drawn actors (with more than
        four blocs, actors alone in their bloc are grey), edge width grows with
        ``|weight|``, node size with the actor's total weight. One text per actor (its
        label, wrapped), plus the legend.

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> from kg.graph import build_graph
    >>> ax = draw_alliances(build_graph(toy_events()), title="Libya")
    >>> ax.get_title(), len(ax.texts)
    ('Libya', 4)
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    signed = _signed(graph)
    strength = _strengths(signed)
    nodes = sorted((n for n in signed if strength[n] > 0), key=lambda n: (-strength[n], n))
    if top is not None:
        nodes = nodes[:top]
    sub: Graph = nx.Graph(signed.subgraph(nodes))
    n = len(nodes)
    side = min(20.0, 7.0 + 0.28 * n)
    ax = _new_axes(ax, (side + 2.5, side * 0.8))
    ax.set_axis_off()
    if n == 0:
        ax.text(0.5, 0.5, "no cooperation or conflict to draw", ha="center", transform=ax.transAxes)
        ax.set_title(title if title is not None else "Alliance map")
        return ax

    groups = blocs(sub)
    colour: dict[str, str] = {}
    handles: list[Any] = []
    from matplotlib.patches import Patch

    # few blocs: every bloc gets a colour; many: single actors share the grey
    colour_all = len(groups) <= 4
    k = 0
    for group in groups:
        if len(group) < 2 and not colour_all:
            continue
        c = BLOC_COLOURS[k % len(BLOC_COLOURS)]
        k += 1
        colour.update(dict.fromkeys(group, c))
        lead = max(sorted(group), key=lambda m: strength[m])
        name = str(sub.nodes[lead].get("label") or lead)
        label = f"bloc {k}: {_clip(name, 22)}" + (f" +{len(group) - 1}" if len(group) > 1 else "")
        handles.append(Patch(color=c, label=label))
    if not colour_all and any(len(g) == 1 for g in groups):
        handles.append(Patch(color=UNALIGNED, label="single-actor blocs"))
    handles.extend(_sign_handles())

    pos = _signed_layout(sub, seed, groups)
    _set_limits(ax, pos)
    shown = _strongest_ties(sub, max_ties)
    top_w = max((abs(float(sub.edges[e]["weight"])) for e in shown), default=1.0) or 1.0
    neutral = False
    for u, v in sorted(shown, key=lambda e: (abs(float(sub.edges[e]["weight"])), e)):
        w = float(sub.edges[u, v]["weight"])
        col, ls = _edge_style(w)
        neutral = neutral or w == 0
        ax.plot(
            [pos[u][0], pos[v][0]],
            [pos[u][1], pos[v][1]],
            color=col,
            ls=ls,
            lw=0.6 + 4.4 * abs(w) / top_w,
            alpha=0.3 + 0.55 * abs(w) / top_w,
            zorder=1,
            solid_capstyle="round",
        )
    if neutral:
        from matplotlib.lines import Line2D

        handles.append(Line2D([], [], color=NEUTRAL, ls="-.", lw=1.5, label="mixed (net 0)"))
    # mediators (events only: a signed graph has no mediation) between two drawn enemies
    drawn = set(nodes)
    ringed: set[str] = set()
    if graph.is_multigraph() and graph.is_directed():
        for m, dyads in mediators(cast(MultiDiGraph, graph)).items():
            if m in drawn and any(a in drawn and b in drawn for a, b in dyads):
                ringed.add(m)
    if ringed:
        from matplotlib.lines import Line2D

        handles.append(
            Line2D([], [], color="none", marker="o", ms=10, mfc=UNALIGNED, mec=MEDIATOR,
                   mew=2.5, label="ringed: mediator between enemies")
        )  # fmt: skip
    top_s = max(strength[m] for m in nodes) or 1.0
    sizes = {m: 120.0 + 680.0 * strength[m] / top_s for m in nodes}
    ordered = sorted(nodes)
    ax.scatter(
        [pos[m][0] for m in ordered],
        [pos[m][1] for m in ordered],
        s=[sizes[m] for m in ordered],
        c=[colour.get(m, UNALIGNED) for m in ordered],
        edgecolors=[MEDIATOR if m in ringed else "white" for m in ordered],
        linewidths=[2.8 if m in ringed else 1.2 for m in ordered],
        zorder=3,
    )
    texts = []
    discs = []
    for m in ordered:
        r = math.sqrt(sizes[m]) / 2
        texts.append(_annotate(ax, _label(sub, m), pos[m], r + 3))
        discs.append((pos[m][0], pos[m][1], r))
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=9,
        frameon=False,
        title="line width: |cooperation - conflict|",
        title_fontsize=8,
    )
    if title is None:
        good, total = _triangles(sub)
        ties = sub.number_of_edges()
        shown_text = (
            f"{ties} ties" if len(shown) == ties else f"strongest {len(shown)} of {ties} ties"
        )
        title = f"Alliance map: {n} actors, {shown_text}"
        if total:
            title += f"; {good} of {total} triangles balanced"
    ax.set_title(title)
    _place_labels(ax, texts, discs, [(pos[u], pos[v]) for u, v in shown])
    _declutter(ax, texts, discs)
    return ax


# --------------------------------------------------------------------------------------------
# ego map
# --------------------------------------------------------------------------------------------


def _pair_labels(ego: MultiDiGraph, centre: str) -> dict[str, list[str]]:
    """Per neighbour, the relations with the centre phrased from the centre's side."""
    out: dict[str, set[str]] = defaultdict(set)
    for u, v, d in ego.edges(data=True):
        if centre not in (u, v) or u == v:
            continue
        other = v if u == centre else u
        rel = str(d.get("relation", ""))
        text = rel if u == centre or d.get("symmetric") else _PASSIVE.get(rel, f"{rel} (by)")
        text = text.replace("_", " ")
        if d.get("negated"):
            text = "not " + text
        if d.get("modality", "asserted") != "asserted":
            text += f" ({d['modality']})"
        out[other].add(text)
    return {k: sorted(v) for k, v in out.items()}


def draw_ego(
    graph: MultiDiGraph, actor_id: str, *, ax: Axes | None = None, radius: int = 1
) -> Axes:
    """Draw an actor's ego map: its partners around it, with what they did.

    Parameters
    ----------
    graph
        A graph made by :func:`kg.graph.build_graph`.
    actor_id
        The centre.
    ax
        Axes to draw into; default a new figure.
    radius
        Hops from the centre (1: direct partners; 2 adds their partners on an outer ring).

    Returns
    -------
    matplotlib.axes.Axes
        The centre in the middle, partners on a ring ordered from strongest cooperation to
        strongest conflict; edges green/red by the sign of the alliance weight, thin grey
        for events that take no side (talks, mediation, agreements), grey dotted when all
        events are negated or not asserted; the centre's edges carry their
        relations, phrased from the centre ("backed by", "not agrees with"). One node label
        per actor.

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> from kg.graph import build_graph
    >>> ax = draw_ego(build_graph(toy_events()), "khalifa_haftar")
    >>> sorted(t.get_text() for t in ax.texts)[:4]
    ['Egypt', 'Government of\\nLibya', 'Khalifa Haftar', 'Russia']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    ego = ego_graph(graph, actor_id, radius=radius)
    signed = alliance_graph(ego)
    und = ego.to_undirected(as_view=True)
    dist = nx.single_source_shortest_path_length(und, actor_id)

    def weight_to_centre(m: str) -> float:
        if signed.has_edge(actor_id, m):
            return float(signed.edges[actor_id, m]["weight"])
        return 0.0

    rings: dict[int, list[str]] = defaultdict(list)
    for m, d in dist.items():
        if m != actor_id:
            rings[d].append(m)
    pos: dict[str, tuple[float, float]] = {actor_id: (0.0, 0.0)}
    ring1 = sorted(rings.get(1, []), key=lambda m: (-weight_to_centre(m), m))
    for i, m in enumerate(ring1):
        angle = math.pi / 2 + 2 * math.pi * i / max(len(ring1), 1)
        pos[m] = (math.cos(angle), math.sin(angle))
    angle_of = {m: math.pi / 2 + 2 * math.pi * i / max(len(ring1), 1) for i, m in enumerate(ring1)}
    for r in range(2, radius + 1):
        # outer rings: each actor near its inner neighbours (circular mean of their angles)
        anchor: dict[str, float] = {}
        for m in rings.get(r, []):
            inner = sorted(p for p in und.neighbors(m) if dist.get(p) == r - 1)
            sx = sum(math.cos(angle_of[p]) for p in inner)
            sy = sum(math.sin(angle_of[p]) for p in inner)
            anchor[m] = math.atan2(sy, sx) % (2 * math.pi)
        ring = sorted(anchor, key=lambda m: (anchor[m], m))
        start = anchor[ring[0]] if ring else 0.0
        for i, m in enumerate(ring):
            angle = start + 2 * math.pi * i / len(ring)
            angle_of[m] = angle
            pos[m] = (1.25 * r * math.cos(angle), 1.25 * r * math.sin(angle))

    n = len(pos)
    side = min(16.0, 7.0 + 0.25 * n)
    ax = _new_axes(ax, (side + 2.0, side))
    ax.set_axis_off()
    ax.set_aspect("equal")
    _set_limits(ax, pos, pad=0.3)

    # ties to the centre, among partners, and from each ring to the next (not within outer rings)
    pairs = sorted(
        {
            (min(u, v), max(u, v))
            for u, v in und.edges()
            if u != v and (abs(dist[u] - dist[v]) == 1 or dist[u] == dist[v] == 1)
        }
    )
    top_w = max((abs(float(d["weight"])) for _, _, d in signed.edges(data=True)), default=1.0)
    top_w = top_w or 1.0
    # pairs with asserted events that take no side (talks, mediation, agreements)
    sideless = {(min(u, v), max(u, v)) for u, v, d in ego.edges(data=True) if _counts(d)}
    dotted = neutral = talks = False
    for u, v in pairs:
        if signed.has_edge(u, v):
            w = float(signed.edges[u, v]["weight"])
            col, ls = _edge_style(w)
            neutral = neutral or w == 0
            lw = 0.8 + 4.2 * abs(w) / top_w
        elif (u, v) in sideless:
            col, ls, lw = NEUTRAL, "-", 1.2
            talks = True
        else:
            col, ls, lw = NEUTRAL, ":", 1.2
            dotted = True
        central = actor_id in (u, v)
        ax.plot(
            [pos[u][0], pos[v][0]],
            [pos[u][1], pos[v][1]],
            color=col,
            ls=ls,
            lw=lw if central else 0.6 * lw,
            alpha=0.8 if central else 0.4,
            zorder=2 if central else 1,
        )

    labels = _pair_labels(ego, actor_id)
    texts = []
    for m in ring1:
        if m not in labels:
            continue
        x, y = pos[m]
        texts.append(
            ax.annotate(
                "\n".join(labels[m]),
                xy=(0.55 * x, 0.55 * y),
                xytext=(0.0, 0.0),
                textcoords="offset points",
                ha="center",
                va="center",
                fontsize=7.5,
                color="0.25",
                style="italic",
                zorder=4,
                annotation_clip=False,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "0.85", "alpha": 0.9},
            )
        )
    ordered = sorted(pos)
    sizes = {m: 900.0 if m == actor_id else 320.0 for m in ordered}
    colours = []
    for m in ordered:
        w = weight_to_centre(m)
        colours.append(
            "#404040"
            if m == actor_id
            else COOPERATION
            if w > 0
            else CONFLICT
            if w < 0
            else UNALIGNED
        )
    ax.scatter(
        [pos[m][0] for m in ordered],
        [pos[m][1] for m in ordered],
        s=[sizes[m] for m in ordered],
        c=colours,
        edgecolors="white",
        linewidths=1.5,
        zorder=3,
    )
    discs = []
    for m in ordered:
        rad = math.sqrt(sizes[m]) / 2
        kw: dict[str, Any] = {"fontweight": "bold", "fontsize": 11} if m == actor_id else {}
        texts.append(_annotate(ax, _label(ego, m), pos[m], rad + 3, **kw))
        discs.append((pos[m][0], pos[m][1], rad))
    from matplotlib.lines import Line2D

    handles = _sign_handles()
    if neutral:
        handles.append(Line2D([], [], color=NEUTRAL, ls="-.", lw=1.5, label="mixed (net 0)"))
    if talks:
        handles.append(
            Line2D([], [], color=NEUTRAL, lw=1.5, label="talks, mediation, deals (no side)")
        )
    if dotted:
        handles.append(
            Line2D([], [], color=NEUTRAL, ls=":", lw=1.5, label="negated / not asserted only")
        )
    for c, text in (
        (COOPERATION, "partner: net cooperation"),
        (CONFLICT, "partner: net conflict"),
        (UNALIGNED, "partner: neither / further out"),
    ):
        handles.append(Line2D([], [], color=c, marker="o", ls="none", ms=9, label=text))
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False
    )
    ax.set_title(f"Ego map: {graph.nodes[actor_id].get('label') or actor_id}")
    # the first texts are edge labels (no disc of their own): give them no matching obstacle
    edge_texts = texts[: len(texts) - len(discs)]
    _place_labels(
        ax, texts[len(edge_texts) :], discs, [(pos[u], pos[v]) for u, v in pairs], edge_texts
    )
    obstacles = [(0.0, 0.0, -1.0)] * len(edge_texts) + discs
    _declutter(ax, texts, obstacles)
    return ax


# --------------------------------------------------------------------------------------------
# timeline
# --------------------------------------------------------------------------------------------


def _time_runs(
    dates: Sequence[dt.date],
) -> tuple[list[list[dt.date]], dict[dt.date, float], list[tuple[float, float, int]]]:
    """Cut the time axis at long empty stretches, so that clustered events stay apart.

    The largest gap between event dates is cut while it is longer than 30 days and longer
    than 40% of the span left uncut; a cut gap is drawn as a fixed width (a tenth of the
    uncut span, at least one day). Returns the runs of dates between cuts, each date's x
    position (in days, the first date at 0) and the cuts ``(x_before, x_after, days)``.
    """
    uniq = sorted(set(dates))
    gaps = [(b - a).days for a, b in itertools.pairwise(uniq)]
    cut: set[int] = set()
    while True:
        open_ = [(g, -i) for i, g in enumerate(gaps) if i not in cut]
        if not open_:
            break
        g, neg_i = max(open_)
        if g <= 30 or g <= 0.4 * sum(x for x, _ in open_):
            break
        cut.add(-neg_i)
    width = max(1.0, 0.1 * sum(g for i, g in enumerate(gaps) if i not in cut))
    xmap = {uniq[0]: 0.0} if uniq else {}
    runs: list[list[dt.date]] = [[uniq[0]]] if uniq else []
    breaks: list[tuple[float, float, int]] = []
    for i, g in enumerate(gaps):
        before = xmap[uniq[i]]
        xmap[uniq[i + 1]] = before + (width if i in cut else float(g))
        if i in cut:
            breaks.append((before, xmap[uniq[i + 1]], g))
            runs.append([])
        runs[-1].append(uniq[i + 1])
    return runs, xmap, breaks


def _duration(days: int) -> str:
    if days < 60:
        return f"{days} days"
    if days < 730:
        return f"{round(days / 30.44)} months"
    return f"{days / 365.25:.1f} years"


def _broken_date_axis(
    ax: Axes,
    runs: Sequence[Sequence[dt.date]],
    xmap: Mapping[dt.date, float],
    breaks: Sequence[tuple[float, float, int]],
) -> None:
    """Ticks, limits and cut marks of a time axis cut by :func:`_time_runs`."""
    import matplotlib.dates as mdates
    import matplotlib.transforms as mtransforms

    dates_api = cast(Any, mdates)
    total = max(max(xmap.values()), 1.0)
    pad = max(0.5, 0.04 * total)
    ax.set_xlim(-pad, total + pad)
    ticks: list[float] = []
    names: list[str] = []
    for run in runs:
        a, b = run[0], run[-1]
        days = (b - a).days
        if days == 0:
            picked = [a]
        else:
            most = max(2, round(9 * days / total))
            locator = dates_api.AutoDateLocator(minticks=2, maxticks=most)
            values = locator.tick_values(
                dt.datetime.combine(a, dt.time()), dt.datetime.combine(b, dt.time())
            )
            stamps = [dates_api.num2date(v) for v in values]
            picked = sorted(
                {t.date() for t in stamps if t.hour == t.minute == 0 and a <= t.date() <= b}
            )
            picked = picked or [a, b]
        previous_year = None
        for d in picked:
            ticks.append(xmap[a] + (d - a).days)
            text = f"{d.day} {d:%b}" if days <= 92 else f"{d:%b}"
            if d.year != previous_year:
                text += f"\n{d.year}"
                previous_year = d.year
            names.append(text)
    ax.set_xticks(ticks, names, fontsize=9)
    blend = mtransforms.blended_transform_factory(ax.transData, ax.transAxes)
    for left, right, days in breaks:
        inset = 0.15 * (right - left)
        ax.axvspan(left + inset, right - inset, color="white", zorder=1, lw=0)
        mid = (left + right) / 2
        ax.text(mid, 0.0, "//", transform=blend, ha="center", va="center", fontsize=11,
                color="0.3", zorder=6, clip_on=False,
                bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"})  # fmt: skip
        ax.text(mid, 0.5, _duration(days), transform=blend, ha="center", va="center",
                rotation=90, fontsize=8, color="0.45", zorder=2)  # fmt: skip


def draw_timeline(graph: MultiDiGraph, actors: Sequence[str], *, ax: Axes | None = None) -> Axes:
    """Draw the events between chosen actors over time: one row per who-did-what.

    Parameters
    ----------
    graph
        A graph made by :func:`kg.graph.build_graph`.
    actors
        Two or more actor ids; every event between two of them is drawn.
    ax
        Axes to draw into; default a new figure sized for the number of rows.

    Returns
    -------
    matplotlib.axes.Axes
        One row per pair, direction and relation (``"Egypt -> Khalifa Haftar: backs"``;
        symmetric relations use a dash), grouped by pair, one marker per day with events:
        green up-triangles for cooperation, red down-triangles for conflict; filled when
        asserted, hollow when planned/possible/requested/..., an ``x`` when negated; larger
        markers for days with several mentions. Undated mentions are counted in the title.

    Examples
    --------
    >>> from kg.examples import toy_events
    >>> from kg.graph import build_graph
    >>> ax = draw_timeline(build_graph(toy_events()), ["khalifa_haftar", "libya_gov", "russia"])
    >>> for t in ax.get_yticklabels()[::-1]:  # top to bottom
    ...     print(t.get_text().replace("\N{EN DASH}", "-"))
    Khalifa Haftar - Government of Libya: agrees with
    Khalifa Haftar → Government of Libya: attacks
    Russia → Khalifa Haftar: backs
    Russia → Khalifa Haftar: mediates
    Russia → Government of Libya: mediates
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D

    date2num = cast("Callable[[dt.date], float]", mdates.date2num)
    dates_api = cast(Any, mdates)

    chosen = list(dict.fromkeys(actors))
    missing = [a for a in chosen if a not in graph]
    if missing:
        raise nx.NodeNotFound(f"actors not in the graph: {', '.join(missing)}")

    def name(a: str) -> str:
        return _clip(str(graph.nodes[a].get("label") or a), 22)

    # row -> (date, polarity, kind) -> count; kind: "asserted", "negated" or "hypothetical"
    rows: dict[tuple[int, str, str, str], dict[tuple[dt.date, int, str], int]] = {}
    polarity_of: dict[str, int] = {}
    undated = 0
    for p, (a, b) in enumerate(itertools.combinations(chosen, 2)):
        for e in relation_timeline(graph, a, b):
            if e["date"] is None:
                undated += 1
                continue
            if e["symmetric"]:
                label = f"{name(a)} \N{EN DASH} {name(b)}"
            else:
                label = f"{name(e['source'])} \N{RIGHTWARDS ARROW} {name(e['target'])}"
            kind = (
                "negated"
                if e["negated"]
                else "asserted"
                if e["modality"] == "asserted"
                else "hypothetical"
            )
            key = (p, label, e["relation"], "")
            polarity_of[e["relation"]] = e["polarity"]
            marks = rows.setdefault(key, {})
            marks[e["date"], e["polarity"], kind] = (
                marks.get((e["date"], e["polarity"], kind), 0) + 1
            )

    ordered = sorted(rows)
    height = max(2.4, 0.38 * len(ordered) + 1.6)
    ax = _new_axes(ax, (12.0, height))
    title = "Timeline: " + ", ".join(name(a) for a in chosen)
    if undated:
        title += f" ({undated} undated mention{'s' if undated > 1 else ''} not shown)"
    ax.set_title(title)
    if not ordered:
        ax.text(
            0.5, 0.5, "no dated events between these actors", ha="center", transform=ax.transAxes
        )
        ax.set_axis_off()
        return ax

    n = len(ordered)
    all_dates = [d for marks in rows.values() for d, _, _ in marks]
    lo, hi = min(all_dates), max(all_dates)
    span = max((hi - lo).days, 1)
    runs, xmap, breaks = _time_runs(all_dates)
    broken = len(runs) > 1

    def x_of(date: dt.date) -> float:
        return xmap[date] if broken else float(date2num(date))

    labels: list[str] = []
    previous_pair = -1
    shade = False
    for i, key in enumerate(ordered):
        pair, label, relation, _ = key
        y = n - 1 - i
        if pair != previous_pair:
            shade = not shade
            previous_pair = pair
        if shade:
            ax.axhspan(y - 0.5, y + 0.5, color="0.95", zorder=0, lw=0)
        labels.append(f"{label}: {relation.replace('_', ' ')}")
        same_day: dict[dt.date, int] = defaultdict(int)
        for date, _, _ in rows[key]:
            same_day[date] += 1
        seen: dict[dt.date, int] = defaultdict(int)
        for (date, polarity, kind), count in sorted(rows[key].items()):
            col = COOPERATION if polarity > 0 else CONFLICT
            size = 8.0 + 3.0 * math.log2(count)
            marker = "X" if kind == "negated" else "^" if polarity > 0 else "v"
            # several kinds on one day (asserted and negated ...): stack them in the row
            dy = (seen[date] - (same_day[date] - 1) / 2) * 0.25
            seen[date] += 1
            ax.plot(
                [x_of(date)],
                [y - dy],
                marker=marker,
                ms=size,
                color=col,
                mfc="white" if kind == "hypothetical" else col,
                mew=1.5,
                ls="none",
                alpha=0.9,
                zorder=3,
            )
    ax.set_ylim(-0.5, n - 0.5)
    ax.set_yticks(list(range(n)), labels[::-1], fontsize=9)
    ax.tick_params(axis="y", length=0)
    if broken:
        _broken_date_axis(ax, runs, xmap, breaks)
    else:
        pad_days = max(1, span // 25)
        ax.set_xlim(
            float(date2num(lo - dt.timedelta(days=pad_days))),
            float(date2num(hi + dt.timedelta(days=pad_days))),
        )
        locator = dates_api.AutoDateLocator(minticks=3, maxticks=9)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(dates_api.ConciseDateFormatter(locator))
    ax.grid(axis="x", color="0.85", zorder=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    handles = [
        Line2D([], [], marker="^", color=COOPERATION, ls="none", ms=9, label="cooperation"),
        Line2D([], [], marker="v", color=CONFLICT, ls="none", ms=9, label="conflict"),
        Line2D([], [], marker="^", color="0.35", mfc="white", ls="none", ms=9,
               label="not asserted (planned, ...)"),
        Line2D([], [], marker="X", color="0.35", ls="none", ms=9, label="negated"),
        Line2D([], [], marker="^", color="0.35", ls="none", ms=14, label="several mentions"),
    ]  # fmt: skip
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False
    )
    return ax


# --------------------------------------------------------------------------------------------
# saving
# --------------------------------------------------------------------------------------------


def save_figure(ax: Axes, path: str | Path, *, dpi: int = 150) -> Path:
    """Save the figure of ``ax`` as PNG or SVG (by suffix), reproducibly.

    Timestamps and software versions are left out of the file and SVG ids are salted
    with a constant, so the same picture gives the same bytes.

    Parameters
    ----------
    ax
        Any axes of the figure to save.
    path
        Ends in ``.png`` or ``.svg``.
    dpi
        Resolution of PNG files.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    import matplotlib as mpl

    path = Path(path)
    suffix = path.suffix.lower()
    fig = _figure(ax)
    if suffix == ".png":
        fig.savefig(path, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    elif suffix == ".svg":
        with mpl.rc_context({"svg.hashsalt": "kg", "svg.fonttype": "path"}):
            fig.savefig(path, format="svg", bbox_inches="tight", metadata={"Date": None})
    else:
        raise ValueError(f"{path}: unknown image format {suffix!r}; use .png or .svg")
    return path
