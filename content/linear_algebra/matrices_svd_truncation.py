"""SVD truncation error: the best rank-k approximation and its Frobenius error (000 §A.9; 002 §2.1)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import frac, num, rounded, tex_tuple
from tutor.core.problems import Figure, Step, Template, Variant


def draw(rng: random.Random) -> dict:
    count = rng.choice([3, 4, 4, 5, 6])
    while True:
        values = sorted(rng.sample(range(1, 16), count), reverse=True)
        if rng.random() < 0.3:  # sometimes a small decimal singular value at the tail
            values = [*values[:-1], rng.choice([0.5, 1.5, 2.5])]
            values.sort(reverse=True)
        if len(set(values)) == count:
            return {"sigma": tuple(values), "k": rng.randint(1, count - 1)}


def _sub(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _kept_names(k: int) -> str:
    """$\\sigma_{1}$; $\\sigma_{1}$ and $\\sigma_{2}$; $\\sigma_{1}$, $\\sigma_{2}$ and $\\sigma_{3}$;
    $\\sigma_{1}, \\dots, \\sigma_{5}$."""
    names = [rf"$\sigma_{{{i}}}$" for i in range(1, k + 1)]
    if k <= 3:
        return names[0] if k == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return rf"$\sigma_{{1}}, \dots, \sigma_{{{k}}}$"


def _kept_sum(k: int) -> str:
    """\\sigma_{1} u_{1} v_{1}^\\top + \\sigma_{2} u_{2} v_{2}^\\top, with an ellipsis from four terms on."""
    terms = [rf"\sigma_{{{i}}} u_{{{i}}} v_{{{i}}}^\top" for i in range(1, k + 1)]
    return " + ".join(terms if k <= 3 else [terms[0], r"\dots", terms[-1]])


def _squares(values) -> str:
    return " + ".join(f"{num(v)}^2" for v in values)


def _tex_frac(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else rf"\frac{{{q.numerator}}}{{{q.denominator}}}"


def _root(q: Fraction) -> tuple[str, Fraction | None]:
    """√q as the engine reads it exactly ("sqrt(101/4)"), and its exact value when q is a
    perfect square (√(25/169) = 5/13)."""
    a, b = math.isqrt(q.numerator), math.isqrt(q.denominator)
    if a * a == q.numerator and b * b == q.denominator:
        return frac(Fraction(a, b)), Fraction(a, b)
    return f"sqrt({frac(q)})", None


def _value(exact: Fraction | None, approx: float, answer: bool = True, fraction: bool = True) -> tuple[str, str]:
    """A result in the worked steps, ending with the 4 significant figures the question asks
    for, as (the end of a formula, the words after it): ("= 5", " (5.000 to 4 significant
    figures)"), ("= \\frac{5}{13} \\approx 0.3846154\\ldots \\approx 0.3846", ""),
    ("\\approx 5.220153\\ldots \\approx 5.220", ""). ``fraction=False`` leaves out the exact
    fraction (when the formula has just written it)."""
    if exact is None:
        return rf"\approx {rounded(approx, sig_figs=7)}\ldots \approx {rounded(approx, sig_figs=4)}", ""
    four = rounded(exact, sig_figs=4)
    if Fraction(num(exact, 8)) == exact:  # a short decimal: 5, 0.5625
        shown = num(exact, 8)
        if shown == four:
            return f"= {shown}", ""
        if Fraction(four) == exact:
            return f"= {shown}", f" ({four} to 4 significant figures)" if answer else ""
        return rf"= {shown} \approx {four}", ""
    seven = rf"\approx {rounded(exact, sig_figs=7)}\ldots \approx {four}"
    return (f"= {_tex_frac(exact)} {seven}" if fraction else seven), ""


def build(sigma, k) -> Variant:
    s = [Fraction(str(v)) for v in sigma]
    kept, dropped = s[:k], s[k:]
    total_sq = sum(v * v for v in s)
    kept_sq = sum(v * v for v in kept)
    drop_sq = sum(v * v for v in dropped)
    err_text, err_exact = _root(drop_sq)
    norm_exact = _root(total_sq)[1]
    rel_text, rel_exact = _root(drop_sq / total_sq)
    err = math.sqrt(drop_sq)
    norm = math.sqrt(total_sq)
    rel = math.sqrt(drop_sq / total_sq)
    energy = kept_sq / total_sq
    n = len(s)
    Ak = f"A{_sub(k)}"  # in the mistakes' plain text
    ak = f"A_{{{k}}}"  # in formulas
    top = "the largest singular value" if k == 1 else f"the top {k} singular values"

    def sq_text(x) -> str:
        return num(x, 4)

    err_tail, err_words = _value(err_exact, err)
    norm_tail, norm_words = _value(norm_exact, norm, answer=False)
    rel_tail, rel_words = _value(rel_exact, rel)
    energy_tail, energy_words = _value(energy, float(energy), fraction=False)
    error = rf"\|A - {ak}\|_F"
    steps = [
        Step(
            f"By Eckart–Young, the best rank-{k} approximation keeps {_kept_names(k)} together with "
            f"{'its' if k == 1 else 'their'} singular vectors and sets the remaining "
            f"{'one' if n - k == 1 else n - k} to zero: ${ak} = {_kept_sum(k)}$.",
            "Truncate",
        ),
        Step(
            f"${error}^2$ is the sum of the squared dropped singular values: "
            f"${_squares(dropped)} = {sq_text(drop_sq)}$, so "
            rf"${error} = \sqrt{{{sq_text(drop_sq)}}} {err_tail}${err_words}",
            "Error",
        ),
        Step(
            rf"$\|A\|_F^2 = {_squares(s)} = {sq_text(total_sq)}$, so "
            rf"$\|A\|_F = \sqrt{{{sq_text(total_sq)}}} {norm_tail}${norm_words}",
            "Norm of A",
        ),
        Step(
            rf"The relative error is $\frac{{{error}}}{{\|A\|_F}} = "
            rf"\sqrt{{\frac{{{sq_text(drop_sq)}}}{{{sq_text(total_sq)}}}}} {rel_tail}${rel_words}",
            "Relative error",
        ),
        Step(
            rf"Kept: $\frac{{{_squares(kept)}}}{{{sq_text(total_sq)}}} = "
            rf"\frac{{{sq_text(kept_sq)}}}{{{sq_text(total_sq)}}} {energy_tail}${energy_words}. "
            rf"Check: the relative error is $\sqrt{{1 - \frac{{{sq_text(kept_sq)}}}{{{sq_text(total_sq)}}}}}$, "
            "the same number: a few large singular values carry most of the matrix.",
            "Energy kept",
        ),
    ]
    err_mistakes = [
        (sum(dropped), "You added the dropped singular values; the Frobenius error adds their "
                       "squares and then takes the square root."),
        (drop_sq, "That is the squared error ‖A − Aₖ‖_F²; take the square root."),
        (dropped[0], f"σ{_sub(k + 1)} alone is the error in the spectral norm; the Frobenius error "
                     "includes every dropped singular value."),
        (math.sqrt(kept_sq), "You used the kept singular values; the error comes from the "
                             "dropped ones."),
        (math.sqrt(total_sq - s[k - 1] ** 2), f"You dropped σ{_sub(k)}; keep the top {k}."),
        (rel, "That is the relative error ‖A − Aₖ‖_F / ‖A‖_F; the first answer is the error "
              "‖A − Aₖ‖_F itself."),
    ]
    rel_mistakes = [
        (drop_sq / total_sq, "That is the squared ratio ‖A − Aₖ‖_F² / ‖A‖_F²; take the square root."),
        (sum(dropped) / sum(s), "Frobenius norms use squared singular values, not the "
                                "singular values themselves."),
        (1 - rel, "That is 1 minus the relative error; the relative error is "
                  "‖A − Aₖ‖_F / ‖A‖_F."),
        (err, "Divide by ‖A‖_F to get the relative error."),
        (math.sqrt(drop_sq / kept_sq), f"You divided by ‖{Ak}‖_F, the kept part; the relative "
                                       "error divides by the whole ‖A‖_F."),
        (dropped[0] / s[0], f"σ{_sub(k + 1)}/σ₁ is the relative error in the spectral norm; the "
                            "Frobenius version uses every singular value, squared."),
    ]
    energy_mistakes = [
        (sum(kept) / sum(s), "The Frobenius norm squared is the sum of the squared singular "
                             "values: square them before taking the fraction."),
        (drop_sq / total_sq, "That is the fraction dropped; the question asks for the fraction kept."),
        (math.sqrt(energy), "That is ‖Aₖ‖_F / ‖A‖_F; the question asks for the squared-norm fraction."),
        (1 - rel, "1 minus the relative error is not the fraction kept: the squares add, so the "
                  "fraction kept is 1 − (relative error)²."),
    ]

    def part(label, expected, mistakes):
        return with_mistakes(AnswerSpec(kind="number", expected=expected, sig_figs=4, label=label),
                             mistakes)

    parts = (
        part("the Frobenius error", err_text, err_mistakes),
        part("the relative error", rel_text, rel_mistakes),
        part("the fraction kept", frac(energy), energy_mistakes),
    )
    spec = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    prompt = (
        rf"A matrix A has singular values $\sigma = {tex_tuple(sigma)}$ (all the others are 0)." "\n"
        f"${ak}$ is its best rank-{k} approximation (keep {top}).\n"
        f"Give, separated by ';': the Frobenius error ${error}$; the relative error "
        rf"$\frac{{{error}}}{{\|A\|_F}}$; the fraction of $\|A\|_F^2$ that ${ak}$ keeps." "\n"
        f"{precision_sentence(spec)} Exact forms (a square root, a fraction) are fine too."
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[r"$\|A - A_k\|_F^2 = \sigma_{k+1}^2 + \sigma_{k+2}^2 + \dots$ (the squared dropped "
               r"singular values), and $\|A\|_F^2$ is the sum of all the squared singular values."],
        figure=Figure("bars", {"values": [float(v) for v in s], "highlight": list(range(k)),
                               "label": "singular values (kept highlighted)"}),
    )


TEMPLATES = [
    Template(
        id="matrices.svd_truncation",
        title="SVD truncation error (Eckart–Young)",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("matrices.low_rank", "norms.vector_norms"),
        difficulty=3,
        # The seed states the rule without numbers; a clean instance: 5/13 relative error.
        seed_params={"sigma": (12, 4, 3), "k": 1},
        source="000 §A.9; 002 §2.1",
    )
]
