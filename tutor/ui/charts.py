"""The statistics charts, drawn with matplotlib's Agg renderer into RGBA pixels.

Imported only by the statistics window's worker (matplotlib takes most of a second to
import, and nothing else in the app needs it). Never uses pyplot. Not thread-safe, like
matplotlib itself: call it from one thread at a time (the window's one-thread pool).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.collections import LineCollection, PatchCollection, PolyCollection
from matplotlib.colors import LinearSegmentedColormap, PowerNorm, to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import offset_copy

from tutor.core import stats
from tutor.core.stats import Report
from tutor.ui.agg import DPI, draw_rgba
from tutor.ui.statistics import CALENDAR_MARGINS, CALENDAR_MAX_CELL, MAP_MARGIN_PX

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from tutor.ui.statistics import Colours

FONT_PT = 8.5
WEEKDAY_LABELS = {0: "Mon", 2: "Wed", 4: "Fri", 6: "Sun"}


def mix(a: str, b: str, t: float) -> str:
    """The colour ``t`` of the way from ``a`` to ``b`` (hex strings)."""
    ra, rb = np.array(to_rgb(a)), np.array(to_rgb(b))
    return to_hex(ra + (rb - ra) * t)


def render(
    chart: str, report: Report, colours: Colours, width: int, height: int, ratio: float,
) -> tuple[bytes, int, int]:
    """Draw ``chart`` at ``width`` × ``height`` logical pixels and device pixel ratio
    ``ratio``; return RGBA bytes and the size in device pixels."""
    return draw_rgba(lambda figure: DRAW[chart](figure, report, colours), _style(colours), width, height, ratio)


def _style(c: Colours) -> dict[str, object]:
    return {
        "font.size": FONT_PT, "text.color": c.text, "axes.labelcolor": c.muted,
        "axes.edgecolor": c.grid, "axes.facecolor": c.background, "figure.facecolor": c.background,
        "xtick.color": c.muted, "ytick.color": c.muted, "xtick.labelcolor": c.muted,
        "ytick.labelcolor": c.muted, "axes.spines.top": False, "axes.spines.right": False,
        "axes.titlesize": FONT_PT, "axes.titlecolor": c.muted, "axes.titlelocation": "left",
        "xtick.major.size": 0, "ytick.major.size": 0, "axes.grid": False, "grid.color": c.grid,
        "legend.frameon": False, "legend.fontsize": FONT_PT, "hatch.color": c.grid,
        # about twice as fast per label, and nothing here is mathtext
        "text.hinting": "no_hinting", "text.parse_math": False,
    }


def _axes(figure: Figure, left: float, right: float, top: float, bottom: float) -> Axes:
    """Axes with margins in logical pixels (no tight_layout: it would draw twice)."""
    w, h = figure.get_size_inches() * DPI
    return figure.add_axes((left / w, bottom / h, max(0.01, 1 - (left + right) / w),
                            max(0.01, 1 - (top + bottom) / h)))


def _empty(figure: Figure, colours: Colours, text: str) -> None:
    """A chart with nothing to show says so, wrapped to the chart's width (never cut off)."""
    width_px = figure.get_size_inches()[0] * DPI
    chars = max(16, int(width_px / ((FONT_PT + 1) * 0.62)))  # an average glyph is ~0.6 em
    figure.text(0.5, 0.5, textwrap.fill(text, chars), ha="center", va="center", color=colours.muted,
                fontsize=FONT_PT + 1, linespacing=1.4)


def _rects(ax: Axes, rects: list[tuple[float, float, float, float]], colours: list[str] | str) -> None:
    """Filled rectangles (x0, y0, x1, y1) as one collection: much cheaper than ``bar``."""
    verts = [((x0, y0), (x0, y1), (x1, y1), (x1, y0)) for x0, y0, x1, y1 in rects]
    ax.add_collection(PolyCollection(verts, facecolors=colours, edgecolors="none", linewidths=0))


def _bars(ax: Axes, heights: list[float], colours: list[str] | str, width: float = 0.72) -> float:
    """Vertical bars at x = 0, 1, ...; the y axis runs from 0 to a little above the tallest
    (returned)."""
    half = width / 2
    _rects(ax, [(i - half, 0, i + half, h) for i, h in enumerate(heights)], colours)
    top = max(max(heights, default=0), 1e-9) * 1.08
    ax.set_ylim(0, top)
    return top


# Axis labels are plain texts: a matplotlib Tick costs about a millisecond to make.


