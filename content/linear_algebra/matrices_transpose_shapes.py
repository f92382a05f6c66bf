"""Transpose shapes: (AB)ᵀ = BᵀAᵀ, the Kᵀ in Q·Kᵀ, and Wᵀ in backprop (000 §A.6; 002 §2.1)."""

import random

from tutor.core.answers import AnswerSpec, Mistake
from tutor.core.formatting import shape
from tutor.core.problems import Step, Template, Variant

YES_NO = ("yes", "no")
SIZES = (2, 3, 4, 5, 6, 8, 10, 12, 16)
ROWS = r"Q_{i,:} \cdot K_{j,:}"  # query row i dotted with key row j
DY, DX = r"\frac{\partial L}{\partial y}", r"\frac{\partial L}{\partial x}"


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


def _dims(dims) -> str:
    """A shape in a formula: 4 \\times 16, S \\times d; a vector's as PyTorch prints it, (16{,})."""
    return f"({dims[0]}{{,}})" if len(dims) == 1 else r" \times ".join(str(d) for d in dims)


def _times(a, b) -> str:
    """The shapes of a product in a formula: (4 \\times 16) \\cdot (16 \\times 8)."""
    return " \\cdot ".join(_dims(d) if len(d) == 1 else f"({_dims(d)})" for d in (a, b))


TRANSPOSE = Step(r"Transposing swaps rows and columns: an $m \times n$ matrix becomes $n \times m$, "
                 r"$(A^\top)_{ij} = A_{ji}$.", "Transpose")


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
        f"A has shape ${_dims((m, n))}$ and B has shape ${_dims((n, k))}$.\n"
        r"Give, separated by ';': the shape of $(AB)^\top$; the shape of $B^\top A^\top$; "
        r"is $A^\top B^\top$ defined? (yes or no)"
    )
    steps = [
        TRANSPOSE,
        Step(rf"$AB$ is ${_times((m, n), (n, k))} = {_dims((m, k))}$, so $(AB)^\top$ is ${_dims((k, m))}$.",
             "(A·B)ᵀ"),
        Step(rf"$B^\top$ is ${_dims((k, n))}$ and $A^\top$ is ${_dims((n, m))}$: $B^\top A^\top$ is "
             rf"${_times((k, n), (n, m))} = {_dims((k, m))}$, the same shape as $(AB)^\top$ "
             r"(and entry by entry the same matrix: $(AB)^\top = B^\top A^\top$).", "Bᵀ·Aᵀ"),
        Step(rf"$A^\top B^\top$ is ${_times((n, m), (k, n))}$: the inner sizes are {m} and {k}, "
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
    hint = (r"$(AB)^\top = B^\top A^\top$: transposing reverses the order, and an $m \times n$ matrix "
            r"becomes $n \times m$.")
    return prompt, steps, parts, hint


def _square_product(m, n):
    """A·B is square (m × m): then Aᵀ·Bᵀ is defined too, and (A·B)ᵀ has the shape of A·B, so
    the questions ask for Aᵀ·Bᵀ, whose shape gives away a forgotten transpose."""
    prompt = (
        f"A has shape ${_dims((m, n))}$ and B has shape ${_dims((n, m))}$.\n"
        r"Give, separated by ';': the shape of $(AB)^\top$; the shape of $A^\top B^\top$; "
        r"is $A^\top B^\top$ equal to $(AB)^\top$? (yes or no)"
    )
    steps = [
        TRANSPOSE,
        Step(rf"$AB$ is ${_times((m, n), (n, m))} = {_dims((m, m))}$, so $(AB)^\top$ is "
             rf"${_dims((m, m))}$ too (a square matrix keeps its shape), and $(AB)^\top = B^\top A^\top$.",
             "(A·B)ᵀ"),
        Step(rf"$A^\top$ is ${_dims((n, m))}$ and $B^\top$ is ${_dims((m, n))}$: $A^\top B^\top$ is "
             rf"${_times((n, m), (m, n))} = {_dims((n, n))}$. It is defined (the inner "
             f"sizes are both {m}), but it is the transpose of $BA$, not of $AB$.", "Aᵀ·Bᵀ"),
        Step(rf"$A^\top B^\top$ is ${_dims((n, n))}$ and $(AB)^\top$ is ${_dims((m, m))}$: different shapes, "
             r"so they cannot be equal. Transposing a product reverses the order: $(AB)^\top = B^\top A^\top$.",
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
    hint = (r"$(AB)^\top = B^\top A^\top$: transposing reverses the order. $A^\top B^\top$, in the same "
            r"order, is $(BA)^\top$.")
    return prompt, steps, parts, hint


def _attention(seq, d):
    prompt = (
        f"In self-attention, the queries Q and the keys K both have shape ${_dims((seq, d))}$ "
        f"({seq} tokens, {d} dimensions each).\n"
        r"Give, separated by ';': the shape of $K^\top$; the shape of the score matrix $Q K^\top$; "
        "is $Q K$ (without the transpose) defined? (yes or no)"
    )
    steps = [
        Step("Score (i, j) should be the dot product of query row i with key row j: "
             f"${ROWS}$. Both are rows of length {d}.", "What we want"),
        Step(rf"Transposing K turns its rows into columns: $K^\top$ is ${_dims((d, seq))}$.", "Kᵀ"),
        Step(rf"$Q K^\top$ is ${_times((seq, d), (d, seq))} = {_dims((seq, seq))}$: "
             rf"one score for every (query, key) pair, and $(Q K^\top)_{{ij}} = {ROWS}$.",
             "Scores"),
        Step(f"$Q K$ would be ${_times((seq, d), (seq, d))}$: the inner sizes {d} and {seq} "
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
    hint = (rf"$(Q K^\top)_{{ij}} = {ROWS}$: transposing K turns its rows into columns, "
            "so the inner sizes line up.")
    return prompt, steps, parts, hint


def _backprop(d_out, d_in):
    prompt = (
        f"A layer computes $y = W x$ with W of shape ${_dims((d_out, d_in))}$ and x of shape "
        f"${_dims((d_in,))}$.\n"
        rf"Give, separated by ';': the shape of $W^\top$; the shape of the upstream gradient ${DY}$; "
        rf"the shape of ${DX} = W^\top {DY}$."
    )
    steps = [
        Step(f"$y = W x$ is ${_times((d_out, d_in), (d_in,))} = {_dims((d_out,))}$.", "Forward"),
        Step(f"A gradient has the shape of the thing it is taken with respect to: ${DY}$ is "
             f"${_dims((d_out,))}$, like y.", "∂L/∂y"),
        Step(rf"$W^\top$ swaps W's rows and columns: ${_dims((d_in, d_out))}$.", "Wᵀ"),
        Step(rf"${DX} = W^\top {DY}$ is ${_times((d_in, d_out), (d_out,))} = {_dims((d_in,))}$, "
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
    hint = r"The gradient with respect to x has the shape of x; $W^\top$ maps output space back to input space."
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
