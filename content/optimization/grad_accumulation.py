"""Gradient accumulation: effective batch size, optimiser steps and micro-batches per epoch (002 §2.6)."""

import random

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.problems import Figure, Step, Template, Variant

STORIES = {
    "images": ("images", "an image classifier"),
    "sequences": ("sequences", "a language model"),
    "molecules": ("molecule graphs", "a graph network"),
}


def draw(rng: random.Random) -> dict:
    while True:
        micro = rng.choice([2, 4, 8, 16, 32, 64])
        accum = rng.choice([2, 4, 8, 16, 3, 5])
        gpus = rng.choice([1, 1, 2, 4, 8])
        effective = micro * accum * gpus
        steps = rng.choice([50, 100, 125, 200, 250, 500, 1000])
        if effective <= 4096 and micro + accum != effective:
            return {"story": rng.choice(sorted(STORIES)), "micro": micro, "accum": accum,
                    "gpus": gpus, "dataset": steps * effective}


def _count(label: str, value: int, *mistakes: tuple[int, str]) -> AnswerSpec:
    """A count: an exact whole number, with its classic slips (those equal to it are left out)."""
    return with_mistakes(AnswerSpec(kind="integer", expected=str(value), label=label), mistakes)


def build(story, micro, accum, gpus, dataset) -> Variant:
    things, model = STORIES[story]
    B, K, G, N = micro, accum, gpus, dataset
    E = B * K * G
    updates = N // E
    passes = N // (B * G)
    gpu_text = "one GPU" if G == 1 else f"{G} GPUs (data parallel: each GPU takes its own micro-batch)"
    prompt = (
        f"You train {model} on {N:,} {things} using {gpu_text}. Memory fits a micro-batch of $B = {B}$ {things} "
        f"per GPU, so you accumulate gradients over $K = {K}$ micro-batches before each optimiser step.\n"
        "Give, separated by ';': the effective batch size; the number of optimiser steps per epoch; "
        "the number of forward–backward passes each GPU runs per epoch.\n"
    )
    n_tex = f"{N:,}".replace(",", "{,}")  # 6{,}400: the thousands comma set tight
    gpu_factor = "" if G == 1 else f" on each of $G = {G}$ GPUs"
    per_gpu = f"{B}" if G == 1 else rf"{B} \cdot {G}"
    product = r"B \cdot K" + ("" if G == 1 else r" \cdot G")
    numbers = rf"{B} \cdot {K}" + ("" if G == 1 else rf" \cdot {G}")
    steps = [
        Step(f"Each optimiser step sums the gradients of $K = {K}$ micro-batches of $B = {B}${gpu_factor}: "
             rf"$\text{{effective batch}} = {product} = {numbers} = {E}$. "
             "The update matches one step with a batch of that size, without the memory.", "Effective batch"),
        Step(f"One epoch sees all {N:,} {things} once: $\\frac{{{n_tex}}}{{{E}}} = {updates}$ optimiser steps.",
             "Optimiser steps"),
        Step(f"Each GPU runs a forward–backward pass per micro-batch: {updates} steps of $K = {K}$ micro-batches, "
             rf"${updates} \cdot {K} = \frac{{{n_tex}}}{{{per_gpu}}} = {passes}$ passes.",
             "Micro-batches"),
        Step(f"Divide each micro-batch loss by $K = {K}$ (or average the accumulated gradients) so the step uses "
             "the mean gradient; otherwise the gradient is $K$ times too large.", "Loss scaling"),
    ]
    parts = (
        _count("the effective batch size", E,
               (B + K, "Accumulation multiplies: every step combines K micro-batches of B examples each."),
               (B * K, f"Each of the {G} GPUs contributes its own micro-batches: multiply by G = {G} too."),
               (B, f"That is the micro-batch; the optimiser step combines K = {K} of them"
                   + ("" if G == 1 else f" on each of {G} GPUs") + "."),
               (B * G, f"You left out the K = {K} accumulated micro-batches: each step sums K of them.")),
        _count("the optimiser steps per epoch", updates,
               (passes, "That counts micro-batches (forward–backward passes); the optimiser steps once every "
                        f"K = {K} of them."),
               (N // (B * K) if N % (B * K) == 0 else updates,
                f"The {G} GPUs share the data: divide by the full effective batch {E}."),
               (N // B, "That is the number of micro-batches in the whole dataset; the optimiser steps once "
                        f"per effective batch of {E}."),
               (N * K // (B * G) if G > 1 else N * K // B,
                f"Divide by the effective batch: accumulating K = {K} micro-batches means fewer steps, not more.")),
        _count("the forward–backward passes per GPU", passes,
               (updates, f"That is the number of optimiser steps; each one needs K = {K} forward–backward passes."),
               (N // B, f"Each GPU only sees 1/{G} of the data: {N:,} / ({B} × {G})."),
               (updates * K * G, f"Count per GPU: the {G} GPUs run their passes in parallel.")),
    )
    answer = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    return Variant(
        prompt=prompt + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=[r"$\text{effective batch} = B \cdot K$ (times $G$, the number of GPUs); "
               r"$\text{optimiser steps per epoch} = \frac{\text{dataset size}}{\text{effective batch}}$."],
        figure=Figure("accumulation", {"micro": B, "accum": K, "gpus": G, "effective": E}),
    )


TEMPLATES = [
    Template(
        id="optim.grad_accumulation",
        title="Gradient accumulation and the effective batch size",
        topic="optimization",
        draw=draw,
        build=build,
        prerequisites=("calculus.gradient_descent",),
        difficulty=1,
        # 002 §2.6: "Effective batch size = B × K"
        seed_params={"story": "sequences", "micro": 16, "accum": 4, "gpus": 1, "dataset": 6400},
        source="002 §2.6",
    )
]
