"""Entropy of a discrete distribution, and the uniform maximum log n (000 §C.28, 002 §2.5)."""

import math
import random

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, figures, num, rounded, vec
from tutor.core.problems import Figure, Step, Template, Variant

COIN = (0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 0.99)
DYADIC = ((0.5, 0.25, 0.25), (0.5, 0.25, 0.125, 0.125), (0.25, 0.25, 0.25, 0.25),
          (0.75, 0.125, 0.125), (0.5, 0.5), (0.25, 0.25, 0.5))
STORIES = {
    "coin": "A biased coin lands heads with probability {p0}: $p = {probs}$ (heads, tails).",
    "weather": "A weather model forecasts $p = {probs}$ over {outcomes}.",
    "token": "A language model's next-token distribution over {n} candidate tokens is $p = {probs}$.",
}
OUTCOMES = {2: "(rain, dry)", 3: "(sun, cloud, rain)", 4: "(sun, cloud, rain, snow)"}


APPROX = r"\approx"
SIG_FIGS = 4  # both answers: 4 significant figures (the prompt's sentence says so)


def amount(text: str, unit: str) -> str:
    """A quantity with its unit, singular for exactly 1: "1 bit", "0.5 bits", "2 nats"."""
    return f"{text} {unit[:-1] if text.split()[-1] == '1' else unit}"


def unit_after(x: float, unit: str) -> str:
    """The unit written after the formula that ends on x's value: "bit" for exactly 1."""
    return amount(value(x), unit).split()[-1]


def final(x: float) -> str:
    """A result as the canonical answer writes it: exactly 4 significant figures."""
    return rounded(x, sig_figs=SIG_FIGS)


def full(x: float) -> str:
    """An intermediate value at 6 significant figures (rounded only at the end)."""
    return figures(x, 6)


def exact_short(x: float) -> bool:
    return math.isclose(x, round(x, 6), rel_tol=0, abs_tol=1e-12)


def value(x: float) -> str:
    """1.5 for a short exact value (a dyadic distribution in bits), else 1.544 (4 figures)."""
    return num(x, 6) if exact_short(x) else final(x)


def result(x: float) -> str:
    """ "= 1.5" for a short exact value, else "\\approx 1.544" (LaTeX)."""
    return f"= {value(x)}" if exact_short(x) else rf"\approx {value(x)}"


def number(value: float, label: str, candidates) -> AnswerSpec:
    """One number at 4 significant figures, exact expected value, classic slips declared."""
    spec = AnswerSpec(kind="number", expected=exact_text(value), sig_figs=SIG_FIGS, label=label)
    return with_mistakes(spec, candidates)


def draw(rng: random.Random) -> dict:
    unit = rng.choice(["nats", "nats", "bits"])
    kind = rng.choice(["coin", "coin", "weather", "token"])
    if kind == "coin":
        p = rng.choice(COIN)
        return {"probs": (p, round(1 - p, 2)), "unit": unit, "story": "coin"}
    if unit == "bits" and rng.random() < 0.5:
        probs = rng.choice(DYADIC)
    else:
        n = rng.choice([2, 3, 3, 4])
        while True:  # n positive multiples of 0.05 summing to 1, not all equal
            cuts = sorted(rng.sample(range(1, 20), n - 1))
            parts = [b - a for a, b in zip([0, *cuts], [*cuts, 20], strict=True)]
            if len(set(parts)) > 1:
                break
        probs = tuple(round(k * 0.05, 2) for k in sorted(parts, reverse=True))
    return {"probs": tuple(probs), "unit": unit, "story": kind}


