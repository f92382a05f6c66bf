"""Gradient-descent steps by hand, in 1-D and 2-D (004 §3.2; 000 §B.15)."""

import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num, pretty, rounded, signed, vec
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


def _quad_text(a: Fraction, m: Fraction) -> str:
    inner = "x" if not m else f"(x {'−' if m > 0 else '+'} {num(abs(m))})"
    lead = "" if a == 1 else num(a)
    return f"{lead}{inner}²"


def _coef(c: Fraction, sep: str = "") -> str:
    """A coefficient in front of a variable: 1 → '', 0.5 → '0.5' (+ sep)."""
    return "" if c == 1 else num(c) + sep


def _number(value, label: str, cands) -> AnswerSpec:
    """One coordinate or loss value, asked for to 4 significant figures."""
    return with_mistakes(AnswerSpec(kind="number", expected=exact_text(value), sig_figs=4, label=label), cands)


def _about(value) -> str:
    """' ≈ 18.02' when the answer, at 4 significant figures, is a rounding of ``value``."""
    text = rounded(value, sig_figs=4)
    return "" if Fraction(text) == value else f" ≈ {pretty(text)}"


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
    d_text = _coef(2 * A) + ("x" if not M else f"(x {'−' if M > 0 else '+'} {num(abs(M))})")
    steps = [
        Step(f"f'(x) = {d_text}; at x₀ = {p(X0)} the slope is {p(g0)}.", "Gradient"),
        Step(f"x₁ = x₀ − η·f'(x₀) = {p(X0)} − {g(E)}·{signed(g0, 6)} = {p(X0)} {'−' if E * g0 > 0 else '+'} "
             f"{g(abs(E * g0))} = {p(x1)}{_about(x1)}", "Step 1"),
        Step(f"At x₁ = {p(x1)}: f'(x₁) = {p(g1)}, so x₂ = {p(x1)} − {g(E)}·{signed(g1, 6)} = {p(x2)}{_about(x2)}", "Step 2"),
        Step(f"f(x₀) = {p(f(X0))}, f(x₁) = {p(f(x1))}, f(x₂) = {p(f(x2))}: the loss falls and x slides "
             f"toward the minimum at x = {p(M)}.", "Check"),
    ]
    parts = (
        _number(x1, "x₁", [
            (X0 + E * g0, "Gradient descent steps against the gradient: x ← x − η·f'(x)."),
            (X0 - g0, f"Scale the gradient by the learning rate η = {g(E)} before stepping."),
            (X0 - E * f(X0), "Step with the slope f'(x), not the value f(x)."),
            (X0 - E * g0 / 2, f"The derivative of {f_text} has a factor 2: f'(x) = {d_text}."),
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
        f"Minimize f(x) = {f_text} by gradient descent, starting at x₀ = {p(X0)} with learning rate "
        f"η = {g(E)}.\nGive x₁ and x₂ after the first two steps, separated by ';'.\n{precision_sentence(spec)}"
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=["x ← x − η·f'(x): compute the slope at the current point, scale it by η, subtract; "
               "then repeat at the new point."],
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
    a_t = "" if A == 1 else num(A)
    b_t = "" if B == 1 else num(B)
    pt = pretty(f"({g(x0)}, {g(y0)})")
    steps = [
        Step(f"∇f = ({_coef(2 * A)}x, {_coef(2 * B)}y); at {pt}: ∇f = {pretty(vec((gx, gy), 6))}.", "Gradient"),
        Step(f"new point = {pt} − {g(E)}·{pretty(vec((gx, gy), 6))} = "
             f"({p(x0)} − {g(E * gx)}, {p(y0)} − {g(E * gy)})".replace("− -", "+ ")
             + f" = {pretty(vec((x1, y1), 6))}", "Step"),
        Step(f"f went from {_coef(A, '·')}{signed(x0)}² + {_coef(B, '·')}{signed(y0)}² = {p(f0)} "
             f"down to {_coef(A, '·')}{signed(x1)}² + {_coef(B, '·')}{signed(y1)}² = {p(f1)}{_about(f1)}.", "Check"),
        Step(f"The linear approximation predicted f − η·‖∇f‖² = {p(f0)} − {g(E)}·{p(norm2)} = {p(linear)}; "
             f"the true value {p(f1)} is higher because of the curvature the linear picture ignores.",
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
        f"Minimize f(x, y) = {a_t}x² + {b_t}y² by gradient descent from the point {pt} with learning "
        f"rate η = {g(E)}.\nGive the new point after one step as a vector [x, y], and f at the new point, "
        f"separated by ';'.\n{precision_sentence(spec)}"
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=["new point = old point − η·∇f(old point), componentwise; then evaluate f there."],
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
