"""The chain rule: dy/dx = f'(g(x))·g'(x), as an expression and at a point (000 §B.13, 004 §3.2)."""

import contextlib
import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, Mistake, canonical_answer, check_spec, precision_sentence
from tutor.core.answers.display import answer_latex
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, num, pretty
from tutor.core.problems import Figure, Step, Template, Variant

# outer f(u): (display of y with {u}, f'(u) display, coefficient of f', f' as ("mul"|"div", ASCII with {u}))
OUTER = {
    "sin": ("sin({u})", "cos(u)", 1, ("mul", "cos({u})")),
    "cos": ("cos({u})", "−sin(u)", -1, ("mul", "sin({u})")),
    "exp": ("e^({u})", "e^u", 1, ("mul", "exp({u})")),
    "pow2": ("({u})²", "2u", 2, ("mul", "({u})")),
    "pow3": ("({u})³", "3u²", 3, ("mul", "({u})^2")),
    "log": ("log({u})", "1/u", 1, ("div", "({u})")),
    "sqrt": ("√({u})", "1/(2√u)", Fraction(1, 2), ("div", "sqrt({u})")),
}


Y_OF_U = {"sin": r"\sin u", "cos": r"\cos u", "exp": "e^{u}", "pow2": "u^2", "pow3": "u^3", "log": r"\log u",
          "sqrt": r"\sqrt{u}"}
# f'(u) in LaTeX, as the table writes it
D_TEX = {"sin": r"\cos u", "cos": r"-\sin u", "exp": "e^{u}", "pow2": "2u", "pow3": "3u^2", "log": r"\frac{1}{u}",
         "sqrt": r"\frac{1}{2\sqrt{u}}"}
# y as the checker reads it, with {u} for the inside
Y_ASCII = {"sin": "sin({u})", "cos": "cos({u})", "exp": "exp({u})", "pow2": "({u})^2", "pow3": "({u})^3",
           "log": "log({u})", "sqrt": "sqrt({u})"}
_READ = AnswerSpec(kind="expression", expected="x", variables=("x",))


def tex(expr: str) -> str:
    """An ASCII expression in x as LaTeX, read the way the checker reads it: 2*x*cos(x^2) → 2 x \\cos(x^2)."""
    latex = answer_latex(_READ, expr)
    assert latex is not None, expr
    return latex


def tex_signed(x: float) -> str:
    """A number after an operator, in LaTeX: 3 → 3, -3 → (-3)."""
    text = _number(x)
    return f"({text})" if text.startswith("-") else text


def outer_value(outer: str, u: float) -> float:
    return {"sin": math.sin, "cos": math.cos, "exp": math.exp, "pow2": lambda t: t * t,
            "pow3": lambda t: t ** 3, "log": math.log, "sqrt": math.sqrt}[outer](u)


def outer_slope(outer: str, u: float) -> float:
    return {"sin": math.cos, "cos": lambda t: -math.sin(t), "exp": math.exp, "pow2": lambda t: 2 * t,
            "pow3": lambda t: 3 * t * t, "log": lambda t: 1 / t,
            "sqrt": lambda t: 1 / (2 * math.sqrt(t))}[outer](u)


def draw(rng: random.Random) -> dict:
    outer = rng.choice(sorted(OUTER))
    while True:
        a = rng.choice([1, 1, 2, 3])
        k = rng.choice([1, 2])
        b = rng.choice([1, 2, 3]) if outer in ("log", "sqrt") else rng.choice([0, 1, -1, 2, 3, -2])
        x0 = rng.choice([1, 2, 0.5]) if outer in ("log", "sqrt") else rng.choice([-2, -1, 1, 2, 0.5])
        if (a, k) == (1, 1) or (outer.startswith("pow") and b == 0):
            continue  # u = x or (a·x)ⁿ: nothing for the chain rule to do
        if outer in ("exp", "pow3") and abs(a * x0 ** k + b) > 5:
            continue  # keep the numbers small
        return {"outer": outer, "a": a, "k": k, "b": b, "x0": x0}


def inner_ascii(a: int, k: int, b: int) -> str:
    mono = "x" if k == 1 else "x^2"
    head = mono if a == 1 else f"{a}*{mono}"
    return head if not b else f"{head}{'+' if b > 0 else '-'}{abs(b)}"


