"""The O(n²) cost of self-attention in the sequence length (002 §2.7)."""

import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, num, shape
from tutor.core.problems import Figure, Step, Template, Variant

DTYPES = {2: "fp16", 4: "fp32"}
MIB = 2**20


def tex(count: int) -> str:
    """A count in a formula, its thousands commas set tight: 1{,}048{,}576."""
    return f"{count:,}".replace(",", "{,}")


def draw(rng: random.Random) -> dict:
    return {
        "n": rng.choice([256, 512, 1024, 2048, 4096, 8192]),
        "d": rng.choice([32, 64, 128]),
        "heads": rng.choice([4, 8, 12, 16, 32]),
        "bytes_per": rng.choice([2, 2, 4]),
        "k": rng.choice([2, 3, 4, 8, 10]),
    }


def _count(label: str, value: int, *mistakes: tuple[object, str]) -> AnswerSpec:
    """A count: an exact whole number, with its classic slips."""
    return with_mistakes(AnswerSpec(kind="integer", expected=str(value), label=label), mistakes)


def _size(label: str, value: Fraction, *mistakes: tuple[object, str]) -> AnswerSpec:
    """A memory size to 4 significant figures, with its classic slips."""
    return with_mistakes(AnswerSpec(kind="number", expected=exact_text(value), sig_figs=4, label=label), mistakes)


def build(n, d, heads, bytes_per, k) -> Variant:
    entries = n * n
    macs = n * n * d
    mem = Fraction(entries * heads * bytes_per, MIB)
    growth = k * k
    dtype = DTYPES.get(bytes_per, f"{bytes_per}-byte")
    prompt = (
        f"A Transformer layer has {heads} attention heads of dimension $d = {d}$ and reads a sequence of "
        f"$n = {tex(n)}$ tokens.\n"
        "Give, separated by ';':\n"
        "  the number of entries in one head's score matrix $S = Q K^\\top$;\n"
        "  the multiply–adds needed to compute $S$ for one head;\n"
        f"  the memory, in MiB ($1\\ \\mathrm{{MiB}} = 2^{{20}}$ bytes), to store $S$ for all {heads} heads in {dtype} "
        f"({bytes_per} bytes per entry);\n"
        f"  the factor by which that memory grows if the context becomes {k}× longer.\n"
    )
    parts = (
        _count("the number of entries in S", entries,
               (2 * n, f"S is n × n: n² = {n:,}² entries, not n + n."),
               (n * d, "That is the size of Q (n × d); S = QKᵀ is n × n."),
               (d * d, "S compares tokens with tokens: it is n × n, not d × d."),
               (entries * heads, f"That counts all {heads} heads; the question asks for one head's S.")),
        _count("the multiply–adds for S", macs,
               (n * d, "n·d is the size of Q; each of the n² entries of S needs its own dot product of "
                       "length d: n²·d multiply–adds."),
               (n * d * d, "n·d² is the cost of linear attention; QKᵀ takes n² dot products of length d."),
               (entries, "Each of the n² entries needs a dot product of length d: multiply by d."),
               (n * n * d * d, "Each entry is one dot product of length d: n²·d, not n²·d²."),
               (2 * macs, "That counts FLOPs (a multiply and an add each); one multiply–add per term gives n²·d."),
               (macs * heads, f"That counts all {heads} heads; the question asks for one head.")),
        _size("the memory of S in MiB", mem,
              (Fraction(entries * bytes_per, MIB), f"That is one head; store the scores of all {heads} heads."),
              (Fraction(entries * heads, MIB), f"Multiply the entry count by {bytes_per} bytes per entry."),
              (Fraction(entries * heads * bytes_per, 10**6),
               "That is in MB (10⁶ bytes); a MiB is 2²⁰ = 1,048,576 bytes."),
              (Fraction(n * d * heads * bytes_per, MIB), "That stores n × d values per head (the size of Q); "
                                                        "S holds n × n scores."),
              (Fraction(entries * heads * bytes_per * 8, MIB), "That counts bits; memory is counted in bytes.")),
        _count("the growth factor", growth,
               (k, f"Attention memory is quadratic in n: {k}× the length gives {k}² = {growth}× the entries."),
               (2 * k, f"Square the factor: ({k}n)² = {growth}·n²."),
               (k**3, f"The score matrix grows with n², not n³: {k}² = {growth}.")),
    )
    answer = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    mem_text = canonical_answer(parts[2])
    mem_is = "=" if Fraction(mem_text) == mem else r"\approx"
    total = entries * heads * bytes_per
    dot = r" \cdot "
    steps = [
        Step(f"$Q$ and $K$ are ${shape((n, d))}$; $S = Q K^\\top$ is "
             f"${shape((n, d))}{dot}{shape((d, n))} = {shape((n, n))}$: "
             f"$n^2 = {tex(n)}^2 = {tex(entries)}$ entries — one score for every pair of tokens.", "Score matrix"),
        Step(f"Each entry is a dot product of length $d = {d}$: $n^2 d = {tex(entries)}{dot}{d} = {tex(macs)}$ "
             "multiply–adds, the $O(n^2 d)$ of self-attention.", "Compute"),
        Step(f"{heads} heads of {entries:,} entries, {bytes_per} bytes each: "
             f"${heads}{dot}{tex(entries)}{dot}{bytes_per} = {tex(total)}$ bytes; "
             rf"$\frac{{{tex(total)}}}{{2^{{20}}}} {mem_is} {mem_text}$ MiB per sequence, per layer.", "Memory"),
        Step(f"Memory and compute scale with $n^2$: $({k}n)^2 = {k}^2 n^2$, so {growth}× more "
             f"(at $n = {tex(k * n)}$: {num(mem * growth, 6)} MiB). Linear attention, $O(n d^2)$, would grow "
             f"only {k}×.", "Scaling"),
    ]
    return Variant(
        prompt=prompt + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=[r"$S = Q K^\top$ has one entry per pair of tokens: $n^2$ entries, each a dot product of length $d$. "
               r"$\text{memory} = \text{entries} \cdot \text{heads} \cdot \text{bytes per entry}$."],
        figure=Figure("scaling", {"n": n, "k": k, "entries": entries, "growth": growth}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="graphs.attention_cost",
        title="Cost of attention vs sequence length",
        topic="graphs",
        draw=draw,
        build=build,
        prerequisites=("shapes.attention",),
        difficulty=2,
        # 002 §2.7: self-attention is O(n²·d) — twice the context, four times the cost
        seed_params={"n": 1024, "d": 64, "heads": 8, "bytes_per": 2, "k": 2},
        source="002 §2.7",
    )
]
