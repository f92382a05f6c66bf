"""Covariance and correlation of paired data (002 §2.3)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, pretty, sig
from tutor.core.problems import Figure, Step, Template, Variant


def _number(expected: str, label: str, mistakes) -> AnswerSpec:
    """A number to 4 significant figures (``expected`` exact), with its classic slips."""
    return with_mistakes(AnswerSpec(kind="number", expected=expected, sig_figs=4, label=label), mistakes)

STORIES = {  # (x name, y name, what the pairs are)
    "plain": ("x", "y", "paired observations"),
    "study": ("hours", "score", "students (hours of study, test score)"),
    "ads": ("spend", "sales", "weeks (ad spend, units sold)"),
    "features": ("f₁", "f₂", "examples with two features"),
}
_LATEX_NAME = {"x": "x", "y": "y", "hours": r"\text{hours}", "score": r"\text{score}",
               "spend": r"\text{spend}", "sales": r"\text{sales}", "f₁": "f_1", "f₂": "f_2"}


def _m(text: str) -> str:
    """A number in a formula, its minus sign unary: -3 → {-3} (ziamath spaces a bare '-' as binary)."""
    return f"{{{text}}}" if text.startswith("-") else text


def _s(x) -> str:
    """A number after an operator, in a formula: 3 → '3', -3 → '({-3})'."""
    return f"({_m(sig(x))})" if x < 0 else sig(x)


NON_NEGATIVE = {"study", "ads"}  # a test score or a number of units sold is never below 0


def _stats(xs, ys):
    n = len(xs)
    X = [Fraction(x) for x in xs]
    Y = [Fraction(y) for y in ys]
    mx, my = sum(X) / n, sum(Y) / n
    dx = [x - mx for x in X]
    dy = [y - my for y in Y]
    prods = [a * b for a, b in zip(dx, dy, strict=True)]
    cov = sum(prods) / n
    vx = sum(a * a for a in dx) / n
    vy = sum(b * b for b in dy) / n
    return n, mx, my, dx, dy, prods, cov, vx, vy


def draw(rng: random.Random) -> dict:
    story = rng.choice(sorted(STORIES))
    while True:
        n = rng.choice([4, 5, 5])
        xs = tuple(sorted(rng.sample(range(0, 10), n)))
        slope = rng.choice([-2, -1, -0.5, 0.5, 1, 2, 3])
        base = rng.randint(0, 6)
        ys = tuple(int(round(base + slope * x + rng.randint(-3, 3))) for x in xs)
        if story in NON_NEGATIVE and min(ys) < 0:
            # shift the data up so its smallest value is `base`: Cov and ρ do not change
            ys = tuple(y - min(ys) + base for y in ys)
        _, _, _, _, _, _, cov, vx, vy = _stats(xs, ys)
        if cov != 0 and vy != 0 and abs(cov) != math.sqrt(vx * vy):  # not a perfect line: ρ ≠ ±1
            return {"story": story, "xs": xs, "ys": ys}


def build(story, xs, ys) -> Variant:
    xn, yn, what = STORIES[story]
    n, mx, my, dx, dy, prods, cov, vx, vy = _stats(xs, ys)
    sx, sy = math.sqrt(vx), math.sqrt(vy)
    rho = float(cov) / (sx * sy)
    f = sig
    g = lambda x: pretty(sig(x))  # noqa: E731
    pairs = ", ".join(pretty(f"({x}, {y})") for x, y in zip(xs, ys, strict=True))
    exy = sum(Fraction(x) * Fraction(y) for x, y in zip(xs, ys, strict=True)) / n
    # ρ exactly: Cov / √(Var·Var), with the sign of Cov
    rho_exact = f"{'-' if cov < 0 else ''}{exact_text(abs(cov))}/sqrt({exact_text(vx * vy)})"
    parts = (
        _number(exact_text(cov), f"Cov({xn}, {yn})", [
            (sum(prods) / (n - 1), f"That is the sample covariance (divide by n − 1 = {n - 1}); "
                                   f"the question asks for the population formula: divide by n = {n}."),
            (exy, f"That is E[{xn}·{yn}] without centring; subtract the means first "
                  f"(or use E[{xn}{yn}] − E[{xn}]E[{yn}])."),
            (sum(prods), f"That is the sum of the products; the covariance averages them (divide by {n})."),
            (exy + mx * my, f"E[{xn}{yn}] − E[{xn}]E[{yn}]: subtract the product of the means, don't add it."),
        ]),
        _number(rho_exact, "ρ", [
            (cov / (vx * vy), "Divide by the product of the standard deviations σ·σ, not of the variances."),
            (cov, "That is the covariance; the correlation divides it by σ_x·σ_y so it lies in [−1, 1]."),
            (rho * n / (n - 1), "You mixed a sample covariance (n − 1) with population standard deviations (n); "
                                "use the same divisor throughout and it cancels."),
            (rho * (n - 1) / n, "You mixed the population covariance (n) with sample standard deviations "
                                "(n − 1); use the same divisor throughout and it cancels."),
            (float(cov) / (sx + sy), "Divide by the product σ_x·σ_y, not the sum."),
        ]),
    )
    answer = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    rho_text = _m(canonical_answer(parts[1]))
    X, Y = _LATEX_NAME[xn], _LATEX_NAME[yn]
    mux, muy = rf"\mu_{{{X}}}", rf"\mu_{{{Y}}}"
    sgx, sgy = rf"\sigma_{{{X}}}", rf"\sigma_{{{Y}}}"
    h = lambda x: _m(sig(x))  # noqa: E731  (a number in a formula)
    prompt = (
        f"{n} {what}, as $({X}, {Y})$ pairs:\n    {pairs}\n"
        f"Using the population formulas (divide by $n = {n}$), give, separated by ';': "
        rf"$\mathrm{{Cov}}({X}, {Y})$; the correlation $\rho$." "\n"
        f"{precision_sentence(answer)}"
    )
    steps = [
        Step(rf"${mux} = \frac{{{' + '.join(_s(x) for x in xs)}}}{{{n}}} = {h(mx)}$; "
             rf"${muy} = \frac{{{' + '.join(_s(y) for y in ys)}}}{{{n}}} = {h(my)}$", "Means"),
        Step(f"${X} - {mux}$: {', '.join(g(d) for d in dx)}\n${Y} - {muy}$: {', '.join(g(d) for d in dy)}",
             "Deviations"),
        Step(f"Products: {', '.join(g(p) for p in prods)}; sum = {g(sum(prods))}; "
             rf"$\mathrm{{Cov}} = E[({X} - {mux})({Y} - {muy})] = \frac{{{h(sum(prods))}}}{{{n}}} = {h(cov)}$",
             "Covariance"),
        Step(rf"$\mathrm{{Var}}({X}) = \frac{{{' + '.join(f'{_s(d)}^2' for d in dx)}}}{{{n}}} = {f(vx)}$, "
             f"${sgx} = {sig(sx, 6)}$\n"
             rf"$\mathrm{{Var}}({Y}) = \frac{{{' + '.join(f'{_s(d)}^2' for d in dy)}}}{{{n}}} = {f(vy)}$, "
             f"${sgy} = {sig(sy, 6)}$",
             "Spreads"),
        Step(rf"$\rho = \frac{{\mathrm{{Cov}}}}{{{sgx} \cdot {sgy}}} = \frac{{{h(cov)}}}{{{sig(sx, 6)} \cdot {sig(sy, 6)}}}"
             rf" \approx {rho_text}$: "
             + ("a strong" if abs(rho) > 0.7 else "a moderate" if abs(rho) > 0.3 else "a weak")
             + (" positive" if rho > 0 else " negative")
             + r" linear relationship ($\rho$ always lies between −1 and +1).",
             "Correlation"),
    ]
    return Variant(
        prompt=prompt,
        answer=answer,
        steps=steps,
        hints=[rf"$\mathrm{{Cov}}$ = average of $({X} - {mux}) \cdot ({Y} - {muy})$; "
               rf"$\rho = \frac{{\mathrm{{Cov}}}}{{{sgx} \cdot {sgy}}}$."],
        figure=Figure("scatter", {"points": [[x, y] for x, y in zip(xs, ys, strict=True)],
                                  "mean": [float(mx), float(my)]}),
    )


TEMPLATES = [
    Template(
        id="probability.covariance_correlation",
        title="Covariance and correlation of paired data",
        topic="probability",
        draw=draw,
        build=build,
        prerequisites=("probability.expectation_variance",),
        difficulty=2,
        seed_params={"story": "plain", "xs": (1, 2, 3, 4, 5), "ys": (2, 4, 5, 4, 5)},
        source="002 §2.3",
    )
]