def build(probs, unit="nats", story="coin") -> Variant:
    probs = tuple(probs)
    n = len(probs)
    log = math.log2 if unit == "bits" else math.log
    other_log = math.log if unit == "bits" else math.log2
    other_unit = "nats" if unit == "bits" else "bits"
    lg = "log₂" if unit == "bits" else "ln"
    tlg = r"\log_2" if unit == "bits" else r"\ln"  # in a formula, before a bracket or a fraction
    tlgs = r"\log_2\," if unit == "bits" else r"\ln"  # before an argument (ziamath sets no space)
    terms = [-p * log(p) for p in probs]
    h = sum(terms)
    h_other = -sum(p * other_log(p) for p in probs)
    h_max = log(n)
    context = STORIES[story].format(
        p0=num(probs[0]), probs=vec(probs), outcomes=OUTCOMES.get(n, ""), n=n)
    question = (
        f"{context}\n"
        f"Give, separated by ';': the entropy $H(p)$ in {unit}; the largest entropy any "
        f"distribution over {n} outcomes can have, in {unit}.\n"
        f"Use ${tlg}$ ({unit}). "
    )
    term_text = " - ".join(rf"{num(p)} \cdot {tlgs} {num(p)}" for p in probs)
    steps = [
        Step(
            rf"$H(p) = \mathbb{{E}}[-{tlgs} p(X)] = -\sum_x p(x) {tlgs} p(x)$: the expected surprise, each outcome's "
            f"self-information ${'-' + tlgs} p(x)$ weighted by how often it happens.",
            "Definition",
        ),
        Step(
            f"$H = -{term_text}$\n"
            + "\n".join(rf"$-{num(p)} \cdot {tlgs} {num(p)} = {num(p)} \cdot {full(-log(p))} "
                        rf"{'=' if t == round(t, 6) else APPROX} {full(t)}$"
                        for p, t in zip(probs, terms, strict=True)),
            "Each term",
        ),
        Step(f"$H = {' + '.join(full(t) for t in terms)} {result(h)}$ {unit_after(h, unit)}", "Sum"),
        Step(
            rf"The maximum is reached by the uniform distribution (each outcome $\frac{{1}}{{{n}}}$): "
            rf"$H_{{\max}} = -{n} \cdot \frac{{1}}{{{n}}} \cdot {tlg} \frac{{1}}{{{n}}} = {tlgs} {n} "
            + f"{result(h_max)}$ {unit_after(h_max, unit)}.",
            "Maximum entropy",
        ),
        Step(
            f"${'H ' + result(h)}$ is {num(100 * h / h_max, 1)}% of the maximum {value(h_max)}: "
            + ("the distribution is uniform, maximally uncertain." if math.isclose(h, h_max) else
               "the more peaked the distribution, the less uncertain and the lower its entropy.")
            + rf" (In {other_unit}: $H \approx {final(h_other)}$; "
            r"$1\ \text{nat} = \frac{1}{\ln 2} \approx 1.4427\ \text{bits}$.)",
            "Interpret",
        ),
    ]
    h_spec = number(h, f"H(p) in {unit}", [
        (h_other, f"That is the entropy in {other_unit}. The question asks for {unit}: use {lg}."),
        (-h, f"Check the sign: every {lg} p(x) is negative, so H = −Σ p·{lg} p is positive."),
        (sum(-log(p) for p in probs),
         "You added the surprises −log p(x) without weighting them: multiply each by p(x)."),
        (sum(-log(p) for p in probs) / n,
         f"You averaged the surprises as if every outcome were equally likely (dividing by {n}). "
         "Entropy weights each surprise −log p(x) by its own probability p(x)."),
        (-sum(p * math.log10(p) for p in probs), f"That uses log₁₀. For {unit} use {lg}."),
        (terms[0], "That is only the first term; sum −p·log p over every outcome."),
        (1 - sum(p * p for p in probs),
         "That is 1 − Σ p², the Gini impurity, another measure of spread. "
         f"Entropy is −Σ p·{lg} p."),
    ])
    max_spec = number(h_max, f"the maximum entropy in {unit}", [
        (n, f"The maximum entropy is {lg} {n}, the log of the number of outcomes, not {n} itself."),
        (other_log(n), f"That is log {n} in {other_unit}; the question asks for {unit}."),
        (1 / n, f"1/{n} is each probability of the uniform distribution; its entropy is {lg} {n}."),
        (1, f"1 is the largest entropy of a coin in bits. Over {n} outcomes the uniform "
            f"distribution reaches {lg} {n}."),
        (h, "That is the entropy of this distribution. The maximum is reached by the uniform "
            f"distribution over the same {n} outcomes: {lg} {n}."),
    ])
    answer = AnswerSpec(kind="multi", parts=(h_spec, max_spec))
    return Variant(
        prompt=question + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=[
            rf"$H(p) = -\sum_x p(x) {tlgs} p(x)$. The uniform distribution over $n$ outcomes has the "
            f"largest entropy, ${tlgs} n$.",
        ],
        figure=Figure("bars", {"values": [float(p) for p in probs], "labels": (
            ["heads", "tails"] if story == "coin" else
            OUTCOMES.get(n, "").strip("()").split(", ") if story == "weather" else [])}),
    )


TEMPLATES = [
    Template(
        id="info.entropy",
        title="Entropy of a distribution",
        topic="information theory",
        draw=draw,
        build=build,
        prerequisites=("info.self_information", "probability.expectation_variance"),
        difficulty=2,
        seed_params={"probs": (0.9, 0.1), "unit": "nats", "story": "coin"},
        source="000 §C.28; 002 §2.5",
    )
]