def _x_labels(ax: Axes, c: Colours, positions: list[float], labels: list[str], top: bool = False) -> None:
    ax.set_xticks([])
    where = offset_copy(ax.get_xaxis_transform(), fig=ax.figure, y=4 if top else -4, units="points")
    for x, text in zip(positions, labels, strict=True):
        ax.text(x, 1 if top else 0, text, transform=where, ha="center",
                va="bottom" if top else "top", color=c.muted)


def _y_labels(
    ax: Axes, c: Colours, positions: list[float], labels: list[str], grid: bool = False,
    colour: str | None = None,
) -> None:
    ax.set_yticks([])
    where = offset_copy(ax.get_yaxis_transform(), fig=ax.figure, x=-4, units="points")
    for y, text in zip(positions, labels, strict=True):
        ax.text(0, y, text, transform=where, ha="right", va="center", color=colour or c.muted)
        if grid:
            ax.axhline(y, color=c.grid, linewidth=0.6, zorder=0)
    ax.spines["left"].set_visible(False)


def _y_values(ax: Axes, c: Colours, top: float, integer: bool = False) -> None:
    """A few round values up the y axis, each with a grid line."""
    values = [v for v in MaxNLocator(nbins=4, integer=integer).tick_values(0, top) if 0 <= v <= top]
    _y_labels(ax, c, values, [f"{v:g}" for v in values], grid=True)


# -- calendar --------------------------------------------------------------------------------


def draw_calendar(figure: Figure, report: Report, c: Colours) -> None:
    calendar = report.calendar
    if not calendar.total:
        _empty(figure, c, "No reviews yet — each day you study fills in a square here.")
        return
    grid = calendar.grid()
    weeks = len(grid)
    w, h = figure.get_size_inches() * DPI
    left, right, top, bottom = CALENDAR_MARGINS
    cell = max(4.0, min(CALENDAR_MAX_CELL, (w - left - right) / weeks, (h - top - bottom) / 7))
    ax = figure.add_axes((left / w, (h - top - 7 * cell) / h, weeks * cell / w, 7 * cell / h))
    values = np.array([[np.nan if v is None else v for v in week] for week in grid], dtype=float).T
    busiest = max(calendar.counts)
    cmap = LinearSegmentedColormap.from_list(
        "answers", [mix(c.empty, c.accent, 0.3), c.accent]
    ).with_extremes(under=c.empty, bad=c.background)
    ax.pcolormesh(np.ma.masked_invalid(values), cmap=cmap,
                  norm=PowerNorm(0.6, vmin=0.5, vmax=max(busiest, 1)),
                  edgecolors=c.background, linewidth=1.2)
    ax.set_xlim(0, weeks)
    ax.set_ylim(7, 0)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    _y_labels(ax, c, [k + 0.5 for k in WEEKDAY_LABELS], list(WEEKDAY_LABELS.values()))
    _x_labels(ax, c, *_month_ticks(calendar.week_starts()), top=True)
    _calendar_legend(figure, c, cmap, busiest, w, h, left + weeks * cell)


def _month_ticks(week_starts: list[date]) -> tuple[list[float], list[str]]:
    """A label at the first week of each month (with the year on January)."""
    ticks, labels = [], []
    for i, monday in enumerate(week_starts):
        sunday = monday + timedelta(days=6)
        if sunday.day <= 7 and i < len(week_starts) - 2:
            ticks.append(i + 0.5)
            labels.append(sunday.strftime("%b %Y" if sunday.month == 1 else "%b"))
    return ticks, labels


def _calendar_legend(figure: Figure, c: Colours, cmap, busiest: int, w: float, h: float, right: float) -> None:  # noqa: ANN001
    size, gap = 10, 3
    levels = [0] + [max(1, round(busiest * f)) for f in (0.1, 0.35, 0.65, 1.0)]
    norm = PowerNorm(0.6, vmin=0.5, vmax=max(busiest, 1))
    x = right - len(levels) * (size + gap) - 30
    y = 6
    figure.text((x - 4) / w, (y + size / 2) / h, "Less", ha="right", va="center", color=c.muted)
    for k, level in enumerate(levels):
        colour = c.empty if level == 0 else cmap(norm(level))
        figure.patches.append(Rectangle(((x + k * (size + gap)) / w, y / h), size / w, size / h,
                                        transform=figure.transFigure, color=colour, figure=figure))
    figure.text((x + len(levels) * (size + gap) + 2) / w, (y + size / 2) / h, "More",
                ha="left", va="center", color=c.muted)


# -- forecast and time -----------------------------------------------------------------------


def _day_ticks(ax: Axes, c: Colours, first: date, days: int, today_index: int) -> None:
    """A date every week, "today" where today is."""
    ticks = [i for i in range(days) if (i - today_index) % 7 == 0]
    labels = ["today" if i == today_index else (first + timedelta(days=i)).strftime("%d %b").lstrip("0")
              for i in ticks]
    _x_labels(ax, c, ticks, labels)
    ax.set_xlim(-0.7, days - 0.3)


