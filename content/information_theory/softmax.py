"""Softmax of a logit vector, and the stable form z − max(z) (004 §3.3, 002 §2.3)."""

import math
import random

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import exact_vector, with_mistakes
from tutor.core.formatting import figures, num, rounded
from tutor.core.problems import Figure, Step, Template, Variant

SIG_FIGS = 4  # every probability: 4 significant figures (the prompt's sentence says so)


def sig(x: float) -> str:
    """An intermediate value at 6 significant figures (rounded only at the end)."""
    return figures(x, 6)


def final(x: float) -> str:
    """A probability as the canonical answer writes it: exactly 4 significant figures."""
    return rounded(x, sig_figs=SIG_FIGS)


def svec(values) -> str:
    return "[" + ", ".join(final(v) for v in values) + "]"


STORIES = (
    "A classifier outputs logits $z = {z}$ for {k} classes.",
    "A language model scores {k} candidate next tokens with logits $z = {z}$.",
    "The last layer of an image model produces logits $z = {z}$ for {k} labels.",
)


def big(x: float) -> str:
    """A large positive number in a formula: 4 significant figures in scientific notation."""
    if x < 1e5:
        return sig(x)
    mant, exp = f"{x:.3e}".split("e")
    return rf"{mant} \cdot 10^{{{int(exp)}}}"


def power(v: float) -> str:
    """e^v in a formula: e^{3}, e^{-2}."""
    return f"e^{{{num(v)}}}"


def tsigned(v: float) -> str:
    """A number after an operator in a formula: 3, (-0.5)."""
    return f"({num(v)})" if v < 0 else num(v)


def tvec(values) -> str:
    """A vector in a formula: [1, -2, 0.5]."""
    return "[" + ", ".join(num(v) for v in values) + "]"


def _overflow_note(m: float) -> str:
    if m > 709:
        return f" (${power(m)}$ overflows even a float64, whose largest value is about $e^{{709}}$)."
    if m > 88:
        return (f" (${power(m)}$ would overflow a float32, whose largest value is about "
                r"$3.4 \cdot 10^{38} \approx e^{88.7}$).")
    return "."


# Every probability is at least 0.005 (kept from when 4 decimal places were asked for, so that
# every seed still draws the same variant).
SMALLEST = 0.005


def _softmax(z) -> list[float]:
    m = max(z)
    exps = [math.exp(v - m) for v in z]
    return [e / sum(exps) for e in exps]


def draw(rng: random.Random) -> dict:
    k = rng.choice([3, 3, 4])
    values = [-2, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3]
    while True:
        z = [rng.choice(values) for _ in range(k)]
        if max(z) - min(z) >= 1 and len(set(z)) > 1 and min(_softmax(z)) >= SMALLEST:
            break
    offset = rng.choice([0, 0, 0, 0, 0, 10, 100, 1000])
    return {"logits": tuple(v + offset for v in z), "story": rng.randrange(len(STORIES))}


def build(logits, story=0) -> Variant:
    z = [float(v) for v in logits]
    k = len(z)
    m = max(z)
    shifted = [v - m for v in z]
    exps = [math.exp(v) for v in shifted]
    total = sum(exps)
    probs = [e / total for e in exps]
    large = m > 50
    question = (
        STORIES[story].format(z=tvec(logits), k=k)
        + "\n" + r"Compute $\mathrm{softmax}(z)$." + "\n"
        "Give the probabilities as a vector [p1, ..., pk] in the order of the logits.\n"
    )
    steps = [
        Step(
            rf"Subtract the largest logit, $m = \max z = {num(m)}$: $z - {tsigned(m)} = {tvec(shifted)}$. "
            r"This changes nothing: $\frac{e^{z_i - m}}{\sum_j e^{z_j - m}} = "
            r"\frac{e^{-m} \cdot e^{z_i}}{e^{-m} \cdot \sum_j e^{z_j}}$, "
            r"the common factor $e^{-m}$ cancels. It keeps every exponent $z_i - m \le 0$, so nothing overflows"
            + _overflow_note(m),
            "Stable form",
        ),
        Step(
            "Exponentiate: " + ", ".join(f"${power(s)} = 1$" if s == 0 else rf"${power(s)} \approx {sig(e)}$"
                                         for s, e in zip(shifted, exps, strict=True))
            + ("\n(Without the shift: "
               + ", ".join(f"${power(v)} = 1$" if v == 0 else rf"${power(v)} \approx {big(math.exp(v))}$" for v in z)
               + f" — each is ${power(m)}$ times bigger, and so is their sum "
               + rf"$\sum_j e^{{z_j}} \approx {big(sum(math.exp(v) for v in z))}$: "
               "the ratios are the same.)" if m != 0 and not large else ""),
            "Exponentials",
        ),
        Step(rf"Sum: ${' + '.join(sig(e) for e in exps)} \approx {sig(total)}$", "Normalizer"),
        Step(
            "Divide each by the sum: "
            + ", ".join(rf"$\frac{{{sig(e)}}}{{{sig(total)}}} \approx {sig(p)}$"
                        for e, p in zip(exps, probs, strict=True))
            + "\n" + rf"$\mathrm{{softmax}}(z) \approx {svec(probs)}$",
            "Probabilities",
        ),
        Step(
            rf"All positive and they sum to 1 (${' + '.join(sig(p) for p in probs)} \approx 1$; rounded to "
            f"4 significant figures they may be off by a unit in the last place). "
            "The largest logit gets the largest share, and the exponential amplifies the gap.",
            "Check",
        ),
    ]
    candidates = []
    if sum(z) != 0:
        candidates.append(([v / sum(z) for v in z],
                           "You divided the logits by their sum, z/Σz, without the exponential. "
                           "Softmax exponentiates first: pᵢ = e^zᵢ / Σⱼ e^zⱼ."))
    unnormalized = ("Those are the exponentials before normalizing: divide each by their sum "
                    "so the probabilities add up to 1.")
    if not large:
        candidates.append(([math.exp(v) for v in z], unnormalized))
    candidates.append((exps, unnormalized))
    if z.count(m) == 1:
        candidates.append(([1.0 if v == m else 0.0 for v in z],
                           "That is the one-hot argmax (a hard max). Softmax is soft: every class "
                           "keeps a positive probability e^zᵢ / Σⱼ e^zⱼ."))
    candidates.append(([v - m - math.log(total) for v in z],
                       "Those are the log-probabilities ln pᵢ = zᵢ − ln Σⱼ e^zⱼ (a log-softmax): "
                       "exponentiate them to get the probabilities."))
    candidates.append((_softmax([-v for v in z]),
                       "You exponentiated −zᵢ: the largest logit got the smallest share. Softmax uses "
                       "e^(+zᵢ), so the largest logit gets the largest probability."))
    answer = with_mistakes(
        AnswerSpec(kind="vector", expected=exact_vector(probs), sig_figs=SIG_FIGS), candidates)
    return Variant(
        prompt=question + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=[
            r"Exponentiate every logit, then divide each exponential by their sum: "
            r"$p_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$. "
            "Subtracting the largest logit first gives the same answer with smaller numbers.",
        ],
        figure=Figure("bars", {"logits": z, "values": probs}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="info.softmax",
        title="Softmax of logits (and the stable form)",
        topic="information theory",
        draw=draw,
        build=build,
        difficulty=1,
        seed_params={"logits": (1, 3, 1), "story": 0},
        source="004 §3.3; 002 §2.3",
    )
]
