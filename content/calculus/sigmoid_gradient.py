"""The sigmoid derivative σ(1 − σ) and the gradient of (y − σ(w·x))², against BCE (000 §D.3)."""

import math
import random

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, num, pretty, rounded, signed
from tutor.core.formatting import figures as sig
from tutor.core.problems import Figure, Step, Template, Variant

SYMBOLIC = (
    ("s*(1-s)", ("s",), [
        ("s", "That is σ(z) itself; its derivative is σ(z)·(1 − σ(z)) = s·(1 − s)."),
        ("1-s", "You have one factor; σ' = σ·(1 − σ) is the product of both."),
    ]),
    ("-2*x*(y-s)*s*(1-s)", ("s", "x", "y"), [
        ("2*x*(y-s)*s*(1-s)", "Check the sign: ∂L/∂ŷ = −2(y − ŷ), because ŷ enters L with a minus sign."),
        ("-2*x*(y-s)", "You left out the sigmoid's local derivative ∂ŷ/∂z = ŷ(1 − ŷ)."),
        ("-2*(y-s)*s*(1-s)", "The chain ends with ∂z/∂w = x: multiply by x."),
        ("-x*(y-s)*s*(1-s)", "d/dŷ (y − ŷ)² = −2(y − ŷ): you dropped the factor 2."),
    ]),
    ("(s-y)*x", ("s", "x", "y"), [
        ("(y-s)*x", "Check the sign: with BCE the gradient is (ŷ − y)·x, prediction minus target."),
        ("s-y", "That is ∂L/∂z; multiply by ∂z/∂w = x."),
        ("(s-y)*s*(1-s)*x", "With BCE the factor ŷ(1 − ŷ) cancels: ∂L/∂z = ŷ − y exactly."),
    ]),
)


def sp(x: float) -> str:
    """6 significant figures after an operator: 0.0474 → '0.0474259', −0.5 → '(−0.5)'."""
    text = pretty(sig(x, 6))
    return f"({text})" if text.startswith("−") else text


def draw(rng: random.Random) -> dict:
    if rng.random() < 0.2:
        return {"w": None, "x": None, "y": None}
    return {
        "w": rng.choice([-1, -0.5, 0.5, 1, 1.5, 2]),
        "x": rng.choice([-2, -1, 1, 2, 3, 0.5]),
        "y": rng.choice([0, 1]),
    }


def build(w, x, y) -> Variant:
    if w is None:
        return _build_symbolic()
    z = w * x
    s = 1 / (1 + math.exp(-z))
    ds = s * (1 - s)
    g_mse = -2 * x * (y - s) * ds
    g_bce = (s - y) * x
    p = lambda v: pretty(sig(v, 6))  # noqa: E731  (intermediates: more figures than the answer)

    def a(v: float) -> str:  # a result: its full value, then the answer at 4 significant figures
        answer = rounded(v, sig_figs=4)
        return p(v) if float(answer) == v else f"{p(v)} ≈ {pretty(answer)}"

    steps = [
        Step(f"z = {pretty(num(w))}·{signed(x)} = {pretty(num(z))}, ŷ = σ({pretty(num(z))}) = {p(s)}", "Forward"),
        Step("σ'(z) = e^(−z)/(1 + e^(−z))² = σ(z)·(1 − σ(z)) = ŷ(1 − ŷ) = "
             f"{p(s)}·{p(1 - s)} = {a(ds)}", "Sigmoid derivative"),
        Step(f"∂L/∂ŷ = −2(y − ŷ) = −2·{sp(y - s)} = {p(-2 * (y - s))}; ∂ŷ/∂z = {p(ds)}; "
             f"∂z/∂w = x = {pretty(num(x))}.\n"
             f"∂L/∂w = {p(-2 * (y - s))}·{p(ds)}·{signed(x)} = {a(g_mse)}", "Chain rule (MSE)"),
        Step(f"With BCE, ∂L/∂z = ŷ − y (the ŷ(1 − ŷ) cancels), so ∂L/∂w = (ŷ − y)·x = "
             f"{sp(s - y)}·{signed(x)} = {a(g_bce)}", "Chain rule (BCE)"),
        Step(f"The MSE gradient carries the factor ŷ(1 − ŷ) = {p(ds)}"
             + (", tiny because the sigmoid is saturated" if ds < 0.05 else "")
             + f"; |MSE gradient| / |BCE gradient| = {p(abs(g_mse / g_bce))}. "
             "When the model is confidently wrong, MSE+sigmoid learns slowly; BCE does not.",
             "Why classification uses cross-entropy"),
    ]
    def number(value: float, label: str, cands) -> AnswerSpec:
        return with_mistakes(AnswerSpec(kind="number", expected=exact_text(value), sig_figs=4, label=label), cands)

    parts = (
        number(ds, "σ'(z)", [
            (s, f"That is ŷ = σ(z) = {p(s)}; the derivative is ŷ(1 − ŷ)."),
            (1 - s, "You have one factor; σ' = σ·(1 − σ) is the product of both."),
            (z * (1 - z), f"σ' = ŷ(1 − ŷ) uses ŷ = σ(z) = {p(s)}, not z itself."),
        ]),
        number(g_mse, "∂L/∂w (MSE)", [
            (-g_mse, "Check the sign: ∂L/∂ŷ = −2(y − ŷ), because ŷ enters L with a minus sign."),
            (-2 * x * (y - s), "You left out the sigmoid's local derivative ∂ŷ/∂z = ŷ(1 − ŷ)."),
            (-2 * (y - s) * ds, "The chain ends with ∂z/∂w = x: multiply by x."),
            (-x * (y - s) * ds, "d/dŷ (y − ŷ)² = −2(y − ŷ): you dropped the factor 2."),
            (g_bce, "That is the cross-entropy gradient; for squared error keep ∂L/∂ŷ = −2(y − ŷ) and ŷ(1 − ŷ)."),
        ]),
        number(g_bce, "∂L/∂w (BCE)", [
            (-g_bce, "Check the sign: with BCE the gradient is (ŷ − y)·x, prediction minus target."),
            (s - y, "That is ∂L/∂z; multiply by ∂z/∂w = x."),
            ((s - y) * ds * x, "With BCE the factor ŷ(1 − ŷ) cancels: ∂L/∂z = ŷ − y exactly."),
        ]),
    )
    spec = AnswerSpec(kind="multi", parts=parts)
    prompt = (
        f"One sigmoid neuron: z = w·x, ŷ = σ(z) = 1/(1 + e^(−z)), squared error L = (y − ŷ)².\n"
        f"With w = {pretty(num(w))}, x = {pretty(num(x))} and target y = {y}, give:\n"
        "σ'(z); ∂L/∂w; and ∂L/∂w if the loss were binary cross-entropy "
        "L = −[y·log ŷ + (1 − y)·log(1 − ŷ)] instead.\n"
        "Separate the three numbers with ';'.\n" + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=["σ'(z) = ŷ(1 − ŷ). Chain: ∂L/∂w = ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂w = −2(y − ŷ) · ŷ(1 − ŷ) · x; "
               "with BCE, ∂L/∂z = ŷ − y."],
        figure=Figure("sigmoid", {"z": z, "s": s, "slope": ds}, placement="solution"),
    )


