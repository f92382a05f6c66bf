"""The matmul shape rule (m × n)·(n × k) = (m × k), and spotting a mismatch (000 §A.4; 002 §2.1)."""

import random

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import shape
from tutor.core.problems import Step, Template, Variant

CHOICES = ("AB", "BA", "both")
SIZES = (2, 3, 4, 5, 6, 8, 10, 16, 32, 64, 128)
RULE = r"$(m \times n) \cdot (n \times k) = (m \times k)$"


def _dims(dims) -> str:
    """A shape in a formula, the way the chapter writes it: 4 \\times 16."""
    return r" \times ".join(str(d) for d in dims)


def draw(rng: random.Random) -> dict:
    case = rng.choice(["AB", "AB", "BA", "BA", "both"])
    if case == "both":
        m, n = rng.sample(SIZES, 2)
        return {"a_shape": (m, n), "b_shape": (n, m)}
    m, n, other = rng.sample(SIZES, 3)
    if case == "AB":  # A: m×n, B: n×other, and B·A fails (other ≠ m)
        return {"a_shape": (m, n), "b_shape": (n, other)}
    return {"a_shape": (m, n), "b_shape": (other, m)}  # only B·A: other×m · m×n


def _shape_spec(label: str, expected: tuple, candidates) -> AnswerSpec:
    mistakes, seen = [], {expected}
    for dims, explanation in candidates:
        if dims not in seen:
            seen.add(dims)
            mistakes.append(Mistake(shape(dims), explanation))
    return AnswerSpec(kind="shape", expected=shape(expected), label=label, mistakes=tuple(mistakes))


def build(a_shape, b_shape) -> Variant:
    (m, n), (p, q) = a_shape, b_shape
    ab, ba = n == p, q == m
    which = "both" if ab and ba else "AB" if ab else "BA"
    if ab:  # report A·B (also when both are defined)
        left, right, inner, result = "A", "B", n, (m, q)
        other = (p, n) if ba else None
    else:
        left, right, inner, result = "B", "A", m, (p, n)
        other = None
    ab_text = (
        rf"$({_dims((m, n))}) \cdot ({_dims((p, q))})$: A's columns ({n}) vs B's rows ({p}) → "
        + (rf"${n} = {p}$, defined, result ${_dims((m, q))}$." if ab else rf"${n} \neq {p}$: shape mismatch.")
    )
    ba_text = (
        rf"$({_dims((p, q))}) \cdot ({_dims((m, n))})$: B's columns ({q}) vs A's rows ({m}) → "
        + (rf"${q} = {m}$, defined, result ${_dims((p, n))}$." if ba else rf"${q} \neq {m}$: shape mismatch.")
    )
    steps = [
        Step(rf"{RULE}: the inner dimensions must match; the outer dimensions "
             "become the result.", "The shape rule"),
        Step(ab_text, "Try A·B"),
        Step(ba_text, "Try B·A"),
        Step(
            f"${left}{right}$ is defined: the inner size {inner} is summed over and disappears, "
            f"the outer sizes give ${_dims(result)}$."
            + (f" $BA$ is defined too but is ${_dims(other)}$: matmul is not commutative."
               if other else ""),
            "Result",
        ),
    ]
    wrong_choice = {
        "AB": f"A·B needs A's columns ({n}) to equal B's rows ({p}).",
        "BA": f"B·A needs B's columns ({q}) to equal A's rows ({m}).",
    }
    choice_mistakes = []
    for option in CHOICES:
        if option == which:
            continue
        if option == "both":
            missing = "BA" if which == "AB" else "AB"
            text = f"Only one of them is defined: {wrong_choice[missing]}"
        elif which == "both":
            text = ("Both products are defined: A's columns match B's rows "
                    f"({n} = {p}) and B's columns match A's rows ({q} = {m}).")
        else:
            text = f"Check the inner dimensions: {wrong_choice[option]}"
        choice_mistakes.append(Mistake(option, text))
    outer_l, outer_r = result
    parts = (
        AnswerSpec(kind="choice", expected=which, choices=CHOICES, label="defined products",
                   mistakes=tuple(choice_mistakes)),
        _shape_spec("shape", result, ([(other, "That is the shape of B·A; the question asks "
                                                "for A·B when both are defined.")] if other else []) + [
            ((outer_r, outer_l), f"The rows come from the left factor ({left}, {outer_l} rows) "
                                 f"and the columns from the right factor ({right}, {outer_r} columns)."),
            ((inner, inner), f"The inner dimension {inner} is summed over and disappears; "
                             "the outer dimensions are kept."),
            ((outer_l, inner), f"That is the shape of {left}; the product takes its rows from "
                               f"{left} and its columns from {right}."),
            ((inner, outer_r), f"That is the shape of {right}; the product takes its rows from "
                               f"{left} and its columns from {right}."),
        ]),
        with_mistakes(
            AnswerSpec(kind="integer", expected=str(inner), label="the inner dimension"),
            [(v, f"{v} is an outer dimension of {left}·{right}: it survives in the result. "
                 f"The inner one is {left}'s column count = {right}'s row count.")
             for v in dict.fromkeys((outer_l, outer_r)) if v != inner]
            + [(outer_l * outer_r, f"{outer_l * outer_r} is the number of entries of the result; "
                                   "the inner dimension is the one size that is summed over.")],
        ),
    )
    spec = AnswerSpec(kind="multi", expected="; ".join(s.expected for s in parts), parts=parts)
    prompt = (
        f"A has shape ${_dims((m, n))}$ and B has shape ${_dims((p, q))}$.\n"
        "Give, separated by ';':\n"
        "  1. which of the products $AB$ and $BA$ are defined: answer AB, BA or both;\n"
        "  2. the shape of the defined product (if both are defined, of $AB$);\n"
        "  3. the size that had to agree for that product (the inner dimension).\n"
        + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[f"{RULE}: the left factor's columns must equal the right "
               "factor's rows. Try both orders."],
    )


TEMPLATES = [
    Template(
        id="matrices.matmul_shapes",
        title="Matmul shape rule and shape mismatches",
        topic="linear algebra",
        draw=draw,
        build=build,
        difficulty=1,
        seed_params={"a_shape": (2, 3), "b_shape": (3, 2)},
        source="000 §A.4; 002 §2.1",
    )
]
