"""Transpose shapes: (AB)ᵀ = BᵀAᵀ, the Kᵀ in Q·Kᵀ, and Wᵀ in backprop (000 §A.6; 002 §2.1)."""

import random

from tutor.core.answers import AnswerSpec, Mistake
from tutor.core.formatting import shape
from tutor.core.problems import Step, Template, Variant

YES_NO = ("yes", "no")
SIZES = (2, 3, 4, 5, 6, 8, 10, 12, 16)


def draw(rng: random.Random) -> dict:
    mode = rng.choice(["product", "attention", "backprop"])
    if mode == "product":
        m, n, k = rng.sample(SIZES, 3)
        if rng.random() < 0.3:
            k = m  # then Aᵀ·Bᵀ is defined too, but it is not (AB)ᵀ
        return {"mode": mode, "dims": (m, n, k)}
    if mode == "attention":
        seq = rng.choice([4, 6, 8, 10, 12, 16, 20, 32, 128, 512])
        d = rng.choice([d for d in (8, 16, 32, 64, 128) if d != seq])
        return {"mode": mode, "dims": (seq, d)}
    d_out, d_in = rng.sample((3, 4, 5, 8, 10, 16, 32, 64, 128, 256, 784), 2)
    return {"mode": mode, "dims": (d_out, d_in)}


def _shape_part(label: str, expected: tuple, candidates) -> AnswerSpec:
    mistakes, seen = [], {tuple(expected)}
    for dims, explanation in candidates:
        if tuple(dims) not in seen:
            seen.add(tuple(dims))
            mistakes.append(Mistake(shape(dims), explanation))
    return AnswerSpec(kind="shape", expected=shape(expected), label=label, mistakes=tuple(mistakes))


def _yes_no(label: str, answer: str, wrong_text: str) -> AnswerSpec:
    other = "no" if answer == "yes" else "yes"
    return AnswerSpec(kind="choice", expected=answer, choices=YES_NO, label=label,
                      mistakes=(Mistake(other, wrong_text),))


def _product(m, n, k):
    if m == k:
        return _square_product(m, n)
    prompt = (
        f"A has shape {shape((m, n))} and B has shape {shape((n, k))}.\n"
        "Give, separated by ';': the shape of (A·B)ᵀ; the shape of Bᵀ·Aᵀ; "
        "is Aᵀ·Bᵀ defined? (yes or no)"
    )
    steps = [
        Step("Transposing swaps rows and columns: an m × n matrix becomes n × m, "
             "Aᵀ[i, j] = A[j, i].", "Transpose"),
        Step(f"A·B is {shape((m, n))}·{shape((n, k))} = {shape((m, k))}, so (A·B)ᵀ is {shape((k, m))}.",
             "(A·B)ᵀ"),
        Step(f"Bᵀ is {shape((k, n))} and Aᵀ is {shape((n, m))}: Bᵀ·Aᵀ is "
             f"{shape((k, n))}·{shape((n, m))} = {shape((k, m))}, the same shape as (A·B)ᵀ "
             "(and entry by entry the same matrix: (A·B)ᵀ = Bᵀ·Aᵀ).", "Bᵀ·Aᵀ"),
        Step(f"Aᵀ·Bᵀ is {shape((n, m))}·{shape((k, n))}: the inner sizes are {m} and {k}, "
             "which differ: it is not defined. The order must reverse to line up the shapes.",
             "Aᵀ·Bᵀ"),
    ]
    parts = (
        _shape_part("shape of (A·B)ᵀ", (k, m), [
            ((m, k), f"That is the shape of A·B itself; the transpose swaps it to {shape((k, m))}."),
            ((n, n), "The inner size n is summed away in A·B; (A·B)ᵀ keeps the outer sizes, swapped."),
        ]),
        _shape_part("shape of Bᵀ·Aᵀ", (k, m), [
            ((m, k), f"Bᵀ is {shape((k, n))}, Aᵀ is {shape((n, m))}: the product takes Bᵀ's rows "
                     "and Aᵀ's columns."),
            ((n, n), f"n = {n} is the inner size of Bᵀ·Aᵀ: it is summed away."),
        ]),
        _yes_no(
            "Aᵀ·Bᵀ defined", "no",
            f"Aᵀ is {shape((n, m))} and Bᵀ is {shape((k, n))}: the inner sizes {m} and {k} "
            "differ, so Aᵀ·Bᵀ is not defined.",
        ),
    )
    hint = "(A·B)ᵀ = Bᵀ·Aᵀ: transposing reverses the order, and an m × n matrix becomes n × m."
    return prompt, steps, parts, hint


