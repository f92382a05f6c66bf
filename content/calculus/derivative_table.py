"""The table of derivatives used everywhere in ML: σ, tanh, ReLU, log, exp, x² (001 §10.2)."""

import math
import random

from tutor.core.answers import AnswerSpec, Mistake, canonical_answer, check_spec, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, num, pretty
from tutor.core.problems import Figure, Step, Template, Variant

# name: (f(x) in LaTeX, "f'(x) = …" as shown, canonical f'(x) ASCII, how the table entry comes about:
# shown exactly as written, never re-capitalised, since it may open with a symbol such as σ' or e^x)
TABLE = {
    "sigmoid": (r"\sigma(x) = \frac{1}{1 + e^{-x}}", r"$f'(x) = \sigma(x) \cdot (1 - \sigma(x))$",
                "sigmoid(x)*(1-sigmoid(x))",
                r"$\sigma'(x) = \frac{e^{-x}}{(1 + e^{-x})^2} = \frac{1}{1 + e^{-x}} \cdot \frac{e^{-x}}{1 + e^{-x}}"
                r" = \sigma(x) \cdot (1 - \sigma(x))$"),
    "tanh": (r"\tanh(x)", r"$f'(x) = 1 - \tanh^2(x)$", "1-tanh(x)^2",
             r"$\tanh = \frac{\sinh}{\cosh}$; the quotient rule gives "
             r"$\frac{\cosh^2 - \sinh^2}{\cosh^2} = 1 - \tanh^2(x)$"),
    "relu": (r"\mathrm{ReLU}(x) = \max(0, x)", "$f'(x) = 1$ if $x > 0$, $0$ if $x < 0$", "",
             "ReLU is the line $y = x$ for $x > 0$ (slope 1) and the constant 0 for $x < 0$ (slope 0)"),
    "log": (r"\log(x)", r"$f'(x) = \frac{1}{x}$", "1/x",
            r"The slope of log at $x$ is the reciprocal of $x$: $\frac{d}{dx} \log(x) = \frac{1}{x}$"),
    "exp": ("e^x", "$f'(x) = e^x$", "exp(x)",
            r"$e^x$ is its own derivative: $\frac{d}{dx} e^x = e^x$"),
    "square": ("x^2", "$f'(x) = 2x$", "2*x",
               r"Power rule: $\frac{d}{dx} x^n = n \cdot x^{n-1}$, so $\frac{d}{dx} x^2 = 2x$"),
}
POINTS = {
    "sigmoid": [0, 1, -1, 2, -2, 0.5, 3],
    "tanh": [0, 0.5, 1, -1, 2, -0.5],
    "relu": [-2, -1, -0.5, 0.5, 1.5, 2, 3],
    "log": [0.5, 0.25, 2, 4, 5, 10, 1.5],
    "exp": [0, 1, 2, -1, 0.5, -2],
    "square": [-3, -1.5, 0.5, 2, 3, 7],
}


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def value(fn: str, x: float) -> float:
    return {"sigmoid": sigmoid, "tanh": math.tanh, "relu": lambda t: max(0.0, t), "log": math.log,
            "exp": math.exp, "square": lambda t: t * t}[fn](x)


def slope(fn: str, x: float) -> float:
    if fn == "sigmoid":
        return sigmoid(x) * (1 - sigmoid(x))
    if fn == "tanh":
        return 1 - math.tanh(x) ** 2
    if fn == "relu":
        return 1.0 if x > 0 else 0.0
    if fn == "log":
        return 1 / x
    if fn == "exp":
        return math.exp(x)
    return 2 * x


def draw(rng: random.Random) -> dict:
    fn = rng.choice(sorted(TABLE))
    mode = "value" if fn == "relu" else rng.choice(["value", "value", "expression"])
    return {"fn": fn, "mode": mode, "x0": rng.choice(POINTS[fn]) if mode == "value" else None}