def inner_text(a: int, k: int, b: int) -> str:
    mono = "x" if k == 1 else "x²"
    head = mono if a == 1 else f"{a}{mono}"
    return head if not b else f"{head} {'+' if b > 0 else '−'} {abs(b)}"


def product_ascii(coef: Fraction, x_factor: bool, func: tuple[str, str]) -> str:
    """coef·[x]·func (or coef·[x]/func) in the ASCII the checker reads."""
    coef = Fraction(coef)
    top = ([str(abs(coef.numerator))] if abs(coef.numerator) != 1 else []) + (["x"] if x_factor else [])
    bottom = [str(coef.denominator)] if coef.denominator != 1 else []
    kind, text = func
    (top if kind == "mul" else bottom).append(text)
    out = "*".join(top) or "1"
    if bottom:
        out += "/" + (bottom[0] if len(bottom) == 1 else "(" + "*".join(bottom) + ")")
    return ("-" if coef < 0 else "") + out


def show(expr: str) -> str:
    """ASCII expression for display: 2*x*cos(x^2) → 2x·cos(x²)."""
    out = expr.replace("^2", "²").replace("sqrt", "√").replace("exp(", "e^(")
    for d in "0123456789":
        out = out.replace(f"{d}*x", f"{d}x")
    return pretty(out.replace("*", "·"))


def _number(x: float) -> str:
    """An intermediate value for the steps: 6 significant figures, more than the answer keeps."""
    return num(x, 6) if x == int(x) else f"{x:.6g}"


