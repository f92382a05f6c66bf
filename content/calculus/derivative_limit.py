"""The derivative from the limit definition, and the linear approximation (000 §B.12)."""

import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num, pretty
from tutor.core.problems import Figure, Step, Template, Variant


def lin_comb(terms) -> str:
    """Terms (coefficient, monomial) for display: [(4, 'xh'), (2, 'h²'), (-3, 'h')] → 4xh + 2h² − 3h."""
    out = ""
    for coef, mono in terms:
        coef = Fraction(coef)
        if not coef:
            continue
        size = abs(coef)
        body = mono if size == 1 and mono else f"{num(size)}{mono}"
        if not out:
            out = ("−" if coef < 0 else "") + body
        else:
            out += (" − " if coef < 0 else " + ") + body
    return out or "0"


def lin_tex(terms) -> str:
    """The same terms in LaTeX: [(4, 'xh'), (2, 'h^2'), (-3, 'h')] → 4xh + 2h^2 - 3h."""
    return lin_comb(terms).replace("−", "-").replace("²", "^2")


def tex_signed(x: Fraction, digits: int = 4) -> str:
    """A number after an operator, in LaTeX: 3 → 3, -3 → (-3)."""
    text = num(x, digits)
    return f"({text})" if text.startswith("-") else text


def places(value: Fraction) -> int:
    """Decimal places needed to write ``value`` exactly (it is a terminating decimal here)."""
    n = 0
    while (value * 10**n).denominator != 1:
        n += 1
    return n


def draw(rng: random.Random) -> dict:
    return {
        "a": rng.choice([1, 1, 1, 2, 3, -1, 0.5]),
        "b": rng.choice([0, 0, 1, 2, -1, -2, 3, -4]),
        "c": rng.choice([0, 0, 1, -1, 2, 5]),
        "x0": rng.choice([-3, -2, -1, 1, 2, 3, 4, 5]),
        "h": rng.choice([0.1, 0.1, 0.2, 0.05, -0.1, 0.01]),
    }


