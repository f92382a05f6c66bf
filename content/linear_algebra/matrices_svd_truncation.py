"""SVD truncation error: the best rank-k approximation and its Frobenius error (000 §A.9; 002 §2.1)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec
from tutor.core.authoring import number_mistakes, sqrt_text
from tutor.core.formatting import num, tup
from tutor.core.problems import Figure, Step, Template, Variant


def draw(rng: random.Random) -> dict:
    count = rng.choice([3, 4, 4, 5, 6])
    while True:
        values = sorted(rng.sample(range(1, 16), count), reverse=True)
        if rng.random() < 0.3:  # sometimes a small decimal singular value at the tail
            values = [*values[:-1], rng.choice([0.5, 1.5, 2.5])]
            values.sort(reverse=True)
        if len(set(values)) == count:
            return {"sigma": tuple(values), "k": rng.randint(1, count - 1)}


def _sub(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _kept_names(k: int) -> str:
    """σ₁; σ₁ and σ₂; σ₁, σ₂ and σ₃; σ₁ … σ₅."""
    names = [f"σ{_sub(i)}" for i in range(1, k + 1)]
    if k <= 3:
        return names[0] if k == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{names[0]} … {names[-1]}"


def _kept_sum(k: int) -> str:
    """σ₁·u₁v₁ᵀ + σ₂·u₂v₂ᵀ, with an ellipsis from four terms on."""
    terms = [f"σ{_sub(i)}·u{_sub(i)}v{_sub(i)}ᵀ" for i in range(1, k + 1)]
    return " + ".join(terms if k <= 3 else [terms[0], "…", terms[-1]])


def _squares(values) -> str:
    return " + ".join(f"{num(v)}²" for v in values)


def build(sigma, k) -> Variant:
    s = [Fraction(str(v)) for v in sigma]
    kept, dropped = s[:k], s[k:]
    total_sq = sum(v * v for v in s)
    kept_sq = sum(v * v for v in kept)
    drop_sq = sum(v * v for v in dropped)
    err = math.sqrt(drop_sq)
    norm = math.sqrt(total_sq)
    rel = err / norm
    energy = kept_sq / total_sq
    n = len(s)
    Ak = f"A{_sub(k)}"
    top = "the largest singular value" if k == 1 else f"the top {k} singular values"
    prompt = (
        f"A matrix A has singular values σ = {tup(sigma)} (all the others are 0).\n"
        f"{Ak} is its best rank-{k} approximation (keep {top}).\n"
        f"Give, separated by ';': the Frobenius error ‖A − {Ak}‖_F; the relative error "
        f"‖A − {Ak}‖_F / ‖A‖_F; the fraction of ‖A‖_F² that {Ak} keeps.\n"
        "Give decimals to 4 significant figures (or exact values)."
    )

    def sq_text(x) -> str:
        return num(x, 4)

    steps = [
        Step(
            f"By Eckart–Young, the best rank-{k} approximation keeps {_kept_names(k)} together with "
            f"{'its' if k == 1 else 'their'} singular vectors and sets the remaining "
            f"{'one' if n - k == 1 else n - k} to zero: {Ak} = {_kept_sum(k)}.",
            "Truncate",
        ),
        Step(
            f"‖A − {Ak}‖_F² is the sum of the squared dropped singular values: "
            f"{_squares(dropped)} = {sq_text(drop_sq)}, so ‖A − {Ak}‖_F = "
            + (sqrt_text(int(drop_sq)) if drop_sq.denominator == 1 else
               f"√{sq_text(drop_sq)} ≈ {num(err, 4)}"),
            "Error",
        ),
        Step(
            f"‖A‖_F² = {_squares(s)} = {sq_text(total_sq)}, so ‖A‖_F = "
            + (sqrt_text(int(total_sq)) if total_sq.denominator == 1 else
               f"√{sq_text(total_sq)} ≈ {num(norm, 4)}"),
            "Norm of A",
        ),
        Step(
            f"Relative error = {num(err, 4)} / {num(norm, 4)} ≈ {num(rel, 4)} "
            f"(= √({sq_text(drop_sq)}/{sq_text(total_sq)})).",
            "Relative error",
        ),
        Step(
            f"Kept: ({_squares(kept)}) / {sq_text(total_sq)} = {sq_text(kept_sq)}/{sq_text(total_sq)}"
            f" ≈ {num(energy, 4)}. The relative error is √(1 − {num(energy, 4)}) ≈ {num(rel, 4)}: "
            "a few large singular values carry most of the matrix.",
            "Energy kept",
        ),
    ]
    err_mistakes = number_mistakes(err, [
        (sum(dropped), "You added the dropped singular values; the Frobenius error adds their "
                       "squares and then takes the square root."),
        (drop_sq, "That is the squared error ‖A − Aₖ‖_F²; take the square root."),
        (dropped[0], f"σ{_sub(k + 1)} alone is the error in the spectral norm; the Frobenius error "
                     "includes every dropped singular value."),
        (math.sqrt(kept_sq), "You used the kept singular values; the error comes from the "
                             "dropped ones."),
        (math.sqrt(total_sq - s[k - 1] ** 2), f"You dropped σ{_sub(k)}; keep the top {k}."),
    ])
    rel_mistakes = number_mistakes(rel, [
        (drop_sq / total_sq, "That is the squared ratio ‖A − Aₖ‖_F² / ‖A‖_F²; take the square root."),
        (sum(dropped) / sum(s), "Frobenius norms use squared singular values, not the "
                                "singular values themselves."),
        (1 - rel, "That is 1 minus the relative error; the relative error is "
                  "‖A − Aₖ‖_F / ‖A‖_F."),
        (err, "Divide by ‖A‖_F to get the relative error."),
    ])
    energy_mistakes = number_mistakes(energy, [
        (sum(kept) / sum(s), "The Frobenius norm squared is the sum of the squared singular "
                             "values: square them before taking the fraction."),
        (drop_sq / total_sq, "That is the fraction dropped; the question asks for the fraction kept."),
        (math.sqrt(energy), "That is ‖Aₖ‖_F / ‖A‖_F; the question asks for the squared-norm fraction."),
    ])
    parts = (
        AnswerSpec(kind="number", expected=num(err, 4), label="Frobenius error", mistakes=err_mistakes),
        AnswerSpec(kind="number", expected=num(rel, 4), label="relative error", mistakes=rel_mistakes),
        AnswerSpec(kind="number", expected=num(energy, 4), label="fraction kept",
                   mistakes=energy_mistakes),
    )
    return Variant(
        prompt=prompt,
        answer=AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts),
                          parts=parts),
        steps=steps,
        hints=["‖A − Aₖ‖_F² = σₖ₊₁² + σₖ₊₂² + … (the squared dropped singular values), "
               "and ‖A‖_F² is the sum of all the squared singular values."],
        figure=Figure("bars", {"values": [float(v) for v in s], "highlight": list(range(k)),
                               "label": "singular values (kept highlighted)"}),
    )


TEMPLATES = [
    Template(
        id="matrices.svd_truncation",
        title="SVD truncation error (Eckart–Young)",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("matrices.low_rank", "norms.vector_norms"),
        difficulty=3,
        # The seed states the rule without numbers; a clean instance: 5/13 relative error.
        seed_params={"sigma": (12, 4, 3), "k": 1},
        source="000 §A.9; 002 §2.1",
    )
]