def _build_symbolic() -> Variant:
    prompt = (
        "One sigmoid neuron: z = w·x, ŷ = σ(z) = 1/(1 + e^(−z)), squared error L = (y − ŷ)². "
        "Write s for ŷ = σ(z).\n"
        "Give, as expressions: σ'(z) in terms of s; ∂L/∂w in terms of x, y and s; and ∂L/∂w in terms "
        "of x, y and s if the loss were binary cross-entropy L = −[y·log s + (1 − y)·log(1 − s)].\n"
        "Separate them with ';', e.g. s^2; x*y*s; x-s."
    )
    steps = [
        Step("σ'(z) = d/dz (1 + e^(−z))^(−1) = −1·(1 + e^(−z))^(−2)·(−e^(−z)) = e^(−z)/(1 + e^(−z))²\n"
             "= [1/(1 + e^(−z))]·[e^(−z)/(1 + e^(−z))] = σ(z)·(1 − σ(z)) = s(1 − s)", "Sigmoid derivative"),
        Step("∂L/∂ŷ = −2(y − ŷ), ∂ŷ/∂z = ŷ(1 − ŷ), ∂z/∂w = x, so\n"
             "∂L/∂w = −2(y − ŷ)·ŷ(1 − ŷ)·x = −2·x·(y − s)·s·(1 − s)", "Chain rule (MSE)"),
        Step("With BCE, ∂L/∂ŷ = −y/ŷ + (1 − y)/(1 − ŷ) = (ŷ − y)/(ŷ(1 − ŷ)); times ∂ŷ/∂z = ŷ(1 − ŷ) "
             "gives ∂L/∂z = ŷ − y, so ∂L/∂w = (s − y)·x.", "Chain rule (BCE)"),
        Step("The MSE gradient carries ŷ(1 − ŷ), which vanishes when ŷ is near 0 or 1: a confidently "
             "wrong model barely learns. BCE's gradient has no such factor.", "Why classification uses cross-entropy"),
    ]
    parts = tuple(
        AnswerSpec(kind="expression", expected=expected, variables=variables, label=label,
                   mistakes=tuple(Mistake(a, why) for a, why in mistakes))
        for (expected, variables, mistakes), label in zip(
            SYMBOLIC, ("σ'(z)", "∂L/∂w (MSE)", "∂L/∂w (BCE)"), strict=True)
    )
    return Variant(
        prompt=prompt,
        answer=AnswerSpec(kind="multi", expected="; ".join(q.expected for q in parts), parts=parts),
        steps=steps,
        hints=["σ'(z) = σ(z)(1 − σ(z)). Multiply the local derivatives ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂w."],
        figure=Figure("sigmoid", {}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="calculus.sigmoid_gradient",
        title="Sigmoid derivative and the sigmoid-MSE gradient",
        topic="calculus",
        draw=draw,
        build=build,
        prerequisites=("calculus.chain_rule",),
        difficulty=2,
        # 000 §D.3 is symbolic: σ' = σ(1 − σ), ∂L/∂w = −2·x·(y − ŷ)·ŷ·(1 − ŷ), BCE: (ŷ − y)·x
        seed_params={"w": None, "x": None, "y": None},
        source="000 §D.3",
    )
]