def _square_product(m, n):
    """A·B is square (m × m): then Aᵀ·Bᵀ is defined too, and (A·B)ᵀ has the shape of A·B, so
    the questions ask for Aᵀ·Bᵀ, whose shape gives away a forgotten transpose."""
    prompt = (
        f"A has shape {shape((m, n))} and B has shape {shape((n, m))}.\n"
        "Give, separated by ';': the shape of (A·B)ᵀ; the shape of Aᵀ·Bᵀ; "
        "is Aᵀ·Bᵀ equal to (A·B)ᵀ? (yes or no)"
    )
    steps = [
        Step("Transposing swaps rows and columns: an m × n matrix becomes n × m, "
             "Aᵀ[i, j] = A[j, i].", "Transpose"),
        Step(f"A·B is {shape((m, n))}·{shape((n, m))} = {shape((m, m))}, so (A·B)ᵀ is "
             f"{shape((m, m))} too (a square matrix keeps its shape), and (A·B)ᵀ = Bᵀ·Aᵀ.",
             "(A·B)ᵀ"),
        Step(f"Aᵀ is {shape((n, m))} and Bᵀ is {shape((m, n))}: Aᵀ·Bᵀ is "
             f"{shape((n, m))}·{shape((m, n))} = {shape((n, n))}. It is defined (the inner "
             f"sizes are both {m}), but it is the transpose of B·A, not of A·B.", "Aᵀ·Bᵀ"),
        Step(f"Aᵀ·Bᵀ is {shape((n, n))} and (A·B)ᵀ is {shape((m, m))}: different shapes, so they "
             "cannot be equal. Transposing a product reverses the order: (A·B)ᵀ = Bᵀ·Aᵀ.",
             "Compare"),
    ]
    parts = (
        _shape_part("shape of (A·B)ᵀ", (m, m), [
            ((n, n), f"The inner size {n} is summed away in A·B; (A·B)ᵀ keeps the outer sizes, "
                     f"{shape((m, m))}."),
        ]),
        _shape_part("shape of Aᵀ·Bᵀ", (n, n), [
            ((m, m), f"That is the shape of A·B (and of (A·B)ᵀ = Bᵀ·Aᵀ). With the transposes, Aᵀ "
                     f"is {shape((n, m))} and Bᵀ is {shape((m, n))}, so Aᵀ·Bᵀ is {shape((n, n))}."),
            ((n, m), f"That is the shape of Aᵀ; the product keeps Aᵀ's rows ({n}) and Bᵀ's "
                     f"columns ({n})."),
            ((m, n), f"That is the shape of A (and of Bᵀ); Aᵀ·Bᵀ is "
                     f"{shape((n, m))}·{shape((m, n))}."),
        ]),
        _yes_no(
            "Aᵀ·Bᵀ = (A·B)ᵀ", "no",
            f"Aᵀ·Bᵀ is {shape((n, n))} but (A·B)ᵀ is {shape((m, m))}: they cannot be equal. "
            "Transposing a product reverses the order: (A·B)ᵀ = Bᵀ·Aᵀ.",
        ),
    )
    hint = ("(A·B)ᵀ = Bᵀ·Aᵀ: transposing reverses the order. Aᵀ·Bᵀ, in the same order, is "
            "(B·A)ᵀ.")
    return prompt, steps, parts, hint


