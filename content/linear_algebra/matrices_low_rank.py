"""Rank and low-rank parameter counts: a LoRA update ΔW = B·A (000 §A.8, §A.5, §A.9)."""

import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec
from tutor.core.authoring import number_mistakes
from tutor.core.formatting import num
from tutor.core.problems import Step, Template, Variant

SIZES = (256, 512, 768, 1024, 2048, 3072, 4096, 8192)


def _grouped(n: int) -> str:
    return f"{n:,}"


def draw(rng: random.Random) -> dict:
    m = rng.choice(SIZES)
    n = m if rng.random() < 0.4 else rng.choice(SIZES)
    r = rng.choice([1, 2, 4, 8, 8, 16, 16, 32, 64])
    return {"m": m, "n": n, "r": r}


def build(m, n, r) -> Variant:
    full = m * n
    low = r * (m + n)
    factor = Fraction(full, low)
    factor_text = num(factor, 4)
    prompt = (
        f"A weight matrix W has shape {m}×{n}. LoRA fine-tunes it with a rank-{r} update "
        f"ΔW = B·A, where B is {m}×{r} and A is {r}×{n}.\n"
        "Give, separated by ';': the largest possible rank of ΔW; the number of parameters in "
        "B and A together; the number of parameters of a full update ΔW; the reduction factor "
        "(full ÷ low-rank).\n"
        "Type whole numbers without thousands separators (e.g. 131072); give the factor as a "
        "decimal (4 significant figures or more) if it is not whole."
    )
    steps = [
        Step(
            f"ΔW = B·A is ({m}×{r})·({r}×{n}) = {m}×{n}. Its columns are combinations of B's "
            f"{r} columns, so rank(ΔW) ≤ {r} (and rank ≤ min(m, n) for any m×n matrix). "
            f"Equivalently, ΔW is a sum of {r} outer products.",
            "Rank",
        ),
        Step(
            f"B has {m}·{r} = {_grouped(m * r)} entries and A has {r}·{n} = {_grouped(r * n)}: "
            f"r·(m + n) = {r}·{_grouped(m + n)} = {_grouped(low)} parameters.",
            "Low-rank count",
        ),
        Step(f"A full update has m·n = {m}·{n} = {_grouped(full)} parameters.", "Full count"),
        Step(
            f"{_grouped(full)} / {_grouped(low)} = {factor_text}: "
            + (f"a {factor_text}× reduction." if factor.denominator == 1 else
             f"about a {num(factor, 1)}× reduction."),
            "Reduction",
        ),
    ]
    rank_mistakes = number_mistakes(r, [
        (min(m, n), f"min(m, n) = {min(m, n)} bounds the rank of a general {m}×{n} matrix, but "
                    f"B·A passes through only {r} dimensions: rank(B·A) ≤ {r}."),
        (m + n, "That is m + n; the rank of B·A is at most the inner size r."),
    ])
    low_mistakes = number_mistakes(low, [
        (r * m * n, "You multiplied r·m·n; B and A are stored separately: r·m + r·n = r·(m + n)."),
        (m * r, f"That is only B ({m}×{r}); add A ({r}×{n})."),
        (r * n, f"That is only A ({r}×{n}); add B ({m}×{r})."),
        (m + n, "You forgot the rank: B has m·r entries and A has r·n."),
        (r * r, "B is m×r and A is r×n: count m·r + r·n entries."),
    ])
    full_mistakes = number_mistakes(full, [
        (m + n, "A full m×n matrix has m·n entries, not m + n."),
        (low, "That is the low-rank count; the full update ΔW has m·n entries."),
    ])
    factor_mistakes = number_mistakes(factor, [
        (1 / factor, "You divided the other way: the factor is full ÷ low-rank (> 1)."),
        (Fraction(full, r * max(m, n)), "The low-rank count is r·(m + n): count both B and A."),
        (Fraction(full - low), "The factor is a ratio (full ÷ low-rank), not a difference."),
    ])

    def count(label, value, mistakes):
        return AnswerSpec(kind="number", expected=str(value), label=label, rel_tol=0.0,
                          mistakes=mistakes)

    parts = (
        count("rank", r, rank_mistakes),
        count("low-rank parameters", low, low_mistakes),
        count("full parameters", full, full_mistakes),
        AnswerSpec(kind="number", expected=factor_text, label="reduction factor",
                   mistakes=factor_mistakes),
    )
    return Variant(
        prompt=prompt,
        answer=AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts),
                          parts=parts),
        steps=steps,
        hints=["A rank-r matrix B·A with B m×r and A r×n costs r·(m + n) numbers instead of m·n."],
    )


TEMPLATES = [
    Template(
        id="matrices.low_rank",
        title="Low rank and LoRA parameter counts",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("matrices.matmul_shapes",),
        difficulty=2,
        seed_params={"m": 4096, "n": 4096, "r": 16},
        source="000 §A.8",
    )
]
