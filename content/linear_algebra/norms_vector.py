"""L1, L2 and L∞ norms of a vector and the Frobenius norm of a matrix (000 §A.10, 002 §2.1)."""

import math
import random

from tutor.core.answers import AnswerSpec
from tutor.core.authoring import number_mistakes, sqrt_text
from tutor.core.formatting import num, pretty, signed, tup
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


def build(x, A) -> Variant:
    l1 = sum(abs(v) for v in x)
    sq = sum(v * v for v in x)
    l2 = math.sqrt(sq)
    linf = max(abs(v) for v in x)
    entries = [v for row in A for v in row]
    fro2 = sum(v * v for v in entries)
    fro = math.sqrt(fro2)
    prompt = (
        f"Let x = {pretty(tup(x))} and A = {pretty(_mat(A))} (listed row by row).\n"
        "Give, separated by ';': ‖x‖₁; ‖x‖₂; ‖x‖∞; the Frobenius norm ‖A‖_F.\n"
        "Square roots to 4 decimals, or exact, written with sqrt( )."
    )
    arg = "|" + "| + |".join(pretty(str(v)) for v in x) + "|"
    steps = [
        Step(f"‖x‖₁ = Σ|xᵢ| = {arg} = {' + '.join(str(abs(v)) for v in x)} = {l1}: "
             "the sum of absolute values.", "L1"),
        Step(f"‖x‖₂ = √(Σxᵢ²) = √({' + '.join(f'{signed(v)}²' for v in x)}) = "
             f"√({' + '.join(str(v * v) for v in x)}) = {sqrt_text(sq)}: the Euclidean length.", "L2"),
        Step(f"‖x‖∞ = max|xᵢ| = max({', '.join(str(abs(v)) for v in x)}) = {linf}: "
             "the largest single component, in absolute value.", "L∞"),
        Step(f"‖A‖_F = √(Σᵢⱼ Aᵢⱼ²) = √({' + '.join(str(v * v) for v in entries)}) = "
             f"{sqrt_text(fro2)}: the L2 norm of all entries, as if A were one long vector.", "Frobenius"),
        Step(f"‖x‖∞ ≤ ‖x‖₂ ≤ ‖x‖₁, here {linf} ≤ {num(l2, 4)} ≤ {l1} ✓", "Check"),
    ]
    parts = (
        AnswerSpec(kind="number", expected=str(l1), label="‖x‖₁", rel_tol=0.0,
                   mistakes=number_mistakes(l1, [
                       (sum(x), "Take absolute values first: ‖x‖₁ = Σ|xᵢ|, so negative entries add, not cancel."),
                       (l2, "That is the L2 norm; the L1 norm is the plain sum of absolute values."),
                   ])),
        AnswerSpec(kind="number", expected=num(l2, 4), label="‖x‖₂",
                   mistakes=number_mistakes(l2, [
                       (sq, f"That is ‖x‖₂² = {sq}; take the square root."),
                       (l1, "That is the L1 norm; the L2 norm squares the entries, sums, then takes √."),
                       (math.sqrt(l1), "Square the entries before summing: ‖x‖₂ = √(Σxᵢ²), not √(Σ|xᵢ|)."),
                   ])),
        AnswerSpec(kind="number", expected=str(linf), label="‖x‖∞", rel_tol=0.0,
                   mistakes=number_mistakes(linf, [
                       (max(x), "Compare absolute values: ‖x‖∞ = max|xᵢ|, and a negative entry can be the largest."),
                       (min(abs(v) for v in x), "That is the smallest absolute value; ‖x‖∞ is the largest."),
                   ])),
        AnswerSpec(kind="number", expected=num(fro, 4), label="‖A‖_F",
                   mistakes=number_mistakes(fro, [
                       (fro2, f"That is ‖A‖_F² = {fro2}; take the square root."),
                       (sum(abs(v) for v in entries), "That is the sum of absolute entries; the Frobenius "
                                                      "norm squares the entries, sums, then takes √."),
                       (max(abs(v) for v in entries), "That is the largest entry; the Frobenius norm uses all entries."),
                   ])),
    )
    return Variant(
        prompt=prompt,
        answer=AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts),
        steps=steps,
        hints=[
            "‖x‖₁ = Σ|xᵢ|, ‖x‖₂ = √(Σxᵢ²), ‖x‖∞ = max|xᵢ|; ‖A‖_F = √(Σᵢⱼ Aᵢⱼ²) treats A as one long vector.",
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
