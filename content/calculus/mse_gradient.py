"""MSE gradient for ŷ = w·x + b and one gradient-descent step (000 §B.16, 002 §2.2)."""

import random

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num
from tutor.core.problems import Figure, Step, Template, Variant


def draw(rng: random.Random) -> dict:
    while True:
        x = rng.choice([-3, -2, -1, 1, 2, 3, 4, 5, 0.5, 1.5])
        w = rng.choice([-2, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3])
        b = rng.choice([-1, 0, 0, 0.5, 1, 2])
        y = rng.choice([-4, -2, -1, 1, 2, 3, 5, 7, 10])
        eta = rng.choice([0.01, 0.02, 0.05, 0.1])
        if w * x + b != y:
            return {"x": x, "y": y, "w": w, "b": b, "eta": eta}


def build(x, y, w, b, eta) -> Variant:
    X, Y, W, B, E = (exact(v) for v in (x, y, w, b, eta))
    y_hat = W * X + B
    r = y_hat - Y
    grad_w, grad_b = 2 * r * X, 2 * r
    new_w = W - E * grad_w
    f = num

    def t(v) -> str:  # a number after an operator, in LaTeX: -4 → (-4)
        text = num(v)
        return f"({text})" if text.startswith("-") else text

    dw, db = r"\frac{\partial L}{\partial w}", r"\frac{\partial L}{\partial b}"
    steps = [
        Step(rf"$\hat{{y}} = w \cdot x + b = {f(W)} \cdot {t(X)} + {t(B)} = {f(y_hat)}$", "Forward"),
        Step(rf"$L = (\hat{{y}} - y)^2 = ({f(y_hat)} - {t(Y)})^2 = {t(r)}^2 = {f(r * r)}$", "Loss"),
        Step(
            rf"Chain rule with $r = \hat{{y}} - y$: ${dw} = 2r \cdot \frac{{\partial \hat{{y}}}}{{\partial w}}"
            rf" = 2 \cdot (\hat{{y}} - y) \cdot x = 2 \cdot {t(r)} \cdot {t(X)} = {f(grad_w)}$",
            "∂L/∂w",
        ),
        Step(rf"${db} = 2 \cdot (\hat{{y}} - y) \cdot 1 = 2 \cdot {t(r)} = {f(grad_b)}$", "∂L/∂b"),
        Step(
            rf"$w \leftarrow w - \eta \cdot {dw} = {f(W)} - {f(E)} \cdot {t(grad_w)} = {f(new_w)}$"
            + ("  (the gradient is negative, so $w$ increases)" if grad_w < 0 else
               "  (the gradient is positive, so $w$ decreases)" if grad_w > 0 else ""),
            "Gradient-descent step",
        ),
    ]

    def number(value, label: str, cands) -> AnswerSpec:
        return with_mistakes(AnswerSpec(kind="number", expected=exact_text(value), sig_figs=4, label=label), cands)

    parts = (
        number(grad_w, "∂L/∂w", [
            (-grad_w, "Check the sign: ∂L/∂w = 2·(ŷ − y)·x, and ŷ − y is "
                      f"{'negative' if r < 0 else 'positive'} here."),
            (r * X, "d/dr r² = 2r: you dropped the factor 2."),
            (grad_b, "The chain rule brings in ∂ŷ/∂w = x: multiply by x."),
        ]),
        number(grad_b, "∂L/∂b", [
            (-grad_b, "Check the sign: ∂L/∂b = 2·(ŷ − y)."),
            (r, "d/dr r² = 2r: you dropped the factor 2."),
            (grad_w, "∂ŷ/∂b = 1, not x: that was ∂L/∂w."),
        ]),
        number(new_w, "the new w", [
            (W + E * grad_w, "Gradient descent steps against the gradient: w ← w − η·∂L/∂w."),
            (W - grad_w, f"Multiply the gradient by the learning rate η = {f(E)} before stepping."),
            (-E * grad_w, "That is the step −η·∂L/∂w alone; add it to the current w."),
        ]),
    )
    spec = AnswerSpec(kind="multi", parts=parts)
    prompt = (
        r"A linear model $\hat{y} = w \cdot x + b$ with squared-error loss $L = (\hat{y} - y)^2$." "\n"
        f"One example: $x = {f(X)}$, $y = {f(Y)}$; current parameters $w = {f(W)}$, $b = {f(B)}$; "
        rf"learning rate $\eta = {f(E)}$." "\n"
        f"Give, separated by ';': ${dw}$; ${db}$; the new $w$ after one gradient-descent step.\n"
        + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[rf"With $r = \hat{{y}} - y$, $L = r^2$, so ${dw} = 2r \cdot x$ and ${db} = 2r$; then "
               rf"$w \leftarrow w - \eta \cdot {dw}$."],
        figure=Figure("loss_curve", {"w": float(W), "new_w": float(new_w), "x": float(X), "y": float(Y), "b": float(B)},
                      placement="solution"),
    )


TEMPLATES = [
    Template(
        id="gradient.mse_linear",
        title="MSE gradient of a linear model and one descent step",
        topic="calculus",
        draw=draw,
        build=build,
        prerequisites=("calculus.chain_rule", "calculus.gradient_descent"),
        difficulty=2,
        seed_params={"x": 3, "y": 7, "w": 1, "b": 0, "eta": 0.01},
        source="000 §B.16; 002 §2.2",
    )
]
