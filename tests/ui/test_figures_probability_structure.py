"""The probability and structure figures (issue 9): every family's figure for many seeds, odd
data that must not raise, and prompt figures that keep the answer out of their data."""

from __future__ import annotations

import pytest
from figure_support import ink, palette_colours

from tutor.bank import load_bank
from tutor.core.problems import Figure

BANK = load_bank()
KINDS = {"bars", "gaussian", "pmf", "probability_tree", "bayes_area", "joint_table", "scatter", "error_vs_n",
         "surprise_curve", "network", "dag", "tensor_shapes", "scaling"}
FAMILIES = sorted(tid for tid in BANK if (f := BANK[tid].generate(0).figure) is not None and f.kind in KINDS)
# data, per kind, that would state the answer: a prompt figure must not carry it
ANSWER_KEYS = {
    "bars": {"entropy", "grad"}, "gaussian": {"density"}, "pmf": {"mean", "sd"}, "bayes_area": {"posterior"},
    "error_vs_n": {"se", "n_needed"}, "surprise_curve": {"bits", "nats"}, "network": {"probs", "logits"},
    "dag": {"forward", "backward", "grads", "order"}, "scaling": {"entries", "growth"},
}


def test_every_kind_is_registered_and_used(qapp):
    from tutor.ui import figures

    assert figures.kinds() >= KINDS
    assert {BANK[tid].generate(0).figure.kind for tid in FAMILIES} == KINDS


def test_bayes_two_hypotheses_poses_its_tree_in_the_prompt():
    figure = BANK["bayes.two_hypotheses"].generate(4).figure
    assert figure.kind == "probability_tree" and figure.placement == "prompt"
    assert len(figure.data["groups"]) == len(figure.data["priors"]) == 2


@pytest.mark.parametrize("tid", FAMILIES)
def test_a_prompt_figure_keeps_the_answer_out_of_its_data(tid):
    for seed in range(0, 60, 3):
        figure = BANK[tid].generate(seed).figure
        if figure.placement == "prompt":
            leaked = ANSWER_KEYS.get(figure.kind, set()) & set(figure.data)
            assert not leaked, (tid, seed, leaked)


@pytest.mark.parametrize("tid", FAMILIES)
def test_every_seed_draws_at_the_narrow_and_default_sizes(qapp, tid):
    from tutor.ui import figures

    for seed in range(20, 30):  # beyond the 20 seeds of test_figures.py, at the narrow size too
        colours = palette_colours(dark=seed % 2 == 0)
        size = (400, 240) if seed % 3 else (560, 240)
        data, width, height = figures.render(BANK[tid].generate(seed).figure, colours, *size, 1.0)
        assert ink(data, width, height, colours.background) > 0.005, (tid, seed)


ODD = [
    Figure("bars", {"values": []}),
    Figure("bars", {"values": [0.0, 0.0], "target": 5}),
    Figure("bars", {"values": [1e-12, 1.0], "labels": ["a"]}),
    Figure("bars", {"values": [0.5, 0.5], "values_q": [1.0], "labels": []}),
    Figure("bars", {"values": [1e9, 0.0], "highlight": []}),
    Figure("bars", {"p": [], "y": [1], "grad": [0.0]}),
    Figure("bars", {"logits": [float("inf"), 0], "values": [1.0, 0.0]}),
    Figure("gaussian", {"mu": 0, "sigma": 0, "x": 0, "interval_sigmas": 9, "question": "odd"}),
    Figure("gaussian", {"mu": 1e9, "sigma": 1e-9, "x": 1e9, "z": 0}),
    Figure("gaussian", {"data": [3, 3, 3], "mu": 3, "sigma2": 0}),
    Figure("pmf", {"values": [], "probs": []}),
    Figure("pmf", {"values": [5], "probs": [1], "mean": 5, "sd": 0}),
    Figure("probability_tree", {"groups": ["A"], "priors": [], "conditionals": []}),
    Figure("bayes_area", {"prior": 0, "sensitivity": 1, "false_positive": 0, "posterior": 0}),
    Figure("joint_table", {"rows": ["a"], "cols": ["b", "c"], "cells": [[0.0]]}),
    Figure("scatter", {"points": [[1, 1], [1, 1]], "mean": [1, 1]}),
    Figure("scatter", {"points": []}),
    Figure("error_vs_n", {"sigma": 0, "n": 0, "n_needed": 1e12}),
    Figure("surprise_curve", {"p": 0}),
    Figure("surprise_curve", {"p": 1}),
    Figure("network", {"layers": [1, 500, 1], "batch": "B"}),
    Figure("network", {"layers": [2, 2], "weights": [[1]], "logits": [], "probs": [], "target": 9}),
    Figure("dag", {"nodes": ["a", "b"], "edges": [["a", "b"], ["b", "a"], ["a", "zz"]]}),
    Figure("dag", {"nodes": [], "edges": []}),
    Figure("dag", {"nodes": ["1: x"] * 3, "edges": [[1, 2]], "order": [9, 1]}),
    Figure("tensor_shapes", {"tensors": [["x", ["B", "T", "D"]]]}),
    Figure("tensor_shapes", {}),
    Figure("scaling", {"n": 1, "k": 1}),
]


@pytest.mark.parametrize("figure", ODD, ids=lambda f: f.kind)
def test_odd_data_does_not_raise(qapp, figure):
    from tutor.ui import figures

    data, width, height = figures.render(figure, palette_colours(dark=True), 400, 240, 1.0)
    assert (width, height) == (400, 240) and len(data) == 400 * 240 * 4
