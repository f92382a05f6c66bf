"""Classify a critical point by the eigenvalues of the Hessian: minimum, maximum or saddle (002 §2.2)."""

import math
import random

from tutor.core.answers import AnswerSpec, Mistake
from tutor.core.formatting import pretty
from tutor.core.problems import Figure, Step, Template, Variant

CHOICES = ("minimum", "maximum", "saddle")


def _classify(l1: int, l2: int) -> str:
    if l1 > 0 and l2 > 0:
        return "minimum"
    if l1 < 0 and l2 < 0:
        return "maximum"
    return "saddle"


def _quadratics() -> dict[str, list[tuple[int, int, int]]]:
    """f = a·x² + b·xy + c·y² whose Hessian [[2a, b], [b, 2c]] has whole, nonzero eigenvalues."""
    found: dict[str, list[tuple[int, int, int]]] = {c: [] for c in CHOICES}
    for a in range(-4, 5):
        for c in range(-4, 5):
            for b in range(-6, 7):
                if not a or not c:
                    continue
                disc = (a - c) ** 2 + b * b
                root = math.isqrt(disc)
                if root * root != disc:
                    continue
                l1, l2 = a + c + root, a + c - root
                if l1 and l2:
                    found[_classify(l1, l2)].append((a, b, c))
    return found


QUADRATICS = _quadratics()


def draw(rng: random.Random) -> dict:
    target = rng.choice(CHOICES)
    if rng.random() < 0.3:  # f = x³ − 3p²·x + s·y² at one of its critical points (±p, 0)
        p = rng.choice([1, 2])
        while True:
            sign, s = rng.choice([1, -1]), rng.choice([1, -1, 2, -2])
            if _classify(6 * sign * p, 2 * s) == target:
                return {"form": "cubic", "coef": (p, s), "point": (sign * p, 0)}
    pool = QUADRATICS[target]
    mixed = [t for t in pool if t[1]]
    coef = rng.choice(mixed if mixed and rng.random() < 0.75 else pool)
    return {"form": "quadratic", "coef": coef, "point": (0, 0)}


def _term(coef: int, mono: str, first: bool) -> str:
    if not coef:
        return ""
    body = mono if abs(coef) == 1 and mono else f"{abs(coef)}{mono}"
    if first:
        return ("−" if coef < 0 else "") + body
    return (" − " if coef < 0 else " + ") + body


def _t(coef: int, mono: str, first: bool = False) -> str:
    """The same term in LaTeX: - 3x^2."""
    return _term(coef, mono, first).replace("−", "-")


def bmatrix(rows) -> str:
    return r"\begin{bmatrix} " + r" \\ ".join(" & ".join(str(v) for v in r) for r in rows) + r" \end{bmatrix}"


def _eigen_text(h, l1: int, l2: int) -> str:
    (p, q), (_, r) = h
    tr, det = p + r, p * r - q * q
    poly = _t(1, r"\lambda^2", True) + _t(-tr, r"\lambda") + _t(det, "")
    return (rf"$\det(H - \lambda I) = \lambda^2 - (\operatorname{{tr}} H) \lambda + \det H = {poly} = 0$ "
            rf"→ $\lambda = {l1}$ and $\lambda = {l2}$"
            rf" (check: $\lambda_1 + \lambda_2 = {tr} = \operatorname{{tr}} H$, "
            rf"$\lambda_1 \lambda_2 = {det} = \det H$)")


