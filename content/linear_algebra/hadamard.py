"""The Hadamard (elementwise) product A ⊙ B, and how it differs from A·B (002 §2.1)."""

import random

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.formatting import tex_matrix, tex_num, tex_term
from tutor.core.problems import Step, Template, Variant


def draw(rng: random.Random) -> dict:
    story = rng.choice(["plain", "plain", "mask"])
    rows, cols = rng.choice([(2, 2), (2, 2), (2, 3), (3, 2)])
    while True:
        A = tuple(tuple(rng.randint(-4, 6) for _ in range(cols)) for _ in range(rows))
        if story == "mask":
            B = tuple(tuple(rng.choice([0, 1]) for _ in range(cols)) for _ in range(rows))
        else:
            B = tuple(tuple(rng.randint(-3, 5) for _ in range(cols)) for _ in range(rows))
        flat_a = [v for row in A for v in row]
        flat_b = [v for row in B for v in row]
        if flat_a.count(0) > 1 or (story == "plain" and flat_b.count(0) > 1):
            continue
        if story == "mask" and not (0 in flat_b and 1 in flat_b):
            continue
        return {"A": A, "B": B, "story": story}


def _mat(M) -> str:
    return "[" + ", ".join("[" + ", ".join(str(v) for v in row) + "]" for row in M) + "]"


def _pretty_mat(M) -> str:
    return _mat(M).replace("-", "−")


def build(A, B, story="plain") -> Variant:
    rows, cols = len(A), len(A[0])
    had = tuple(tuple(a * b for a, b in zip(ra, rb, strict=True)) for ra, rb in zip(A, B, strict=True))
    a_name, b_name = ("H", "M") if story == "mask" else ("A", "B")
    if story == "mask":
        intro = (
            f"A layer's activations $H = {tex_matrix(A)}$ go through a dropout mask $M = {tex_matrix(B)}$ "
            "(1 keeps an activation, 0 drops it).\n"
            r"Compute the masked activations $H \odot M$ (the Hadamard, or elementwise, product)."
        )
    else:
        intro = (
            f"Let $A = {tex_matrix(A)}$ and $B = {tex_matrix(B)}$.\n"
            r"Compute the Hadamard (elementwise) product $A \odot B$."
        )
    layout = ", ".join(f"[row {i + 1}]" for i in range(rows))
    size = rf"${rows} \times {cols}$"
    prompt = intro + f"\nWrite the {size} result row by row: [{layout}]. "
    cdot = r"\cdot"
    entries = "\n".join(
        f"row {i + 1}: " + ", ".join(f"${tex_term(a)} {cdot} {tex_term(b)} = {tex_num(p)}$" for a, b, p in zip(ra, rb, rp, strict=True))
        for i, (ra, rb, rp) in enumerate(zip(A, B, had, strict=True))
    )
    steps = [
        Step(
            rf"$({a_name} \odot {b_name})_{{ij}} = {a_name}_{{ij}} {b_name}_{{ij}}$: both matrices are {size} "
            "and the result has the same shape; multiply the entries that sit in the same place.",
            "Rule",
        ),
        Step(entries, "Entry by entry"),
        Step(rf"${a_name} \odot {b_name} = {tex_matrix(had)}$", "Result"),
    ]
    mistakes = []
    if story == "mask":
        steps.append(Step(
            "Where M is 0 the activation is zeroed, where M is 1 it passes unchanged: this is how dropout "
            r"and attention masks act. (Real dropout also rescales the kept entries by $\frac{1}{1 - p}$.)",
            "Meaning",
        ))
    product = None
    if rows == cols:
        product = tuple(
            tuple(sum(A[i][t] * B[t][j] for t in range(cols)) for j in range(cols)) for i in range(rows)
        )
        c00 = " + ".join(f"{tex_term(A[0][t])} {cdot} {tex_term(B[t][0])}" for t in range(cols))
        steps.append(Step(
            f"Compare the matrix product: $({a_name}{b_name})_{{11}}$ is row 1 · column 1, "
            f"${c00} = {tex_num(product[0][0])}$, "
            f"and ${a_name}{b_name} = {tex_matrix(product)}$ — a different matrix. "
            r"$\odot$ never mixes entries; the matrix product takes dot products of rows with columns.",
            "Not the matrix product",
        ))
    else:
        steps.append(Step(
            f"The matrix product ${a_name}{b_name}$ is not even defined here: "
            rf"$({rows} \times {cols}) \cdot ({rows} \times {cols})$ "
            rf"would need the inner sizes {cols} and {rows} to match. $\odot$ only needs equal shapes.",
            "Not the matrix product",
        ))
    candidates = []
    if product is not None:
        candidates.append((product, f"That is the matrix product {a_name}·{b_name} (rows times columns). The "
                                    f"Hadamard product multiplies matching entries: ({a_name} ⊙ {b_name})ᵢⱼ = "
                                    f"{a_name}ᵢⱼ·{b_name}ᵢⱼ."))
    candidates.append((
        tuple(tuple(a + b for a, b in zip(ra, rb, strict=True)) for ra, rb in zip(A, B, strict=True)),
        f"You added the entries; ⊙ multiplies each entry of {a_name} by the matching entry of {b_name}.",
    ))
    if story == "mask":
        candidates.append((
            tuple(tuple(a * (1 - b) for a, b in zip(ra, rb, strict=True)) for ra, rb in zip(A, B, strict=True)),
            "The mask keeps the activations where M is 1 and zeroes those where M is 0, not the other way round.",
        ))
    seen = {had}
    for values, explanation in candidates:
        if values not in seen:
            seen.add(values)
            mistakes.append(Mistake(_mat(values), explanation))
    spec = AnswerSpec(kind="matrix", expected=_mat(had), integer=True, mistakes=tuple(mistakes))
    return Variant(
        prompt=prompt + precision_sentence(spec),
        answer=spec,
        steps=steps,
        hints=[r"$(A \odot B)_{ij} = A_{ij} B_{ij}$: multiply entries in the same position; no sums of products."],
    )


TEMPLATES = [
    Template(
        id="matrices.hadamard",
        title="Hadamard (elementwise) product",
        topic="linear algebra",
        draw=draw,
        build=build,
        difficulty=1,
        # §2.1 names the operation without numbers; the matrices of 000 §A.5, whose matrix
        # product [[19, 22], [43, 50]] is the classic wrong answer: A ⊙ B = [[5, 12], [21, 32]]
        seed_params={"A": ((1, 2), (3, 4)), "B": ((5, 6), (7, 8)), "story": "plain"},
        source="002 §2.1",
    )
]
