"""A·x as a linear combination of the columns of A (000 §A.5, view 3)."""

import random

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.formatting import num, pretty, tex_matrix, tex_num, tex_tuple, vec
from tutor.core.problems import Figure, Step, Template, Variant

SUB = "₁₂₃₄"


def _column(values) -> str:
    """A column vector in a formula."""
    return tex_matrix([[v] for v in values])


def _v(values) -> str:
    """A vector for display, with typographic minus signs: [−2, 4]."""
    return pretty(vec(values))


def _cols(A):
    return [list(c) for c in zip(*A, strict=True)]


def draw(rng: random.Random) -> dict:
    m = rng.choice([2, 2, 3])
    n = rng.choice([2, 2, 3])
    while True:
        A = tuple(tuple(rng.randint(-2, 5) for _ in range(n)) for _ in range(m))
        x = tuple(rng.choice([-3, -2, -1, 2, 3, 4]) for _ in range(n))
        cols = _cols(A)
        rows_differ = m != n or any(A[i][j] != A[j][i] for i in range(m) for j in range(n))
        if all(any(c) for c in cols) and all(any(r) for r in A) and len({tuple(c) for c in cols}) == n and rows_differ:
            return {"A": A, "x": x}


def build(A, x) -> Variant:
    m, n = len(A), len(x)
    cols = _cols(A)
    scaled = [[x[j] * v for v in cols[j]] for j in range(n)]
    y = [sum(scaled[j][i] for j in range(n)) for i in range(m)]
    names = [f"a{SUB[j]}" for j in range(n)]
    xs = [f"x{SUB[j]}" for j in range(n)]
    combo = " + ".join(f"{xs[j]}·{names[j]}" for j in range(n))
    labels = [f"{xs[j]}·{names[j]}" for j in range(n)] + ["A·x"]
    tex_combo = " + ".join(f"x_{{{j + 1}}} a_{{{j + 1}}}" for j in range(n))
    tex_labels = [f"$x_{{{j + 1}}} a_{{{j + 1}}}$" for j in range(n)] + ["$Ax$"]
    cdot = r"\cdot"
    steps = [
        Step(
            f"$Ax = {tex_combo}$: the entries of x are the weights of A's columns.",
            "Column view",
        ),
        Step("\n".join(f"$a_{{{j + 1}}} = {_column(cols[j])}$" for j in range(n)), "Columns of A"),
        Step(
            "\n".join(
                f"$x_{{{j + 1}}} a_{{{j + 1}}} = {tex_num(x[j])} {_column(cols[j])} = {_column(scaled[j])}$"
                for j in range(n)
            ),
            "Scale each column",
        ),
        Step(
            "$Ax = " + " + ".join(_column(s) for s in scaled) + f" = {_column(y)}$",
            "Add them up",
        ),
        Step(
            "Row by row: "
            + ", ".join(
                f"${tex_tuple(A[i])} {cdot} {tex_tuple(x)} = {tex_num(y[i])}$" for i in range(m)
            )
            + ". Every $Ax$ is a combination of A's columns: that set is the column space of A.",
            "Check",
        ),
    ]
    parts = []
    for j in range(n):
        row_j = [x[j] * v for v in A[j]] if j < m else None
        mistakes = []
        if row_j is not None and row_j != scaled[j] and m == n:
            mistakes.append(Mistake(
                vec(row_j),
                f"You scaled row {j + 1} of A; the combination uses column {j + 1}: "
                f"{names[j]} = {_v(cols[j])}.",
            ))
        if cols[j] != scaled[j] and cols[j] != row_j:
            mistakes.append(Mistake(
                vec(cols[j]),
                f"That is the column {names[j]} itself; multiply it by {xs[j]} = {pretty(num(x[j]))}.",
            ))
        other = (j + 1) % n  # the weight of the next column put on this one
        wrong_weight = [x[other] * v for v in cols[j]]
        if x[other] != x[j] and wrong_weight not in (row_j, cols[j]):
            mistakes.append(Mistake(
                vec(wrong_weight),
                f"You scaled {names[j]} by {xs[other]} = {pretty(num(x[other]))}; column j of A "
                f"takes the weight xⱼ, here {xs[j]} = {pretty(num(x[j]))}.",
            ))
        parts.append(AnswerSpec(kind="vector", expected=vec(scaled[j]), label=labels[j],
                                integer=True, mistakes=tuple(mistakes)))
    final_mistakes, seen = [], [y]
    candidates = []
    if m == n:
        candidates.append((
            [sum(x[i] * A[i][j] for i in range(m)) for j in range(n)],
            "You combined the rows of A (that is xᵀ·A = Aᵀ·x). A·x weights the columns: "
            f"A·x = {combo}.",
        ))
    candidates.append((
        [sum(c[i] for c in cols) for i in range(m)],
        "You added the columns without their weights: multiply column j by xⱼ first.",
    ))
    candidates.append((
        [sum(x[n - 1 - j] * cols[j][i] for j in range(n)) for i in range(m)],
        "You gave the weights to the wrong columns (x in reverse order): column j of A is "
        f"scaled by xⱼ, A·x = {combo}.",
    ))
    candidates.append((
        [sum(abs(x[j]) * cols[j][i] for j in range(n)) for i in range(m)],
        "You dropped the minus sign of a negative weight: a column scaled by a negative "
        "xⱼ points the other way.",
    ))
    for values, explanation in candidates:
        if values not in seen:
            seen.append(values)
            final_mistakes.append(Mistake(vec(values), explanation))
    parts.append(AnswerSpec(kind="vector", expected=vec(y), label="A·x", integer=True,
                            mistakes=tuple(final_mistakes)))
    spec = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=tuple(parts))
    prompt = (
        f"$A = {tex_matrix(A)}$ and $x = {_column(x)}$.\n"
        f"Write $Ax$ as a combination of the columns of A: $Ax = {tex_combo}$, where $a_1$"
        f"{'' if n == 2 else ', $a_2$'} and $a_{n}$ are the columns of A.\n"
        "Give, separated by ';': " + "; ".join(tex_labels) + " (each as a vector like [1, 2]).\n"
        + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[f"$Ax = {tex_combo}$: scale column j of A by $x_j$, then add the scaled columns."],
        figure=Figure("vectors", {"vectors": {
            **{f"{xs[j]}·{names[j]}": scaled[j] for j in range(n)}, "A·x": y},
            "sum_of": [[1, f"{xs[j]}·{names[j]}"] for j in range(n)]}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="matrices.column_combination",
        title="A·x as a combination of columns",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("matrices.matvec", "vectors.add_scale"),
        difficulty=1,
        seed_params={"A": ((1, 2), (3, 4)), "x": (2, 3)},
        source="000 §A.5",
    )
]
