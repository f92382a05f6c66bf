"""Shape walkthrough of a 2-layer MLP: forward and backward shapes, parameter count (000 §D.2)."""

import random

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import shape
from tutor.core.problems import Figure, Step, Template, Variant

QUESTIONS = (
    "the shape of W₁",
    "the shape of h",
    "the shape of the logits y",
    "the shape of ∂L/∂W₂",
    "the total number of parameters",
)


def draw(rng: random.Random) -> dict:
    while True:
        batch = rng.choice([2, 4, 8, 16, 32, 64])
        d_in = rng.choice([3, 4, 6, 8, 10, 12, 20, 28, 64, 100])
        hidden = rng.choice([5, 16, 24, 32, 64, 128])
        d_out = rng.choice([2, 3, 4, 5, 10])
        # all four sizes different, so that a swapped or misplaced dimension is visible
        if len({batch, d_in, hidden, d_out}) == 4:
            return {"batch": batch, "d_in": d_in, "hidden": hidden, "d_out": d_out}


def _shape_spec(label: str, dims: tuple[int, ...], *mistakes: Mistake) -> AnswerSpec:
    return AnswerSpec(kind="shape", expected=shape(dims), label=label, mistakes=mistakes)


def build(batch, d_in, hidden, d_out) -> Variant:
    B, n, k, m = batch, d_in, hidden, d_out
    params = n * k + k + k * m + m
    parts = (
        _shape_spec("shape of W₁", (n, k),
                    Mistake(shape((B, k)), "That is the shape of x·W₁; W₁ itself maps in → hidden."),
                    Mistake(shape((B, n)), "That is the shape of x; W₁ maps in → hidden.")),
        _shape_spec("shape of h", (B, k),
                    Mistake(shape((k,)), "h keeps the batch dimension: one row per example."),
                    Mistake(shape((B, n)), "That is x's shape; h has one column per hidden unit.")),
        _shape_spec("shape of y", (B, m),
                    Mistake(shape((k, m)), "That is W₂'s shape; y = h·W₂ + b₂ has one row per example.")),
        _shape_spec("shape of ∂L/∂W₂", (k, m),
                    Mistake(shape((B, m)), "That is the shape of the upstream gradient g_y; "
                            "the gradient of a weight always has the weight's shape.")),
        with_mistakes(AnswerSpec(kind="integer", expected=str(params), label="the total number of parameters"), [
            (n * k + k * m, f"You counted the weights only; add the biases b₁ ({k}) and b₂ ({m})."),
            (B * params, "The parameter count does not depend on the batch size."),
            (n * k + k, f"That is the first layer only; add W₂ ({k}·{m} = {k * m}) and b₂ ({m})."),
            (n * k + n + k * m + k, f"There is one bias per output unit: b₁ has {k} entries and b₂ has {m}, "
                                    "not one per input."),
            (n * k * m + k + m, f"The two weight matrices are added, not multiplied: {n}·{k} + {k}·{m}."),
        ]),
    )
    spec = AnswerSpec(kind="multi", parts=parts)
    prompt = (
        f"A 2-layer MLP takes a batch x of shape {shape((B, n))} ({B} examples, {n} features):\n"
        f"    h = ReLU(x·W₁ + b₁)   with {k} hidden units\n"
        f"    y = h·W₂ + b₂          with {m} outputs\n"
        "Give, separated by ';': " + "; ".join(QUESTIONS) + ".\n" + precision_sentence(spec)
    )
    steps = [
        Step(f"W₁ maps {n} inputs to {k} hidden units: W₁ is {shape((n, k))} and b₁ is {shape((k,))}.", "First layer"),
        Step(f"x·W₁ is {shape((B, n))}·{shape((n, k))} = {shape((B, k))} (inner dimensions {n} = {n} agree); "
             f"adding b₁ broadcasts {shape((k,))} over the batch, and ReLU keeps the shape: h is {shape((B, k))}.", "Hidden layer"),
        Step(f"W₂ is {shape((k, m))}, b₂ is {shape((m,))}; y = h·W₂ + b₂ is {shape((B, k))}·{shape((k, m))} = {shape((B, m))}.", "Output"),
        Step(f"The upstream gradient g_y has y's shape {shape((B, m))}. ∂L/∂W₂ = hᵀ·g_y is "
             f"{shape((k, B))}·{shape((B, m))} = {shape((k, m))}: the same shape as W₂, as every weight gradient.", "Backward"),
        Step(f"Parameters: W₁ {n}·{k} = {n * k}, b₁ {k}, W₂ {k}·{m} = {k * m}, b₂ {m}; "
             f"total {n * k} + {k} + {k * m} + {m} = {params}.", "Count"),
    ]
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[
            "A weight that maps a inputs to b outputs in x·W has shape (a, b); "
            "activations keep the batch as their first dimension.",
        ],
        figure=Figure("network", {"layers": [n, k, m], "batch": B}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="shapes.mlp_two_layer",
        title="Shape walkthrough: a 2-layer MLP",
        topic="shapes",
        draw=draw,
        build=build,
        prerequisites=("matrices.matmul_shapes",),
        difficulty=2,
        seed_params={"batch": 4, "d_in": 8, "hidden": 16, "d_out": 3},
        source="000 §D.2",
    )
]
