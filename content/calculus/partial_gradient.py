"""Partial derivatives and the gradient of a polynomial in x and y (000 §B.14)."""

import random

from tutor.core.answers import AnswerSpec, Mistake, check_spec, precision_sentence
from tutor.core.formatting import pretty, vec
from tutor.core.problems import Figure, Step, Template, Variant

MONOMIALS = [(2, 1), (1, 1), (1, 2), (2, 0), (0, 2), (1, 0), (0, 1), (3, 0), (0, 3), (2, 2)]
SUPER = {2: "²", 3: "³"}
DX, DY = r"\frac{\partial f}{\partial x}", r"\frac{\partial f}{\partial y}"


def draw(rng: random.Random) -> dict:
    while True:
        n = rng.choice([2, 2, 3])
        monos = rng.sample(MONOMIALS, n)
        if not any(p for p, _ in monos) or not any(q for _, q in monos):
            continue  # both variables must appear
        if not any(p and q for p, q in monos) and rng.random() < 0.8:
            continue  # mostly with a mixed term, where "hold the other fixed" matters
        terms = tuple((rng.choice([1, 1, 2, 3, -1, -2, 4]), p, q) for p, q in monos)
        point = (rng.choice([-2, -1, 1, 2, 3]), rng.choice([-2, -1, 1, 2, 3]))
        return {"terms": terms, "point": point}


def _mono_ascii(p: int, q: int) -> list[str]:
    return ([("x" if p == 1 else f"x^{p}")] if p else []) + ([("y" if q == 1 else f"y^{q}")] if q else [])


def poly_ascii(terms) -> str:
    out = ""
    for c, p, q in terms:
        if not c:
            continue
        factors = ([str(abs(c))] if abs(c) != 1 or not (p or q) else []) + _mono_ascii(p, q)
        body = "*".join(factors)
        out += ("-" if c < 0 else ("+" if out else "")) + body
    return out or "0"


def poly_text(terms) -> str:
    out = ""
    for c, p, q in terms:
        if not c:
            continue
        mono = ("x" + SUPER.get(p, "") if p else "") + ("y" + SUPER.get(q, "") if q else "")
        body = (str(abs(c)) if abs(c) != 1 or not mono else "") + mono
        if not out:
            out = ("−" if c < 0 else "") + body
        else:
            out += (" − " if c < 0 else " + ") + body
    return out or "0"


def poly_tex(terms) -> str:
    """The polynomial in LaTeX: x²y − 3y → x^2y - 3y."""
    return poly_text(terms).replace("−", "-").replace("²", "^2").replace("³", "^3")


def vec_tex(values) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


def d_dx(terms):
    return tuple((c * p, p - 1, q) for c, p, q in terms if p)


def d_dy(terms):
    return tuple((c * q, p, q - 1) for c, p, q in terms if q)


def evaluate(terms, x: int, y: int) -> int:
    return sum(c * x ** p * y ** q for c, p, q in terms)


def _term_rule(c: int, p: int, q: int, var: str) -> str:
    """How one term differentiates in ``var``, the other variable held fixed."""
    term = poly_tex(((c, p, q),))
    power = p if var == "x" else q
    if not power:
        return rf"${term} \to 0$ (no ${var}$: a constant)"
    d = d_dx(((c, p, q),)) if var == "x" else d_dy(((c, p, q),))
    return rf"${term} \to {poly_tex(d)}$"


def _distinct(expected: str, cands, variables=("x", "y")) -> tuple[Mistake, ...]:
    spec = AnswerSpec(kind="expression", expected=expected, variables=variables)
    kept: list[Mistake] = []
    for answer, why in cands:
        probe = AnswerSpec(kind="expression", expected=answer, variables=variables)
        if check_spec(spec, answer).correct or any(check_spec(probe, m.answer).correct for m in kept):
            continue
        kept.append(Mistake(answer, why))
    return tuple(kept)


