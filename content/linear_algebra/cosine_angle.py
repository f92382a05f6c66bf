"""Cosine similarity and the angle in degrees between two vectors (000 §A.3, §D.1)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, num, pretty, tex_num, tex_term, tex_tuple
from tutor.core.problems import Figure, Step, Template, Variant


def draw(rng: random.Random) -> dict:
    dim = rng.choice([2, 2, 2, 3])
    while True:
        a = tuple(rng.randint(-4, 5) for _ in range(dim))
        b = tuple(rng.randint(-4, 5) for _ in range(dim))
        if not any(a) or not any(b):
            continue
        dot = sum(x * y for x, y in zip(a, b, strict=True))
        na2, nb2 = sum(x * x for x in a), sum(y * y for y in b)
        if dot * dot != na2 * nb2:  # not parallel: the angle is neither 0° nor 180°
            return {"a": a, "b": b}


def _root(n: int) -> str:
    """√n simplified: √8 → 2√2, √9 → 3, √2 → √2."""
    k = max(d for d in range(1, math.isqrt(n) + 1) if n % (d * d) == 0)
    m = n // (k * k)
    if m == 1:
        return str(k)
    return f"√{m}" if k == 1 else f"{k}√{m}"


def _exact_cosine(dot: int, product: int) -> str:
    """a·b / √(‖a‖²·‖b‖²) exactly: a fraction when the root is whole, else dot/sqrt(product)."""
    root = math.isqrt(product)
    if root * root == product:
        return exact_text(Fraction(dot, root))
    return f"{dot}/sqrt({product})"


def _brace(text: str) -> str:
    """A number's text in a formula, braced when negative: {-0.1291}."""
    return f"{{{text}}}" if text.startswith("-") else text


def _root_tex(n: int) -> str:
    """√n simplified, in a formula: \\sqrt{8} → 2\\sqrt{2}, \\sqrt{9} → 3."""
    k = max(d for d in range(1, math.isqrt(n) + 1) if n % (d * d) == 0)
    m = n // (k * k)
    if m == 1:
        return str(k)
    return rf"\sqrt{{{m}}}" if k == 1 else rf"{k}\sqrt{{{m}}}"


def _sqrt_tex(n: int) -> str:
    """\\sqrt{25} = 5, or \\sqrt{13} \\approx 3.6056."""
    root = math.isqrt(n)
    if root * root == n:
        return rf"\sqrt{{{n}}} = {root}"
    return rf"\sqrt{{{n}}} \approx {num(math.sqrt(n))}"


def _about(degrees: float) -> str:
    """"= 90^\\circ" for a whole number of degrees (45°, 90°: exact directions), else "\\approx 36.87^\\circ"."""
    whole = round(degrees)
    return rf"= {whole}^\circ" if abs(degrees - whole) < 1e-9 else rf"\approx {num(degrees, 2)}^\circ"


