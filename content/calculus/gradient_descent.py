"""Gradient-descent steps by hand, in 1-D and 2-D (004 §3.2; 000 §B.15)."""

import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num, pretty, rounded, vec
from tutor.core.problems import Figure, Step, Template, Variant


def draw(rng: random.Random) -> dict:
    while True:
        mode = rng.choice(["1d", "1d", "2d"])
        eta = rng.choice([0.1, 0.1, 0.05, 0.2, 0.25, 0.01])
        if mode == "1d":
            a = rng.choice([1, 1, 2, 0.5, 1.5])
            m = rng.choice([0, 0, 1, -1, 2])
            x0 = rng.choice([-4, -3, -2, 2, 3, 4, 5])
            params = {"mode": mode, "a": a, "b": None, "m": m, "start": x0, "eta": eta}
            curv = [a]
            if x0 == m:
                continue
        else:
            a, b = rng.choice([1, 1, 2, 0.5, 3]), rng.choice([1, 1, 2, 0.5, 3])
            start = (rng.choice([-3, -2, -1, 1, 2, 3, 4]), rng.choice([-3, -2, -1, 1, 2, 3, 4]))
            params = {"mode": mode, "a": a, "b": b, "m": None, "start": start, "eta": eta}
            curv = [a, b]
        if all(0 < 2 * exact(c) * exact(eta) <= Fraction(4, 5) for c in curv):
            return params


def _shifted(m: Fraction) -> str:
    """x − m in LaTeX: x, (x - 1), (x + 2)."""
    return "x" if not m else f"(x {'-' if m > 0 else '+'} {num(abs(m))})"


def _quad_text(a: Fraction, m: Fraction) -> str:
    """a·(x − m)² in LaTeX: (x - 1)^2, 2x^2."""
    return f"{_coef(a)}{_shifted(m)}^2"


def _signed(x, digits: int = 6) -> str:
    """A number after an operator, in LaTeX: 3 → 3, -3 → (-3)."""
    text = num(x, digits)
    return f"({text})" if text.startswith("-") else text


def _coef(c: Fraction, sep: str = "") -> str:
    """A coefficient in front of a variable: 1 → '', 0.5 → '0.5' (+ sep)."""
    return "" if c == 1 else num(c) + sep


def _plain(latex: str) -> str:
    """A formula for a plain-text message: (x - 1)^2 → (x − 1)²."""
    return pretty(latex.replace("^2", "²"))


def _number(value, label: str, cands) -> AnswerSpec:
    """One coordinate or loss value, asked for to 4 significant figures."""
    return with_mistakes(AnswerSpec(kind="number", expected=exact_text(value), sig_figs=4, label=label), cands)


def _about(value) -> str:
    """' \\approx 18.02' (LaTeX) when the answer, at 4 significant figures, is a rounding of ``value``."""
    text = rounded(value, sig_figs=4)
    return "" if Fraction(text) == value else rf" \approx {text}"


def _exact_vec(values) -> str:
    return "[" + ", ".join(exact_text(v) for v in values) + "]"


def build(mode, a, b, m, start, eta) -> Variant:
    if mode == "1d":
        return _build_1d(exact(a), exact(m), exact(start), exact(eta))
    return _build_2d(exact(a), exact(b), tuple(exact(v) for v in start), exact(eta))


def _build_1d(A, M, X0, E) -> Variant:
    def f(x):
        return A * (x - M) ** 2

    def df(x):
        return 2 * A * (x - M)

    g = lambda v: num(v, 6)  # noqa: E731
    p = lambda v: pretty(num(v, 6))  # noqa: E731
    g0 = df(X0)
    x1 = X0 - E * g0
    g1 = df(x1)
    x2 = x1 - E * g1
    f_text = _quad_text(A, M)
    d_text = _coef(2 * A) + _shifted(M)
    steps = [
        Step(f"$f'(x) = {d_text}$; at $x_0 = {g(X0)}$ the slope is {p(g0)}.", "Gradient"),
        Step(rf"$x_1 = x_0 - \eta \cdot f'(x_0) = {g(X0)} - {g(E)} \cdot {_signed(g0)} = {g(X0)} "
             f"{'-' if E * g0 > 0 else '+'} {g(abs(E * g0))} = {g(x1)}{_about(x1)}$", "Step 1"),
        Step(rf"At $x_1 = {g(x1)}$: $f'(x_1) = {g(g1)}$, so $x_2 = {g(x1)} - {g(E)} \cdot {_signed(g1)} = "
             f"{g(x2)}{_about(x2)}$", "Step 2"),
        Step(f"$f(x_0) = {g(f(X0))}$, $f(x_1) = {g(f(x1))}$, $f(x_2) = {g(f(x2))}$: the loss falls and $x$ "
             f"slides toward the minimum at $x = {g(M)}$.", "Check"),
    ]
    parts = (
        _number(x1, "x₁", [
            (X0 + E * g0, "Gradient descent steps against the gradient: x ← x − η·f'(x)."),
            (X0 - g0, f"Scale the gradient by the learning rate η = {g(E)} before stepping."),
            (X0 - E * f(X0), "Step with the slope f'(x), not the value f(x)."),
            (X0 - E * g0 / 2, f"The derivative of {_plain(f_text)} has a factor 2: f'(x) = {_plain(d_text)}."),
            (-E * g0, "That is the step −η·f'(x₀) alone; add it to x₀."),
        ]),
        _number(x2, "x₂", [
            (x1 - E * g0, f"Recompute the gradient at the new point x₁ = {p(x1)}: f'(x₁) = {p(g1)}."),
            (x1 + E * g1, "Gradient descent steps against the gradient: x ← x − η·f'(x)."),
            (x1 - g1, f"Scale the gradient by the learning rate η = {g(E)} before stepping."),
            (X0 - 2 * E * g0, "x₂ takes a new step from x₁ with the gradient there; it is not x₀ − 2η·f'(x₀)."),
        ]),
    )
    spec = AnswerSpec(kind="multi", parts=parts)
    prompt = (
        f"Minimize $f(x) = {f_text}$ by gradient descent, starting at $x_0 = {g(X0)}$ with learning rate "
        rf"$\eta = {g(E)}$." "\n"
        f"Give $x_1$ and $x_2$ after the first two steps, separated by ';'.\n{precision_sentence(spec)}"
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[r"$x \leftarrow x - \eta \cdot f'(x)$: compute the slope at the current point, scale it by "
               r"$\eta$, subtract; then repeat at the new point."],
        figure=Figure("loss_curve", {"a": float(A), "m": float(M),
                                     "path": [float(X0), float(x1), float(x2)]}, placement="solution"),
    )


