"""Matrix–matrix product entries: Cᵢⱼ = row i of A · column j of B (000 §A.5; 002 §2.1)."""

import random

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.formatting import tex_matrix, tex_num, tex_term, tex_tuple, vec
from tutor.core.problems import Step, Template, Variant

SIZES = ((2, 2, 2), (2, 2, 2), (2, 2, 2), (2, 3, 2), (3, 2, 2), (2, 2, 3), (3, 2, 3))
SUB = "₁₂₃₄₅₆₇₈₉"


def _mat(rows) -> str:
    return "[" + ", ".join(vec(r) for r in rows) + "]"


def _matmul(A, B):
    n, k = len(B), len(B[0])
    return [[sum(A[i][p] * B[p][j] for p in range(n)) for j in range(k)] for i in range(len(A))]


def _transpose(M):
    return [list(col) for col in zip(*M, strict=True)]


def _sign_slip(a: int, b: int) -> int:
    """The product as a learner gets it who thinks two negatives give a negative."""
    return -(a * b) if a < 0 and b < 0 else a * b


def draw(rng: random.Random) -> dict:
    m, n, k = rng.choice(SIZES)
    while True:
        A = tuple(tuple(rng.randint(-3, 5) for _ in range(n)) for _ in range(m))
        B = tuple(tuple(rng.randint(-3, 5) for _ in range(k)) for _ in range(n))
        C = _matmul(A, B)
        nonzero = all(any(r) for r in A) and all(any(c) for c in _transpose(B))
        if nonzero and _transpose(C) != C and len({v for r in C for v in r}) > 1:
            return {"A": A, "B": B}


def build(A, B) -> Variant:
    m, n, k = len(A), len(B), len(B[0])
    C = _matmul(A, B)
    cols = _transpose(B)
    answer = _mat(C)
    cdot = r"\cdot"
    steps = [
        Step(
            rf"A is ${m} \times {n}$ and B is ${n} \times {k}$: the inner sizes agree (${n} = {n}$), "
            rf"so $C = AB$ is ${m} \times {k}$.",
            "Shape",
        ),
        Step(r"$C_{ij} = {\textstyle \sum_p A_{ip} B_{pj}}$: (row i of A) · (column j of B), with rows and "
             "columns counted from 1.", "Row times column"),
    ]
    for i in range(m):
        lines = []
        for j in range(k):
            terms = " + ".join(f"{tex_term(a)} {cdot} {tex_term(b)}" for a, b in zip(A[i], cols[j], strict=True))
            prods = " + ".join(tex_term(a * b) for a, b in zip(A[i], cols[j], strict=True))
            lines.append(
                f"(row {i + 1} of A) · (column {j + 1} of B): "
                rf"$C_{{{i + 1}{j + 1}}} = {tex_tuple(A[i])} \cdot {tex_tuple(cols[j])} = {terms} = {prods} = {tex_num(C[i][j])}$"
            )
        steps.append(Step("\n".join(lines), f"Row {i + 1} of C"))
    steps.append(Step(f"$C = AB = {tex_matrix(C)}$", "Result"))
    candidates = []
    if m == n == k:
        candidates.append((
            _matmul(B, A),
            "That is B·A: matrix multiplication is not commutative. Cᵢⱼ takes row i "
            "of A (the left factor) with column j of B.",
        ))
    if (m, n) == (n, k):
        candidates.append((
            [[A[i][j] * B[i][j] for j in range(k)] for i in range(m)],
            "You multiplied entry by entry (the Hadamard product A⊙B). The matrix product "
            "sums row-times-column products.",
        ))
    if n == k:
        candidates.append((
            [[sum(A[i][p] * B[j][p] for p in range(n)) for j in range(len(B))] for i in range(m)],
            "You dotted rows of A with rows of B (that is A·Bᵀ). Use the columns of B: "
            "Cᵢⱼ = row i of A · column j of B.",
        ))
    if m == n:
        candidates.append((
            _matmul(_transpose(A), B),
            "That is Aᵀ·B: you dotted the columns of A with the columns of B. "
            "Cᵢⱼ takes row i of A with column j of B.",
        ))
    candidates.append((
        [[sum(_sign_slip(A[i][p], B[p][j]) for p in range(n)) for j in range(k)] for i in range(m)],
        "Check the signs of the products: a negative times a negative is positive, "
        "(−a)·(−b) = +a·b.",
    ))
    candidates.append((
        _transpose(C),
        "You gave the transpose: the dot product of row i of A with column j of B "
        "goes in row i, column j.",
    ))
    mistakes, seen = [], [C]
    for values, explanation in candidates:
        if values not in seen:
            seen.append(values)
            mistakes.append(Mistake(_mat(values), explanation))
    spec = AnswerSpec(kind="matrix", expected=answer, integer=True, mistakes=tuple(mistakes))
    prompt = (
        rf"$A = {tex_matrix(A)}$ (${m} \times {n}$) and $B = {tex_matrix(B)}$ (${n} \times {k}$)." "\n"
        "Compute $C = AB$. Give the matrix row by row, like [[1, 2], [3, 4]].\n"
        + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[
            r"$C_{ij}$ is the dot product of row i of A with column j of B; "
            rf"a $({m} \times {n}) \cdot ({n} \times {k})$ product is ${m} \times {k}$.",
        ],
    )


TEMPLATES = [
    Template(
        id="matrices.matmul_entries",
        title="Matrix–matrix product entries",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("matrices.matvec",),
        difficulty=1,
        seed_params={"A": ((1, 2), (3, 4)), "B": ((5, 6), (7, 8))},
        source="000 §A.5; 002 §2.1",
    )
]
