"""The sigmoid derivative σ(1 − σ) and the gradient of (y − σ(w·x))², against BCE (000 §D.3)."""

import math
import random

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, num, pretty, rounded
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


def tp(x: float) -> str:
    """6 significant figures after an operator, in LaTeX: 0.0474 → '0.0474259', -0.5 → '(-0.5)'."""
    text = sig(x, 6)
    return f"({text})" if text.startswith("-") else text


YH = r"\hat{y}"
DL_DW = r"\frac{\partial L}{\partial w}"
DL_DY = r"\frac{\partial L}{\partial \hat{y}}"
DY_DZ = r"\frac{\partial \hat{y}}{\partial z}"
DZ_DW = r"\frac{\partial z}{\partial w}"
DL_DZ = r"\frac{\partial L}{\partial z}"
NEURON = (r"One sigmoid neuron: $z = w \cdot x$, $\hat{y} = \sigma(z) = \frac{1}{1 + e^{-z}}$, "
          r"squared error $L = (y - \hat{y})^2$.")


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

    def a(v: float) -> str:  # a result: its full value, then the answer at 4 significant figures (LaTeX)
        answer = rounded(v, sig_figs=4)
        return sig(v, 6) if float(answer) == v else rf"{sig(v, 6)} \approx {answer}"

    q = lambda v: sig(v, 6)  # noqa: E731  (the same, in a formula)
    steps = [
        Step(rf"$z = {num(w)} \cdot {tp(x)} = {num(z)}$, ${YH} = \sigma({num(z)}) = {q(s)}$", "Forward"),
        Step(r"$\sigma'(z) = \frac{e^{-z}}{(1 + e^{-z})^2} = \sigma(z) \cdot (1 - \sigma(z)) = \hat{y}(1 - \hat{y}) = "
             rf"{q(s)} \cdot {q(1 - s)} = {a(ds)}$", "Sigmoid derivative"),
        Step(rf"${DL_DY} = -2(y - {YH}) = -2 \cdot {tp(y - s)} = {q(-2 * (y - s))}$; ${DY_DZ} = {q(ds)}$; "
             f"${DZ_DW} = x = {num(x)}$.\n"
             rf"${DL_DW} = {q(-2 * (y - s))} \cdot {q(ds)} \cdot {tp(x)} = {a(g_mse)}$", "Chain rule (MSE)"),
        Step(rf"With BCE, ${DL_DZ} = {YH} - y$ (the ${YH}(1 - {YH})$ cancels), so ${DL_DW} = ({YH} - y) \cdot x = "
             rf"{tp(s - y)} \cdot {tp(x)} = {a(g_bce)}$", "Chain rule (BCE)"),
        Step(f"The MSE gradient carries the factor ${YH}(1 - {YH}) = {q(ds)}$"
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
        f"{NEURON}\n"
        f"With $w = {num(w)}$, $x = {num(x)}$ and target $y = {y}$, give:\n"
        f"$\\sigma'(z)$; ${DL_DW}$; and ${DL_DW}$ if the loss were binary cross-entropy "
        r"$L = -[y \cdot \log \hat{y} + (1 - y) \cdot \log(1 - \hat{y})]$ instead." "\n"
        "Separate the three numbers with ';'.\n" + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[rf"$\sigma'(z) = {YH}(1 - {YH})$. Chain: ${DL_DW} = {DL_DY} \cdot {DY_DZ} \cdot {DZ_DW} = "
               rf"-2(y - {YH}) \cdot {YH}(1 - {YH}) \cdot x$; with BCE, ${DL_DZ} = {YH} - y$."],
        figure=Figure("sigmoid", {"z": z, "s": s, "slope": ds}, placement="solution"),
    )


def _build_symbolic() -> Variant:
    prompt = (
        f"{NEURON} Write $s$ for ${YH} = \\sigma(z)$.\n"
        rf"Give, as expressions: $\sigma'(z)$ in terms of $s$; ${DL_DW}$ in terms of $x$, $y$ and $s$; and "
        f"${DL_DW}$ in terms of $x$, $y$ and $s$ if the loss were binary cross-entropy "
        r"$L = -[y \cdot \log s + (1 - y) \cdot \log(1 - s)]$." "\n"
        "Separate them with ';', e.g. s^2; x*y*s; x-s."
    )
    steps = [
        Step(r"$\sigma'(z) = \frac{d}{dz} (1 + e^{-z})^{-1} = -1 \cdot (1 + e^{-z})^{-2} \cdot (-e^{-z})"
             r" = \frac{e^{-z}}{(1 + e^{-z})^2}$" "\n"
             r"$= \frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}} = \sigma(z) \cdot (1 - \sigma(z)) = s(1 - s)$",
             "Sigmoid derivative"),
        Step(rf"${DL_DY} = -2(y - {YH})$, ${DY_DZ} = {YH}(1 - {YH})$, ${DZ_DW} = x$, so" "\n"
             rf"${DL_DW} = -2(y - {YH}) \cdot {YH}(1 - {YH}) \cdot x = -2 \cdot x \cdot (y - s) \cdot s \cdot (1 - s)$",
             "Chain rule (MSE)"),
        Step(rf"With BCE, ${DL_DY} = -\frac{{y}}{{{YH}}} + \frac{{1 - y}}{{1 - {YH}}} = "
             rf"\frac{{{YH} - y}}{{{YH}(1 - {YH})}}$; times ${DY_DZ} = {YH}(1 - {YH})$ "
             rf"gives ${DL_DZ} = {YH} - y$, so ${DL_DW} = (s - y) \cdot x$.", "Chain rule (BCE)"),
        Step(f"The MSE gradient carries ${YH}(1 - {YH})$, which vanishes when ${YH}$ is near 0 or 1: a confidently "
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
        hints=[rf"$\sigma'(z) = \sigma(z)(1 - \sigma(z))$. Multiply the local derivatives "
               rf"${DL_DY} \cdot {DY_DZ} \cdot {DZ_DW}$."],
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
