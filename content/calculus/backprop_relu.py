"""Backprop through one layer with ReLU: z = W·x + b, a = ReLU(z), L = (a − y)² (002 §2.2)."""

import random

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num, pretty, signed
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
    steps = [
        Step(f"z = W·x + b = {f(W)}·{signed(X, 6)} + {signed(B, 6)} = {f(z)}", "Forward: z"),
        Step(f"a = ReLU({f(z)}) = {f(a)}" + (" (positive, so it passes through)" if alive else
                                             " (negative, so ReLU outputs 0: the unit is off)"), "Forward: a"),
        Step(f"L = (a − y)² = ({f(a)} − {signed(Y, 6)})² = {f(loss)}", "Forward: loss"),
        Step(f"∂L/∂a = 2(a − y) = 2·{signed(a - Y, 6)} = {f(dl_da)}", "Backward: ∂L/∂a"),
        Step(f"∂a/∂z = {relu_slope} (ReLU derivative, z {'>' if alive else '<'} 0) → ∂L/∂z = "
             f"{f(dl_da)}·{relu_slope} = {f(dl_dz)}"
             + ("" if alive else ": a dead ReLU blocks the gradient"), "Backward: ∂L/∂z"),
        Step(f"∂z/∂W = x = {f(X)} → ∂L/∂W = {f(dl_dz)}·{signed(X, 6)} = {f(dl_dw)}", "Backward: ∂L/∂W"),
        Step(f"W ← W − η·∂L/∂W = {f(W)} − {f(E)}·{signed(dl_dw, 6)} = {f(new_w)}"
             + ("" if dl_dw else " (no gradient, so W does not move)"), "Update"),
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
        "    z = W·x + b,   a = ReLU(z),   L = (a − y)²\n"
        f"x = {f(X)}, W = {f(W)}, b = {f(B)}, target y = {f(Y)}, learning rate η = {f(E)}.\n"
        "Give, separated by ';': the loss L; ∂L/∂z; ∂L/∂W; the new W after one gradient-descent step.\n"
        + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=["Forward first (z, a, L), then multiply local derivatives from the loss back: "
               "∂L/∂W = ∂L/∂a · ∂a/∂z · ∂z/∂W = 2(a − y) · 1[z > 0] · x."],
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
