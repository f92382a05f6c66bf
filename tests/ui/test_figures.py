"""Every figure a template describes is drawn (issue 9): each family's figure for 20 seeds,
in light and dark colours, without error and not blank; and ``figureView`` shows it."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor, QPalette

from tutor.bank import load_bank
from tutor.core.problems import Figure
from tutor.ui.colours import Colours
from tutor.ui.figure_view import FigureView

BANK = load_bank()
SEEDS = range(20)
FAMILIES_WITH_FIGURES = sorted(tid for tid in BANK if BANK[tid].generate(0).figure is not None)


def _colours(dark: bool) -> Colours:
    palette = QPalette()
    base, text = ("#1e1f22", "#e6e6e6") if dark else ("#ffffff", "#1d1d1f")
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.Text, QColor(text))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#3d7cc9"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    return Colours.from_palette(palette)


def _ink(data: bytes, width: int, height: int, background: str) -> float:
    """The share of pixels that differ from the background: 0 means a blank picture."""
    pixels = np.frombuffer(data, dtype=np.uint8).reshape(height, width, 4)[..., :3].astype(int)
    bg = np.array(QColor(background).getRgb()[:3])
    return float((np.abs(pixels - bg).sum(axis=2) > 30).mean())


def test_most_families_describe_a_figure():
    assert len(FAMILIES_WITH_FIGURES) >= 40


@pytest.mark.parametrize("tid", FAMILIES_WITH_FIGURES)
def test_every_figure_of_a_family_is_drawn_for_20_seeds(qapp, tid):
    from tutor.ui import figures

    for seed in SEEDS:
        figure = BANK[tid].generate(seed).figure
        assert figure is not None, (tid, seed)
        assert figure.kind in figures.kinds(), f"{tid}: nothing draws {figure.kind!r}"
        colours = _colours(dark=seed % 2 == 1)
        data, width, height = figures.render(figure, colours, 400, 240, 1.0)
        assert (width, height) == (400, 240)
        assert _ink(data, width, height, colours.background) > 0.005, (tid, seed, "blank")


def test_a_figure_is_drawn_at_the_screen_s_pixel_ratio(qapp):
    from tutor.ui import figures

    figure = BANK[FAMILIES_WITH_FIGURES[0]].generate(1).figure
    _, width, height = figures.render(figure, _colours(False), 300, 200, 2.0)
    assert (width, height) == (600, 400)


def test_figure_view_shows_the_figure_and_hides_for_none(qtbot):
    view = FigureView()
    qtbot.addWidget(view)
    view.resize(480, 240)
    figure = BANK[FAMILIES_WITH_FIGURES[0]].generate(3).figure
    with qtbot.waitSignal(view.drawn, timeout=20_000):
        view.show_figure(figure)
    assert view.isVisible() is not None and view.image is not None and not view.error
    assert view.image.deviceIndependentSize().height() == 240
    view.show_figure(None)
    assert view.image is None and view.isHidden()


def test_a_figure_nothing_can_draw_hides_the_view_and_says_why(qtbot):
    view = FigureView()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.drawn, timeout=20_000):
        view.show_figure(Figure("no_such_kind", {}))
    assert view.isHidden() and "no_such_kind" in view.error and view.image is None
