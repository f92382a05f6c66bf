"""The O(n²) cost of self-attention in the sequence length (002 §2.7)."""

import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, Mistake
from tutor.core.formatting import num
from tutor.core.problems import Figure, Step, Template, Variant

DTYPES = {2: "fp16", 4: "fp32"}
MIB = 2**20


def draw(rng: random.Random) -> dict:
    return {
        "n": rng.choice([256, 512, 1024, 2048, 4096, 8192]),
        "d": rng.choice([32, 64, 128]),
        "heads": rng.choice([4, 8, 12, 16, 32]),
        "bytes_per": rng.choice([2, 2, 4]),
        "k": rng.choice([2, 3, 4, 8, 10]),
    }


def _spec(label: str, value, *mistakes: tuple[object, str], rel_tol: float = 0.0) -> AnswerSpec:
    """A count or size; the mistakes that coincide with it (within 2%) are left out."""
    expected = num(value, 6)
    kept, seen = [], {expected}
    for wrong, why in mistakes:
        text = num(wrong, 6)
        if text not in seen and abs(float(wrong) - float(value)) > 0.02 * abs(float(value)):
            seen.add(text)
            kept.append(Mistake(text, why))
    return AnswerSpec(kind="number", expected=expected, label=label, rel_tol=rel_tol, mistakes=tuple(kept))


def build(n, d, heads, bytes_per, k) -> Variant:
    entries = n * n
    macs = n * n * d
    mem = Fraction(entries * heads * bytes_per, MIB)
    growth = k * k
    dtype = DTYPES.get(bytes_per, f"{bytes_per}-byte")
    prompt = (
        f"A Transformer layer has {heads} attention heads of dimension d = {d} and reads a sequence of "
        f"n = {n:,} tokens.\n"
        "Give, separated by ';':\n"
        "  the number of entries in one head's score matrix S = QKᵀ;\n"
        "  the multiply–adds needed to compute S for one head;\n"
        f"  the memory, in MiB (1 MiB = 2²⁰ bytes), to store S for all {heads} heads in {dtype} "
        f"({bytes_per} bytes per entry);\n"
        f"  the factor by which that memory grows if the context becomes {k}× longer."
    )
    steps = [
        Step(f"Q and K are ({n}, {d}); S = Q·Kᵀ is ({n}, {d})·({d}, {n}) = ({n}, {n}): "
             f"n² = {n:,}² = {entries:,} entries — one score for every pair of tokens.", "Score matrix"),
        Step(f"Each entry is a dot product of length d = {d}: n²·d = {entries:,} × {d} = {macs:,} multiply–adds, "
             "the O(n²·d) of self-attention.", "Compute"),
        Step(f"{heads} heads × {entries:,} entries × {bytes_per} bytes = {entries * heads * bytes_per:,} bytes; "
             f"/ 2²⁰ = {num(mem, 6)} MiB per sequence, per layer.", "Memory"),
        Step(f"Memory and compute scale with n²: ({k}n)² = {k}²·n², so {growth}× more "
             f"(at n = {k * n:,}: {num(mem * growth, 6)} MiB). Linear attention, O(n·d²), would grow only {k}×.",
             "Scaling"),
    ]
    parts = (
        _spec("entries of S", entries,
              (2 * n, f"S is n × n: n² = {n:,}² entries, not n + n."),
              (n * d, "That is the size of Q (n × d); S = QKᵀ is n × n."),
              (d * d, "S compares tokens with tokens: it is n × n, not d × d."),
              rel_tol=1e-3),
        _spec("multiply–adds for S", macs,
              (n * d * d, "n·d² is the cost of linear attention; QKᵀ takes n² dot products of length d."),
              (entries, "Each of the n² entries needs a dot product of length d: multiply by d."),
              (n * n * d * d, "Each entry is one dot product of length d: n²·d, not n²·d²."),
              rel_tol=1e-3),
        _spec("memory of S in MiB", mem,
              (Fraction(entries * bytes_per, MIB), f"That is one head; store the scores of all {heads} heads."),
              (Fraction(entries * heads, MIB), f"Multiply the entry count by {bytes_per} bytes per entry."),
              (Fraction(entries * heads * bytes_per, 10**6),
               "That is in MB (10⁶ bytes); a MiB is 2²⁰ = 1,048,576 bytes."),
              rel_tol=1e-3),
        _spec("growth factor", growth,
              (k, f"Attention memory is quadratic in n: {k}× the length gives {k}² = {growth}× the entries."),
              (2 * k, f"Square the factor: ({k}n)² = {growth}·n²."),
              (k**3, f"The score matrix grows with n², not n³: {k}² = {growth}.")),
    )
    return Variant(
        prompt=prompt,
        answer=AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts),
        steps=steps,
        hints=["S = QKᵀ has one entry per pair of tokens: n² entries, each a dot product of length d. "
               "Memory = entries × heads × bytes per entry."],
        figure=Figure("scaling", {"n": n, "k": k, "entries": entries, "growth": growth}),
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
