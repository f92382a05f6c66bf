"""Weight decay as a multiplicative shrink factor: w ← (1 − ηλ)·w − η·g (000 §A.10)."""

import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, Mistake
from tutor.core.authoring import exact
from tutor.core.formatting import num, pretty, signed
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


def _mistakes(expected, candidates) -> tuple[Mistake, ...]:
    """Wrong values that differ from the answer (and each other) visibly at 4 decimals."""
    kept: list[Fraction] = []
    out = []
    for value, explanation in candidates:
        if abs(value - expected) > Fraction(2, 10**4) and all(abs(value - v) > Fraction(2, 10**4) for v in kept):
            kept.append(value)
            out.append(Mistake(num(value, 4), explanation))
    return tuple(out)


def build(eta, lam, w, g, k) -> Variant:
    E, L, W, G = exact(eta), exact(lam), exact(w), exact(g)
    decay = E * L
    f = 1 - decay
    w1 = f * W - E * G
    wk = W * f**k
    prompt = (
        f"SGD with decoupled weight decay updates a weight by  w ← (1 − ηλ)·w − η·g,\n"
        f"with learning rate η = {num(E)} and weight-decay coefficient λ = {num(L)}.\n"
        f"A weight is w = {pretty(num(W))} and its loss gradient is g = {pretty(num(G))}.\n"
        "Give, separated by ';': the shrink factor 1 − ηλ; the weight after one update; "
        f"starting again from w = {pretty(num(W))}, the weight after {k} updates in which the loss "
        "gradient is 0 (decay only).\n"
        "Give each to 4 decimal places."
    )
    steps = [
        Step(
            f"1 − ηλ = 1 − {num(E)}·{num(L)} = 1 − {num(decay)} = {num(f)}: every step multiplies w by "
            f"{num(f)} — a uniform shrinkage toward zero that pulls big weights in proportionally.",
            "Shrink factor",
        ),
        Step(
            f"w ← {num(f)}·{signed(W)} − {num(E)}·{signed(G)} = {pretty(num(f * W, 6))} − "
            f"{signed(E * G, 6)} = {pretty(num(w1, 6))}",
            "One update",
        ),
        Step(
            f"With g = 0 each update only multiplies by {num(f)}, so after {k} updates "
            f"w = {signed(W)}·{num(f)}^{k} ≈ {pretty(num(W, 4))}·{num(f**k, 6)} ≈ {pretty(num(wk, 4))}. "
            f"The shrinking compounds: {num(f)}^{k}, not 1 − {k}·{num(decay)} = {pretty(num(1 - k * decay, 6))}; "
            "and the weight never reaches exactly 0 (unlike L1, which can zero weights out).",
            f"{k} updates",
        ),
        Step(
            "The penalty λ·‖w‖² has gradient 2λw, which gives w ← (1 − 2ηλ)·w; "
            "decoupled weight decay (as in AdamW) applies w ← (1 − ηλ)·w directly, independent of the loss gradient.",
            "Why",
        ),
    ]
    parts = (
        AnswerSpec(kind="number", expected=num(f, 4), label="1 − ηλ", decimals=4, mistakes=_mistakes(f, [
            (decay, f"That is ηλ = {num(decay)}, the fraction removed per step; the factor that multiplies w "
                    "is 1 − ηλ."),
            (1 - 2 * decay, "You doubled ηλ: 1 − 2ηλ belongs to the penalty λ‖w‖² (gradient 2λw); "
                            "this update multiplies w by 1 − ηλ."),
            (1 - L, f"Multiply λ by the learning rate: the factor is 1 − η·λ = 1 − {num(E)}·{num(L)}."),
            (1 + decay, "Weight decay shrinks the weight: the factor is 1 − ηλ, below 1."),
        ])),
        AnswerSpec(kind="number", expected=num(w1, 4), label="w after one update", decimals=4, mistakes=_mistakes(w1, [
            (f * W + E * G, "Step against the gradient: the update subtracts η·g."),
            (f * W, "You only applied the decay; the update also subtracts η·g."),
            (W - E * G, f"You left out the decay: multiply w by {num(f)} before subtracting η·g."),
            (f * W - G, f"Multiply the gradient by the learning rate η = {num(E)}."),
        ])),
        AnswerSpec(kind="number", expected=num(wk, 4), label=f"w after {k} updates", decimals=4, mistakes=_mistakes(wk, [
            (W * (1 - k * decay), f"The shrinking compounds: multiply by {num(f)} {k} times, "
                                  f"w·(1 − ηλ)^{k}, rather than subtracting {k}·ηλ·w."),
            (f * W, f"That is after one update; with g = 0 apply the factor {k} times: w·(1 − ηλ)^{k}."),
            (f**k, f"That is the factor (1 − ηλ)^{k} alone; multiply it by the starting weight {pretty(num(W))}."),
        ])),
    )
    return Variant(
        prompt=prompt,
        answer=AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts),
        steps=steps,
        hints=["Each update first multiplies w by (1 − ηλ); with zero gradient, k updates multiply it by (1 − ηλ)^k."],
        figure=Figure("weight_decay", {"w": [float(W * f**i) for i in range(0, k + 1, max(1, k // 20))]}),
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