def _build_2d(A, B, start, E) -> Variant:
    x0, y0 = start

    def f(x, y):
        return A * x * x + B * y * y

    g = lambda v: num(v, 6)  # noqa: E731
    p = lambda v: pretty(num(v, 6))  # noqa: E731
    gx, gy = 2 * A * x0, 2 * B * y0
    x1, y1 = x0 - E * gx, y0 - E * gy
    f0, f1 = f(x0, y0), f(x1, y1)
    norm2 = gx * gx + gy * gy
    linear = f0 - E * norm2
    a_t, b_t = _coef(A), _coef(B)
    pt = pretty(f"({g(x0)}, {g(y0)})")
    pt_tex = f"({g(x0)}, {g(y0)})"

    def vec_tex(values) -> str:
        return vec(values, 6)

    def square(c, v) -> str:
        return _coef(c, r" \cdot ") + _signed(v) + "^2"

    steps = [
        Step(rf"$\nabla f = ({_coef(2 * A)}x, {_coef(2 * B)}y)$; at ${pt_tex}$: $\nabla f = {vec_tex((gx, gy))}$.",
             "Gradient"),
        Step(rf"The new point is ${pt_tex} - {g(E)} \cdot {vec_tex((gx, gy))} = "
             f"({g(x0)} - {g(E * gx)}, {g(y0)} - {g(E * gy)})".replace("- -", "+ ")
             + f" = {vec_tex((x1, y1))}$", "Step"),
        Step(f"$f$ went from ${square(A, x0)} + {square(B, y0)} = {g(f0)}$ "
             f"down to ${square(A, x1)} + {square(B, y1)} = {g(f1)}{_about(f1)}$.", "Check"),
        Step(rf"The linear approximation predicted $f - \eta \cdot \|\nabla f\|^2 = {g(f0)} - {g(E)} \cdot "
             f"{g(norm2)} = {g(linear)}$; the true value {p(f1)} is higher because of the curvature the "
             "linear picture ignores.",
             "Why it works"),
    ]
    cands = [
        ((x0 + E * gx, y0 + E * gy), "Gradient descent steps against the gradient: subtract η·∇f."),
        ((gx, gy), "That is the gradient ∇f; the new point is the old point minus η·∇f."),
        ((x0 - gx, y0 - gy), f"Scale the gradient by the learning rate η = {g(E)} before stepping."),
    ]
    vec_mistakes, seen = [], {(x1, y1)}
    for v, why in cands:
        if v not in seen:
            seen.add(v)
            vec_mistakes.append(Mistake(_exact_vec(v), why))
    parts = (
        AnswerSpec(kind="vector", expected=_exact_vec((x1, y1)), sig_figs=4, label="the new point",
                   mistakes=tuple(vec_mistakes)),
        _number(f1, "f at the new point", [
            (f0, f"That is f at the starting point {pt}; evaluate f at the new point."),
            (linear, "That is the first-order prediction f − η·‖∇f‖²; evaluate f at the new point exactly."),
            (f0 - f1, "That is how much f went down; the question asks for f itself at the new point."),
        ]),
    )
    spec = AnswerSpec(kind="multi", parts=parts)
    prompt = (
        f"Minimize $f(x, y) = {a_t}x^2 + {b_t}y^2$ by gradient descent from the point ${pt_tex}$ with "
        rf"learning rate $\eta = {g(E)}$." "\n"
        "Give the new point after one step as a vector [x, y], and $f$ at the new point, "
        f"separated by ';'.\n{precision_sentence(spec)}"
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[r"The new point is the old point minus $\eta \cdot \nabla f$ at the old point, componentwise; "
               "then evaluate $f$ there."],
        figure=Figure("vectors", {"vectors": {"−η∇f": [float(-E * gx), float(-E * gy)]},
                                  "origin": [float(x0), float(y0)], "quadratic": [float(A), float(B)], "label_arrival": True,
                                  "note": "the step −η∇f leaves its level curve at a right angle, downhill"},
                      placement="solution"),
    )


TEMPLATES = [
    Template(
        id="calculus.gradient_descent",
        title="Gradient-descent steps by hand",
        topic="calculus",
        draw=draw,
        build=build,
        prerequisites=("calculus.partial_gradient",),
        difficulty=1,
        # 004 §3.2: f = x², x = 3, η = 0.1 → 2.4 → 1.92 (the 2-D bowl: mode "2d", (3, 4) → (2.4, 3.2))
        seed_params={"mode": "1d", "a": 1, "b": None, "m": 0, "start": 3, "eta": 0.1},
        source="004 §3.2; 000 §B.15",
    )
]
