"""Independence check from a 2×2 joint table: P(A∩B) against P(A)·P(B) (000 §C.23–24)."""

import random
from fractions import Fraction
from functools import partial

from tutor.core import authoring
from tutor.core.answers import AnswerSpec, Mistake
from tutor.core.authoring import exact
from tutor.core.formatting import num
from tutor.core.problems import Figure, Step, Template, Variant

# mistakes keep 10 decimals so that small wrong values do not round to 0
number_mistakes = partial(authoring.number_mistakes, digits=10)

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
    prompt = (
        f"For randomly chosen {things}, let {a} be the event that {a_text} and {b} the event that {b_text}.\n"
        "The joint probabilities are:\n"
        f"    P({a} ∩ {b}) = {f(p11)}     P({a} ∩ ¬{b}) = {f(p10)}\n"
        f"    P(¬{a} ∩ {b}) = {f(p01)}    P(¬{a} ∩ ¬{b}) = {f(p00)}\n"
        f"Give, separated by ';': P({a}); P({b}); P({a})·P({b}); "
        f"and whether {a} and {b} are independent or dependent."
    )
    cond = p11 / pb
    steps = [
        Step(f"P({a}) = P({a} ∩ {b}) + P({a} ∩ ¬{b}) = {f(p11)} + {f(p10)} = {f(pa)}", "Marginal of " + a),
        Step(f"P({b}) = P({a} ∩ {b}) + P(¬{a} ∩ {b}) = {f(p11)} + {f(p01)} = {f(pb)}", "Marginal of " + b),
        Step(f"P({a})·P({b}) = {f(pa)}·{f(pb)} = {f(prod)}", "Product of the marginals"),
        Step(
            f"{a} and {b} are independent iff P({a} ∩ {b}) = P({a})·P({b}). "
            + (f"Here P({a} ∩ {b}) = {f(p11)} = {f(prod)}: independent." if independent else
               f"Here P({a} ∩ {b}) = {f(p11)} ≠ {f(prod)}: dependent."),
            "Compare",
        ),
        Step(
            f"Equivalently P({a} | {b}) = {f(p11)} / {f(pb)} {approx(cond)} {num(cond, 4)} "
            + (f"equals P({a}) = {f(pa)}: knowing {b} tells nothing about {a}." if independent else
               f"differs from P({a}) = {f(pa)}: knowing {b} "
               + ("raises" if cond > pa else "lowers") + f" the probability of {a}."),
            "Check with the conditional",
        ),
    ]
    parts = (
        AnswerSpec(kind="number", expected=f(pa), label=f"P({a})", mistakes=number_mistakes(pa, [
            (p11, f"That is P({a} ∩ {b}) only; P({a}) adds both cells where {a} happens."),
            (p11 + p01, f"That is P({b}): the cells where {b} happens."),
        ])),
        AnswerSpec(kind="number", expected=f(pb), label=f"P({b})", mistakes=number_mistakes(pb, [
            (p11, f"That is P({a} ∩ {b}) only; P({b}) adds both cells where {b} happens."),
            (pa, f"That is P({a}): the cells where {a} happens."),
        ])),
        AnswerSpec(kind="number", expected=f(prod), label=f"P({a})·P({b})", mistakes=number_mistakes(prod, [
            (p11, f"That is P({a} ∩ {b}) read off the table; the test compares it with "
                  "the product of the two marginals."),
            (pa + pb, "Multiply the marginals, don't add them."),
        ])),
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
    return Variant(
        prompt=prompt,
        answer=AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts),
        steps=steps,
        hints=[
            f"Marginals are row and column sums of the table. {a} and {b} are independent "
            f"iff P({a} ∩ {b}) = P({a})·P({b}).",
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