def _attention(seq, d):
    prompt = (
        f"In self-attention, the queries Q and the keys K both have shape {shape((seq, d))} "
        f"({seq} tokens, {d} dimensions each).\n"
        "Give, separated by ';': the shape of Kᵀ; the shape of the score matrix Q·Kᵀ; "
        "is Q·K (without the transpose) defined? (yes or no)"
    )
    steps = [
        Step(f"Score (i, j) should be the dot product of query row i with key row j: "
             f"Q[i, :]·K[j, :]. Both are rows of length {d}.", "What we want"),
        Step(f"Transposing K turns its rows into columns: Kᵀ is {shape((d, seq))}.", "Kᵀ"),
        Step(f"Q·Kᵀ is {shape((seq, d))}·{shape((d, seq))} = {shape((seq, seq))}: "
             f"one score for every (query, key) pair, and (Q·Kᵀ)[i, j] = Q[i, :]·K[j, :].",
             "Scores"),
        Step(f"Q·K would be {shape((seq, d))}·{shape((seq, d))}: the inner sizes {d} and {seq} "
             "differ, so it is not defined. The transpose is a shape-mechanical necessity.",
             "Without the transpose"),
    ]
    parts = (
        _shape_part("shape of Kᵀ", (d, seq), [
            ((seq, d), "That is the shape of K; the transpose swaps rows and columns."),
        ]),
        _shape_part("shape of Q·Kᵀ", (seq, seq), [
            ((d, d), f"That is Qᵀ·K: the feature size {d} must be the inner (summed) size, "
                     "leaving one score per pair of tokens."),
            ((seq, d), f"That is Q's shape; Q·Kᵀ is {shape((seq, d))}·{shape((d, seq))}."),
        ]),
        _yes_no("Q·K defined", "no",
                f"Q·K is {shape((seq, d))}·{shape((seq, d))}: Q's columns ({d}) must equal K's "
                f"rows ({seq}), and they do not."),
    )
    hint = ("(Q·Kᵀ)[i, j] = Q[i, :]·K[j, :]: transposing K turns its rows into columns, "
            "so the inner sizes line up.")
    return prompt, steps, parts, hint


def _backprop(d_out, d_in):
    prompt = (
        f"A layer computes y = W·x with W of shape {shape((d_out, d_in))} and x of shape "
        f"{shape((d_in,))}.\n"
        "Give, separated by ';': the shape of Wᵀ; the shape of the upstream gradient ∂L/∂y; "
        "the shape of ∂L/∂x = Wᵀ·∂L/∂y."
    )
    steps = [
        Step(f"y = W·x is {shape((d_out, d_in))}·{shape((d_in,))} = {shape((d_out,))}.", "Forward"),
        Step(f"A gradient has the shape of the thing it is taken with respect to: ∂L/∂y is "
             f"{shape((d_out,))}, like y.", "∂L/∂y"),
        Step(f"Wᵀ swaps W's rows and columns: {shape((d_in, d_out))}.", "Wᵀ"),
        Step(f"∂L/∂x = Wᵀ·∂L/∂y is {shape((d_in, d_out))}·{shape((d_out,))} = {shape((d_in,))}, "
             "the shape of x: the backward pass maps output space back to input space.",
             "∂L/∂x"),
    ]
    parts = (
        _shape_part("shape of Wᵀ", (d_in, d_out), [
            ((d_out, d_in), "That is the shape of W; the transpose swaps rows and columns."),
        ]),
        _shape_part("shape of ∂L/∂y", (d_out,), [
            ((d_in,), f"That is x's shape; ∂L/∂y has the shape of y = W·x, {shape((d_out,))}."),
            ((d_out, d_in), "That is W's shape; ∂L/∂y has the shape of the vector y."),
        ]),
        _shape_part("shape of ∂L/∂x", (d_in,), [
            ((d_out,), f"That is y's shape; ∂L/∂x has the shape of x: Wᵀ is "
                       f"{shape((d_in, d_out))}, so Wᵀ·∂L/∂y is {shape((d_in,))}."),
            ((d_in, d_out), "That is Wᵀ's shape; multiplying it by the vector ∂L/∂y gives a vector."),
        ]),
    )
    hint = "The gradient with respect to x has the shape of x; Wᵀ maps output space back to input space."
    return prompt, steps, parts, hint


def build(mode, dims) -> Variant:
    make = {"product": _product, "attention": _attention, "backprop": _backprop}[mode]
    prompt, steps, parts, hint = make(*dims)
    return Variant(
        prompt=prompt,
        answer=AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts),
                          parts=parts),
        steps=steps,
        hints=[hint],
    )


TEMPLATES = [
    Template(
        id="matrices.transpose_shapes",
        title="Transpose shapes: (AB)ᵀ = BᵀAᵀ and Q·Kᵀ",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("matrices.matmul_shapes",),
        difficulty=2,
        seed_params={"mode": "attention", "dims": ("S", "d")},
        source="000 §A.6; 002 §2.1",
    )
]