def build(terms, point) -> Variant:
    terms = tuple(tuple(t) for t in terms)
    fx, fy = d_dx(terms), d_dy(terms)
    x0, y0 = point
    gx, gy = evaluate(fx, x0, y0), evaluate(fy, x0, y0)
    no_x = tuple(t for t in terms if not t[1])
    no_y = tuple(t for t in terms if not t[2])
    f_tex = poly_tex(terms)
    pt = pretty(f"({x0}, {y0})")
    pt_tex = f"({x0}, {y0})"
    steps = [
        Step("Treat $y$ as a constant and differentiate each term in $x$:\n"
             + "\n".join("  " + _term_rule(c, p, q, "x") for c, p, q in terms)
             + f"\nso ${DX} = {poly_tex(fx)}$", "∂f/∂x"),
        Step("Now treat $x$ as a constant:\n"
             + "\n".join("  " + _term_rule(c, p, q, "y") for c, p, q in terms)
             + f"\nso ${DY} = {poly_tex(fy)}$", "∂f/∂y"),
        Step(rf"$\nabla f(x, y) = ({poly_tex(fx)}, {poly_tex(fy)})$. At ${pt_tex}$: "
             rf"${DX} = {gx}$, ${DY} = {gy}$, so $\nabla f{pt_tex} = {vec_tex((gx, gy))}$.",
             "Gradient at the point"),
        Step(rf"$\nabla f{pt_tex}$ points in the direction in which $f$ increases fastest; "
             rf"$-\nabla f = {vec_tex((-gx, -gy))}$ is the steepest-descent direction.", "Meaning"),
    ]
    fx_a, fy_a = poly_ascii(fx), poly_ascii(fy)
    fx_cands = [
        (poly_ascii(fx + no_x), "Terms without x (" + poly_text(no_x) + ") are constants when y is held "
                                "fixed: their partial derivative in x is 0."),
        (fy_a, "That is ∂f/∂y; ∂f/∂x differentiates in x with y held fixed."),
        (poly_ascii(fx + fy), "∂f/∂x holds y fixed; you added the derivative in y as well."),
    ] if no_x else [
        (fy_a, "That is ∂f/∂y; ∂f/∂x differentiates in x with y held fixed."),
        (poly_ascii(fx + fy), "∂f/∂x holds y fixed; you added the derivative in y as well."),
    ]
    fy_cands = ([
        (poly_ascii(fy + no_y), "Terms without y (" + poly_text(no_y) + ") are constants when x is held "
                                "fixed: their partial derivative in y is 0."),
    ] if no_y else []) + [
        (fx_a, "That is ∂f/∂x; ∂f/∂y differentiates in y with x held fixed."),
        (poly_ascii(fx + fy), "∂f/∂y holds x fixed; you added the derivative in x as well."),
    ]
    grad_cands = [
        ((gy, gx), "The order is (∂f/∂x, ∂f/∂y): you swapped the components."),
        ((evaluate(fx, y0, x0), evaluate(fy, y0, x0)),
         f"Plug in x = {pretty(str(x0))} and y = {pretty(str(y0))}; you swapped them."),
        ((-gx, -gy), "That is −∇f, the descent direction; the gradient itself points uphill."),
        ((evaluate(fx + no_x, x0, y0), gy) if no_x else (gx, gy),
         "Terms without x are constants when y is held fixed: they drop out of ∂f/∂x."),
        ((gx, evaluate(fy + no_y, x0, y0)) if no_y else (gx, gy),
         "Terms without y are constants when x is held fixed: they drop out of ∂f/∂y."),
    ]
    grad_mistakes: list[Mistake] = []
    seen = {(gx, gy)}
    for v, why in grad_cands:
        if v not in seen:
            seen.add(v)
            grad_mistakes.append(Mistake(vec(v), why))
    parts = (
        AnswerSpec(kind="expression", expected=fx_a, variables=("x", "y"), label="∂f/∂x",
                   mistakes=_distinct(fx_a, fx_cands)),
        AnswerSpec(kind="expression", expected=fy_a, variables=("x", "y"), label="∂f/∂y",
                   mistakes=_distinct(fy_a, fy_cands)),
        AnswerSpec(kind="vector", expected=vec((gx, gy)), label=f"∇f{pt}", integer=True,
                   mistakes=tuple(grad_mistakes)),
    )
    spec = AnswerSpec(kind="multi", parts=parts)
    prompt = (
        f"Let $f(x, y) = {f_tex}$.\n"
        rf"Give ${DX}$, ${DY}$ (expressions in $x$ and $y$) and the gradient $\nabla f$ at ${pt_tex}$ as a "
        "vector [a, b], "
        "separated by ';'.\nType expressions in plain text, e.g. 2*x*y or x^2+3.\n"
        + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[f"For ${DX}$, pretend $y$ is a number: $x^2y$ differentiates to $2xy$, and a term with no $x$ "
               rf"differentiates to 0. The gradient stacks the partials: $\nabla f = \left({DX}, {DY}\right)$."],
        figure=Figure("vectors", {"vectors": {"∇f": [gx, gy]}, "origin": [x0, y0],
                                  "note": "∇f points the way f increases fastest; −∇f is the way down"},
                      placement="solution"),
    )


TEMPLATES = [
    Template(
        id="calculus.partial_gradient",
        title="Partial derivatives and the gradient",
        topic="calculus",
        draw=draw,
        build=build,
        prerequisites=("calculus.chain_rule",),
        difficulty=2,
        # 000 §B.14: f = x²y + 3y → ∇f = (2xy, x² + 3); at (2, 1): (4, 7)
        seed_params={"terms": ((1, 2, 1), (3, 0, 1)), "point": (2, 1)},
        source="000 §B.14",
    )
]
