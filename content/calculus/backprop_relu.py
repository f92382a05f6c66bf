"""Backprop through one layer with ReLU: z = W·x + b, a = ReLU(z), L = (a − y)² (002 §2.2)."""

import random

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num, pretty
from tutor.core.problems import Figure, Step, Template, Variant


def draw(rng: random.Random) -> dict:
    while True:
        params = {
            "x": rng.choice([1, 2, 3, -1, -2, 0.5, 1.5]),
            "w": rng.choice([-1, -0.5, 0.5, 1, 1.5, 2]),
            "b": rng.choice([-0.5, 0, 0.1, 0.2, 0.5, 1]),
            "y": rng.choice([0, 0.5, 1, 2, 3]),
            "eta": rng.choice([0.01, 0.01, 0.05, 0.1]),
        }
        z = exact(params["w"]) * exact(params["x"]) + exact(params["b"])
        a = max(z, 0)
        if z != 0 and a != exact(params["y"]) and (z > 0 or rng.random() < 0.35):
            return params  # about one variant in five has a dead ReLU (z < 0)


def build(x, w, b, y, eta) -> Variant:
    X, W, B, Y, E = (exact(v) for v in (x, w, b, y, eta))
    f = lambda v: pretty(num(v, 6))  # noqa: E731
    z = W * X + B
    alive = z > 0
    a = z if alive else 0 * z
    loss = (a - Y) ** 2
    dl_da = 2 * (a - Y)
    relu_slope = 1 if alive else 0
    dl_dz = dl_da * relu_slope
    dl_dw = dl_dz * X
    new_w = W - E * dl_dw
    t = lambda v: num(v, 6)  # noqa: E731  (in a formula)

    def ts(v) -> str:  # after an operator, in a formula: -0.5 → (-0.5)
        text = num(v, 6)
        return f"({text})" if text.startswith("-") else text

    def d(top: str, bottom: str) -> str:
        return rf"\frac{{\partial {top}}}{{\partial {bottom}}}"

    steps = [
        Step(rf"$z = W \cdot x + b = {t(W)} \cdot {ts(X)} + {ts(B)} = {t(z)}$", "Forward: z"),
        Step(rf"$a = \mathrm{{ReLU}}({t(z)}) = {t(a)}$" + (" (positive, so it passes through)" if alive else
                                                         " (negative, so ReLU outputs 0: the unit is off)"),
             "Forward: a"),
        Step(f"$L = (a - y)^2 = ({t(a)} - {ts(Y)})^2 = {t(loss)}$", "Forward: loss"),
        Step(rf"${d('L', 'a')} = 2(a - y) = 2 \cdot {ts(a - Y)} = {t(dl_da)}$", "Backward: ∂L/∂a"),
        Step(f"${d('a', 'z')} = {relu_slope}$ (ReLU derivative, $z {'>' if alive else '<'} 0$) → "
             rf"${d('L', 'z')} = {t(dl_da)} \cdot {relu_slope} = {t(dl_dz)}$"
             + ("" if alive else ": a dead ReLU blocks the gradient"), "Backward: ∂L/∂z"),
        Step(rf"${d('z', 'W')} = x = {t(X)}$ → ${d('L', 'W')} = {t(dl_dz)} \cdot {ts(X)} = {t(dl_dw)}$",
             "Backward: ∂L/∂W"),
        Step(rf"$W \leftarrow W - \eta \cdot {d('L', 'W')} = {t(W)} - {t(E)} \cdot {ts(dl_dw)} = {t(new_w)}$"
             + ("" if dl_dw else " (no gradient, so $W$ does not move)"), "Update"),
    ]
    live_grad = 2 * (z - Y)  # what you get if you forget that the ReLU is off
    loss_cands = [(a - Y, "Square the error: L = (a − y)²."),
                  (loss / 2, "This loss is (a − y)² with no ½ in front: do not halve it.")]
    dz_cands = [(-dl_dz, "Check the sign: ∂L/∂a = 2(a − y), prediction minus target.")]
    dw_cands = [
        (-dl_dw, "Check the sign: ∂L/∂a = 2(a − y), prediction minus target."),
        (dl_dz, f"The chain ends with ∂z/∂W = x = {f(X)}: multiply by x."),
        (dl_dz * W, f"That is ∂L/∂x (∂z/∂x = W); for ∂L/∂W multiply by ∂z/∂W = x = {f(X)}."),
    ]
    w_cands = [
        (W - E * dl_dz, "Step with ∂L/∂W (which includes the factor x), not with ∂L/∂z."),
        (W + E * dl_dw, "Gradient descent steps against the gradient: W ← W − η·∂L/∂W."),
        (W - dl_dw, f"Scale the gradient by the learning rate η = {f(E)} before stepping."),
    ]
    if alive:
        dz_cands.append((a - Y, "d/da (a − y)² = 2(a − y): you dropped the factor 2."))
        dw_cands.append(((a - Y) * X, "d/da (a − y)² = 2(a − y): you dropped the factor 2."))
    else:
        dead = "z < 0, so ReLU is off: its derivative there is 0 and no gradient reaches z or W."
        loss_cands.append(((z - Y) ** 2, f"ReLU turns z = {f(z)} into a = 0; use a, not z, in the loss."))
        dz_cands += [(dl_da, dead), (live_grad, dead)]
        dw_cands += [(dl_da * X, dead), (live_grad * X, dead)]
        w_cands += [(W - E * dl_da * X, dead), (W - E * live_grad * X, dead)]
    def number(value, label: str, cands) -> AnswerSpec:
        return with_mistakes(AnswerSpec(kind="number", expected=exact_text(value), sig_figs=4, label=label), cands)

    parts = (
        number(loss, "L", loss_cands),
        number(dl_dz, "∂L/∂z", dz_cands),
        number(dl_dw, "∂L/∂W", dw_cands),
        number(new_w, "the new W", w_cands),
    )
    spec = AnswerSpec(kind="multi", parts=parts)
    prompt = (
        "One neuron with a ReLU and squared error:\n"
        r"    $z = W \cdot x + b$,   $a = \mathrm{ReLU}(z)$,   $L = (a - y)^2$" "\n"
        f"$x = {t(X)}$, $W = {t(W)}$, $b = {t(B)}$, target $y = {t(Y)}$, learning rate $\\eta = {t(E)}$.\n"
        f"Give, separated by ';': the loss $L$; ${d('L', 'z')}$; ${d('L', 'W')}$; the new $W$ after one "
        "gradient-descent step.\n"
        + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=["Forward first ($z$, $a$, $L$), then multiply local derivatives from the loss back: "
               rf"${d('L', 'W')} = {d('L', 'a')} \cdot {d('a', 'z')} \cdot {d('z', 'W')} = "
               r"2(a - y) \cdot 1[z > 0] \cdot x$."],
        figure=Figure("dag", {
            "nodes": ["x", "W", "b", "z", "a", "L"],
            "edges": [["x", "z"], ["W", "z"], ["b", "z"], ["z", "a"], ["a", "L"]],
            "forward": {"z": float(z), "a": float(a), "L": float(loss)},
            "backward": {"a": float(dl_da), "z": float(dl_dz), "W": float(dl_dw)},
            "ops": {"z": "W·x + b", "a": "ReLU(z)", "L": "(a − y)²"},
        }, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="calculus.backprop_relu",
        title="Backprop through one layer with ReLU",
        topic="calculus",
        draw=draw,
        build=build,
        prerequisites=("gradient.mse_linear",),
        difficulty=2,
        # 002 §2.2: z = 1.1, a = 1.1, L = 0.01, ∂L/∂a = 0.2, ∂L/∂z = 0.2, ∂L/∂W = 0.4, W → 0.496
        seed_params={"x": 2, "w": 0.5, "b": 0.1, "y": 1, "eta": 0.01},
        source="002 §2.2",
    )
]
