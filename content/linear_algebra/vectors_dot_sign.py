"""The sign of a·b decides whether the angle is acute, right or obtuse (000 §A.2)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, Mistake
from tutor.core.formatting import num, pretty, tex_num, tex_term, tex_tuple
from tutor.core.problems import Figure, Step, Template, Variant

CHOICES = ("acute", "right", "obtuse")
CDOT = r"\cdot"


def _dot(a, b) -> int:
    return sum(x * y for x, y in zip(a, b, strict=True))


def _perpendicular(rng: random.Random, a: tuple[int, ...]) -> tuple[int, ...]:
    """A small non-zero integer vector with a·b = 0."""
    if len(a) == 2:
        g = math.gcd(*a)
        k = rng.choice([1, 1, 2, -1, -1, -2])
        return (-k * a[1] // g, k * a[0] // g)
    while True:
        c = tuple(rng.randint(-2, 2) for _ in range(3))
        b = (a[1] * c[2] - a[2] * c[1], a[2] * c[0] - a[0] * c[2], a[0] * c[1] - a[1] * c[0])
        if any(b):
            g = math.gcd(*b)
            b = tuple(x // g for x in b)
            if max(abs(x) for x in b) <= 9:
                return b


def draw(rng: random.Random) -> dict:
    answer = rng.choice(CHOICES)
    dim = rng.choice([2, 2, 3])
    while True:
        a = tuple(rng.randint(-5, 5) for _ in range(dim))
        if a.count(0) > 1:
            continue
        if answer == "right":
            b = _perpendicular(rng, a)
        else:
            b = tuple(rng.randint(-5, 5) for _ in range(dim))
        dot = _dot(a, b)
        if not any(b) or a == b or a.count(0) > 1 or b.count(0) > 1:
            continue
        if (answer == "right") == (dot == 0) and (answer != "obtuse" or dot < 0) and (
            answer != "acute" or dot > 0
        ):
            return {"a": a, "b": b}


def _check_text(dot: int, na2: int, nb2: int, cos: float, angle: float) -> str:
    """cos θ and θ, with "=" where they are exact (0 and 90°, 1/2 and 60°) and "≈" otherwise."""
    product = na2 * nb2
    root = math.isqrt(product)
    lengths = rf"\sqrt{{{na2}}} \cdot \sqrt{{{nb2}}}"
    if dot == 0:
        return rf"$\cos\theta = \frac{{0}}{{{lengths}}} = 0$, $\theta = 90^\circ$ ✓"
    exact = root * root == product and (Fraction(dot, root) * 10**4).denominator == 1
    whole = abs(angle - round(angle)) < 1e-9
    relation = "=" if exact else r"\approx"
    cos_text = f"{relation} {tex_num(cos, 4)}"
    angle_text = rf"\theta = {round(angle)}^\circ" if whole else rf"\theta \approx {num(angle, 1)}^\circ"
    return rf"$\cos\theta = \frac{{{dot}}}{{{lengths}}} {cos_text}$, ${angle_text}$ ✓"


def build(a, b) -> Variant:
    products = [x * y for x, y in zip(a, b, strict=True)]
    dot = sum(products)
    na2, nb2 = sum(x * x for x in a), sum(y * y for y in b)
    cos = dot / math.sqrt(na2 * nb2)
    angle = math.degrees(math.acos(max(-1.0, min(1.0, cos))))
    dot_text = pretty(str(dot))
    if dot > 0:
        answer, sign_text = "acute", rf"$a \cdot b = {tex_num(dot)} > 0$, so $\cos\theta > 0$ and $\theta < 90^\circ$: acute."
    elif dot < 0:
        answer, sign_text = ("obtuse",
                             rf"$a \cdot b = {tex_num(dot)} < 0$, so $\cos\theta < 0$ and $\theta > 90^\circ$: obtuse.")
    else:
        answer, sign_text = ("right", r"$a \cdot b = 0$, so $\cos\theta = 0$ and $\theta = 90^\circ$: "
                             "a right angle (perpendicular).")
    explanations = {
        "acute": (
            f"An acute angle needs a·b > 0, but a·b = {dot_text}."
            if dot < 0 else
            "A dot product of exactly 0 means cos θ = 0: the vectors are perpendicular, not acute."
        ),
        "right": (
            f"A right angle needs a·b = 0 exactly; here a·b = {dot_text}, so cos θ is not 0."
        ),
        "obtuse": (
            f"An obtuse angle needs a·b < 0, but a·b = {dot_text}."
            if dot > 0 else
            "A dot product of exactly 0 means cos θ = 0: the vectors are perpendicular, not obtuse."
        ),
    }
    mistakes = tuple(
        Mistake(choice, explanations[choice] + " Compute a·b and look at its sign.")
        for choice in CHOICES if choice != answer
    )
    prompt = (
        f"Let $a = {tex_tuple(a)}$ and $b = {tex_tuple(b)}$.\n"
        "Is the angle between a and b acute, right or obtuse? "
        "Decide from the dot product. Answer acute, right or obtuse."
    )
    steps = [
        Step(
            rf"$a \cdot b = {' + '.join(f'{tex_term(x)} {CDOT} {tex_term(y)}' for x, y in zip(a, b, strict=True))}"
            f" = {' + '.join(tex_term(p) for p in products)} = {tex_num(dot)}$",
            "Dot product",
        ),
        Step(
            r"$a \cdot b = \|a\|\,\|b\| \cos\theta$ and the lengths are positive, so $a \cdot b$ has "
            r"the sign of $\cos\theta$. "
            + sign_text,
            "Sign",
        ),
        Step(_check_text(dot, na2, nb2, cos, angle), "Check"),
    ]
    return Variant(
        prompt=prompt,
        answer=AnswerSpec(kind="choice", expected=answer, choices=CHOICES, mistakes=mistakes),
        steps=steps,
        hints=[
            r"$a \cdot b = \|a\|\,\|b\| \cos\theta$: positive means acute, zero means right (perpendicular), "
            "negative means obtuse.",
        ],
        figure=(
            Figure("vectors", {"vectors": {"a": list(a), "b": list(b)}, "angle_deg": angle, "show_angle": True,
                               "note": f"a·b = {dot_text}: the angle is {answer}"},
                   placement="solution")
        ),
    )


TEMPLATES = [
    Template(
        id="vectors.dot_sign_angle",
        title="Dot-product sign: acute, right or obtuse angle",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("vectors.dot_product",),
        difficulty=1,
        # §A.2 states the rule without numbers; §A.3's pair (1, 0), (1, 1): a·b = 1 > 0, 45°
        seed_params={"a": (1, 0), "b": (1, 1)},
        source="000 §A.2",
    )
]