# classic wrong answers, as expressions in x
EXPRESSION_MISTAKES = {
    "sigmoid": [
        ("sigmoid(x)", "That is σ(x) itself; its derivative is σ(x)·(1 − σ(x))."),
        ("1-sigmoid(x)", "You have one factor; σ'(x) = σ(x)·(1 − σ(x)) is the product of both."),
        ("sigmoid(x)*(1+sigmoid(x))", "The second factor is 1 − σ(x), not 1 + σ(x)."),
    ],
    "tanh": [
        ("1-tanh(x)", "Square the tanh: tanh'(x) = 1 − tanh²(x)."),
        ("1+tanh(x)^2", "It is 1 minus tanh²(x): tanh flattens out as |x| grows, so the slope shrinks."),
        ("tanh(x)^2", "tanh'(x) = 1 − tanh²(x); you kept only the tanh² part."),
    ],
    "log": [
        ("log(x)", "That is log(x) itself; its derivative is 1/x."),
        ("-1/x^2", "That is the derivative of 1/x, one step too far; d/dx log(x) = 1/x."),
    ],
    "exp": [
        ("x*exp(x-1)", "The power rule is for xⁿ with a fixed exponent; here the variable is in "
                       "the exponent, and d/dx e^x = e^x."),
    ],
    "square": [
        ("x", "Power rule: bring the exponent down as a factor: d/dx x² = 2·x¹."),
        ("2*x^2", "Bring the exponent down and lower it by one: 2·x¹, not 2·x²."),
    ],
}


def _value_mistakes(fn: str, x: float) -> list[tuple[float, str]]:
    v = value(fn, x)
    xs = pretty(num(x))
    if fn == "sigmoid":
        cands = [(v, f"That is σ({xs}) itself; the slope is σ·(1 − σ)."),
                 (1 - v, "You have one factor; σ' = σ·(1 − σ) needs both."),
                 (x * (1 - x), f"σ' = σ(x)·(1 − σ(x)) uses σ({xs}), not x itself: first compute σ({xs})."),
                 (v * (1 + v), "The second factor is 1 − σ(x), not 1 + σ(x).")]
    elif fn == "tanh":
        cands = [(v, f"That is tanh({xs}) itself; the slope is 1 − tanh²."),
                 (1 - v, "Square the tanh: tanh' = 1 − tanh²(x)."),
                 (1 - x * x, f"tanh' = 1 − tanh²(x) squares tanh({xs}), not x itself."),
                 (1 + v * v, "It is 1 minus tanh²(x): the slope of tanh is at most 1.")]
    elif fn == "relu":
        cands = [(v, f"That is ReLU({xs}), the output; the question asks for its slope."),
                 (1.0, "For x < 0 ReLU is the constant 0, so its slope there is 0.") if x < 0 else
                 (0.0, "For x > 0 ReLU is the line y = x, so its slope there is 1.")]
    elif fn == "log":
        cands = [(v, f"That is log({xs}) itself; the derivative is 1/x."),
                 (-1 / (x * x), "That is the derivative of 1/x; d/dx log(x) = 1/x.")]
    elif fn == "exp":
        cands = [(x * math.exp(x - 1), "The power rule does not apply to eˣ (the variable is in "
                                       "the exponent); d/dx eˣ = eˣ.")]
    else:
        cands = [(x * x, f"That is x² at x = {xs}; the derivative is 2x."),
                 (x, "Bring the exponent down: d/dx x² = 2x.")]
    return cands


def _expression_mistakes(fn: str, canonical: str) -> tuple[Mistake, ...]:
    spec = AnswerSpec(kind="expression", expected=canonical, variables=("x",))
    return tuple(Mistake(a, e) for a, e in EXPRESSION_MISTAKES[fn] if not check_spec(spec, a).correct)


def _number(x: float) -> str:
    """An intermediate value for the steps: 6 significant figures, more than the answer keeps."""
    return num(x, 6) if x == int(x) or abs(x) >= 1 else f"{x:.6g}"