def build(a, b) -> Variant:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na2, nb2 = sum(x * x for x in a), sum(y * y for y in b)
    cos = dot / math.sqrt(na2 * nb2)
    angle = math.degrees(math.acos(max(-1.0, min(1.0, cos))))
    whole_angle = abs(angle - round(angle)) < 1e-9  # 45°, 90°, 135°, 60° …: exactly
    radians = math.radians(angle)
    exact_cos = _exact_cosine(dot, na2 * nb2)
    cos_spec = with_mistakes(
        AnswerSpec(kind="number", expected=exact_cos, sig_figs=4, label="cos θ"), [
            (dot, "That is the dot product a·b. Cosine similarity divides it by ‖a‖·‖b‖."),
            (Fraction(dot, na2), "You divided by ‖a‖² only; divide by the product of both lengths ‖a‖·‖b‖."),
            (Fraction(dot, na2 * nb2), "You divided by ‖a‖²·‖b‖²; the lengths are square roots of those sums."),
            (dot / (math.sqrt(na2) + math.sqrt(nb2)),
             "You divided by the sum of the lengths ‖a‖ + ‖b‖; cosine similarity divides by their product."),
            (-cos, "Check the sign: cos θ has the sign of the dot product a·b."),
            (angle, "That is the angle θ; the first part asks for cos θ."),
        ])
    angle_spec = with_mistakes(
        AnswerSpec(kind="number", expected=str(round(angle)) if whole_angle else f"acos({exact_cos})*180/pi",
                   decimals=2, label="θ in degrees"), [
            (radians, f"That is θ in radians; in degrees θ = {num(radians, 4)}·180/π."),
            (180 - angle, "arccos of a positive cosine is below 90°, of a negative one above 90°: "
                          "check the sign of cos θ."),
            (90 - angle, "You took arcsin; the angle comes from arccos of the cosine similarity."),
            (cos, "That is cos θ; the angle is θ = arccos(cos θ), in degrees."),
            (360 - angle, "That is the long way round: the angle between two vectors is the smaller one, "
                          "between 0° and 180°, which is what arccos gives."),
        ])
    spec = AnswerSpec(kind="multi", parts=(cos_spec, angle_spec))
    cos_text, angle_text = canonical_answer(cos_spec), canonical_answer(angle_spec)
    prompt = (
        f"Let $a = {tex_tuple(a)}$ and $b = {tex_tuple(b)}$.\n"
        r"Give, separated by ';': the cosine similarity $\cos\theta$; the angle $\theta$ between a and b "
        "in degrees.\n"
        rf"{precision_sentence(spec)} An exact $\cos\theta$ such as 1/sqrt(2) is also accepted."
    )
    denominator = _root_tex(na2 * nb2)
    exact = tex_num(dot) if dot == 0 or denominator == "1" else rf"\frac{{{dot}}}{{{denominator}}}"
    if dot == 0:
        cos_value, angle_value = f"= {exact}", r"$\theta = \arccos(0) = 90^\circ$: the vectors are perpendicular."
    else:
        ratio = Fraction(dot, math.isqrt(na2 * nb2)) if denominator.isdigit() else None
        if ratio is not None and Fraction(cos_text) == ratio:
            cos_value = f"= {exact}" + ("" if exact == tex_num(ratio, 12) else f" = {tex_num(ratio, 12)}")
        else:
            cos_value = rf"= {exact} \approx {tex_num(cos, 8)} \approx {_brace(cos_text)}"
        angle_value = (
            rf"$\theta = \arccos\left({exact}\right) "
            + (rf"= {round(angle)}^\circ$" if whole_angle else
               rf"\approx {num(angle, 6)}^\circ \approx {angle_text}^\circ$")
            + (r" (arccos gives an angle between 0° and 180°; a negative cosine means $\theta > 90^\circ$)."
               if dot < 0 else ".")
        )
    cdot = r"\cdot"
    steps = [
        Step(
            rf"$a \cdot b = {' + '.join(f'{tex_term(x)} {cdot} {tex_term(y)}' for x, y in zip(a, b, strict=True))}"
            f" = {tex_num(dot)}$",
            "Dot product",
        ),
        Step(
            rf"$\|a\| = \sqrt{{{' + '.join(f'{tex_term(x)}^2' for x in a)}}} = {_sqrt_tex(na2)}$" "\n"
            rf"$\|b\| = \sqrt{{{' + '.join(f'{tex_term(y)}^2' for y in b)}}} = {_sqrt_tex(nb2)}$",
            "Lengths",
        ),
        Step(
            rf"$\cos\theta = \frac{{a \cdot b}}{{\|a\|\,\|b\|}} = \frac{{{dot}}}{{{_root_tex(na2)} \cdot {_root_tex(nb2)}}}"
            f" {cos_value}$",
            "Cosine similarity",
        ),
        Step(angle_value, "Angle"),
    ]
    if len(a) == 2:
        dir_a = math.degrees(math.atan2(a[1], a[0]))
        dir_b = math.degrees(math.atan2(b[1], b[0]))
        gap = abs(dir_a - dir_b)
        b_text = rf"{tex_num(dir_b, 2)}^\circ"
        b_text = f"({b_text})" if dir_b < 0 else b_text
        gap_text = rf"$\left|{tex_num(dir_a, 2)}^\circ - {b_text}\right| {_about(gap)}$"
        if gap > 180:
            gap_text += rf", the short way round $360^\circ - {num(gap, 2)}^\circ {_about(360 - gap)}$"
        steps.append(Step(
            f"a points at {pretty(num(dir_a, 2))}° from the x-axis and b at {pretty(num(dir_b, 2))}°; "
            f"the gap is {gap_text} ✓",
            "Sanity check",
        ))
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[r"$\cos\theta = \frac{a \cdot b}{\|a\|\,\|b\|}$, then $\theta = \arccos(\cos\theta)$; "
               "switch the calculator to degrees."],
        figure=(
            Figure("vectors", {"vectors": {"a": list(a), "b": list(b)}, "angle_deg": angle})
        ),
    )


TEMPLATES = [
    Template(
        id="cosine.angle",
        title="Cosine similarity and the angle in degrees",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("cosine.two_vectors",),
        difficulty=2,
        seed_params={"a": (1, 0), "b": (1, 1)},  # 000 §A.3: 1/√2 ≈ 0.7071, 45°
        source="000 §A.3, §D.1",
    )
]
