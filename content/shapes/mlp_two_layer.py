"""Shape walkthrough of a 2-layer MLP: forward and backward shapes, parameter count (000 §D.2)."""

import random

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import shape
from tutor.core.problems import Figure, Step, Template, Variant

QUESTIONS = (
    "the shape of $W_1$",
    "the shape of $h$",
    "the shape of the logits $y$",
    r"the shape of $\frac{\partial L}{\partial W_2}$",
    "the total number of parameters",
)


def tsh(dims) -> str:
    """A shape as PyTorch prints it, in a formula: (4, 16), (16{,})."""
    return f"({dims[0]}{{,}})" if len(dims) == 1 else shape(dims)


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
        f"A 2-layer MLP takes a batch $x$ of shape ${tsh((B, n))}$ ({B} examples, {n} features):\n"
        rf"$h = \mathrm{{ReLU}}(x W_1 + b_1)$ with {k} hidden units" "\n"
        f"$y = h W_2 + b_2$ with {m} outputs\n"
        "Give, separated by ';': " + "; ".join(QUESTIONS) + ".\n" + precision_sentence(spec)
    )
    steps = [
        Step(f"$W_1$ maps {n} inputs to {k} hidden units: $W_1$ is ${tsh((n, k))}$ and $b_1$ is ${tsh((k,))}$.",
             "First layer"),
        Step(rf"$x W_1$ is ${tsh((B, n))} \cdot {tsh((n, k))} = {tsh((B, k))}$ (inner dimensions ${n} = {n}$ agree); "
             f"adding $b_1$ broadcasts ${tsh((k,))}$ over the batch, and ReLU keeps the shape: $h$ is ${tsh((B, k))}$.",
             "Hidden layer"),
        Step(f"$W_2$ is ${tsh((k, m))}$, $b_2$ is ${tsh((m,))}$; $y = h W_2 + b_2$ is "
             rf"${tsh((B, k))} \cdot {tsh((k, m))} = {tsh((B, m))}$.", "Output"),
        Step(f"The upstream gradient $g_y$ has $y$'s shape ${tsh((B, m))}$. "
             r"$\frac{\partial L}{\partial W_2} = h^\top g_y$ is "
             rf"${tsh((k, B))} \cdot {tsh((B, m))} = {tsh((k, m))}$: the same shape as $W_2$, as every weight gradient.",
             "Backward"),
        Step(rf"Parameters: $W_1$: ${n} \cdot {k} = {n * k}$, $b_1$: {k}, $W_2$: ${k} \cdot {m} = {k * m}$, $b_2$: {m}; "
             f"total ${n * k} + {k} + {k * m} + {m} = {params}$.", "Count"),
    ]
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[
            "A weight that maps $a$ inputs to $b$ outputs in $x W$ has shape $(a, b)$; "
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
