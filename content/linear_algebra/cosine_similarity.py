"""Cosine similarity of two vectors (000 §A.3, §D.1)."""

import math
import random

from tutor.core.answers import AnswerSpec
from tutor.core.authoring import number_mistakes, sqrt_text
from tutor.core.formatting import num, pretty, signed, tup
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


def build(a, b) -> Variant:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na2, nb2 = sum(x * x for x in a), sum(y * y for y in b)
    cos = dot / math.sqrt(na2 * nb2)
    angle = math.degrees(math.acos(max(-1.0, min(1.0, cos))))
    answer = num(cos, 4)
    prompt = (
        f"Compute the cosine similarity of a = {pretty(tup(a))} and b = {pretty(tup(b))}.\n"
        "Give a decimal (3 or more significant figures) or an exact value."
    )
    steps = [
        Step(f"a·b = {_dot_text(a, b)} = {pretty(num(dot))}", "Dot product"),
        Step(
            f"‖a‖ = √({' + '.join(f'{signed(x)}²' for x in a)}) = {sqrt_text(na2)}\n"
            f"‖b‖ = √({' + '.join(f'{signed(y)}²' for y in b)}) = {sqrt_text(nb2)}",
            "Lengths",
        ),
        Step(
            f"cos θ = a·b / (‖a‖·‖b‖) = {pretty(num(dot))} / √({na2}·{nb2}) = {pretty(num(dot))} / "
            f"√{na2 * nb2} ≈ {pretty(answer)}",
            "Divide",
        ),
        Step(
            f"θ = arccos({pretty(answer)}) ≈ {num(angle, 2)}°: "
            + ("the vectors point in similar directions." if cos > 0.5 else
               "they are perpendicular." if abs(cos) < 1e-12 else
               "they point in opposite directions." if cos < -0.5 else
               "they are far from parallel."),
            "Sanity check",
        ),
    ]
    mistakes = number_mistakes(cos, [
        (dot, "That is the dot product a·b. Cosine similarity divides it by ‖a‖·‖b‖."),
        (dot / na2, "You divided by ‖a‖² only; divide by the product of both lengths ‖a‖·‖b‖."),
        (dot / (na2 * nb2), "You divided by ‖a‖²·‖b‖²; the lengths are square roots of those sums."),
        (-cos, "Check the sign: a negative dot product gives a negative cosine, and vice versa."),
        (angle, "That is the angle θ in degrees; the question asks for cos θ."),
    ])
    return Variant(
        prompt=prompt,
        answer=AnswerSpec(kind="number", expected=answer, mistakes=mistakes),
        steps=steps,
        hints=["cos θ = a·b / (‖a‖·‖b‖): the dot product divided by the product of the lengths."],
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
