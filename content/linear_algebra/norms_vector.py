"""L1, L2 and L∞ norms of a vector and the Frobenius norm of a matrix (000 §A.10, 002 §2.1)."""

import math
import random

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import num, tex_matrix, tex_num, tex_term, tex_tuple
from tutor.core.problems import Step, Template, Variant


def draw(rng: random.Random) -> dict:
    dim = rng.choice([3, 3, 4])
    while True:
        x = tuple(rng.randint(-6, 6) for _ in range(dim))
        # a negative entry (so absolute values matter) and a non-trivial vector
        if min(x) < 0 and sum(1 for v in x if v) >= 2:
            break
    rows, cols = rng.choice([(2, 2), (2, 2), (2, 3), (3, 2)])
    while True:
        A = tuple(tuple(rng.randint(-4, 5) for _ in range(cols)) for _ in range(rows))
        if sum(1 for row in A for v in row if v) >= 3:
            return {"x": x, "A": A}


def _mat(A) -> str:
    return "[" + ", ".join("[" + ", ".join(str(v) for v in row) + "]" for row in A) + "]"


def _root(n: int) -> str:
    """√n exactly: "5" for 25, "sqrt(30)" otherwise."""
    r = math.isqrt(n)
    return str(r) if r * r == n else f"sqrt({n})"


def _root_step(n: int, shown: str) -> str:
    """√n in a step's formula: "\\sqrt{25} = 5", or "\\sqrt{30} \\approx 5.47722558 \\approx 5.477", ending in
    the canonical answer."""
    r = math.isqrt(n)
    return rf"\sqrt{{{n}}} = {r}" if r * r == n else rf"\sqrt{{{n}}} \approx {num(math.sqrt(n), 8)} \approx {shown}"


def build(x, A) -> Variant:
    l1 = sum(abs(v) for v in x)
    sq = sum(v * v for v in x)
    linf = max(abs(v) for v in x)
    entries = [v for row in A for v in row]
    fro2 = sum(v * v for v in entries)
    signed_sq = sum(v * abs(v) for v in x)
    row_lengths = sum(math.sqrt(sum(v * v for v in row)) for row in A)
    l1_spec = with_mistakes(AnswerSpec(kind="integer", expected=str(l1), label="‖x‖₁"), [
        (sum(x), "Take absolute values first: ‖x‖₁ = Σ|xᵢ|, so negative entries add, not cancel."),
        (linf, "That is the largest absolute entry, ‖x‖∞; ‖x‖₁ adds all the absolute values."),
        (sq, "You squared the entries; ‖x‖₁ adds the absolute values as they are."),
    ])
    l2_spec = with_mistakes(AnswerSpec(kind="number", expected=_root(sq), sig_figs=4, label="‖x‖₂"), [
        (sq, f"That is ‖x‖₂² = {sq}; take the square root."),
        (l1, "That is the L1 norm; the L2 norm squares the entries, sums, then takes √."),
        (math.sqrt(l1), "Square the entries before summing: ‖x‖₂ = √(Σxᵢ²), not √(Σ|xᵢ|)."),
        *([(math.sqrt(signed_sq), "A negative entry squares to a positive number: (−4)² = 16, not −16. "
                                  "Every term under the square root is positive.")] if signed_sq > 0 else []),
    ])
    linf_spec = with_mistakes(AnswerSpec(kind="integer", expected=str(linf), label="‖x‖∞"), [
        (max(x), "Compare absolute values: ‖x‖∞ = max|xᵢ|, and a negative entry can be the largest."),
        (min(abs(v) for v in x), "That is the smallest absolute value; ‖x‖∞ is the largest."),
        (l1, "That is the L1 norm, the sum of the absolute values; ‖x‖∞ keeps only the largest one."),
    ])
    fro_spec = with_mistakes(AnswerSpec(kind="number", expected=_root(fro2), sig_figs=4, label="‖A‖_F"), [
        (fro2, f"That is ‖A‖_F² = {fro2}; take the square root."),
        (sum(abs(v) for v in entries), "That is the sum of absolute entries; the Frobenius "
                                       "norm squares the entries, sums, then takes √."),
        (max(abs(v) for v in entries), "That is the largest entry; the Frobenius norm uses all entries."),
        (row_lengths, "You added the lengths of the rows. Square every entry, add all the squares, "
                      "and take one square root at the end."),
    ])
    spec = AnswerSpec(kind="multi", parts=(l1_spec, l2_spec, linf_spec, fro_spec))
    l2_text, fro_text = canonical_answer(l2_spec), canonical_answer(fro_spec)
    prompt = (
        f"Let $x = {tex_tuple(x)}$ and $A = {tex_matrix(A)}$.\n"
        r"Give, separated by ';': $\|x\|_1$; $\|x\|_2$; $\|x\|_\infty$; the Frobenius norm $\|A\|_F$." "\n"
        f"{precision_sentence(spec)} Exact square roots written with sqrt( ) are also accepted."
    )
    arg = " + ".join(f"|{tex_num(v)}|" for v in x)
    l2_shown = l2_text if math.isqrt(sq) ** 2 != sq else math.isqrt(sq)
    steps = [
        Step(rf"$\|x\|_1 = {{\textstyle \sum_i |x_i|}} = {arg} = {' + '.join(str(abs(v)) for v in x)} = {l1}$: "
             "the sum of absolute values.", "L1"),
        Step(rf"$\textstyle \|x\|_2 = \sqrt{{\sum_i x_i^2}} = \sqrt{{{' + '.join(f'{tex_term(v)}^2' for v in x)}}} = "
             rf"\sqrt{{{' + '.join(str(v * v) for v in x)}}} = {_root_step(sq, l2_text)}$: the Euclidean length.", "L2"),
        Step(rf"$\textstyle \|x\|_\infty = \max_i |x_i| = \max({', '.join(str(abs(v)) for v in x)}) = {linf}$: "
             "the largest single component, in absolute value.", "L∞"),
        Step(rf"$\textstyle \|A\|_F = \sqrt{{\sum_{{i,j}} A_{{ij}}^2}} = \sqrt{{{' + '.join(str(v * v) for v in entries)}}} = "
             rf"{_root_step(fro2, fro_text)}$: the L2 norm of all entries, as if A were one long vector.", "Frobenius"),
        Step(rf"$\|x\|_\infty \le \|x\|_2 \le \|x\|_1$, here ${linf} \le {l2_shown} \le {l1}$ ✓", "Check"),
    ]
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[
            r"$\|x\|_1 = {\textstyle \sum_i |x_i|}$, $\textstyle \|x\|_2 = \sqrt{\sum_i x_i^2}$, "
            r"$\textstyle \|x\|_\infty = \max_i |x_i|$; "
            r"$\textstyle \|A\|_F = \sqrt{\sum_{i,j} A_{ij}^2}$ treats A as one long vector.",
        ],
    )


TEMPLATES = [
    Template(
        id="norms.vector_norms",
        title="L1, L2, L∞ and Frobenius norms",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("vectors.magnitude_unit",),
        difficulty=1,
        # §A.10 and §2.1 give the definitions only: x = (3, −4) (the (3, 4) of §A.1 with a sign)
        # and the A of §A.5: ‖x‖₁ = 7, ‖x‖₂ = 5, ‖x‖∞ = 4, ‖A‖_F = √30
        seed_params={"x": (3, -4), "A": ((1, 2), (3, 4))},
        source="000 §A.10; 002 §2.1",
    )
]
