"""Entropy of a discrete distribution, and the uniform maximum log n (000 §C.28, 002 §2.5)."""

import math
import random

from tutor.core.answers import AnswerSpec
from tutor.core.authoring import number_mistakes
from tutor.core.formatting import num, sig, vec
from tutor.core.problems import Figure, Step, Template, Variant

COIN = (0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 0.99)
DYADIC = ((0.5, 0.25, 0.25), (0.5, 0.25, 0.125, 0.125), (0.25, 0.25, 0.25, 0.25),
          (0.75, 0.125, 0.125), (0.5, 0.5), (0.25, 0.25, 0.5))
STORIES = {
    "coin": "A biased coin lands heads with probability {p0}: p = {probs} (heads, tails).",
    "weather": "A weather model forecasts p = {probs} over {outcomes}.",
    "token": "A language model's next-token distribution over {n} candidate tokens is p = {probs}.",
}
OUTCOMES = {2: "(rain, dry)", 3: "(sun, cloud, rain)", 4: "(sun, cloud, rain, snow)"}


def amount(text: str, unit: str) -> str:
    """A quantity with its unit, singular for exactly 1: "1 bit", "0.5 bits", "2 nats"."""
    return f"{text} {unit[:-1] if text == '1' else unit}"


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
    terms = [-p * log(p) for p in probs]
    h = sum(terms)
    h_other = -sum(p * other_log(p) for p in probs)
    h_max = log(n)
    context = STORIES[story].format(
        p0=num(probs[0]), probs=vec(probs), outcomes=OUTCOMES.get(n, ""), n=n)
    prompt = (
        f"{context}\n"
        f"Give, separated by ';': the entropy H(p) in {unit}; the largest entropy any "
        f"distribution over {n} outcomes can have, in {unit}.\n"
        f"Use {lg} ({unit}). Give 4 decimals (or 3+ significant figures)."
    )
    term_text = " ".join(f"− {num(p)}·{lg} {num(p)}" for p in probs).lstrip("− ")
    steps = [
        Step(
            f"H(p) = E[−{lg} p(X)] = −Σₓ p(x)·{lg} p(x): the expected surprise, each outcome's "
            f"self-information −{lg} p(x) weighted by how often it happens.",
            "Definition",
        ),
        Step(
            f"H = −{term_text.replace('− ', '− ', 1)}\n"
            + "\n".join(f"  −{num(p)}·{lg} {num(p)} = {num(p)} × {sig(-log(p))} = {sig(t)}"
                        for p, t in zip(probs, terms, strict=True)),
            "Each term",
        ),
        Step(f"H = {' + '.join(sig(t) for t in terms)} ≈ {amount(sig(h), unit)}", "Sum"),
        Step(
            f"The maximum is reached by the uniform distribution (each outcome 1/{n}): "
            f"H_max = −{n}·(1/{n})·{lg}(1/{n}) = {lg} {n} {'=' if h_max == round(h_max) else '≈'} {amount(sig(h_max), unit)}.",
            "Maximum entropy",
        ),
        Step(
            f"H = {sig(h)} is {num(100 * h / h_max, 1)}% of the maximum {sig(h_max)}: "
            + ("the distribution is uniform, maximally uncertain." if math.isclose(h, h_max) else
               "the more peaked the distribution, the less uncertain and the lower its entropy.")
            + f" (In {other_unit}: H ≈ {sig(h_other)}; 1 nat = 1.4427 bits.)",
            "Interpret",
        ),
    ]
    h_spec = AnswerSpec(
        kind="number",
        expected=sig(h),
        label=f"H(p) in {unit}",
        mistakes=number_mistakes(h, [
            (h_other, f"That is the entropy in {other_unit}. The question asks for {unit}: use {lg}."),
            (-h, f"Check the sign: every {lg} p(x) is negative, so H = −Σ p·{lg} p is positive."),
            (sum(-log(p) for p in probs),
             "You added the surprises −log p(x) without weighting them: multiply each by p(x)."),
            (-sum(p * math.log10(p) for p in probs), f"That uses log₁₀. For {unit} use {lg}."),
            (terms[0], "That is only the first term; sum −p·log p over every outcome."),
        ], digits=8),
    )
    max_spec = AnswerSpec(
        kind="number",
        expected=sig(h_max),
        label="maximum entropy",
        mistakes=number_mistakes(h_max, [
            (n, f"The maximum entropy is {lg} {n}, the log of the number of outcomes, not {n} itself."),
            (other_log(n), f"That is log {n} in {other_unit}; the question asks for {unit}."),
            (1 / n, f"1/{n} is each probability of the uniform distribution; its entropy is {lg} {n}."),
        ], digits=8),
    )
    parts = (h_spec, max_spec)
    return Variant(
        prompt=prompt,
        answer=AnswerSpec(kind="multi", expected="; ".join(s.expected for s in parts), parts=parts),
        steps=steps,
        hints=[
            f"H(p) = −Σ p(x)·{lg} p(x). The uniform distribution over n outcomes has the "
            f"largest entropy, {lg} n.",
        ],
        figure=Figure("bars", {"values": [float(p) for p in probs], "entropy": h, "unit": unit}),
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