def build(a, b, c, x0, h) -> Variant:
    A, B, C, X, H = (exact(v) for v in (a, b, c, x0, h))

    def f(x: Fraction) -> Fraction:
        return A * x * x + B * x + C

    fx = f(X)
    slope = 2 * A * X + B
    secant = slope + A * H
    approx = fx + H * slope
    true_value = f(X + H)
    error = true_value - approx  # = a·h²
    g = lambda v: num(v, 6)  # noqa: E731
    a_factor = "" if A == 1 else "-" if A == -1 else num(A)
    b_text = "" if not B else f" {'+' if B > 0 else '-'} {lin_tex([(abs(B), 'h')])}"
    step_text = f"{'+' if H > 0 else '-'} {g(abs(H))}"
    xs, xt = pretty(num(X)), num(X)
    f_tex = lin_tex([(A, "x²"), (B, "x"), (C, "")])
    prompt = (
        f"Let $f(x) = {f_tex}$.\n"
        rf"(1) Use the limit definition $f'(x) = \lim_{{h \to 0}} \frac{{f(x + h) - f(x)}}{{h}}$ to find "
        f"$f'({xt})$.\n"
        f"(2) Estimate $f({g(X + H)}) = f({xt} {step_text})$ with the linear approximation "
        r"$f(x + h) \approx f(x) + h \cdot f'(x)$." "\n"
        "(3) Give the error of that estimate: exact value minus estimate.\n"
        "Separate the three answers with ';'."
    )
    steps = [
        Step(
            f"$f(x + h) - f(x) = {a_factor}[(x + h)^2 - x^2]{b_text}"
            f" = {a_factor}[x^2 + 2xh + h^2 - x^2]{b_text}"
            f" = {lin_tex([(2 * A, 'xh'), (A, 'h²'), (B, 'h')])}$",
            "Difference",
        ),
        Step(
            rf"Divide by $h$: $\frac{{f(x + h) - f(x)}}{{h}} = {lin_tex([(2 * A, 'x'), (B, ''), (A, 'h')])}$",
            "Difference quotient",
        ),
        Step(
            rf"Let $h \to 0$: the term in $h$ vanishes, so $f'(x) = {lin_tex([(2 * A, 'x'), (B, '')])}$ and "
            rf"$f'({xt}) = {num(2 * A)} \cdot {tex_signed(X)}{f' + {tex_signed(B)}' if B else ''} = {num(slope)}$.",
            "Limit",
        ),
        Step(
            rf"$f({xt}) = {num(fx)}$, so near $x = {xt}$: $f({xt} + h) \approx {num(fx)} + {tex_signed(slope)} \cdot h$. "
            rf"With $h = {g(H)}$: ${num(fx)} + {tex_signed(slope)} \cdot {tex_signed(H)} = {g(approx)}$.",
            "Linear approximation",
        ),
        Step(
            f"Exact: $f({g(X + H)}) = {g(true_value)}$. "
            f"The error is ${g(true_value)} - {tex_signed(approx, 6)} = {g(error)} = {a_factor}h^2$: "
            "the $h^2$ term the limit threw away.",
            "Check",
        ),
    ]
    # every value here is a terminating decimal: ask for enough places to write all of them, and
    # the slips next to them (the secant slope, the exact value), exactly
    decimals = max(places(v) for v in (slope, secant, approx, true_value, error))

    def number(value: Fraction, label: str, cands) -> AnswerSpec:
        spec = AnswerSpec(kind="number", expected=exact_text(value), label=label, decimals=decimals)
        return with_mistakes(spec, cands)

    parts = (
        number(slope, f"f'({xs})", [
            (fx, f"That is f({xs}), the value of the function; the derivative is its slope."),
            (secant, f"That is the secant slope [f(x + h) − f(x)]/h with h = {pretty(g(H))} still in it; "
                     "let h → 0 to get the tangent slope."),
            (A * X + B, "The derivative of x² is 2x: you dropped the factor 2."),
            (2 * A * X, f"The derivative of {pretty(num(B))}·x is {pretty(num(B))}: keep it in f'(x)."
             if B else "The derivative of x² is 2x."),
        ]),
        number(approx, "the linear estimate", [
            (true_value, f"That is the exact value f({pretty(g(X + H))}); the question asks for the "
                         "linear estimate f(x) + h·f'(x)."),
            (fx + slope, "Multiply the slope by the step h before adding it: f(x) + h·f'(x)."),
            (fx - H * slope, f"The step is h = {pretty(g(H))}, added with its sign: f(x + h) ≈ f(x) + h·f'(x)."),
            (H * slope, "That is only the change h·f'(x); add it to f(x)."),
        ]),
        number(error, "the error", [
            (-error, "The error is exact value minus estimate, in that order; check the sign."),
            (A * H, f"The left-over term is a·h² (a = {pretty(num(A))}, the coefficient of x²), "
                    "with h squared."),
            (H * H, f"The left-over term is a·h²: multiply h² by a = {pretty(num(A))}, the coefficient of x²."),
        ]),
    )
    spec = AnswerSpec(kind="multi", parts=parts)
    return Variant(
        prompt=f"{prompt}\n{precision_sentence(spec)}",
        answer=spec,
        steps=steps,
        hints=[
            r"Expand $f(x + h) - f(x)$, divide by $h$, then let $h \to 0$. "
            r"The estimate is $f(x) + h \cdot f'(x)$; for a quadratic $a x^2 + b x + c$ the error is exactly "
            "$a h^2$, where $a$ is the coefficient of $x^2$.",
        ],
        figure=Figure("tangent_line", {
            "a": float(A), "b": float(B), "c": float(C), "x0": float(X), "h": float(H),
            "slope": float(slope), "f_x0": float(fx),
        }, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="calculus.derivative_limit",
        title="Derivative from the limit; linear approximation",
        topic="calculus",
        draw=draw,
        build=build,
        difficulty=1,
        seed_params={"a": 1, "b": 0, "c": 0, "x0": 3, "h": 0.1},  # (3.1)² ≈ 9 + 0.6 = 9.6, off by 0.01
        source="000 §B.12",
    )
]