def draw_forecast(figure: Figure, report: Report, c: Colours) -> None:
    forecast = report.forecast
    if not any(forecast):
        _empty(figure, c, "Nothing scheduled yet — skills you learn show up here when they fall due.")
        return
    ax = _axes(figure, 34, 10, 10, 24)
    colours = [c.accent] + [mix(c.accent, c.background, 0.35)] * (len(forecast) - 1)
    _y_values(ax, c, _bars(ax, forecast, colours), integer=True)
    _day_ticks(ax, c, report.today, len(forecast), 0)


def draw_time(figure: Figure, report: Report, c: Colours) -> None:
    minutes = report.minutes
    if not any(minutes):
        _empty(figure, c, "No reviews yet — the minutes you spend each day appear here.")
        return
    ax = _axes(figure, 44, 10, 10, 24)  # room for "0.012"
    _y_values(ax, c, _bars(ax, minutes, c.accent))
    _day_ticks(ax, c, report.today - timedelta(days=len(minutes) - 1), len(minutes), len(minutes) - 1)


# -- accuracy and retention ------------------------------------------------------------------


def draw_accuracy(figure: Figure, report: Report, c: Colours) -> None:
    rows = [(topic, ratio) for topic, ratio in report.accuracy.items() if ratio.total]
    if not rows:
        _empty(figure, c, "No reviews yet — accuracy per topic appears after your first answers.")
        return
    ax = _axes(figure, 118, 104, 6, 6)
    y = np.arange(len(rows))
    shares = [100 * (ratio.share or 0) for _, ratio in rows]
    _rects(ax, [(0, k - 0.31, 100, k + 0.31) for k in y], c.empty)
    _rects(ax, [(0, k - 0.31, share, k + 0.31) for k, share in zip(y, shares, strict=True)], c.accent)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    _y_labels(ax, c, list(y), [topic for topic, _ in rows], colour=c.text)
    ax.set_xticks([])
    ax.spines["bottom"].set_visible(False)
    for k, (_topic, ratio) in enumerate(rows):
        ax.text(101.5, k, f"{stats.percent(ratio.share)} of {ratio.total:,}", va="center",
                ha="left", color=c.text, clip_on=False)


def _ratio_bars(ax: Axes, c: Colours, labels: list[str], ratios: list[stats.Ratio], desired: float | None) -> None:
    """Shares as bars from 0 to 100 %, each labelled inside at its foot (where the dashed
    desired line never crosses the label); a month without reviews shows a dash."""
    shares = [100 * (r.share or 0) for r in ratios]
    _bars(ax, shares, c.accent, width=0.66)
    for k, (r, share) in enumerate(zip(ratios, shares, strict=True)):
        if not r.total:
            ax.text(k, 2, "–", ha="center", va="bottom", color=c.muted)
        elif share >= 18:
            ax.text(k, 4, stats.percent(r.share), ha="center", va="bottom", color=c.on_accent)
        else:
            ax.text(k, share + 2, stats.percent(r.share), ha="center", va="bottom", color=c.text)
    if desired is not None:
        ax.axhline(100 * desired, color=c.text, linestyle=(0, (4, 3)), linewidth=0.9)
        ax.text(1.0, 1.0, f"- - -  desired {stats.percent(desired)}", transform=ax.transAxes,
                ha="right", va="bottom", color=c.text)
    ax.set_ylim(0, 100)
    ax.set_xlim(-0.6, len(ratios) - 0.4)
    _x_labels(ax, c, list(range(len(ratios))), labels)
    _y_labels(ax, c, [0, 50, 100], ["0%", "50%", "100%"], grid=True)


RETENTION_EMPTY = ("No reviews yet — true retention is measured on reviews a day or more "
                   "after you learned a skill.")


def draw_retention_interval(figure: Figure, report: Report, c: Colours) -> None:
    retention = report.retention
    if not retention.overall.total:
        _empty(figure, c, RETENTION_EMPTY if not report.answers else
               "Not measured yet — come back for reviews a day or more after learning.")
        return
    ax = _axes(figure, 40, 10, 20, 34)
    roomy = (figure.get_size_inches()[0] * DPI - 50) / len(retention.by_interval) > 90
    labels = [f"{name}\n{ratio.total:,}{' reviews' if roomy else ''}"
              for name, ratio in retention.by_interval.items()]
    _ratio_bars(ax, c, labels, list(retention.by_interval.values()), retention.desired)


