"""Weight decay as a multiplicative shrink factor: w ← (1 − ηλ)·w − η·g (000 §A.10)."""

import math
import random
from decimal import Context
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num, pretty, tex_num, tex_term
from tutor.core.problems import Figure, Step, Template, Variant

# (η, λ) pairs whose product has at most 4 decimals
RATES = (
    (0.1, 0.1), (0.1, 0.01), (0.01, 0.1), (0.05, 0.1), (0.1, 0.5), (0.01, 0.5),
    (0.001, 0.1), (0.05, 0.2), (0.2, 0.5), (0.1, 0.2), (0.01, 1), (0.02, 0.5), (0.001, 0.5),
)
STEPS = (2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000)
WEIGHTS = (-3, -2, -1.5, -0.8, 0.5, 0.8, 1.2, 1.5, 2, 2.5, 3, 4)
GRADIENTS = (-2, -1, -0.5, 0.5, 1, 2, 3)


def draw(rng: random.Random) -> dict:
    eta, lam = rng.choice(RATES)
    decay = exact(eta) * exact(lam)
    # enough steps for the shrinking to show, not so many that the weight vanishes
    k = rng.choice([k for k in STEPS if Fraction(1, 10) <= k * decay <= 1])
    return {"eta": eta, "lam": lam, "w": rng.choice(WEIGHTS), "g": rng.choice(GRADIENTS), "k": k}


def _power(base: Fraction, k: int) -> Fraction:
    """base**k to 40 significant figures (exactly, the fraction of 0.9999^2000 has thousands of
    digits; 40 figures is far beyond the 4 decimals asked for, and the engine reads such a
    long decimal as the value)."""
    context = Context(prec=40)
    power = context.power(context.divide(base.numerator, base.denominator), k)
    return Fraction(power)


def _cut(x: Fraction, places: int = 10) -> str:
    """x exactly when it has at most ``places`` decimals, else cut there with "…": 0.904382075…"""
    scaled = abs(x) * 10**places
    if scaled.denominator == 1:
        return num(x, places)
    digits = str(math.floor(scaled)).rjust(places + 1, "0")
    return f"{'-' if x < 0 else ''}{digits[:-places]}.{digits[-places:]}…"


def _brace(text: str) -> str:
    """A number's text in a formula, braced when negative: {-1.8088}."""
    return f"{{{text}}}" if text.startswith("-") else text


def _cut_tex(x: Fraction, places: int = 10) -> str:
    """``_cut`` in a formula: {-0.904382075\\ldots}."""
    text = _cut(x, places).replace("…", r"\ldots")
    return f"{{{text}}}" if text.startswith("-") else text


def _part(value: Fraction, label: str, candidates) -> AnswerSpec:
    """One number part to 4 decimal places, with its classic mistakes."""
    spec = AnswerSpec(kind="number", expected=exact_text(value), decimals=4, label=label)
    return with_mistakes(spec, candidates)


