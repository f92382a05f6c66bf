"""Outer product u·vᵀ: an (m × 1)·(1 × k) product, shape and entries, rank 1 (000 §A.5, view 2)."""

import random

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import shape, tex_matrix, tex_term, tex_tuple, vec
from tutor.core.problems import Step, Template, Variant

UV = r"(u v^\top)"


def _mat(rows) -> str:
    return "[" + ", ".join(vec(r) for r in rows) + "]"


def _row(values) -> str:
    """A row vector in a formula: a one-row matrix."""
    return tex_matrix([values])


def draw(rng: random.Random) -> dict:
    m = rng.choice([2, 2, 3, 3, 4])
    k = rng.choice([2, 3, 3])
    while True:
        u = tuple(rng.randint(-3, 4) for _ in range(m))
        v = tuple(rng.randint(-3, 5) for _ in range(k))
        # no zero vectors, and at least two distinct nonzero entries, so the matrix is not trivial
        if sum(a != 0 for a in u) >= 2 and sum(b != 0 for b in v) >= 2 and len(set(u)) > 1:
            return {"u": u, "v": v}


def build(u, v) -> Variant:
    m, k = len(u), len(v)
    M = [[a * b for b in v] for a in u]
    answer_matrix = _mat(M)
    steps = [
        Step(
            rf"u is a column (${m} \times 1$) and $v^\top$ is a row ($1 \times {k}$): "
            rf"$({m} \times 1) \cdot (1 \times {k}) = {m} \times {k}$. "
            "The inner size is 1, so each entry is a single product: no sum.",
            "Shape",
        ),
        Step(rf"${UV}_{{ij}} = u_i v_j$: row i is $u_i$ times the row $v^\top$.", "Entries"),
        Step(
            "\n".join(
                rf"row {i + 1}: ${tex_term(a)} \cdot {_row(v)} = {_row(M[i])}$" for i, a in enumerate(u)
            ),
            "Row by row",
        ),
        Step(f"$u v^\\top = {tex_matrix(M)}$", "Result"),
        Step(
            rf"Every row is a multiple of $v^\top = {_row(v)}$ (and every column a multiple of u), so "
            "the columns span a single direction: the rank is 1. Any rank-r matrix is a sum of "
            "r such outer products (the idea behind SVD and LoRA).",
            "Rank",
        ),
    ]
    shape_mistakes = [
        Mistake(shape((1, 1)), "(1 × m)·(m × 1) = 1×1 is the inner product uᵀ·v (a dot "
                               "product). The outer product is a column times a row."),
    ]
    if m != k:
        shape_mistakes.append(Mistake(shape((k, m)), "That is the shape of v·uᵀ: the rows come "
                                                     f"from u ({m} entries), the columns from v ({k})."))
    matrix_mistakes, seen = [], [M]
    transposed = [list(r) for r in zip(*M, strict=True)]
    for values, text in (
        (transposed, "That is v·uᵀ, the transpose: row i of u·vᵀ is uᵢ times vᵀ."),
        ([[a + b for b in v] for a in u], "You added uᵢ + vⱼ; each entry of u·vᵀ is the "
                                          "product uᵢ·vⱼ."),
        ([[-(a * b) if a < 0 and b < 0 else a * b for b in v] for a in u],
         "Check the signs: a negative times a negative is positive, (−a)·(−b) = +a·b."),
    ):
        if values not in seen:
            seen.append(values)
            matrix_mistakes.append(Mistake(_mat(values), text))
    rank_spec = with_mistakes(
        AnswerSpec(kind="integer", expected="1", label="the rank"),
        [
            (min(m, k), f"A {m}×{k} matrix can have rank up to {min(m, k)}, but every row of "
                        "u·vᵀ is a multiple of vᵀ: the rank is 1."),
            (0, "The rank is 0 only for the zero matrix; u and v are nonzero, so u·vᵀ has rank 1."),
            (m, f"The rank is not the number of rows ({m}): it counts independent rows, and every "
                "row of u·vᵀ is a multiple of vᵀ, so the rank is 1."),
        ],
    )
    parts = (
        AnswerSpec(kind="shape", expected=shape((m, k)), label="the shape",
                   mistakes=tuple(shape_mistakes)),
        AnswerSpec(kind="matrix", expected=answer_matrix, label="u·vᵀ", integer=True,
                   mistakes=tuple(matrix_mistakes)),
        rank_spec,
    )
    spec = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    prompt = (
        f"$u = {tex_tuple(u)}$ and $v = {tex_tuple(v)}$. Compute the outer product $u v^\\top$ "
        "(u as a column, $v^\\top$ as a row).\n"
        "Give, separated by ';': its shape; the matrix row by row, like [[1, 2], [3, 4]]; "
        "its rank.\n" + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[r"$u v^\top$ is $(m \times 1) \cdot (1 \times k) = m \times k$ with entries "
               rf"${UV}_{{ij}} = u_i v_j$: row i is $u_i$ times $v^\top$."],
    )


TEMPLATES = [
    Template(
        id="matrices.outer_product",
        title="Outer product u·vᵀ",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("matrices.matmul_shapes",),
        difficulty=1,
        seed_params={"u": (1, 3), "v": (5, 6)},
        source="000 §A.5",
    )
]