def build(fn, mode, x0) -> Variant:
    f_tex, d_text, canonical, why = TABLE[fn]
    f_name = f"$f(x) = {f_tex}$" + (" (natural log)" if fn == "log" else "")
    steps = [Step(f"From the table: {f_name} has {d_text}.", "Table entry"),
             Step(f"{why}.", "Where it comes from")]
    if mode == "expression":
        prompt = (
            f"Let {f_name}. Give $f'(x)$ as an expression in $x$.\n"
            "Type it in plain text, e.g. 2*x*cos(x^2); write σ(x) as sigmoid(x) and eˣ as exp(x)."
        )
        answer = AnswerSpec(kind="expression", expected=canonical, variables=("x",),
                            mistakes=_expression_mistakes(fn, canonical))
        if fn == "sigmoid":
            steps.append(Step(r"Check at $x = 0$: $\sigma(0) = 0.5$, so $\sigma'(0) = 0.5 \cdot 0.5 = 0.25$, the "
                              "steepest point of the S-curve; for large $|x|$ the slope dies off (saturation).",
                              "Check"))
        figure_x = 0.0
    else:
        x = float(x0)
        right = slope(fn, x)
        xs = pretty(num(x))
        # ReLU's slope is exactly 0 or 1; the others are read off a curve: 4 significant figures
        if fn == "relu":
            answer = AnswerSpec(kind="integer", expected=str(int(right)), label=f"f'({xs})")
        else:
            answer = AnswerSpec(kind="number", expected=exact_text(right), label=f"f'({xs})", sig_figs=4)
        answer = with_mistakes(answer, _value_mistakes(fn, x))
        expected = canonical_answer(answer)
        prompt = (
            f"Let {f_name}. What is the slope $f'({num(x)})$?\n{precision_sentence(answer)}"
            + ("" if fn == "relu" else " An exact value such as e^2 or 1/3 is accepted too.")
        )
        v = value(fn, x)
        full, xt, vt = _number(right), num(x), _number(v)
        about = rf"{full} \approx {expected}" if float(expected) != right else full
        v_sq = f"({vt})^2" if v < 0 else f"{vt}^2"
        work = {
            "sigmoid": rf"$\sigma({xt}) = {vt}$, so $\sigma'({xt}) = {vt} \cdot (1 - {vt}) = {about}$",
            "tanh": rf"$\tanh({xt}) = {vt}$, so $1 - {v_sq} = {about}$",
            "relu": f"$x = {xt}$ is {'positive: the slope is 1' if x > 0 else 'negative: the slope is 0'}",
            "log": rf"$\frac{{1}}{{{xt}}} = {about}$",
            "exp": rf"$e^{{{xt}}} = {about}$",
            "square": rf"$2 \cdot {f'({xt})' if x < 0 else xt} = {about}$",
        }[fn]
        steps.append(Step(work, f"At x = {xs}"))
        figure_x = x
    return Variant(
        prompt=prompt,
        answer=answer,
        steps=steps,
        hints=[r"$\sigma' = \sigma(1 - \sigma)$, $\tanh' = 1 - \tanh^2$, $\mathrm{ReLU}' = 1[x > 0]$, "
               r"$(\log x)' = \frac{1}{x}$, $(e^x)' = e^x$, $(x^2)' = 2x$."],
        # ReLU's picture is its answer (flat or slope 1); log has no tangent at 0
        figure=Figure("tangent_line", {"function": fn, "x0": figure_x if fn != "log" or figure_x > 0 else 1.0},
                      placement="solution" if fn == "relu" else "prompt"),
    )


TEMPLATES = [
    Template(
        id="calculus.derivative_table",
        title="Derivatives of σ, tanh, ReLU, log, exp",
        topic="calculus",
        draw=draw,
        build=build,
        prerequisites=("calculus.derivative_limit",),
        difficulty=1,
        seed_params={"fn": "sigmoid", "mode": "expression", "x0": None},  # the table: σ' = σ(1 − σ)
        source="001 §10.2",
    )
]
