"""Vector addition and scalar multiples: c·a + d·b componentwise (000 §A.2)."""

import random

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.formatting import pretty, signed, tex_num, tex_term, tex_tuple, tup, vec
from tutor.core.problems import Figure, Step, Template, Variant

COEFFICIENTS = (-3, -2, -1, 2, 3, 4)


def draw(rng: random.Random) -> dict:
    dim = rng.choice([2, 2, 3])
    while True:
        a = tuple(rng.randint(-5, 5) for _ in range(dim))
        b = tuple(rng.randint(-5, 5) for _ in range(dim))
        c, d = rng.choice([1, 2, 2, 3, -1, -2]), rng.choice(COEFFICIENTS)
        if any(a) and any(b) and a != b and c != d:
            return {"a": a, "b": b, "c": c, "d": d}


def _combo_text(c, d) -> str:
    """'2a − 3b', 'a + 4b', '−a − b'."""
    def term(k, name, first):
        sign = ("−" if k < 0 else "") if first else (" − " if k < 0 else " + ")
        size = abs(k)
        return f"{sign}{'' if size == 1 else size}{name}"

    return term(c, "a", True) + term(d, "b", False)


def _combo_latex(c, d) -> str:
    """'2a - 3b', 'a + 4b', '-a - b' in a formula."""
    def term(k, name, first):
        sign = ("-" if k < 0 else "") if first else (" - " if k < 0 else " + ")
        size = abs(k)
        return f"{sign}{'' if size == 1 else size}{name}"

    return term(c, "a", True) + term(d, "b", False)


def build(a, b, c, d) -> Variant:
    ca = tuple(c * x for x in a)
    db = tuple(d * y for y in b)
    result = tuple(x + y for x, y in zip(ca, db, strict=True))
    combo = _combo_text(c, d)
    n = len(a)
    tex = _combo_latex(c, d)
    per_entry = "\n".join(
        rf"entry {i + 1}: ${tex_term(c)} \cdot {tex_term(x)} + {tex_term(d)} \cdot {tex_term(y)} = {tex_term(p)} + {tex_term(q)} = {tex_num(r)}$"
        for i, (x, y, p, q, r) in enumerate(zip(a, b, ca, db, result, strict=True))
    )
    steps = [
        Step(
            rf"${tex} = {tex_term(c)} \cdot a + {tex_term(d)} \cdot b$ (subtracting is adding a negative multiple). "
            rf"Scalar multiplication scales every entry: ${tex_term(c)} \cdot a = {tex_tuple(ca)}$ and "
            rf"${tex_term(d)} \cdot b = {tex_tuple(db)}$.",
            "Scale",
        ),
        Step("Addition is componentwise:\n" + per_entry, "Add"),
        Step(
            f"${tex} = {tex_tuple(result)}$. Geometrically: scale the arrow a by {pretty(str(c))} and "
            f"the arrow b by {pretty(str(d))} (a negative factor flips an arrow), then place them head to tail.",
            "Result",
        ),
    ]
    candidates = [
        (tuple(x - y for x, y in zip(ca, db, strict=True)),
         f"Check the sign of the b term: {combo} adds {signed(d)}·b = {pretty(tup(db))}."),
        (tuple(p + (y if d > 0 else -y) for p, y in zip(ca, b, strict=True)),
         f"You added {'' if d > 0 else '−'}b without its factor: scale it first, {signed(d)}·b = {pretty(tup(db))}."),
        (tuple((x if c > 0 else -x) + q for x, q in zip(a, db, strict=True)),
         f"You used {'' if c > 0 else '−'}a without its factor: scale it first, {signed(c)}·a = {pretty(tup(ca))}."),
        (tuple(d * x + c * y for x, y in zip(a, b, strict=True)),
         f"The coefficients are swapped: {pretty(str(c))} multiplies a and {pretty(str(d))} multiplies b."),
        (tuple((x if c > 0 else -x) + (y if d > 0 else -y) for x, y in zip(a, b, strict=True)),
         f"You left out both factors: scale a by {pretty(str(c))} and b by {pretty(str(d))} "
         "before adding entry by entry."),
        (tuple(c * d * (x + y) for x, y in zip(a, b, strict=True)),
         f"Each factor scales only its own vector: {combo} is {signed(c)}·a + {signed(d)}·b, "
         f"not {pretty(str(c * d))}·(a + b)."),
    ]
    mistakes: list[Mistake] = []
    seen = {result}
    for values, explanation in candidates:
        if values not in seen:
            seen.add(values)
            mistakes.append(Mistake(vec(values), explanation))
    spec = AnswerSpec(kind="vector", expected=vec(result), integer=True, mistakes=tuple(mistakes))
    prompt = (
        f"Let $a = {tex_tuple(a)}$ and $b = {tex_tuple(b)}$.\n"
        f"Compute the vector ${tex}$. Write it in square brackets with {n} entries, like [x, y"
        + (", z]. " if n == 3 else "]. ") + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[
            r"$c \cdot (a_{1}, a_{2}) = (c\,a_{1}, c\,a_{2})$ and "
            r"$(a_{1}, a_{2}) + (b_{1}, b_{2}) = (a_{1} + b_{1}, a_{2} + b_{2})$: "
            "scale each vector, then add entry by entry.",
        ],
        figure=(
            Figure("vectors", {"vectors": {"a": list(a), "b": list(b), combo: list(result)},
                               "sum_of": [[c, "a"], [d, "b"]]}, placement="solution")
        ),
    )


TEMPLATES = [
    Template(
        id="vectors.add_scale",
        title="Vector addition and scalar multiples",
        topic="linear algebra",
        draw=draw,
        build=build,
        difficulty=1,
        # §A.2 has no numeric instance; the vectors of §D.1 with 2a − 3b: (6, 8) − (12, 9) = (−6, −1)
        seed_params={"a": (3, 4), "b": (4, 3), "c": 2, "d": -3},
        source="000 §A.2",
    )
]
