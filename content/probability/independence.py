"""Independence check from a 2×2 joint table: P(A∩B) against P(A)·P(B) (000 §C.23–24)."""

import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num
from tutor.core.problems import Figure, Step, Template, Variant

# story: (what is counted, A, A described, B, B described)
STORIES = {
    "spam": ("emails", "spam", "the email is spam", "word", "it contains the word “free”"),
    "clicks": ("ad impressions", "mobile", "the user is on a phone", "click", "the ad is clicked"),
    "labels": ("training images", "night", "the photo was taken at night", "error",
               "the classifier gets it wrong"),
    "tokens": ("sentences", "long", "the sentence has more than 20 tokens", "rare",
               "it contains a rare word"),
}

CHOICES = ("independent", "dependent")


def approx(x: Fraction) -> str:
    """'=' when the 4-decimal value is exact, else '≈'."""
    return "=" if (x * 10**4).denominator == 1 else "≈"


def _probability(value: Fraction, places: int, label: str, mistakes) -> AnswerSpec:
    """An exact probability, asked for to its own number of decimal places (the table has
    hundredths, so a marginal has 2 and a product of two marginals 4)."""
    spec = AnswerSpec(kind="number", expected=exact_text(value), decimals=places,
                      allow_percent=True, label=label)
    return with_mistakes(spec, mistakes)


def draw(rng: random.Random) -> dict:
    story = rng.choice(sorted(STORIES))
    while True:
        pa = Fraction(rng.randint(1, 9), 10)
        pb = Fraction(rng.randint(1, 9), 10)
        joint = pa * pb  # hundredths
        if rng.random() < 0.5:
            joint += Fraction(rng.choice([-1, 1]) * rng.randint(1, 8), 100)
        cells = (joint, pa - joint, pb - joint, 1 - pa - pb + joint)
        if all(c > 0 for c in cells):
            return {"story": story, "cells": tuple(num(c, 2) for c in cells)}


def build(story, cells) -> Variant:
    things, a, a_text, b, b_text = STORIES[story]
    p11, p10, p01, p00 = (exact(c) for c in cells)
    pa, pb = p11 + p10, p11 + p01
    prod = pa * pb
    independent = p11 == prod
    verdict = CHOICES[0] if independent else CHOICES[1]
    f = lambda x: num(x, 4)  # noqa: E731
    A, B = rf"\text{{{a}}}", rf"\text{{{b}}}"
    AB, PA, PB = rf"P({A} \,\cap\, {B})", f"P({A})", f"P({B})"
    prompt = (
        f"For randomly chosen {things}, let {a} be the event that {a_text} and {b} the event that {b_text}.\n"
        "The joint probabilities are:\n"
        rf"    ${AB} = {f(p11)}$     $P({A} \,\cap\, \neg {B}) = {f(p10)}$" "\n"
        rf"    $P(\neg {A} \,\cap\, {B}) = {f(p01)}$    $P(\neg {A} \,\cap\, \neg {B}) = {f(p00)}$" "\n"
        rf"Give, separated by ';': ${PA}$; ${PB}$; ${PA} \cdot {PB}$; "
        f"and whether {a} and {b} are independent or dependent.\n"
    )
    cond = p11 / pb
    rel = "=" if approx(cond) == "=" else r"\approx"
    steps = [
        Step(rf"${PA} = {AB} + P({A} \,\cap\, \neg {B}) = {f(p11)} + {f(p10)} = {f(pa)}$", "Marginal of " + a),
        Step(rf"${PB} = {AB} + P(\neg {A} \,\cap\, {B}) = {f(p11)} + {f(p01)} = {f(pb)}$", "Marginal of " + b),
        Step(rf"${PA} \cdot {PB} = {f(pa)} \cdot {f(pb)} = {f(prod)}$", "Product of the marginals"),
        Step(
            rf"{a} and {b} are independent iff ${AB} = {PA} \cdot {PB}$. "
            + (f"Here ${AB} = {f(p11)} = {f(prod)}$: independent." if independent else
               rf"Here ${AB} = {f(p11)} \ne {f(prod)}$: dependent."),
            "Compare",
        ),
        Step(
            rf"Equivalently $P({A} \mid {B}) = \frac{{{f(p11)}}}{{{f(pb)}}} {rel} {num(cond, 4)}$ "
            + (f"equals ${PA} = {f(pa)}$: knowing {b} tells nothing about {a}." if independent else
               f"differs from ${PA} = {f(pa)}$: knowing {b} "
               + ("raises" if cond > pa else "lowers") + f" the probability of {a}."),
            "Check with the conditional",
        ),
    ]
    parts = (
        _probability(pa, 2, f"P({a})", [
            (p11, f"That is P({a} ∩ {b}) only; P({a}) adds both cells where {a} happens."),
            (p11 + p01, f"That is P({b}): the cells where {b} happens."),
            (p10, f"That is P({a} ∩ ¬{b}) only; P({a}) adds both cells where {a} happens."),
            (1 - pa, f"That is P(¬{a}), the cells where {a} does not happen."),
        ]),
        _probability(pb, 2, f"P({b})", [
            (p11, f"That is P({a} ∩ {b}) only; P({b}) adds both cells where {b} happens."),
            (pa, f"That is P({a}): the cells where {a} happens."),
            (p01, f"That is P(¬{a} ∩ {b}) only; P({b}) adds both cells where {b} happens."),
            (1 - pb, f"That is P(¬{b}), the cells where {b} does not happen."),
        ]),
        _probability(prod, 4, f"P({a})·P({b})", [
            (p11, f"That is P({a} ∩ {b}) read off the table; the test compares it with "
                  "the product of the two marginals."),
            (pa + pb, "Multiply the marginals, don't add them."),
            (cond, f"That is P({a} | {b}) = P({a} ∩ {b}) / P({b}); the test needs the product "
                   f"P({a})·P({b})."),
        ]),
        AnswerSpec(
            kind="choice", expected=verdict, choices=CHOICES, label="independent or dependent",
            mistakes=(
                Mistake(
                    CHOICES[1] if independent else CHOICES[0],
                    (f"P({a} ∩ {b}) = {f(p11)} is exactly P({a})·P({b}) = {f(prod)}, which is the "
                     "definition of independence.") if independent else
                    (f"Independence needs P({a} ∩ {b}) = P({a})·P({b}) exactly; here {f(p11)} ≠ {f(prod)}, "
                     "so the events are dependent."),
                ),
            ),
        ),
    )
    answer = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    return Variant(
        prompt=prompt + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=[
            f"Marginals are row and column sums of the table. {a} and {b} are independent "
            rf"iff ${AB} = {PA} \cdot {PB}$.",
        ],
        figure=Figure("joint_table", {
            "rows": [a, f"¬{a}"], "cols": [b, f"¬{b}"],
            "cells": [[float(p11), float(p10)], [float(p01), float(p00)]],
        }),
    )


TEMPLATES = [
    Template(
        id="probability.independence",
        title="Independence from a joint table",
        topic="probability",
        draw=draw,
        build=build,
        prerequisites=("probability.total_probability",),
        difficulty=2,
        # the joint table of 000 §D.4: P(spam ∩ word) = 0.8·0.3 = 0.24 ≠ 0.3·0.31 = 0.093
        seed_params={"story": "spam", "cells": ("0.24", "0.06", "0.07", "0.63")},
        source="000 §C.23–24 (numbers of §D.4)",
    )
]
