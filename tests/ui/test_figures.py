"""Every figure a template describes is drawn (issue 9): each family's figure for 20 seeds,
in light and dark colours, without error and not blank; and ``figureView`` shows it."""

from __future__ import annotations

import pytest
from figure_support import ink, palette_colours

from tutor.bank import load_bank
from tutor.core.problems import Figure
from tutor.ui.figure_view import FigureView

BANK = load_bank()
SEEDS = range(20)
FAMILIES_WITH_FIGURES = sorted(tid for tid in BANK if BANK[tid].generate(0).figure is not None)


def test_most_families_describe_a_figure():
    assert len(FAMILIES_WITH_FIGURES) >= 40


@pytest.mark.parametrize("tid", FAMILIES_WITH_FIGURES)
def test_every_figure_of_a_family_is_drawn_for_20_seeds(qapp, tid):
    from tutor.ui import figures

    for seed in SEEDS:
        figure = BANK[tid].generate(seed).figure
        assert figure is not None, (tid, seed)
        assert figure.kind in figures.kinds(), f"{tid}: nothing draws {figure.kind!r}"
        colours = palette_colours(dark=seed % 2 == 1)
        data, width, height = figures.render(figure, colours, 400, 240, 1.0)
        assert (width, height) == (400, 240)
        assert ink(data, width, height, colours.background) > 0.005, (tid, seed, "blank")


def test_a_figure_is_drawn_at_the_screen_s_pixel_ratio(qapp):
    from tutor.ui import figures

    figure = BANK[FAMILIES_WITH_FIGURES[0]].generate(1).figure
    _, width, height = figures.render(figure, palette_colours(False), 300, 200, 2.0)
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
