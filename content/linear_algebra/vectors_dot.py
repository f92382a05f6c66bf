"""The dot product: multiply aligned entries and sum (004 §3.1, 000 §A.2)."""

import random

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import pretty, tex_num, tex_term, tex_tuple
from tutor.core.problems import Figure, Step, Template, Variant


def draw(rng: random.Random) -> dict:
    dim = rng.choice([2, 3, 3, 4])
    while True:
        a = tuple(rng.randint(-4, 5) for _ in range(dim))
        b = tuple(rng.randint(-4, 5) for _ in range(dim))
        if any(a) and any(b):
            return {"a": a, "b": b}


def build(a, b) -> Variant:
    products = [x * y for x, y in zip(a, b, strict=True)]
    dot = sum(products)
    aligned = "\n".join(
        rf"position {i + 1}: ${tex_term(x)} \cdot {tex_term(y)} = {tex_num(p)}$"
        for i, (x, y, p) in enumerate(zip(a, b, products, strict=True))
    )
    if dot > 0:
        meaning = "positive: a and b point broadly the same way (angle below 90°)."
    elif dot < 0:
        meaning = "negative: a and b point broadly in opposite directions (angle above 90°)."
    else:
        meaning = "zero: a and b are perpendicular."
    steps = [
        Step("Align the vectors and multiply entry by entry:\n" + aligned, "Multiply"),
        Step(rf"$a \cdot b = {' + '.join(tex_term(p) for p in products)} = {tex_num(dot)}$", "Sum"),
        Step(rf"$a \cdot b = \|a\|\,\|b\| \cos\theta$, so the sign tells the direction: ${tex_num(dot)}$ is {meaning}",
             "Meaning"),
    ]
    spec = AnswerSpec(kind="integer", expected=str(dot), label="a·b")
    spec = with_mistakes(spec, [
        (sum(abs(p) for p in products),
         "Keep the signs: a product of a negative and a positive entry is negative, and it is "
         "subtracted in the sum."),
        (sum(x + y for x, y in zip(a, b, strict=True)),
         "You added the aligned entries; the dot product multiplies them, then sums the products."),
        (sum(a) * sum(b),
         "You multiplied the sums Σaᵢ·Σbᵢ; the dot product multiplies aligned entries first, then sums."),
        (sum(x * x for x in a) + sum(y * y for y in b),
         "You squared each vector's own entries; multiply a's entry by b's entry at the same position."),
        (sum(products[:-1]),
         f"You stopped one position early: a·b adds all {len(a)} products, the last one "
         f"({pretty(str(products[-1]))}) too."),
        (sum(x * y for x, y in zip(a, reversed(b), strict=True)),
         "You paired a's entries with b's in reverse order; multiply the entries at the same position "
         "(first with first, second with second, …)."),
    ])
    prompt = (
        f"Let $a = {tex_tuple(a)}$ and $b = {tex_tuple(b)}$.\n"
        rf"Compute the dot product $a \cdot b$. {precision_sentence(spec)}"
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[r"$a \cdot b = a_{1} b_{1} + a_{2} b_{2} + \cdots + a_{n} b_{n}$: multiply aligned entries, "
               "then add the products."],
        figure=Figure("vectors", {"vectors": {"a": list(a), "b": list(b)}}),
    )


TEMPLATES = [
    Template(
        id="vectors.dot_product",
        title="The dot product",
        topic="linear algebra",
        draw=draw,
        build=build,
        difficulty=1,
        seed_params={"a": (1, 2, 3), "b": (2, 0, 1)},  # 004 §3.1: 2 + 0 + 3 = 5
        source="004 §3.1; 000 §A.2",
    )
]
