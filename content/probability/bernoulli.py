"""Bernoulli mean and variance, and the expected count over n trials (000 §C.22, §C.21)."""

import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num
from tutor.core.problems import Figure, Step, Template, Variant


def _number(value: Fraction, label: str, mistakes) -> AnswerSpec:
    """An exact value asked for to 4 significant figures, with its classic slips."""
    return with_mistakes(AnswerSpec(kind="number", expected=exact_text(value), sig_figs=4, label=label), mistakes)

# story: (X = 1 means ..., the n things, count noun)
STORIES = {
    "dropout": ("a hidden unit is kept by dropout (keep probability p)", "units in the layer", "kept units"),
    "label": ("a randomly drawn email is spam", "emails in a batch", "spam emails"),
    "click": ("a user clicks a recommended item", "recommendations shown", "clicks"),
    "correct": ("the model answers a test question correctly", "test questions", "correct answers"),
}

PS = (0.1, 0.2, 0.25, 0.3, 0.4, 0.6, 0.7, 0.75, 0.8, 0.9, 0.05, 0.95)
NS = (10, 20, 40, 50, 64, 100, 128, 200, 256, 500, 1000)


def draw(rng: random.Random) -> dict:
    return {"story": rng.choice(sorted(STORIES)), "p": rng.choice(PS), "n": rng.choice(NS)}


def build(story, p, n) -> Variant:
    event, things, counted = STORIES[story]
    P = exact(p)
    mean, var = P, P * (1 - P)
    count = n * P
    f = lambda x: num(x, 4)  # noqa: E731
    prompt = (
        f"$X = 1$ if {event}, and $X = 0$ otherwise, with $P(X = 1) = {f(P)}$.\n"
        rf"Give, separated by ';': $E[X]$; $\mathrm{{Var}}(X)$; the expected number of {counted} among {n} "
        f"independent {things}.\n"
    )
    steps = [
        Step(rf"$X \sim \mathrm{{Bernoulli}}(p)$ with $p = {f(P)}$: $P(X = 1) = {f(P)}$, "
             f"$P(X = 0) = 1 - {f(P)} = {f(1 - P)}$.",
             "The distribution"),
        Step(rf"$E[X] = 1 \cdot {f(P)} + 0 \cdot {f(1 - P)} = p = {f(mean)}$", "Mean"),
        Step(rf"$E[X^2] = 1^2 \cdot {f(P)} + 0^2 \cdot {f(1 - P)} = p$ (since $X^2 = X$), so" "\n"
             rf"$\mathrm{{Var}}(X) = E[X^2] - (E[X])^2 = {f(P)} - {f(P)}^2 = p(1 - p) = {f(P)} \cdot {f(1 - P)}"
             f" = {f(var)}$",
             "Variance"),
        Step(f"The count is a sum of {n} Bernoulli variables; by linearity of expectation "
             rf"$E[\text{{sum}}] = {n} \cdot p = {n} \cdot {f(P)} = {f(count)}$.", "Linearity"),
        Step(f"The variance $p(1 - p)$ is largest at $p = 0.5$ (0.25) and shrinks toward 0 as $p$ nears 0 or 1: "
             f"here {f(var)}" + (", the maximum." if Fraction(1, 2) == P else "."), "Sanity check"),
    ]
    parts = (
        _number(mean, "E[X]", [
            (1 - P, "That is P(X = 0); the mean of a Bernoulli is P(X = 1) = p."),
            (Fraction(1, 2), "The mean is not the midpoint of 0 and 1; weight each value by its probability."),
        ]),
        _number(var, "Var(X)", [
            (P, "That is the mean p (and E[X²]); subtract (E[X])² = p² to get p(1 − p)."),
            (P * P, "That is p² = (E[X])²; the variance is p − p² = p(1 − p)."),
            (var ** 0.5, "That is the standard deviation √(p(1 − p)); the variance is not square-rooted."),
            (n * var, f"That is the variance of the count of {n} trials, n·p(1 − p); one Bernoulli "
                      "variable has variance p(1 − p)."),
        ]),
        _number(count, f"the expected number of {counted}", [
            (n * var, "That is the variance of the count, n·p(1 − p); the expected count is n·p."),
            (n * (1 - P), f"That counts the X = 0 outcomes; the {counted} are the X = 1 outcomes, n·p."),
            (P, f"That is the expectation for one trial; by linearity {n} trials give n·p."),
        ]),
    )
    answer = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    return Variant(
        prompt=prompt + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=[r"$\mathrm{Bernoulli}(p)$: mean $p$, variance $p(1 - p)$. Expectations add: $n$ trials give "
               r"$n \cdot p$ on average."],
        figure=Figure("pmf", {"values": [0, 1], "probs": [float(1 - P), float(P)], "mean": float(P)},
                      placement="solution"),
    )


TEMPLATES = [
    Template(
        id="probability.bernoulli",
        title="Bernoulli mean and variance",
        topic="probability",
        draw=draw,
        build=build,
        prerequisites=("probability.expectation_variance",),
        difficulty=1,
        # the Bernoulli(0.3) pictured in 002 §2.3: mean 0.3, variance 0.3·0.7 = 0.21
        seed_params={"story": "label", "p": 0.3, "n": 100},
        source="000 §C.22; 002 §2.3",
    )
]
