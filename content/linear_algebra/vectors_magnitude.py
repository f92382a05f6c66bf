"""Magnitude of a vector and the unit vector in its direction (000 §A.1)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, Mistake
from tutor.core.authoring import number_mistakes, sqrt_text
from tutor.core.formatting import frac, num, pretty, signed, tup, vec
from tutor.core.problems import Figure, Step, Template, Variant

# Vectors with a whole-number length; draw() permutes them and flips signs.
SUB = "₁₂₃₄"
PYTHAGOREAN = ((3, 4), (6, 8), (5, 12), (8, 15), (1, 2, 2), (2, 3, 6), (2, 6, 9), (4, 4, 7), (1, 4, 8))


def draw(rng: random.Random) -> dict:
    if rng.random() < 0.5:
        base = list(rng.choice(PYTHAGOREAN))
        rng.shuffle(base)
        return {"v": tuple(x * rng.choice([1, -1]) for x in base)}
    dim = rng.choice([2, 2, 3])
    while True:
        v = tuple(rng.randint(-6, 6) for _ in range(dim))
        if sum(x * x for x in v) > 1:  # no zero vector, and not already a unit vector
            return {"v": v}


def _differs(a, b) -> bool:
    """Whether two vectors are told apart by the checker (some entry off by more than 2 %)."""
    return any(abs(x - y) > 0.02 * max(abs(y), 0.05) for x, y in zip(a, b, strict=True))


def vector_mistakes(expected, candidates) -> tuple[Mistake, ...]:
    kept: list[tuple[tuple[float, ...], Mistake]] = []
    for values, explanation in candidates:
        values = tuple(float(x) for x in values)
        if _differs(values, expected) and all(_differs(values, k) for k, _ in kept):
            kept.append((values, Mistake(vec(values), explanation)))
    return tuple(m for _, m in kept)


def build(v) -> Variant:
    n2 = sum(x * x for x in v)
    root = math.isqrt(n2)
    exact_norm = root * root == n2
    norm = math.sqrt(n2)
    unit = [x / norm for x in v]
    norm_text = num(norm, 4)
    l1 = sum(abs(x) for x in v)
    squares = " + ".join(f"{signed(x)}²" for x in v)
    sums = " + ".join(str(x * x) for x in v)
    if exact_norm:
        unit_exact = ", ".join(frac(Fraction(x, root)) for x in v)
        unit_step = f"û = v / ‖v‖ = {pretty(tup(v))} / {root} = ({pretty(unit_exact)}) = {pretty(tup(unit))}"
    else:
        unit_exact = ", ".join(f"{x}/√{n2}" if x else "0" for x in v)
        unit_step = f"û = v / ‖v‖ = {pretty(tup(v))} / √{n2} = ({pretty(unit_exact)}) ≈ {pretty(tup(unit))}"
    rounded = [num(u * u, 4) for u in unit]
    # the rounded squares add up to exactly 1 only sometimes (0.36 + 0.64); else write ≈
    check_sign = "=" if sum(Fraction(r) for r in rounded) == 1 else "≈"
    unit_sign = "=" if exact_norm and all(Fraction(num(u, 4)) * root == x for u, x in zip(unit, v, strict=True)) else "≈"
    prompt = (
        f"Let v = {pretty(tup(v))}.\n"
        "Give, separated by ';': the magnitude ‖v‖; the unit vector û in the direction of v, "
        f"written in square brackets [{', '.join(f'û{SUB[i]}' for i in range(len(v)))}].\n"
        "Decimals to 4 places, or exact values written with sqrt( )."
    )
    steps = [
        Step(
            f"‖v‖ = √({squares}) = √({sums}) = {sqrt_text(n2)}: "
            f"Pythagoras in {len(v)} dimensions.",
            "Magnitude",
        ),
        Step(unit_step + ": the same arrow scaled to length 1.", "Direction"),
        Step(
            f"‖û‖² = {' + '.join(rounded)} {check_sign} 1 ✓, and v = ‖v‖·û {unit_sign} {norm_text}·{pretty(tup(unit))}: "
            "magnitude times direction.",
            "Check",
        ),
    ]
    has_negative = any(x < 0 for x in v)
    parts = (
        AnswerSpec(
            kind="number",
            expected=norm_text,
            label="‖v‖",
            mistakes=number_mistakes(norm, [
                (n2, f"That is ‖v‖² = {n2}, the sum of the squares; take its square root."),
                (l1, f"That is the sum of the absolute entries ({l1}), the L1 norm; the length "
                     "squares the entries, adds them and takes the square root."),
                (sum(v), "You added the entries; the length squares them first (and takes a square root)."),
            ]),
        ),
        AnswerSpec(
            kind="vector",
            expected=vec(unit),
            label="unit vector û",
            mistakes=vector_mistakes(unit, [
                ([x / n2 for x in v], f"You divided by ‖v‖² = {n2}; divide each entry by ‖v‖ = {norm_text}."),
                ([x / l1 for x in v], f"You divided by the sum of the absolute entries ({l1}); "
                                      f"divide by the length ‖v‖ = {norm_text}."),
                ([abs(u) for u in unit] if has_negative else unit,
                 "Keep the signs: the unit vector points the same way as v, so its entries "
                 "have the same signs as v's."),
            ]),
        ),
    )
    return Variant(
        prompt=prompt,
        answer=AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts),
        steps=steps,
        hints=[
            "‖v‖ = √(v₁² + v₂² + …); the unit vector is v / ‖v‖, each entry divided by the length.",
        ],
        figure=Figure("vectors", {"vectors": {"v": list(v), "û": unit}}) if len(v) == 2 else None,
    )


TEMPLATES = [
    Template(
        id="vectors.magnitude_unit",
        title="Vector magnitude and unit vector",
        topic="linear algebra",
        draw=draw,
        build=build,
        difficulty=1,
        seed_params={"v": (3, 4)},  # 000 §A.1: √(9 + 16) = √25 = 5
        source="000 §A.1",
    )
]