def draw_retention_month(figure: Figure, report: Report, c: Colours) -> None:
    retention = report.retention
    if not any(r.total for r in retention.by_month.values()):
        _empty(figure, c, RETENTION_EMPTY if not report.answers else
               "Not measured yet — come back for reviews a day or more after learning.")
        return
    ax = _axes(figure, 40, 10, 20, 34)
    months = list(retention.by_month)
    labels = [m.strftime("%b\n%Y") if m.month == 1 or k == 0 else m.strftime("%b")
              for k, m in enumerate(months)]
    _ratio_bars(ax, c, labels, list(retention.by_month.values()), retention.desired)


# -- mastery map -----------------------------------------------------------------------------


def draw_mastery(figure: Figure, report: Report, c: Colours) -> None:
    nodes = report.mastery.nodes
    if not nodes:
        _empty(figure, c, "No skills in the bank yet.")
        return
    fill = {stats.NEW: c.new, stats.LEARNING: c.learning, stats.MATURE: c.mature,
            stats.SUSPENDED: c.background}
    columns = max(n.level for n in nodes)
    per_level = report.mastery.level_sizes()
    rows = max(per_level.values())
    w, h = figure.get_size_inches() * DPI
    ax = _axes(figure, 6, 6, 18, MAP_MARGIN_PX - 18)
    ax.set_axis_off()
    ax.set_xlim(-0.5, columns - 0.5)
    ax.set_ylim(rows / 2, -rows / 2)
    where = {n.template_id: (n.level - 1, n.row - (per_level[n.level] - 1) / 2) for n in nodes}
    half_w, half_h = 0.45, 0.36
    segments = [((where[a][0] + half_w, where[a][1]), (where[b][0] - half_w, where[b][1]))
                for a, b in report.mastery.edges if a in where and b in where]
    ax.add_collection(LineCollection(segments, colors=c.edge, linewidths=0.7, zorder=1))
    px_x, px_y = (w - 12) / columns, (h - MAP_MARGIN_PX) / rows
    boxes = [FancyBboxPatch((x - half_w, y - half_h), 2 * half_w, 2 * half_h,
                            boxstyle="round,pad=0,rounding_size=0.06", mutation_aspect=px_x / px_y)
             for x, y in (where[n.template_id] for n in nodes)]
    ax.add_collection(PatchCollection(
        boxes, facecolors=[fill[n.status] for n in nodes], zorder=2, linewidths=0.8,
        edgecolors=[c.muted if n.status == stats.SUSPENDED else fill[n.status] for n in nodes],
        linestyles=[(0, (2, 2)) if n.status == stats.SUSPENDED else "solid" for n in nodes],
    ))
    char_px = (FONT_PT - 1) * DPI / 72 * 0.6  # DejaVu Sans: about 0.6 em a character
    fits = max(4, int((2 * half_w * px_x - 6) / char_px))
    for n in nodes:
        x, y = where[n.template_id]
        ax.text(x, y, _fit(n.label, fits), ha="center", va="center", fontsize=FONT_PT - 1,
                color=c.muted if n.status == stats.SUSPENDED else c.node_text, zorder=3)
    counts = report.mastery.counts()
    _status_legend(figure, c, fill, counts, w, h)
    for level in range(1, columns + 1):
        ax.text(level - 1, -rows / 2, f"level {level}", ha="center", va="bottom", color=c.muted,
                fontsize=FONT_PT - 1, clip_on=False)


def _status_legend(figure: Figure, c: Colours, fill: dict[str, str], counts: dict[str, int],
                   w: float, h: float) -> None:
    """A swatch and "status count" for each status, centred along the bottom (drawn by hand:
    ``Figure.legend`` costs as much as the whole map)."""
    slot, size, y = 110, 10, 8
    x = (w - slot * len(stats.STATUSES)) / 2
    for status in stats.STATUSES:
        suspended = status == stats.SUSPENDED
        figure.patches.append(Rectangle(
            (x / w, y / h), size / w, size / h, transform=figure.transFigure, figure=figure,
            facecolor=fill[status], edgecolor=c.muted if suspended else fill[status],
            linestyle=(0, (2, 2)) if suspended else "solid", linewidth=0.8,
        ))
        figure.text((x + size + 5) / w, (y + size / 2) / h, f"{status} {counts[status]}",
                    ha="left", va="center", color=c.text)
        x += slot


def _fit(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[:chars - 1].rstrip() + "…"


DRAW: dict[str, Callable[[Figure, Report, Colours], None]] = {
    "calendar": draw_calendar,
    "forecast": draw_forecast,
    "time": draw_time,
    "accuracy": draw_accuracy,
    "retention_interval": draw_retention_interval,
    "retention_month": draw_retention_month,
    "mastery": draw_mastery,
}
