"""Gaussian density at a point and the 68-95-99.7 rule (000 §C.22; 002 §2.3)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num, pretty, sig, signed
from tutor.core.problems import Figure, Step, Template, Variant

STORIES = {
    "plain": "X is normally distributed",
    "init": "A weight is initialised as X ~ N(μ, σ²)",
    "noise": "The measurement noise X of a regression target is Gaussian",
    "latency": "The latency X of a model server (in ms) is roughly Gaussian",
}

RULE = {1: Fraction(68, 100), 2: Fraction(95, 100), 3: Fraction(997, 1000)}
# the exact normal probability of |Z| ≤ k, for telling it apart from the rule's rounded value
NORMAL_INSIDE = {k: math.erf(k / math.sqrt(2)) for k in RULE}


def _places(q: Fraction) -> int:
    """Decimal places of an exact decimal: 0.68 → 2, 0.0015 → 4."""
    places = 0
    while (q * 10**places).denominator != 1:
        places += 1
    return places


def _normal(question: str, k: int) -> float:
    inside = NORMAL_INSIDE[k]
    return {"within": inside, "outside": 1 - inside, "above": (1 - inside) / 2,
            "below": (1 - inside) / 2}.get(question, inside / 2)
# question: which probability the 68-95-99.7 rule is asked for
QUESTIONS = ("within", "outside", "above", "below", "half")


def pct(x: float) -> str:
    return f"{num(100 * x, 2)}%"


def draw(rng: random.Random) -> dict:
    story = rng.choice(sorted(STORIES))
    mu = rng.choice([0, 0, 1, 5, 10, 20, 50, 100, -2])
    sigma = rng.choice([0.2, 0.5, 1, 1, 2, 3, 4, 5, 10])
    if story == "init":
        mu = 0
        sigma = rng.choice([0.02, 0.05, 0.1, 0.2, 0.5, 1])
    if story == "latency":
        mu, sigma = rng.choice([50, 80, 100, 120, 200]), rng.choice([5, 10, 20])
    z = rng.choice([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5])
    x = exact(mu) + exact(z) * exact(sigma)
    question = rng.choice(QUESTIONS)
    k = rng.choice([1, 2] if question in ("above", "below", "outside") else [1, 2, 3])
    return {"story": story, "mu": mu, "sigma": sigma, "x": num(x), "question": question, "k": k}


def _rule(question: str, k: int, mu: str, lo: str, hi: str) -> tuple[str, float, str]:
    """(the event in words, the rule's probability, how the rule gives it)."""
    inside = RULE[k]
    pct_in = pct(inside)
    if question == "within":
        return f"P({lo} ≤ X ≤ {hi})", inside, f"{lo} and {hi} are μ ∓ {k}σ: the rule says {pct_in} lie within ±{k}σ."
    if question == "outside":
        return (f"P(X < {lo} or X > {hi})", 1 - inside,
                f"{lo} and {hi} are μ ∓ {k}σ; {pct_in} lie inside, so 1 − {num(inside, 3)} = {num(1 - inside, 3)} lie outside.")
    if question == "above":
        return (f"P(X > {hi})", (1 - inside) / 2,
                f"{hi} is μ + {k}σ; {pct(1 - inside)} lie outside ±{k}σ, split evenly between the two tails "
                f"by symmetry: {num(1 - inside, 3)} / 2 = {num((1 - inside) / 2, 4)}.")
    if question == "below":
        return (f"P(X < {lo})", (1 - inside) / 2,
                f"{lo} is μ − {k}σ; {pct(1 - inside)} lie outside ±{k}σ, split evenly between the two tails "
                f"by symmetry: {num(1 - inside, 3)} / 2 = {num((1 - inside) / 2, 4)}.")
    return (f"P({mu} ≤ X ≤ {hi})", inside / 2,
            f"{hi} is μ + {k}σ; {pct_in} lie within ±{k}σ, half of it on each side of μ by symmetry: "
            f"{num(inside, 3)} / 2 = {num(inside / 2, 4)}.")


def build(story, mu, sigma, x, question, k) -> Variant:
    M, S, X = exact(mu), exact(sigma), exact(x)
    z = (X - M) / S
    s, zf = float(S), float(z)
    norm = 1 / (s * math.sqrt(2 * math.pi))
    expo = math.exp(-zf * zf / 2)
    dens = norm * expo
    lo, hi = pretty(num(M - k * S)), pretty(num(M + k * S))
    event, prob, why = _rule(question, k, pretty(num(M)), lo, hi)
    intro = STORIES[story]
    if story == "init":
        intro = intro.replace("μ, σ²", f"{num(M)}, {num(S)}²")
    prompt = (
        f"{intro}: X ~ N(μ, σ²) with μ = {pretty(num(M))} and σ = {num(S)}.\n"
        f"Give, separated by ';': the density p(x) at x = {pretty(num(X))}; "
        f"{event} by the 68-95-99.7 rule (a decimal or a percentage).\n"
    )
    dens_spec = with_mistakes(
        AnswerSpec(kind="number", expected=exact_text(dens), sig_figs=4, label="the density p(x)"), [
            (expo, "You left out the normalising factor 1 / √(2πσ²)."),
            (expo / (2 * math.pi * s * s), "The normalising factor has a square root: 1 / √(2πσ²), "
                                           "not 1 / (2πσ²)."),
            (expo / math.sqrt(2 * math.pi), "Divide by σ as well: the factor is 1 / (σ√(2π)) = 1 / √(2πσ²)."),
            (expo / math.sqrt(2 * math.pi * s), "The factor is 1 / √(2πσ²): use the variance σ², not σ, "
                                                "under the root."),
            (norm * math.exp(-zf * zf), "The exponent is −(x − μ)² / (2σ²): you dropped the 2."),
            (norm * math.exp(-float((X - M) ** 2) / (2 * s)), "The exponent divides by 2σ², not 2σ."),
            (norm * math.exp(zf * zf / 2), "The exponent is negative: exp(−(x − μ)² / (2σ²)) is at most 1."),
        ])
    away = abs(z)
    where = (f"x is {num(away)} standard deviation{'' if away == 1 else 's'} "
             f"{'above' if z > 0 else 'below'} the mean") if z else "x is at the mean"
    exp_text = f"exp(−{num(z * z / 2)}) ≈ {sig(expo, 6)}" if z else "exp(0) = 1"
    steps = [
        Step(f"p(x) = (1 / √(2πσ²)) · exp(−(x − μ)² / (2σ²)), with σ² = {num(S * S)}.", "Density"),
        Step(f"(x − μ)² / (2σ²) = ({pretty(num(X))} − {signed(M)})² / (2·{num(S * S)}) = {num((X - M) ** 2)} / {num(2 * S * S)}"
             f" = {num(z * z / 2)}  ({where})", "Exponent"),
        Step(f"1 / √(2π·{num(S * S)}) = 1 / ({num(S)}·√(2π)) ≈ {sig(norm, 6)} and {exp_text}",
             "The two factors"),
        Step(f"p({pretty(num(X))}) ≈ {sig(norm, 6)} · {sig(expo, 6)} ≈ {canonical_answer(dens_spec)}"
             + (" (a density, not a probability: it can exceed 1 when σ is small)" if dens > 1 else ""),
             "Multiply"),
        Step(f"{why} So {event} ≈ {num(prob, 4)} (the rule's rounded value; the exact normal "
             f"probability is {num(_normal(question, k), 4)}).", "68-95-99.7 rule"),
    ]
    rule_mistakes = []
    inside = RULE[k]
    if question in ("outside", "above", "below"):
        rule_mistakes.append((inside, f"{num(inside, 3)} is the probability inside ±{k}σ; "
                                      "the question asks about the outside."))
    if question in ("above", "below"):
        rule_mistakes.append((1 - inside, f"{num(1 - inside, 3)} counts both tails; by symmetry one tail "
                                          "holds half of it."))
    if question == "half":
        rule_mistakes.append((inside, f"{num(inside, 3)} is the probability of μ ± {k}σ; only the half "
                                      "on one side of μ is asked for."))
    for other, value in RULE.items():
        if other != k and question == "within":
            rule_mistakes.append((value, f"{num(value, 3)} is the rule's number for ±{other}σ; "
                                         f"the interval here is ±{k}σ."))
    places = _places(prob)
    rule_mistakes.append((_normal(question, k), f"That is the exact normal probability (from the CDF); "
                                                 f"the 68-95-99.7 rule rounds it to {num(prob, places)}."))
    rule_spec = AnswerSpec(kind="number", expected=exact_text(prob), decimals=places,
                           allow_percent=True, label=event)
    parts = (dens_spec, with_mistakes(rule_spec, rule_mistakes))
    answer = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    prompt += precision_sentence(answer)
    return Variant(
        prompt=prompt,
        answer=answer,
        steps=steps,
        hints=[
            "p(x) = (1 / √(2πσ²)) · exp(−(x − μ)² / (2σ²)).",
            "68% of values lie within ±1σ of μ, 95% within ±2σ, 99.7% within ±3σ; the curve is symmetric.",
        ],
        figure=Figure("gaussian", {"mu": float(M), "sigma": s, "x": float(X), "interval_sigmas": k,
                                   "question": question}),
    )


TEMPLATES = [
    Template(
        id="probability.gaussian",
        title="Gaussian density and the 68-95-99.7 rule",
        topic="probability",
        draw=draw,
        build=build,
        prerequisites=("probability.expectation_variance",),
        difficulty=2,
        # the standard normal of 002 §2.3: p(1) = e^(−1/2)/√(2π) ≈ 0.242; 68% within ±1σ
        seed_params={"story": "plain", "mu": 0, "sigma": 1, "x": "1", "question": "within", "k": 1},
        source="000 §C.22; 002 §2.3",
    )
]
