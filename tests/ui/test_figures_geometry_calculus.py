"""The geometry and calculus figures (issue 9): odd data of each kind still draws a picture,
the expression reader accepts only arithmetic, and a picture that shows the answer waits for
the worked solution."""

from __future__ import annotations

import numpy as np
import pytest
from figure_support import ink, palette_colours

from tutor.bank import load_bank
from tutor.core.problems import Figure

BANK = load_bank()


ODD = {
    "zero vectors": Figure("vectors", {"vectors": {"a": [0, 0], "b": [0, 0]}, "angle_deg": 0.0}),
    "one vector": Figure("vectors", {"vectors": {"v": [3, -4]}}),
    "opposite vectors": Figure("vectors", {"vectors": {"a": [1, 0], "b": [-2, 0]}, "angle_deg": 180.0,
                                           "show_angle": True}),
    "tiny and huge": Figure("vectors", {"vectors": {"a": [1e-9, 2e-9], "b": [3e9, -1e9]}, "angle_deg": 80.0}),
    "same tip": Figure("vectors", {"vectors": {"v₁": [1, 1], "A·v₁": [1, 1]}, "lines": ["v₁", "missing"]}),
    "3-D": Figure("vectors", {"vectors": {"a": [1, 2, 3], "b": [0, 0, 0]}, "angle_deg": 90.0, "show_angle": True}),
    "mixed lengths": Figure("vectors", {"vectors": {"a": [1, 2, 3, 4], "b": [1]}}),
    "no vectors": Figure("vectors", {}),
    "sum with zero term": Figure("vectors", {"vectors": {"a": [0, 0], "b": [1, 2], "s": [2, 4]},
                                             "sum_of": [[3, "a"], [2, "b"]]}),
    "descent at the minimum": Figure("vectors", {"vectors": {"−η∇f": [0.0, 0.0]}, "origin": [0.0, 0.0],
                                                 "quadratic": [1, 0], "label_arrival": True, "note": "n"}),
    "zero matrix": Figure("parallelogram", {"u": [0, 0], "v": [0, 0], "det": 0}),
    "flipped": Figure("parallelogram", {"u": [0, 1], "v": [1, 0], "det": -1}),
    "one weight": Figure("weight_decay", {"w": [2.0]}),
    "no weights": Figure("weight_decay", {"w": []}),
    "log at 0": Figure("tangent_line", {"function": "log", "x0": 0.0}),
    "steep exp": Figure("tangent_line", {"function": "e^(3x + 1)", "expr": "exp(3*x+1)", "x0": 3.0,
                                         "slope": 3 * np.exp(10.0)}),
    "unreadable expression": Figure("tangent_line", {"function": "?", "expr": "__import__('os')", "x0": 1.0}),
    "flat quadratic with h": Figure("tangent_line", {"a": 0.0, "b": 0.0, "c": 5.0, "x0": 1.0, "h": 0.1,
                                                     "slope": 0.0, "f_x0": 5.0}),
    "sigmoid far out": Figure("sigmoid", {"z": 40.0, "s": 1.0, "slope": 0.0}),
    "descent standing still": Figure("loss_curve", {"a": 1.0, "m": 2.0, "path": [2.0, 2.0, 2.0]}),
    "no input": Figure("loss_curve", {"w": 1.0, "new_w": 1.0, "x": 0.0, "y": 0.0, "b": 0.0}),
    "optimisers at rest": Figure("optimizer_steps", {"theta": 0.0, "momentum": 0.0, "adam": 0.0, "grads": []}),
    "no warmup": Figure("lr_schedule", {"total": 100, "warmup": 0, "peak": 1e-3, "min": 1e-3, "marks": [[0, 1e-3]]}),
    "all warmup": Figure("lr_schedule", {"total": 100, "warmup": 100, "peak": 0.1, "min": 0.0, "marks": [[100, 0.1]]}),
    "flat surface": Figure("surface", {"hessian": [[0, 0], [0, 0]], "point": [0, 0], "eigenvalues": [0, 0]}),
    "huge accumulation": Figure("accumulation", {"micro": 4096, "accum": 1000, "gpus": 1024, "effective": 0}),
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_data_still_draws_a_picture(qapp, name):
    from tutor.ui import figures

    for dark in (False, True):
        colours = palette_colours(dark)
        data, width, height = figures.render(ODD[name], colours, 400, 240, 1.0)
        assert ink(data, width, height, colours.background) > 0.005, name


def test_the_expression_reader_takes_arithmetic_in_x_only(qapp):
    from tutor.ui.figures.calculus import parse_curve

    curve = parse_curve("(3*x-1)^3 + sqrt(x) - exp(-x)/2")
    assert curve is not None
    assert curve(np.array([1.0]))[0] == pytest.approx(8 + 1 - np.exp(-1) / 2)
    assert np.isnan(parse_curve("log(x)")(np.array([-1.0]))[0])
    for unsafe in ("__import__('os')", "x.real", "open('f')", "[x]", "x if x else 1", "lambda: 1"):
        assert parse_curve(unsafe) is None, unsafe


def test_numbers_are_written_as_a_learner_writes_them(qapp):
    from tutor.ui.figures.geometry import fmt

    assert fmt(3.0) == "3" and fmt(-2) == "−2" and fmt(0.123456) == "0.1235" and fmt(float("nan")) == "?"


# where each family's picture goes: "solution" whenever it shows what the learner is asked for
PLACEMENT = {
    "cosine.angle": {"prompt"}, "cosine.two_vectors": {"prompt"}, "vectors.dot_product": {"prompt"},
    "optim.warmup_cosine": {"prompt"}, "optim.grad_accumulation": {"prompt"},
    "calculus.derivative_table": {"prompt", "solution"},  # ReLU's curve is its answer
    **{tid: {"solution"} for tid in (
        "calculus.gradient_descent", "calculus.partial_gradient", "matrices.column_combination",
        "matrices.eigen_2x2", "vectors.dot_sign_angle", "matrices.determinant", "norms.weight_decay",
        "vectors.add_scale", "calculus.chain_rule", "calculus.derivative_limit", "calculus.sigmoid_gradient",
        "gradient.mse_linear", "optim.momentum_adam", "calculus.hessian_classify")},
}


@pytest.mark.parametrize("tid", sorted(PLACEMENT))
def test_a_picture_that_shows_the_answer_waits_for_the_solution(tid):
    placements = {f.placement for s in range(40) if (f := BANK[tid].generate(s).figure) is not None}
    assert placements == PLACEMENT[tid]


def test_the_prompt_s_learning_rate_marks_do_not_print_the_rates(qapp):
    """The schedule in the prompt marks the steps asked about, not their learning rates."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as Canvas

    from tutor.ui.figures.calculus import draw_lr_schedule

    figure = BANK["optim.warmup_cosine"].generate(0).figure
    canvas = Canvas(figsize=(5.6, 2.4))
    FigureCanvasAgg(canvas)
    draw_lr_schedule(canvas, figure.data, palette_colours(False))
    texts = " ".join(t.get_text() for ax in canvas.axes for t in ax.texts)
    assert "step 500: ?" in texts and "0.0005598" not in texts and "5.598" not in texts
