"""Magnitude of a vector and the unit vector in its direction (000 §A.1)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import frac, num, pretty, tex_num, tex_term, tex_tuple
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


def _root_text(n: int) -> str:
    """√n exactly: "5" for 25, "sqrt(41)" otherwise (the engine reads both exactly)."""
    root = math.isqrt(n)
    return str(root) if root * root == n else f"sqrt({n})"


def _entry_text(x: int, n2: int, scale: int = 1) -> str:
    """The exact entry x / (scale·√n2): a fraction when √n2 is whole, else x/sqrt(n2)."""
    root = math.isqrt(n2)
    if root * root == n2:
        return frac(Fraction(x, root * scale))
    if x == 0:
        return "0"
    return f"{x}/({scale}*sqrt({n2}))" if scale != 1 else f"{x}/sqrt({n2})"


def _vector_text(entries) -> str:
    return "[" + ", ".join(entries) + "]"


def _shown(spec: AnswerSpec, values) -> tuple[str, str]:
    """("=" or "\\approx", the entries as the canonical answer writes them, in a formula)."""
    text = canonical_answer(spec)
    entries = text.strip("[]").split(", ")
    exact = all(Fraction(t) == v for t, v in zip(entries, values, strict=True))
    if exact:
        entries = [num(v, 12) for v in values]
    return ("=" if exact else r"\approx"), "(" + ", ".join(f"{{{e}}}" if e.startswith("-") else e for e in entries) + ")"


def _tfrac(q: Fraction) -> str:
    """An exact fraction in a formula: \\frac{3}{5}, {-\\frac{2}{3}}, 1."""
    if q.denominator == 1:
        return tex_num(q)
    body = rf"\frac{{{abs(q.numerator)}}}{{{q.denominator}}}"
    return f"{{-{body}}}" if q < 0 else body


def build(v) -> Variant:
    n2 = sum(x * x for x in v)
    root = math.isqrt(n2)
    exact_norm = root * root == n2
    norm = math.sqrt(n2)
    l1 = sum(abs(x) for x in v)
    linf = max(abs(x) for x in v)
    sums = " + ".join(str(x * x) for x in v)
    has_negative = any(x < 0 for x in v)
    signed_squares = sum(x * abs(x) for x in v)

    norm_spec = AnswerSpec(kind="number", expected=_root_text(n2), sig_figs=4, label="‖v‖")
    norm_spec = with_mistakes(norm_spec, [
        (n2, f"That is ‖v‖² = {n2}, the sum of the squares; take its square root."),
        (l1, f"That is the sum of the absolute entries ({l1}), the L1 norm; the length "
             "squares the entries, adds them and takes the square root."),
        (sum(v), "You added the entries; the length squares them first (and takes a square root)."),
        *([(math.sqrt(signed_squares),
            "A negative entry squares to a positive number: (−3)² = 9, not −9. Every term under "
            "the square root is positive.")] if has_negative and signed_squares > 0 else []),
    ])
    norm_text = canonical_answer(norm_spec)
    unit_entries = [_entry_text(x, n2) for x in v]
    unit_spec = AnswerSpec(kind="vector", expected=_vector_text(unit_entries), sig_figs=4,
                           label="the unit vector û")
    unit_spec = with_mistakes(unit_spec, [
        (_vector_text(frac(Fraction(x, n2)) for x in v),
         f"You divided by ‖v‖² = {n2}; divide each entry by ‖v‖ = {pretty(norm_text)}."),
        (_vector_text(frac(Fraction(x, l1)) for x in v),
         f"You divided by the sum of the absolute entries ({l1}); divide by the length ‖v‖ = {pretty(norm_text)}."),
        (_vector_text(frac(Fraction(x, linf)) for x in v),
         f"You divided by the largest entry ({linf}); a unit vector has length 1, so divide by "
         f"the length ‖v‖ = {pretty(norm_text)}."),
        *([(_vector_text(_entry_text(abs(x), n2) for x in v),
            "Keep the signs: the unit vector points the same way as v, so its entries "
            "have the same signs as v's.")] if has_negative else []),
    ])
    spec = AnswerSpec(kind="multi", parts=(norm_spec, unit_spec))
    unit = [Fraction(x, root) if exact_norm else x / norm for x in v]
    sign, unit_shown = _shown(unit_spec, unit)
    if exact_norm:
        unit_exact = ", ".join(_tfrac(Fraction(x, root)) for x in v)
        unit_step = (rf"$\hat{{u}} = \frac{{v}}{{\|v\|}} = \frac{{{tex_tuple(v)}}}{{{root}}}"
                     rf" = \left({unit_exact}\right) {sign} {unit_shown}$")
        magnitude = rf"\sqrt{{{n2}}} = {root}"
    else:
        unit_exact = ", ".join(
            (rf"{{-\frac{{{-x}}}{{\sqrt{{{n2}}}}}}}" if x < 0 else rf"\frac{{{x}}}{{\sqrt{{{n2}}}}}") if x else "0"
            for x in v)
        unit_step = (rf"$\hat{{u}} = \frac{{v}}{{\|v\|}} = \frac{{{tex_tuple(v)}}}{{\sqrt{{{n2}}}}}"
                     rf" = \left({unit_exact}\right) \approx {unit_shown}$")
        magnitude = rf"\sqrt{{{n2}}} \approx {num(norm, 8)} \approx {norm_text}"
    fractions = " + ".join(rf"\frac{{{x * x}}}{{{n2}}}" for x in v)
    if exact_norm and sign == "=":
        rebuilt = rf"$v = \|v\|\,\hat{{u}} = {root} \cdot {unit_shown}$ ✓"
    else:
        norm_tex = str(root) if exact_norm else rf"\sqrt{{{n2}}}"
        rebuilt = rf"$v = \|v\|\,\hat{{u}} = {norm_tex} \cdot \left({unit_exact}\right)$ ✓"
    squares = " + ".join(f"{tex_term(x)}^2" for x in v)
    prompt = (
        f"Let $v = {tex_tuple(v)}$.\n"
        r"Give, separated by ';': the magnitude $\|v\|$; the unit vector $\hat{u}$ in the direction of v, "
        f"written in square brackets [{', '.join(f'û{SUB[i]}' for i in range(len(v)))}].\n"
        f"{precision_sentence(spec)} Exact values written with sqrt( ) are also accepted."
    )
    steps = [
        Step(
            rf"$\|v\| = \sqrt{{{squares}}} = \sqrt{{{sums}}} = {magnitude}$: "
            f"Pythagoras in {len(v)} dimensions.",
            "Magnitude",
        ),
        Step(unit_step + ": the same arrow scaled to length 1.", "Direction"),
        Step(
            rf"$\|\hat{{u}}\|^2 = {fractions} = \frac{{{n2}}}{{{n2}}} = 1$ ✓, and {rebuilt}: magnitude times direction.",
            "Check",
        ),
    ]
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[
            r"$\|v\| = \sqrt{v_{1}^2 + v_{2}^2 + \cdots}$; the unit vector is $\frac{v}{\|v\|}$, "
            "each entry divided by the length.",
        ],
        # û is the answer: the picture comes with the worked solution (3-D and longer: as bars)
        figure=Figure("vectors", {"vectors": {"v": list(v), "û": [float(u) for u in unit]}}, placement="solution"),
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
