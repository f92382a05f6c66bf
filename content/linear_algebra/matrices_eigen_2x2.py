"""Eigenvalues and eigenvectors of a 2×2 from det(A − λI) = 0 (002 §2.1)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import num, pretty, signed, tex_matrix, tex_num, tex_term, tex_tuple, vec
from tutor.core.problems import Figure, Step, Template, Variant


def _n(x) -> str:
    """A number for display, with a typographic minus: −3."""
    return pretty(num(x))


def draw(rng: random.Random) -> dict:
    """A = P·diag(λ₁, λ₂)·P⁻¹ with eigenvectors (p, 1), (q, 1): real, distinct, integer."""
    while True:
        lam1, lam2 = sorted(rng.sample(range(-3, 8), 2), reverse=True)
        p, q = rng.sample([-3, -2, -1, 1, 2, 3], 2)
        det_p = p - q
        entries = (
            Fraction(p * lam1 - q * lam2, det_p),
            Fraction(-p * q * (lam1 - lam2), det_p),
            Fraction(lam1 - lam2, det_p),
            Fraction(p * lam2 - q * lam1, det_p),
        )
        if all(e.denominator == 1 and abs(e) <= 9 for e in entries) and entries[1] and entries[2]:
            a, b, c, d = (int(e) for e in entries)
            return {"A": ((a, b), (c, d))}


def _poly(lin, const) -> str:
    """λ² + lin·λ + const in a formula, written the usual way: \\lambda^2 - 7\\lambda + 10."""
    text = r"\lambda^2"
    for coef, name in ((lin, r"\lambda"), (const, "")):
        if coef:
            sign = "-" if coef < 0 else "+"
            mag = num(abs(coef))
            text += f" {sign} {'' if mag == '1' and name else mag}{name}"
    return text


def _factor(lam) -> str:
    if lam == 0:
        return r"\lambda"
    return rf"(\lambda {'-' if lam > 0 else '+'} {num(abs(lam))})"


def _column(values) -> str:
    """A column vector in a formula."""
    return tex_matrix([[v] for v in values])


def _eigenvector(a, b, lam):
    """Eigenvector (b, λ − a) from the first row of A − λI, scaled so the second entry is 1."""
    return [Fraction(b) / (lam - a), Fraction(1)]


PLUS_BC = ("You expanded det(A − λI) with + b·c: it is (a − λ)(d − λ) − b·c, so the "
           "constant term is ad − bc.")


def _plus_bc_roots(a, b, c, d):
    """The roots (larger first) of λ² − (a + d)λ + (ad + bc), the classic sign slip, when real."""
    tr, wrong = a + d, a * d + b * c
    disc = tr * tr - 4 * wrong
    if disc < 0 or b * c == 0:
        return None
    root = math.isqrt(disc)
    if root * root == disc:
        return Fraction(tr + root, 2), Fraction(tr - root, 2)
    return (tr + math.sqrt(disc)) / 2, (tr - math.sqrt(disc)) / 2


def _effect_text(lam1, lam2) -> str:
    """What A does to its eigenvectors, true for these eigenvalues (λ < 0 flips, λ = 0 squashes)."""
    text = "A keeps each eigenvector on its own line and scales it by its eigenvalue"
    notes = []
    for name, lam in (("$v_1$", lam1), ("$v_2$", lam2)):
        if lam < 0:
            notes.append(rf"$\lambda = {tex_num(lam)} < 0$ also flips {name} to point the other way")
        elif lam == 0:
            notes.append(rf"$\lambda = 0$ sends {name} to the zero vector")
    return text + ("; " + " and ".join(notes) if notes else "") + ". It never turns them off their lines."


def build(A) -> Variant:
    (a, b), (c, d) = A
    tr, det = a + d, a * d - b * c
    root = math.isqrt(tr * tr - 4 * det)
    lam1, lam2 = Fraction(tr + root, 2), Fraction(tr - root, 2)
    v1, v2 = _eigenvector(a, b, lam1), _eigenvector(a, b, lam2)
    L1, L2 = _n(lam1), _n(lam2)

    def shifted(lam):
        return [[a - lam, b], [c, d - lam]]

    def null_text(lam, v):
        M = shifted(lam)
        return (rf"$(A - {tex_term(lam)} I)v = 0$: ${tex_matrix(M)} v = 0$. The first row says "
                rf"${tex_num(M[0][0])} \cdot v_1 + {tex_term(b)} \cdot v_2 = 0$, so "
                rf"$v \propto {tex_tuple((b, lam - a))}$, and $v = {_column(v)}$.")

    def image(v, lam):
        return rf"A {_column(v)} = {_column([a * v[0] + b, c * v[0] + d])} = {tex_num(lam)} {_column(v)}"

    steps = [
        Step(r"Solve $\det(A - \lambda I) = 0$: "
             rf"$\det \begin{{bmatrix}} {tex_num(a)} - \lambda & {tex_num(b)} \\ "
             rf"{tex_num(c)} & {tex_num(d)} - \lambda \end{{bmatrix}} = 0$",
             "Characteristic equation"),
        Step(rf"$({tex_num(a)} - \lambda)({tex_num(d)} - \lambda) - {tex_term(b)} \cdot {tex_term(c)} = 0$, "
             rf"that is ${_poly(-tr, det)} = 0$ "
             rf"($\lambda^2 - \operatorname{{tr}}(A)\,\lambda + \det(A)$, with "
             rf"$\operatorname{{tr}}(A) = {tex_num(tr)}$ and $\det(A) = {tex_num(det)}$)", "Expand"),
        Step(rf"Factor: ${_factor(lam1)}{_factor(lam2)} = 0$, so $\lambda_1 = {tex_num(lam1)}$, "
             rf"$\lambda_2 = {tex_num(lam2)}$. Check: $\lambda_1 + \lambda_2 = {tex_num(lam1 + lam2)}"
             rf" = \operatorname{{tr}}(A)$, $\lambda_1 \lambda_2 = {tex_num(lam1 * lam2)} = \det(A)$.",
             "Eigenvalues"),
        Step(null_text(lam1, v1), f"Eigenvector for λ₁ = {L1}"),
        Step(null_text(lam2, v2), f"Eigenvector for λ₂ = {L2}"),
        Step(f"${image(v1, lam1)}$ and ${image(v2, lam2)}$: " + _effect_text(lam1, lam2), "Check"),
    ]
    lam_common = [
        (tr, "That is the trace a + d, which equals λ₁ + λ₂."),
        (det, "That is det(A), which equals λ₁·λ₂."),
    ]
    plus_bc = _plus_bc_roots(a, b, c, d)
    lam1_mistakes = [
        (lam2, "That is the smaller eigenvalue; λ₁ is the larger one."),
        (-lam2, "Check the sign of the λ term: det(A − λI) = λ² − (a + d)λ + (ad − bc)."),
        (max(a, d), "The diagonal entries are the eigenvalues only of a triangular matrix: "
                    "solve det(A − λI) = 0."),
        *lam_common,
        *([(plus_bc[0], PLUS_BC)] if plus_bc else []),
    ]
    lam2_mistakes = [
        (lam1, "That is the larger eigenvalue; λ₂ is the smaller one."),
        (-lam1, "Check the sign of the λ term: det(A − λI) = λ² − (a + d)λ + (ad − bc)."),
        (min(a, d), "The diagonal entries are the eigenvalues only of a triangular matrix: "
                    "solve det(A − λI) = 0."),
        *lam_common,
        *([(plus_bc[1], PLUS_BC)] if plus_bc else []),
    ]

    def vec_mistakes(lam, v, other):
        found, seen = [], [v]
        row = [(a - lam) / b, Fraction(1)]
        for values, text in (
            (other, "That is the eigenvector of the other eigenvalue."),
            (row, f"That is the first row of A − {signed(lam)}I, rescaled. An eigenvector solves "
                  "(A − λI)v = 0: it is perpendicular to the rows of A − λI."),
            ([-v[0], Fraction(1)], f"Check the sign of v₁: the first row gives "
                                   f"({_n(a)} − λ)·v₁ + {signed(b)}·v₂ = 0, so "
                                   f"v₁ = {_n(b)}/(λ − {signed(a)}) with v₂ = 1."),
        ):
            if values not in seen and all(x.denominator == 1 for x in values):
                seen.append(values)
                found.append(Mistake(vec(values), text))
        return tuple(found)

    parts = (
        with_mistakes(AnswerSpec(kind="integer", expected=num(lam1), label="λ₁"), lam1_mistakes),
        with_mistakes(AnswerSpec(kind="integer", expected=num(lam2), label="λ₂"), lam2_mistakes),
        AnswerSpec(kind="vector", expected=vec(v1), label="the eigenvector for λ₁", integer=True,
                   mistakes=vec_mistakes(lam1, v1, v2)),
        AnswerSpec(kind="vector", expected=vec(v2), label="the eigenvector for λ₂", integer=True,
                   mistakes=vec_mistakes(lam2, v2, v1)),
    )
    spec = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    prompt = (
        f"$A = {tex_matrix(A)}$.\n"
        r"Give, separated by ';': the larger eigenvalue $\lambda_1$; the smaller eigenvalue $\lambda_2$; "
        r"an eigenvector for $\lambda_1$; an eigenvector for $\lambda_2$." "\n"
        "Scale each eigenvector so that its second entry is 1, like [2, 1]. "
        + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[r"Eigenvalues solve $\det(A - \lambda I) = (a - \lambda)(d - \lambda) - bc = 0$; for each "
               r"$\lambda$, an eigenvector solves $(A - \lambda I)v = 0$."],
        figure=Figure("vectors", {"vectors": {
            "v₁": [float(x) for x in v1], "A·v₁": [float(lam1 * x) for x in v1],
            "v₂": [float(x) for x in v2], "A·v₂": [float(lam2 * x) for x in v2],
        }, "lines": ["v₁", "v₂"], "note": pretty(f"A·v₁ = {num(lam1)}·v₁ and A·v₂ = {num(lam2)}·v₂: "
                                                 "A only stretches (or flips) each eigenvector along its line")},
                      placement="solution"),
    )


TEMPLATES = [
    Template(
        id="matrices.eigen_2x2",
        title="Eigenvalues and eigenvectors of a 2×2",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("matrices.determinant",),
        difficulty=2,
        seed_params={"A": ((4, 2), (1, 3))},
        source="002 §2.1",
    )
]