def build(eta, lam, w, g, k) -> Variant:
    E, L, W, G = exact(eta), exact(lam), exact(w), exact(g)
    decay = E * L
    f = 1 - decay
    w1 = f * W - E * G
    fk = _power(f, k)
    wk = W * fk
    parts = (
        _part(f, "the shrink factor", [
            (decay, f"That is ηλ = {num(decay)}, the fraction removed per step; the factor that multiplies w "
                    "is 1 − ηλ."),
            (1 - 2 * decay, "You doubled ηλ: 1 − 2ηλ belongs to the penalty λ‖w‖² (gradient 2λw); "
                            "this update multiplies w by 1 − ηλ."),
            (1 - L, f"Multiply λ by the learning rate: the factor is 1 − η·λ = 1 − {num(E)}·{num(L)}."),
            (1 + decay, "Weight decay shrinks the weight: the factor is 1 − ηλ, below 1."),
            (1 - E, f"Multiply the learning rate by λ: the factor is 1 − η·λ = 1 − {num(E)}·{num(L)}."),
        ]),
        _part(w1, "the weight after one update", [
            (f * W + E * G, "Step against the gradient: the update subtracts η·g."),
            (f * W, "You only applied the decay; the update also subtracts η·g."),
            (W - E * G, f"You left out the decay: multiply w by {num(f)} before subtracting η·g."),
            (f * W - G, f"Multiply the gradient by the learning rate η = {num(E)}."),
            (f * (W - E * G), f"You decayed after the gradient step, (1 − ηλ)·(w − η·g); the update multiplies "
                              f"the old w by {num(f)} and then subtracts η·g = {pretty(num(E * G))} in full."),
            ((1 - 2 * decay) * W - E * G, "You used 1 − 2ηλ, the factor of the L2 penalty λ‖w‖²; decoupled "
                                          "weight decay multiplies w by 1 − ηλ."),
        ]),
        _part(wk, f"the weight after {k} updates", [
            (W * (1 - k * decay), f"The shrinking compounds: multiply by {num(f)} {k} times, "
                                  f"w·(1 − ηλ)^{k}, rather than subtracting {k}·ηλ·w."),
            (f * W, f"That is after one update; with g = 0 apply the factor {k} times: w·(1 − ηλ)^{k}."),
            (fk, f"That is the factor (1 − ηλ)^{k} alone; multiply it by the starting weight {pretty(num(W))}."),
            (float(W) * math.exp(-k * float(decay)),
             f"That is the approximation w·e^(−kηλ) = {pretty(num(W))}·e^(−{num(k * decay)}); it is close but "
             f"not exact: compute w·(1 − ηλ)^{k} itself."),
            (W * _power(1 - 2 * decay, k), f"You used 1 − 2ηλ, the factor of the L2 penalty; decoupled weight decay "
                                       f"multiplies by 1 − ηλ = {num(f)} each step."),
        ]),
    )
    spec = AnswerSpec(kind="multi", parts=parts)
    wk_text = canonical_answer(parts[2])
    prompt = (
        r"SGD with decoupled weight decay updates a weight by $w \leftarrow (1 - \eta\lambda) \cdot w - \eta \cdot g$," "\n"
        rf"with learning rate $\eta = {num(E)}$ and weight-decay coefficient $\lambda = {num(L)}$." "\n"
        f"A weight is $w = {tex_num(W)}$ and its loss gradient is $g = {tex_num(G)}$.\n"
        r"Give, separated by ';': the shrink factor $1 - \eta\lambda$; the weight after one update; "
        f"starting again from $w = {tex_num(W)}$, the weight after {k} updates in which the loss "
        "gradient is 0 (decay only).\n"
        + precision_sentence(spec)
    )
    steps = [
        Step(
            rf"$1 - \eta\lambda = 1 - {num(E)} \cdot {num(L)} = 1 - {num(decay)} = {num(f)}$: every step multiplies w by "
            f"{num(f)} — a uniform shrinkage toward zero that pulls big weights in proportionally.",
            "Shrink factor",
        ),
        Step(
            rf"$w \leftarrow {num(f)} \cdot {tex_term(W)} - {num(E)} \cdot {tex_term(G)} = {tex_num(f * W, 12)} - "
            f"{tex_term(E * G, 12)} = {tex_num(w1, 12)}$",
            "One update",
        ),
        Step(
            f"With $g = 0$ each update only multiplies by {num(f)}, so after {k} updates "
            rf"$w = {tex_term(W)} \cdot {num(f)}^{{{k}}} = {tex_term(W)} \cdot {_cut_tex(fk)} = {_cut_tex(wk)} "
            rf"\approx {_brace(wk_text)}$. "
            rf"The shrinking compounds: ${num(f)}^{{{k}}}$, not $1 - {k} \cdot {num(decay)} = "
            f"{tex_num(1 - k * decay, 6)}$; "
            "and the weight never reaches exactly 0 (unlike L1, which can zero weights out).",
            f"{k} updates",
        ),
        Step(
            r"The penalty $\lambda \|w\|^2$ has gradient $2\lambda w$, which gives $w \leftarrow (1 - 2\eta\lambda) \cdot w$; "
            r"decoupled weight decay (as in AdamW) applies $w \leftarrow (1 - \eta\lambda) \cdot w$ directly, "
            "independent of the loss gradient.",
            "Why",
        ),
    ]
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[r"Each update first multiplies w by $(1 - \eta\lambda)$; with zero gradient, k updates multiply it by "
               r"$(1 - \eta\lambda)^k$."],
        figure=Figure("weight_decay", {
            "w": [float(W * f**i) for i in [*range(0, k, max(1, k // 20)), k]],
            "steps": [*range(0, k, max(1, k // 20)), k], "factor": float(f)}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="norms.weight_decay",
        title="Weight decay: the shrink factor",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("norms.vector_norms",),
        difficulty=2,
        # §A.10 derives the factor without numbers: η = λ = 0.1 gives 0.99 per step
        seed_params={"eta": 0.1, "lam": 0.1, "w": 2, "g": 0.5, "k": 10},
        source="000 §A.10",
    )
]
