"""Rank and low-rank parameter counts: a LoRA update ΔW = B·A (000 §A.8, §A.5, §A.9)."""

import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, num, rounded
from tutor.core.problems import Step, Template, Variant

SIZES = (256, 512, 768, 1024, 2048, 3072, 4096, 8192)


def _grouped(n: int) -> str:
    """A count with thousands separators, in a formula: 131{,}072."""
    return f"{n:,}".replace(",", "{,}")


def _plural(count: int, word: str) -> str:
    """1 column, 16 columns."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _ratio_text(factor: Fraction, canonical: str) -> str:
    """The exact ratio, then its 4 significant figures, closing the formula: "48$ (48.00 to 4
    significant figures)", "19.2$ (19.20 …)", "10.66666667\\ldots \\approx 10.67$"."""
    shown = num(factor, 8)
    if Fraction(shown) != factor:
        return rf"{shown}\ldots \approx {canonical}$"
    return f"{shown}$" if shown == canonical else f"{shown}$ ({canonical} to 4 significant figures)"


def draw(rng: random.Random) -> dict:
    m = rng.choice(SIZES)
    n = m if rng.random() < 0.4 else rng.choice(SIZES)
    r = rng.choice([1, 2, 4, 8, 8, 16, 16, 32, 64])
    return {"m": m, "n": n, "r": r}


def build(m, n, r) -> Variant:
    full = m * n
    low = r * (m + n)
    factor = Fraction(full, low)
    factor_spec = AnswerSpec(kind="number", expected=exact_text(factor), sig_figs=4,
                             label="the reduction factor")
    factor_text = rounded(factor, sig_figs=4)
    cdot = r"\cdot"
    steps = [
        Step(
            rf"$\Delta W = BA$ is $({m} \times {r}) \cdot ({r} \times {n}) = {m} \times {n}$. Its columns are "
            f"combinations of B's {'single column' if r == 1 else _plural(r, 'column')}, "
            rf"so $\operatorname{{rank}}(\Delta W) \le {r}$ (and $\operatorname{{rank}} \le \mathrm{{min}}(m, n)$ "
            rf"for any $m \times n$ matrix). Equivalently, $\Delta W$ is "
            + ("a single outer product." if r == 1 else f"a sum of {r} outer products."),
            "Rank",
        ),
        Step(
            f"B has ${m} {cdot} {r} = {_grouped(m * r)}$ entries and A has ${r} {cdot} {n} = {_grouped(r * n)}$: "
            f"$r(m + n) = {r} {cdot} {_grouped(m + n)} = {_grouped(low)}$ parameters.",
            "Low-rank count",
        ),
        Step(f"A full update has $mn = {m} {cdot} {n} = {_grouped(full)}$ parameters.", "Full count"),
        Step(
            rf"$\frac{{{_grouped(full)}}}{{{_grouped(low)}}} = {_ratio_text(factor, factor_text)}: "
            + (f"a {int(factor):,}× reduction." if factor.denominator == 1 else
               f"about a {num(factor, 1)}× reduction."),
            "Reduction",
        ),
    ]
    rank_mistakes = [
        (min(m, n), f"min(m, n) = {min(m, n)} bounds the rank of a general {m}×{n} matrix, but "
                    f"B·A passes through only {_plural(r, 'dimension')}: rank(B·A) ≤ {r}."),
        (m + n, "That is m + n; the rank of B·A is at most the inner size r."),
        (r * (m + n), "That is the parameter count r·(m + n); the rank of B·A is at most the "
                      "inner size r."),
    ]
    low_mistakes = [
        (r * m * n, "You multiplied r·m·n; B and A are stored separately: r·m + r·n = r·(m + n)."),
        (m * r, f"That is only B ({m}×{r}); add A ({r}×{n})."),
        (r * n, f"That is only A ({r}×{n}); add B ({m}×{r})."),
        (m + n, "You forgot the rank: B has m·r entries and A has r·n."),
        (r * r, "B is m×r and A is r×n: count m·r + r·n entries."),
        (2 * r * max(m, n), f"B is {m}×{r} and A is {r}×{n}: they have different sizes, "
                            "so count r·m + r·n, not twice the larger one."),
        (full - low, "That is how many parameters the low-rank update saves (m·n − r·(m + n)); "
                     "the question asks how many B and A hold: r·(m + n)."),
    ]
    full_mistakes = [
        (m + n, "A full m×n matrix has m·n entries, not m + n."),
        (low, "That is the low-rank count; the full update ΔW has m·n entries."),
        (r * m * n, "A full update does not depend on r: it is the whole m×n matrix, m·n entries."),
    ]
    factor_mistakes = [
        (1 / factor, "You divided the other way: the factor is full ÷ low-rank (> 1)."),
        (Fraction(full, r * max(m, n)), f"That is m·n / (r·{max(m, n)}) = min(m, n) / r: you "
                                        "counted only the larger of B and A (or compared the "
                                        "ranks). The low-rank count is r·(m + n): count both."),
        (Fraction(full - low), "The factor is a ratio (full ÷ low-rank), not a difference."),
    ]

    def count(label, value, mistakes):
        return with_mistakes(AnswerSpec(kind="integer", expected=str(value), label=label),
                             mistakes)

    parts = (
        count("the rank of ΔW", r, rank_mistakes),
        count("the parameters of B and A", low, low_mistakes),
        count("the parameters of a full ΔW", full, full_mistakes),
        with_mistakes(factor_spec, factor_mistakes),
    )
    spec = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    prompt = (
        rf"A weight matrix W has shape ${m} \times {n}$. LoRA fine-tunes it with a rank-{r} update "
        rf"$\Delta W = BA$, where B is ${m} \times {r}$ and A is ${r} \times {n}$." "\n"
        r"Give, separated by ';': the largest possible rank of $\Delta W$; the number of parameters in "
        r"B and A together; the number of parameters of a full update $\Delta W$; the reduction factor "
        "(full ÷ low-rank).\n" + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[r"A rank-r matrix $BA$ with B $m \times r$ and A $r \times n$ costs $r(m + n)$ numbers "
               "instead of $mn$."],
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
