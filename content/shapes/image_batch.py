"""Shape walkthrough: an image batch (B, C, H, W) flattened into a linear layer (002 §2.1)."""

import random

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import shape
from tutor.core.problems import Figure, Step, Template, Variant

W_LIN = r"W_{\mathrm{lin}}"
QUESTIONS = (
    "the shape after flatten",
    f"the shape of the weight matrix ${W_LIN}$",
    "the shape of the output $y$",
    "the number of parameters of the layer",
)


def tsh(dims) -> str:
    """A shape as PyTorch prints it, in a formula: (4, 16), (16{,})."""
    return f"({dims[0]}{{,}})" if len(dims) == 1 else shape(dims)


def draw(rng: random.Random) -> dict:
    while True:
        batch = rng.choice([8, 16, 32, 64, 128])
        channels = rng.choice([1, 3, 3, 4])
        height = rng.choice([8, 16, 28, 32, 64])
        width = height if rng.random() < 0.8 else rng.choice([8, 16, 24, 32, 48])
        out = rng.choice([10, 20, 64, 100, 128, 256])
        features = channels * height * width
        if len({batch, out, features}) == 3 and batch != height * width:
            return {"batch": batch, "channels": channels, "height": height, "width": width, "out": out}


def _shape_spec(label: str, dims, expected_dims, *mistakes: tuple) -> AnswerSpec:
    kept, seen = [], {tuple(expected_dims)}
    for wrong, why in mistakes:
        if tuple(wrong) not in seen:
            seen.add(tuple(wrong))
            kept.append(Mistake(shape(wrong), why))
    return AnswerSpec(kind="shape", expected=shape(dims), label=label, mistakes=tuple(kept))


def build(batch, channels, height, width, out) -> Variant:
    B, C, H, W, m = batch, channels, height, width, out
    n = C * H * W
    params = n * m + m
    parts = (
        _shape_spec("shape after flatten", (B, n), (B, n),
                    ((B * n,), "flatten(1) keeps the batch axis; only the axes after it are merged."),
                    ((B, H * W), f"Count the channels too: each image holds C·H·W = {C}·{H}·{W} = {n} numbers."),
                    ((B, C, H * W), "flatten(1) merges every axis after the batch, the channels included.")),
        _shape_spec("shape of W_lin", (m, n), (m, n),
                    ((n, m), f"nn.Linear (like 002's y = Wx + b) stores its weight W_lin as (out, in) = "
                             f"({m}, {n}); it computes x·W_linᵀ, so in a batch the transpose appears."),
                    ((m, H * W), f"The layer's input has C·H·W = {n} features, channels included.")),
        _shape_spec("shape of y", (B, m), (B, m),
                    ((m,), f"The batch axis stays: one row of {m} outputs per image."),
                    ((B, n), "That is the flattened input; the layer maps it to out features.")),
        with_mistakes(AnswerSpec(kind="integer", expected=str(params), label="the number of parameters"), [
            (n * m, f"You counted the weights only; add the {m} biases."),
            (B * params, "The parameter count does not depend on the batch size."),
            (H * W * m + m, f"Each image has C·H·W = {n} inputs, channels included."),
            (n * m + n, f"There is one bias per output, so {m} biases, not one per input ({n})."),
            (n + m, f"The weights form a matrix: {m}·{n} = {n * m} of them, not {n} + {m}."),
        ]),
    )
    spec = AnswerSpec(kind="multi", parts=parts)
    prompt = (
        f"A batch of images has shape $(B, C, H, W) = {tsh((B, C, H, W))}$: {B} images, {C} channel"
        rf"{'s' if C > 1 else ''}, ${H} \times {W}$ pixels ($H$ = height, $W$ = width)." "\n"
        f"It is flattened with x.flatten(1) and fed to a linear layer nn.Linear(in_features, {m}), "
        f"whose weight matrix ${W_LIN}$ is stored as (out_features, in_features); the layer computes "
        rf"$y = x {W_LIN}^\top + b$." "\n"
        "Give, separated by ';': " + "; ".join(QUESTIONS) + ".\n" + precision_sentence(spec)
    )
    steps = [
        Step(r"flatten(1) keeps axis 0 (the batch) and merges the rest: "
             rf"$C \cdot H \cdot W = {C} \cdot {H} \cdot {W} = {n}$, "
             f"so $x$ becomes ${tsh((B, n))}$, one row of {n} numbers per image.", "Flatten"),
        Step(f"The layer maps in_features = {n} to out_features = {m}; ${W_LIN}$ is $(\\text{{out}}, \\text{{in}}) = {tsh((m, n))}$ "
             f"and $b$ is ${tsh((m,))}$.", "Weights"),
        Step(rf"$y = x {W_LIN}^\top + b$: ${tsh((B, n))} \cdot {tsh((n, m))} = {tsh((B, m))}$ "
             f"(inner dimensions ${n} = {n}$); $b$ broadcasts over the batch.", "Output"),
        Step(rf"Parameters: ${W_LIN}$ has ${m} \cdot {n} = {n * m}$, $b$ has {m}: ${n * m} + {m} = {params}$. "
             f"The batch size {B} does not enter.", "Count"),
    ]
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[r"flatten(1) gives $(B, C \cdot H \cdot W)$. A linear layer from $n$ to $m$ features has a "
               f"weight matrix ${W_LIN}$ of shape $(m, n)$ in PyTorch, " r"$m \cdot n + m$ parameters, "
               "and maps $(B, n)$ to $(B, m)$."],
        figure=Figure("tensor_shapes", {
            "tensors": [["x", [B, C, H, W], f"{B} images, {C} channel{'s' if C != 1 else ''}, {H}×{W} pixels"],
                        ["x.flatten(1)", [B, n], f"C·H·W = {n} features per image"],
                        ["y", [B, m], f"W_lin: {shape((m, n))}, b: {shape((m,))}"]],
            "ops": ["flatten(1)", f"nn.Linear({n}, {m}): x·W_linᵀ + b"]}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="shapes.image_batch",
        title="Shape walkthrough: an image batch through flatten and a linear layer",
        topic="shapes",
        draw=draw,
        build=build,
        prerequisites=("tensors.reshape_broadcast", "shapes.mlp_two_layer"),
        difficulty=1,
        # 002 §2.1: 1,000 images of 28×28 pixels become a 1,000 × 784 matrix; 10 outputs chosen here
        seed_params={"batch": 1000, "channels": 1, "height": 28, "width": 28, "out": 10},
        source="002 §2.1",
    )
]