def build(outer, a, k, b, x0) -> Variant:
    y_form, d_text, d_coef, (d_kind, d_ascii) = OUTER[outer]
    u_ascii, u_text = inner_ascii(a, k, b), inner_text(a, k, b)
    du_coef = k * a
    du_ascii = str(du_coef) if k == 1 else ("x" if du_coef == 1 else f"{du_coef}*x")
    y_text = y_form.format(u=u_text)
    if outer == "exp":
        y_text = f"e^({u_text})"
    fprime_u = product_ascii(Fraction(d_coef), False, (d_kind, d_ascii.format(u=u_ascii)))
    canonical = product_ascii(Fraction(d_coef) * du_coef, k == 2, (d_kind, d_ascii.format(u=u_ascii)))
    # the value at x0
    X = float(x0)
    u0 = a * X ** k + b
    du0 = du_coef * X ** (k - 1)
    fp0 = outer_slope(outer, u0)
    right = fp0 * du0
    exact_int = outer.startswith("pow") and float(right).is_integer()
    xs = pretty(num(X))
    # a power of a polynomial at a whole x gives a whole number; otherwise 4 significant figures
    value_spec = (AnswerSpec(kind="integer", expected=str(int(right)), label=f"dy/dx at x = {xs}")
                  if exact_int else
                  AnswerSpec(kind="number", expected=exact_text(right), label=f"dy/dx at x = {xs}", sig_figs=4))
    value_text = canonical_answer(value_spec)
    shown_value = value_text if exact_int or float(value_text) == right else f"{_number(right)} ≈ {value_text}"
    du_text = show(du_ascii)
    du_tex, fprime_tex, canonical_tex = tex(du_ascii), tex(fprime_u), tex(canonical)
    du_factor = du_tex if k == 1 and du_coef > 0 else rf"\left({du_tex}\right)"
    tex_value = shown_value.replace("≈", r"\approx")
    steps = [
        Step(f"Let $u = {tex(u_ascii)}$, so $y = {Y_OF_U[outer]}$.", "Name the inner function"),
        Step(rf"$\frac{{du}}{{dx}} = {du_tex}$", "Inner derivative"),
        Step(rf"$\frac{{dy}}{{du}} = {D_TEX[outer]} = {fprime_tex}$", "Outer derivative, at u"),
        Step(rf"$\frac{{dy}}{{dx}} = \frac{{dy}}{{du}} \cdot \frac{{du}}{{dx}} = {fprime_tex} \cdot {du_factor}"
             rf" = {canonical_tex}$", "Chain rule: multiply"),
        Step(rf"At $x = {num(X)}$: $u = {num(u0, 4)}$, $\frac{{du}}{{dx}} = {num(du0, 4)}$, "
             rf"$\frac{{dy}}{{du}} = {_number(fp0)}$; "
             rf"$\frac{{dy}}{{dx}} = {_number(fp0)} \cdot {tex_signed(du0)} = {tex_value}$",
             "Value"),
    ]
    # classic mistakes
    outer_at_du = product_ascii(Fraction(d_coef), False, (d_kind, d_ascii.format(u=du_ascii)))
    expr_cands = [
        (fprime_u, f"You differentiated the outer function but forgot to multiply by the inner derivative "
                   f"du/dx = {du_text}."),
        (outer_at_du, f"The outer derivative is evaluated at the inner function u = {u_text}, not at its "
                      "derivative; then multiply by du/dx."),
        (f"{fprime_u}+{du_ascii}", "The chain rule multiplies the two derivatives; it does not add them."),
        (du_ascii, f"That is only the inner derivative du/dx = {du_text}; multiply it by the outer "
                   f"derivative dy/du = {d_text} evaluated at u = {u_text}."),
    ]
    spec = AnswerSpec(kind="expression", expected=canonical, variables=("x",))
    expr_mistakes: list[Mistake] = []
    for answer, why in expr_cands:
        probe = AnswerSpec(kind="expression", expected=answer, variables=("x",))
        if check_spec(spec, answer).correct or any(check_spec(probe, m.answer).correct for m in expr_mistakes):
            continue
        expr_mistakes.append(Mistake(answer, why))
    num_cands = [(fp0, f"You forgot to multiply by the inner derivative du/dx = {pretty(num(du0, 4))}.")]
    with contextlib.suppress(ValueError, ZeroDivisionError):
        num_cands.append((outer_slope(outer, du0) * du0,
                          "Evaluate the outer derivative at u, not at du/dx; then multiply by du/dx."))
    num_cands.append((outer_value(outer, u0), f"That is y itself at x = {xs}; the question asks for the slope."))
    num_cands.append((du0, f"That is only the inner derivative du/dx = {pretty(num(du0, 4))}; multiply it by "
                           f"the outer derivative at u = {pretty(num(u0, 4))}."))
    if exact_int:
        num_cands = [(c, why) for c, why in num_cands if float(c).is_integer()]
        num_cands = [(int(c), why) for c, why in num_cands]
    parts = (
        AnswerSpec(kind="expression", expected=canonical, variables=("x",), label="dy/dx",
                   mistakes=tuple(expr_mistakes)),
        with_mistakes(value_spec, num_cands),
    )
    spec = AnswerSpec(kind="multi", parts=parts)
    y_tex = tex(Y_ASCII[outer].format(u=u_ascii))
    prompt = (
        f"Let $y = {y_tex}${' (angles in radians)' if outer in ('sin', 'cos') else ''}.\n"
        rf"Give $\frac{{dy}}{{dx}}$ as an expression in $x$, and its value at $x = {num(X)}$, separated by ';'." "\n"
        "Type expressions in plain text, e.g. 2*x*cos(x^2) or 6*(3*x+1)."
        + (" log is the natural logarithm." if outer == "log" else "")
        + f"\n{precision_sentence(spec)}"
        + ("" if exact_int else " An exact value such as 2cos(1) is accepted too.")
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[r"Set $u$ = the inside, then $\frac{dy}{dx} = \frac{dy}{du} \cdot \frac{du}{dx}$: the outer "
               "derivative at $u$ times the inner derivative."],
        figure=Figure("tangent_line", {"function": y_text, "x0": X, "slope": right,
                                       "expr": Y_ASCII[outer].format(u=u_ascii)}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="calculus.chain_rule",
        title="Chain rule",
        topic="calculus",
        draw=draw,
        build=build,
        prerequisites=("calculus.derivative_table",),
        difficulty=2,
        # 004 §3.2: z = (3x + 1)², dz/dx = 6(3x + 1) = 24 at x = 1 (000 §B.13's sin(x²) is outer="sin", k=2)
        seed_params={"outer": "pow2", "a": 3, "k": 1, "b": 1, "x0": 1},
        source="000 §B.13; 004 §3.2",
    )
]
