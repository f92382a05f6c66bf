"""Matrix–vector product y = W·x, one row at a time (004 §3.1; 002 §2.1)."""

import random

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.formatting import shape, signed, tex_matrix, tex_num, tex_term, tex_tuple, vec
from tutor.core.problems import Step, Template, Variant


def _mat(rows) -> str:
    return "[" + ", ".join(vec(r) for r in rows) + "]"


def draw(rng: random.Random) -> dict:
    m = rng.choice([2, 3, 3, 4])
    n = rng.choice([2, 2, 3])
    while True:
        W = tuple(tuple(rng.randint(-3, 4) for _ in range(n)) for _ in range(m))
        x = tuple(rng.choice([-3, -2, -1, 1, 2, 3, 4]) for _ in range(n))
        rows_ok = all(any(r) for r in W)
        cols_ok = all(any(r[j] for r in W) for j in range(n))
        if rows_ok and cols_ok and len(set(W)) == m and any(v != 1 for v in x):
            return {"W": W, "x": x}


def _dot_text(row, x) -> str:
    return " + ".join(f"{signed(w)}·{signed(v)}" for w, v in zip(row, x, strict=True))


def _shape_tex(dims) -> str:
    """A shape as PyTorch prints it, in a formula: (4, 16), (16{,})."""
    return f"({dims[0]}{{,}})" if len(dims) == 1 else shape(dims)


def _column(values) -> str:
    """A column vector in a formula."""
    return tex_matrix([[v] for v in values])


def _sign_slip(w: int, v: int) -> int:
    """The product as a learner gets it who thinks two negatives give a negative."""
    return -(w * v) if w < 0 and v < 0 else w * v


def build(W, x) -> Variant:
    m, n = len(W), len(x)
    y = [sum(w * v for w, v in zip(row, x, strict=True)) for row in W]
    answer = vec(y)
    cdot = r"\cdot"
    steps = [
        Step(
            rf"W is ${m} \times {n}$ and x has {n} entries: ${_shape_tex((m, n))} \cdot {_shape_tex((n,))} \to {_shape_tex((m,))}$. "
            f"The inner sizes agree (${n} = {n}$), and y has one entry per row of W: {m} entries.",
            "Shapes",
        ),
    ]
    for i, row in enumerate(W):
        terms = " + ".join(f"{tex_term(w)} {cdot} {tex_term(v)}" for w, v in zip(row, x, strict=True))
        steps.append(
            Step(
                f"Row {i + 1} of W times x: "
                rf"$y_{{{i + 1}}} = {tex_tuple(row)} \cdot {tex_tuple(x)} = {terms} = {tex_num(y[i])}$",
                f"Output {i + 1}",
            )
        )
    steps.append(
        Step(
            f"$y = Wx = {_column(y)}$. Each row of W is a learned detector: entry i says how much x matches row i.",
            "Result",
        )
    )
    candidates = [
        (
            [sum(row) for row in W],
            "You added up each row of W without multiplying by x: each output is the dot "
            "product of a row with x, Σⱼ Wᵢⱼ·xⱼ.",
        ),
        (
            [W[i][0] * x[0] for i in range(m)],
            "You only used the first column: the dot product sums the products over every "
            "position of the row.",
        ),
    ]
    slipped = [sum(_sign_slip(w, v) for w, v in zip(row, x, strict=True)) for row in W]
    candidates.append((
        slipped,
        "Check the signs of the products: a negative times a negative is positive, "
        "(−a)·(−b) = +a·b.",
    ))
    if m == n:
        candidates.insert(
            0,
            (
                [sum(W[i][j] * x[i] for i in range(m)) for j in range(n)],
                "You dotted x with the columns of W (that is Wᵀ·x, or x·W). Output i uses "
                "row i of W: yᵢ = Σⱼ Wᵢⱼ·xⱼ.",
            ),
        )
    mistakes, seen = [], {tuple(y)}
    for values, explanation in candidates:
        if tuple(values) not in seen and list(values) != y[::-1]:
            seen.add(tuple(values))
            mistakes.append(Mistake(vec(values), explanation))
    spec = AnswerSpec(kind="vector", expected=answer, integer=True, mistakes=tuple(mistakes))
    prompt = (
        f"A layer has weight matrix $W = {tex_matrix(W)}$ ({m} rows, {n} columns) and input "
        f"$x = {_column(x)}$.\n"
        "Compute $y = Wx$. Give the vector in square brackets, like [1, 2, 3].\n"
        + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[
            r"Output i is the dot product of row i of W with x: $y_i = {\textstyle \sum_j W_{ij} x_j}$. "
            f"W has {m} rows, so y has {m} entries.",
        ],
    )


TEMPLATES = [
    Template(
        id="matrices.matvec",
        title="Matrix–vector product",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("vectors.dot_product",),
        difficulty=1,
        seed_params={"W": ((1, 0), (2, 3), (0, 1)), "x": (1, 2)},
        source="004 §3.1; 002 §2.1",
    )
]
