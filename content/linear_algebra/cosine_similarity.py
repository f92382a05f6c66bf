"""Cosine similarity of two vectors (000 §A.3, §D.1)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import sqrt_text, with_mistakes
from tutor.core.formatting import exact_text, num, pretty, signed, tup
from tutor.core.problems import Figure, Step, Template, Variant


def draw(rng: random.Random) -> dict:
    dim = rng.choice([2, 2, 3])
    while True:
        a = tuple(rng.randint(-5, 6) for _ in range(dim))
        b = tuple(rng.randint(-5, 6) for _ in range(dim))
        if any(a) and any(b) and a != b:
            return {"a": a, "b": b}


def _dot_text(a, b) -> str:
    return " + ".join(f"{signed(x)}·{signed(y)}" for x, y in zip(a, b, strict=True))


def _exact_cosine(dot: int, product: int) -> str:
    """a·b / √(‖a‖²·‖b‖²) exactly: a fraction when the root is whole, else dot/sqrt(product)."""
    root = math.isqrt(product)
    if root * root == product:
        return exact_text(Fraction(dot, root))
    return f"{dot}/sqrt({product})"


def build(a, b) -> Variant:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na2, nb2 = sum(x * x for x in a), sum(y * y for y in b)
    cos = dot / math.sqrt(na2 * nb2)
    angle = math.degrees(math.acos(max(-1.0, min(1.0, cos))))
    spec = AnswerSpec(kind="number", expected=_exact_cosine(dot, na2 * nb2), sig_figs=4, label="cos θ")
    spec = with_mistakes(spec, [
        (dot, "That is the dot product a·b. Cosine similarity divides it by ‖a‖·‖b‖."),
        (Fraction(dot, na2), "You divided by ‖a‖² only; divide by the product of both lengths ‖a‖·‖b‖."),
        (Fraction(dot, na2 * nb2), "You divided by ‖a‖²·‖b‖²; the lengths are square roots of those sums."),
        (dot / (math.sqrt(na2) + math.sqrt(nb2)),
         "You divided by the sum of the lengths ‖a‖ + ‖b‖; cosine similarity divides by their product ‖a‖·‖b‖."),
        (-cos, "Check the sign: a negative dot product gives a negative cosine, and vice versa."),
        (angle, "That is the angle θ in degrees; the question asks for cos θ."),
        (math.radians(angle), "That is the angle θ in radians, arccos of the answer; the question asks for cos θ itself."),
    ])
    answer = canonical_answer(spec)
    root = math.isqrt(na2 * nb2)
    if dot == 0:
        value = "= 0"
    elif root * root == na2 * nb2:
        quotient = Fraction(dot, root)
        shown = rf"\frac{{{quotient.numerator}}}{{{quotient.denominator}}}" if quotient.denominator != 1 else str(quotient)
        exact_decimal = Fraction(answer) == quotient
        relation = "=" if exact_decimal else r"\approx"
        value = f"= {shown} {relation} {num(quotient, 12) if exact_decimal else answer}"
    else:
        value = rf"\approx {num(cos, 8)} \approx {answer}"
    prompt = (
        f"Compute the cosine similarity of a = {pretty(tup(a))} and b = {pretty(tup(b))}.\n"
        f"{precision_sentence(spec)} An exact value such as 1/sqrt(2) is also accepted."
    )
    steps = [
        Step(f"a·b = {_dot_text(a, b)} = {pretty(num(dot))}", "Dot product"),
        Step(
            f"‖a‖ = √({' + '.join(f'{signed(x)}²' for x in a)}) = {sqrt_text(na2)}\n"
            f"‖b‖ = √({' + '.join(f'{signed(y)}²' for y in b)}) = {sqrt_text(nb2)}",
            "Lengths",
        ),
        Step(
            rf"$\cos\theta = \frac{{a \cdot b}}{{\|a\|\,\|b\|}} = \frac{{{dot}}}{{\sqrt{{{na2} \cdot {nb2}}}}}"
            rf" = \frac{{{dot}}}{{\sqrt{{{na2 * nb2}}}}} {value}$",
            "Divide",
        ),
        Step(
            ("θ = arccos(0) = 90°: they are perpendicular." if dot == 0 else
             f"θ = arccos(cos θ) {'=' if abs(angle - round(angle)) < 1e-9 else '≈'} {num(angle, 2)}°: "
             + ("the vectors point in similar directions." if cos > 0.5 else
                "they point in opposite directions." if cos < -0.5 else
                "they are far from parallel.")),
            "Sanity check",
        ),
    ]
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[r"$\cos\theta = \frac{a \cdot b}{\|a\|\,\|b\|}$: the dot product divided by the product "
               "of the lengths."],
        figure=Figure("vectors", {"vectors": {"a": list(a), "b": list(b)}, "angle_deg": angle}),
    )


TEMPLATES = [
    Template(
        id="cosine.two_vectors",
        title="Cosine similarity of two vectors",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("vectors.dot_product", "vectors.magnitude_unit"),
        difficulty=2,
        seed_params={"a": (3, 4), "b": (4, 3)},
        source="000 §A.3, §D.1",
    )
]
