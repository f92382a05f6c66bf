"""Expectation, variance and standard deviation of a discrete random variable (000 §C.21)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num, sig
from tutor.core.problems import Figure, Step, Template, Variant


def _number(expected: str, label: str, mistakes) -> AnswerSpec:
    """A number to 4 significant figures (``expected`` exact), with its classic slips."""
    return with_mistakes(AnswerSpec(kind="number", expected=expected, sig_figs=4, label=label), mistakes)

STORIES = {
    "reward": "X is the reward an agent gets from one pull of a slot-machine arm",
    "tokens": "X is the number of tokens a tokenizer splits a random word into",
    "errors": "X is the number of wrong labels in a randomly drawn mini-batch",
    "score": "X is the score a model gets on a randomly drawn test question",
}


def _m(text: str) -> str:
    """A number in a formula, its minus sign unary: -3 → {-3} (ziamath spaces a bare '-' as binary)."""
    return f"{{{text}}}" if text.startswith("-") else text


def _s(x) -> str:
    """A number after an operator, in a formula: 3 → '3', -3 → '({-3})'."""
    return f"({_m(num(x))})" if x < 0 else num(x)


def _is_square(q: Fraction) -> bool:
    return all(math.isqrt(n) ** 2 == n for n in (q.numerator, q.denominator))


def draw(rng: random.Random) -> dict:
    story = rng.choice(sorted(STORIES))
    n = rng.choice([3, 3, 4])
    low = 0 if story in ("tokens", "errors", "score") else -3  # only a reward can be negative
    if story == "tokens":
        low = 1
    values = tuple(sorted(rng.sample(range(low, low + 9), n)))
    while True:
        cuts = sorted(rng.sample(range(1, 10), n - 1))
        weights = [b - a for a, b in zip([0, *cuts], [*cuts, 10], strict=True)]
        if len(set(weights)) > 1:  # not uniform: the plain average must be wrong
            break
    probs = tuple(num(Fraction(w, 10)) for w in weights)
    return {"story": story, "values": values, "probs": probs}


def build(story, values, probs) -> Variant:
    P = [exact(p) for p in probs]
    X = [exact(x) for x in values]
    mean = sum((x * p for x, p in zip(X, P, strict=True)), Fraction(0))
    ex2 = sum((x * x * p for x, p in zip(X, P, strict=True)), Fraction(0))
    var = ex2 - mean * mean
    sd = math.sqrt(var)
    f = sig
    table = "\n".join(
        f"    $P(X = {_m(num(x))}) = {f(p)}$" for x, p in zip(X, P, strict=True)
    )
    prompt = (
        f"{STORIES[story]}, with distribution\n{table}\n"
        r"Give, separated by ';': $E[X]$; $\mathrm{Var}(X)$; the standard deviation $\sigma(X)$." "\n"
    )
    mean_terms = " + ".join(rf"{_s(x)} \cdot {f(p)}" for x, p in zip(X, P, strict=True))
    sq_terms = " + ".join(rf"{_s(x)}^2 \cdot {f(p)}" for x, p in zip(X, P, strict=True))
    dev_terms = " + ".join(
        rf"({_m(num(x))} - {_s(mean)})^2 \cdot {f(p)}" for x, p in zip(X, P, strict=True)
    )
    steps = [
        Step(f"The probabilities sum to ${' + '.join(f(p) for p in P)} = 1$, so this is a valid PMF.", "Check"),
        Step(rf"$E[X] = \sum_x x \cdot p(x) = {mean_terms} = {_m(f(mean))}$", "Expectation"),
        Step(rf"$E[X^2] = \sum_x x^2 \cdot p(x) = {sq_terms} = {f(ex2)}$", "Second moment"),
        Step(rf"$\mathrm{{Var}}(X) = E[X^2] - (E[X])^2 = {f(ex2)} - {_s(mean)}^2 = {f(ex2)} - {f(mean * mean)}"
             f" = {f(var)}$",
             "Variance"),
        Step(f"Same result from the definition $E[(X - E[X])^2] = {dev_terms} = {f(var)}$ ✓", "Check"),
        Step("", "Standard deviation"),  # written below, with the answer's own rounding
    ]
    n = len(X)
    plain = sum(X, Fraction(0)) / n
    parts = (
        _number(exact_text(mean), "E[X]", [
            (plain, "That is the plain average of the values; weight each value by its probability."),
            (ex2, "That is E[X²]; E[X] weights the values themselves, not their squares."),
        ]),
        _number(exact_text(var), "Var(X)", [
            (ex2, f"That is E[X²]; subtract (E[X])² = {f(mean * mean)}."),
            (ex2 - mean, "Subtract the square of the mean, (E[X])², not E[X] itself."),
            (sd, "That is the standard deviation; the variance is its square."),
            (sum(((x - plain) ** 2 for x in X), Fraction(0)) / n,
             "You averaged the squared deviations equally; weight them by the probabilities."),
            (mean * mean - ex2, "The subtraction goes the other way: Var(X) = E[X²] − (E[X])², "
                                "and a variance is never negative."),
            (ex2 - mean * mean * mean, "Square the mean, don't cube it: Var(X) = E[X²] − (E[X])²."),
        ]),
        _number(f"sqrt({exact_text(var)})", "σ(X)", [
            (var, "That is the variance; the standard deviation is its square root."),
            (math.sqrt(ex2), "Take the square root of the variance E[X²] − (E[X])², not of E[X²]."),
            (var / 2, "The standard deviation is the square root of the variance, not half of it."),
            (sum((abs(x - mean) * p for x, p in zip(X, P, strict=True)), Fraction(0)),
             "That is the mean absolute deviation E|X − E[X]|; σ is the square root of the mean "
             "squared deviation."),
        ]),
    )
    answer = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    prompt += precision_sentence(answer)
    rel = "=" if _is_square(var) else r"\approx"
    steps[-1] = Step(rf"$\sigma(X) = \sqrt{{\mathrm{{Var}}(X)}} = \sqrt{{{f(var)}}} {rel} {canonical_answer(parts[2])}$, "
                     "in the same units as $X$.",
                     "Standard deviation")
    return Variant(
        prompt=prompt,
        answer=answer,
        steps=steps,
        hints=[r"$E[X] = \sum_x x \cdot p(x)$; $\mathrm{Var}(X) = E[X^2] - (E[X])^2$; "
               r"$\sigma = \sqrt{\mathrm{Var}(X)}$."],
        figure=Figure("pmf", {"values": [float(x) for x in X], "probs": [float(p) for p in P],
                              "mean": float(mean), "sd": sd}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="probability.expectation_variance",
        title="Expectation and variance of a discrete variable",
        topic="probability",
        draw=draw,
        build=build,
        difficulty=1,
        seed_params={"story": "reward", "values": (1, 2, 5), "probs": ("0.5", "0.3", "0.2")},
        source="000 §C.21",
    )
]
