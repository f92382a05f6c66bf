"""Gaussian density at a point and the 68-95-99.7 rule (000 §C.22; 002 §2.3)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num, pretty, sig
from tutor.core.problems import Figure, Step, Template, Variant

STORIES = {
    "plain": "$X$ is normally distributed",
    "init": r"A weight is initialised as $X \sim \mathcal{N}(\mu, \sigma^2)$",
    "noise": "The measurement noise $X$ of a regression target is Gaussian",
    "latency": "The latency $X$ of a model server (in ms) is roughly Gaussian",
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


def _m(text: str) -> str:
    """A number in a formula, its minus sign unary: -3 → {-3} (ziamath spaces a bare '-' as binary)."""
    return f"{{{text}}}" if text.startswith("-") else text


def _s(x) -> str:
    """A number after an operator, in a formula: 3 → '3', -3 → '({-3})'."""
    return f"({_m(num(x))})" if x < 0 else num(x)


def _rule_tex(question: str, k: int, mu: str, lo: str, hi: str) -> tuple[str, str]:
    """``_rule``'s event and reasoning with their formulas in LaTeX (the numbers as LaTeX too)."""
    inside = RULE[k]
    pct_in = pct(inside)
    ks = rf"{k}\sigma"
    if question == "within":
        return (rf"$P({lo} \le X \le {hi})$",
                rf"${lo}$ and ${hi}$ are $\mu \mp {ks}$: the rule says {pct_in} lie within $\pm {ks}$.")
    if question == "outside":
        return (rf"$P(X < {lo} \text{{ or }} X > {hi})$",
                rf"${lo}$ and ${hi}$ are $\mu \mp {ks}$; {pct_in} lie inside, so "
                f"${1} - {num(inside, 3)} = {num(1 - inside, 3)}$ lie outside.")
    if question in ("above", "below"):
        bound, side = (hi, "+") if question == "above" else (lo, "-")
        return (f"$P(X {'>' if question == 'above' else '<'} {bound})$",
                rf"${bound}$ is $\mu {side} {ks}$; {pct(1 - inside)} lie outside $\pm {ks}$, split evenly between "
                rf"the two tails by symmetry: $\frac{{{num(1 - inside, 3)}}}{{2}} = {num((1 - inside) / 2, 4)}$.")
    return (rf"$P({mu} \le X \le {hi})$",
            rf"${hi}$ is $\mu + {ks}$; {pct_in} lie within $\pm {ks}$, half of it on each side of $\mu$ by "
            rf"symmetry: $\frac{{{num(inside, 3)}}}{{2}} = {num(inside / 2, 4)}$.")


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
        intro = intro.replace(r"\mu, \sigma^2", f"{num(M)}, {num(S)}^2")
    mu_t, x_t = _m(num(M)), _m(num(X))
    event_t, why_t = _rule_tex(question, k, mu_t, _m(num(M - k * S)), _m(num(M + k * S)))
    prompt = (
        rf"{intro}: $X \sim \mathcal{{N}}(\mu, \sigma^2)$ with $\mu = {mu_t}$ and $\sigma = {num(S)}$." "\n"
        f"Give, separated by ';': the density $p(x)$ at $x = {x_t}$; "
        f"{event_t} by the 68-95-99.7 rule (a decimal or a percentage).\n"
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
    where = (f"$x$ is {num(away)} standard deviation{'' if away == 1 else 's'} "
             f"{'above' if z > 0 else 'below'} the mean") if z else "$x$ is at the mean"
    exp_text = rf"$\exp({{-{num(z * z / 2)}}}) \approx {sig(expo, 6)}$" if z else r"$\exp(0) = 1$"
    density = r"p(x) = \frac{1}{\sqrt{2\pi\sigma^2}} \exp\left({-\frac{(x - \mu)^2}{2\sigma^2}}\right)"
    steps = [
        Step(f"${density}$, with $\\sigma^2 = {num(S * S)}$.", "Density"),
        Step(rf"$\frac{{(x - \mu)^2}}{{2\sigma^2}} = \frac{{({x_t} - {_s(M)})^2}}{{2 \cdot {num(S * S)}}}"
             rf" = \frac{{{num((X - M) ** 2)}}}{{{num(2 * S * S)}}} = {num(z * z / 2)}$  ({where})", "Exponent"),
        Step(rf"$\frac{{1}}{{\sqrt{{2\pi \cdot {num(S * S)}}}}} = \frac{{1}}{{{'' if S == 1 else num(S) + ' '}\sqrt{{2\pi}}}} \approx {sig(norm, 6)}$"
             f" and {exp_text}",
             "The two factors"),
        Step(rf"$p({x_t}) \approx {sig(norm, 6)} \cdot {sig(expo, 6)} \approx {canonical_answer(dens_spec)}$"
             + (r" (a density, not a probability: it can exceed 1 when $\sigma$ is small)" if dens > 1 else ""),
             "Multiply"),
        Step(rf"{why_t} So {event_t[:-1]} \approx {num(prob, 4)}$ (the rule's rounded value; the exact normal "
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
            f"${density}$.",
            r"68% of values lie within $\pm 1\sigma$ of $\mu$, 95% within $\pm 2\sigma$, 99.7% within "
            r"$\pm 3\sigma$; the curve is symmetric.",
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