def build(form, coef, point) -> Variant:
    x0, y0 = point
    if form == "quadratic":
        a, b, c = coef
        f_text = _t(a, "x^2", True) + _t(b, "xy") + _t(c, "y^2")
        h = ((2 * a, b), (b, 2 * c))
        grad = (rf"$\nabla f = ({_t(2 * a, 'x', True)}{_t(b, 'y')}, "
                f"{_t(b, 'x', True)}{_t(2 * c, 'y', not b)})$ is zero at $(0, 0)$")
        second = f"$f_{{xx}} = {2 * a}$, $f_{{xy}} = f_{{yx}} = {b}$, $f_{{yy}} = {2 * c}$"
    else:
        p, s = coef
        f_text = f"x^3 - {3 * p * p}x" + _t(s, "y^2")
        h = ((6 * x0, 0), (0, 2 * s))
        grad = rf"$\nabla f = (3x^2 - {3 * p * p}, {_t(2 * s, 'y', True)})$ is zero at $({x0}, 0)$"
        second = f"$f_{{xx}} = 6x = {6 * x0}$ at $x = {x0}$, $f_{{xy}} = 0$, $f_{{yy}} = {2 * s}$"
    (hp, hq), (_, hr) = h
    root = math.isqrt((hp - hr) ** 2 + 4 * hq * hq)
    l1, l2 = (hp + hr + root) // 2, (hp + hr - root) // 2
    answer = _classify(l1, l2)
    pt = f"({x0}, {y0})"
    prompt = (
        f"$f(x, y) = {f_text}$ has a critical point at ${pt}$.\n"
        "Compute the Hessian there and its eigenvalues. Is the critical point a minimum, a maximum or "
        "a saddle point?\nAnswer minimum, maximum or saddle."
    )
    why = {
        "minimum": "both eigenvalues are positive: $f$ curves upward in every direction ($H$ positive definite)",
        "maximum": "both eigenvalues are negative: $f$ curves downward in every direction ($H$ negative definite)",
        "saddle": "the eigenvalues have mixed signs: $f$ curves up along one eigenvector and down along the "
                  "other ($H$ indefinite)",
    }[answer]
    steps = [
        Step(grad + ": a critical point.", "Critical point"),
        Step(f"{second}, so $H = {bmatrix(h)}$.", "Hessian"),
        Step(_eigen_text(h, l1, l2), "Eigenvalues"),
        Step(f"$\\lambda_1 = {l1}$, $\\lambda_2 = {l2}$: {why}. So ${pt}$ is a {answer}"
             + (" point." if answer == "saddle" else "."), "Classify"),
    ]
    diag_fools = hq != 0 and _classify(hp, hr) != answer
    lam = f"λ₁ = {pretty(str(l1))}, λ₂ = {pretty(str(l2))}"
    explain = {
        "minimum": (f"det H = {pretty(str(l1 * l2))} > 0 only says the eigenvalues share a sign; the trace "
                    f"{pretty(str(l1 + l2))} < 0 says both are negative ({lam}): f curves down, a maximum."
                    if answer == "maximum" else f"A minimum needs both eigenvalues positive; here {lam}."),
        "maximum": f"A maximum needs both eigenvalues negative; here {lam}.",
        "saddle": f"A saddle needs eigenvalues of both signs; here {lam} have the same sign.",
    }
    mistakes = []
    for wrong in CHOICES:
        if wrong == answer:
            continue
        text = explain[wrong]
        if diag_fools and wrong == _classify(hp, hr):
            text = (f"The diagonal entries {pretty(str(hp))} and {pretty(str(hr))} are not enough: the "
                    f"off-diagonal {pretty(str(hq))} tilts the bowl. The eigenvalues decide; here {lam}.")
        mistakes.append(Mistake(wrong, text))
    return Variant(
        prompt=prompt,
        answer=AnswerSpec(kind="choice", expected=answer, choices=CHOICES, mistakes=tuple(mistakes)),
        steps=steps,
        hints=[r"$H$ holds the second partials $\begin{bmatrix} f_{xx} & f_{xy} \\ f_{xy} & f_{yy} \end{bmatrix}$. "
               "All eigenvalues positive → minimum, all negative → maximum, mixed signs → saddle."],
        figure=Figure("surface", {"hessian": [list(h[0]), list(h[1])], "point": [x0, y0],
                                  "eigenvalues": [l1, l2]}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="calculus.hessian_classify",
        title="Hessian eigenvalues: minimum, maximum or saddle",
        topic="calculus",
        draw=draw,
        build=build,
        prerequisites=("calculus.partial_gradient", "matrices.eigen_2x2"),
        difficulty=3,
        # 002 §2.2 states the rule without numbers; the instance is 004 §3.2's bowl f = x² + y²:
        # H = [[2, 0], [0, 2]], eigenvalues 2 and 2 → minimum
        seed_params={"form": "quadratic", "coef": (1, 0, 1), "point": (0, 0)},
        source="002 §2.2; 004 §3.2",
    )
]
