"""MSE gradient for ŷ = w·x + b and one gradient-descent step (000 §B.16, 002 §2.2)."""

import random

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num, pretty, signed
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

    def p(v) -> str:  # a number for display: typographic minus
        return pretty(num(v))

    steps = [
        Step(f"ŷ = w·x + b = {p(W)}·{signed(X)} + {signed(B)} = {p(y_hat)}", "Forward"),
        Step(f"L = (ŷ − y)² = ({p(y_hat)} − {signed(Y)})² = {signed(r)}² = {p(r * r)}", "Loss"),
        Step(
            f"Chain rule with r = ŷ − y: ∂L/∂w = 2r·∂ŷ/∂w = 2·(ŷ − y)·x = 2·{signed(r)}·{signed(X)} = {p(grad_w)}",
            "∂L/∂w",
        ),
        Step(f"∂L/∂b = 2·(ŷ − y)·1 = 2·{signed(r)} = {p(grad_b)}", "∂L/∂b"),
        Step(
            f"w ← w − η·∂L/∂w = {p(W)} − {p(E)}·{signed(grad_w)} = {p(new_w)}"
            + ("  (the gradient is negative, so w increases)" if grad_w < 0 else
               "  (the gradient is positive, so w decreases)" if grad_w > 0 else ""),
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
        f"A linear model ŷ = w·x + b with squared-error loss L = (ŷ − y)².\n"
        f"One example: x = {p(X)}, y = {p(Y)}; current parameters w = {p(W)}, b = {p(B)}; "
        f"learning rate η = {p(E)}.\n"
        "Give, separated by ';': ∂L/∂w; ∂L/∂b; the new w after one gradient-descent step.\n"
        + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=["With r = ŷ − y, L = r², so ∂L/∂w = 2r·x and ∂L/∂b = 2r; then w ← w − η·∂L/∂w."],
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
