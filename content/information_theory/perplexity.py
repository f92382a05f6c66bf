"""Perplexity = exp(cross-entropy in nats) = 2^(cross-entropy in bits) (000 §C.28, 002 §2.5)."""

import math
import random

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, figures, num, rounded, vec
from tutor.core.problems import Step, Template, Variant

SIG_FIGS = 4  # the perplexity: 4 significant figures (the prompt's sentence says so)


def sig(x: float) -> str:
    """An intermediate value at 6 significant figures (rounded only at the end)."""
    return figures(x, 6)


def final(x: float) -> str:
    """The perplexity as the canonical answer writes it: exactly 4 significant figures."""
    return rounded(x, sig_figs=SIG_FIGS)


def result(x: float) -> str:
    """ "= 8" for a whole perplexity (2^3), else "\\approx 12.18" (LaTeX)."""
    return f"= {num(x)}" if x == round(x) else rf"\approx {final(x)}"

NATS = (0.5, 0.7, 1.2, 1.5, 1.8, 2.1, 2.5, 2.8, 3.0, 3.2, 3.5, 4.0)
BITS = (1.5, 2.5, 3, 3.2, 3.5, 4, 4.5, 5, 6.2)
TOKEN_PROBS = (0.5, 0.25, 0.2, 0.1, 0.4, 0.8, 0.05, 0.6, 0.3)


def draw(rng: random.Random) -> dict:
    mode = rng.choice(["nats", "nats", "bits", "probs", "probs"])
    if mode == "nats":
        return {"mode": mode, "loss": rng.choice(NATS)}
    if mode == "bits":
        return {"mode": mode, "loss": rng.choice(BITS)}
    while True:
        probs = tuple(rng.choice(TOKEN_PROBS) for _ in range(rng.choice([3, 4, 4])))
        if len(set(probs)) > 1:
            return {"mode": mode, "probs": probs}


def build(mode, loss=None, probs=None) -> Variant:
    hints = [r"Perplexity is $\exp(H)$ with $H$ the average cross-entropy per token in nats, "
             r"and $2^H$ with $H$ in bits."]
    if mode == "probs":
        n = len(probs)
        nll = [-math.log(p) for p in probs]
        h = sum(nll) / n
        ppl = math.exp(h)
        prompt = (
            f"A language model predicts a {n}-token test sentence, giving the true next tokens "
            f"the probabilities $p = {vec(probs)}$.\n"
            "What is its perplexity on this sentence?\n"
        )
        steps = [
            Step("Cross-entropy per token: " + ", ".join(
                rf"$-\ln {num(p)} \approx {sig(v)}$" for p, v in zip(probs, nll, strict=True)), "Per-token loss"),
            Step(rf"Average: $H = \frac{{{' + '.join(sig(v) for v in nll)}}}{{{n}}} \approx "
                 rf"\frac{{{sig(sum(nll))}}}{{{n}}} \approx {sig(h)}$ nats/token",
                 "Mean cross-entropy"),
            Step(rf"$\mathrm{{PPL}} = \exp({sig(h)}) \approx {final(ppl)}$", "Exponentiate"),
            Step(
                rf"Same thing as $\mathrm{{PPL}} = (p_1 p_2 \cdots p_{n})^{{-1/{n}}}$, "
                "1 over the geometric mean of the probabilities: "
                f"the model is as uncertain as a uniform choice among ≈ {num(ppl, 1)} tokens at each step.",
                "Interpret",
            ),
        ]
        candidates = [
            (math.exp(sum(nll)), f"You exponentiated the total loss. Average over the {n} tokens first."),
            (h, "That is the mean cross-entropy in nats; perplexity is its exponential."),
            (1 / ppl, "That is the geometric mean of the probabilities, 1/PPL. Perplexity is exp(+mean loss)."),
            (1 / (sum(probs) / n), "1/(arithmetic mean of p) is not perplexity: average the log-losses, "
                                   "then exponentiate (a geometric mean)."),
            (2 ** h, "You used 2^H with H in nats. With natural-log losses, perplexity is e^H."),
            (sum(1 / p for p in probs) / n,
             "That is the arithmetic mean of the 1/pᵢ. Perplexity averages the log-losses and then "
             "exponentiates: exp(mean of −ln pᵢ), a geometric mean."),
            (math.exp(-sum(probs) / n), "You exponentiated minus the mean probability; take the mean of "
                                        "the log-losses −ln pᵢ first, then exponentiate."),
        ]
    else:
        base = "e" if mode == "nats" else "2"
        ppl = math.exp(loss) if mode == "nats" else 2.0 ** loss
        unit = "nats" if mode == "nats" else "bits"
        prompt = (
            f"A language model's validation cross-entropy loss is {num(loss)} {unit} per token "
            f"({'natural log' if mode == 'nats' else 'log base 2'}).\n"
            "What is its perplexity?\n"
        )
        other = 2.0 ** loss if mode == "nats" else math.exp(loss)
        steps = [
            Step(
                r"Perplexity undoes the log of the loss: $\mathrm{PPL} = \exp(H)$ when $H$ is in nats, "
                r"$\mathrm{PPL} = 2^H$ when $H$ is in bits ($\log_2$).",
                "Rule",
            ),
            Step(rf"$\mathrm{{PPL}} = {base}^{{{num(loss)}}} {result(ppl)}$", "Exponentiate"),
        ]
        if mode == "bits":
            steps.append(Step(
                rf"Check via nats: {num(loss)} bits are ${num(loss)} \cdot \ln 2 \approx {sig(loss * math.log(2))}$ "
                rf"nats, and $\exp({sig(loss * math.log(2))}) {result(ppl)}$ ✓", "Same in nats"))
        steps.append(Step(
            f"The model is as uncertain as if it picked uniformly among ≈ {num(ppl, 1)} equally likely "
            "tokens at each step. Lower perplexity is better.",
            "Interpret",
        ))
        candidates = [
            (other, f"{'2^H' if mode == 'nats' else 'e^H'} uses the wrong base: the loss is in {unit}, "
                    f"so perplexity is {base}^H."),
            (10 ** loss, f"10^H uses the wrong base: the loss is in {unit}, so perplexity is {base}^H."),
            (1 / ppl, f"That is {base}^(−H) = 1/PPL. Perplexity is {base}^(+H)."),
            (loss, "That is the loss itself; perplexity is its exponential."),
            ((math.exp(1) if mode == "nats" else 2.0) * loss,
             f"You multiplied {base} by the loss; perplexity raises {base} to the power of the loss: "
             f"{base}^{num(loss)}."),
            (loss ** (math.e if mode == "nats" else 2),
             f"You raised the loss to the power {base}; perplexity is {base} raised to the loss: "
             f"{base}^{num(loss)}."),
        ]
    answer = with_mistakes(AnswerSpec(kind="number", expected=exact_text(ppl), sig_figs=SIG_FIGS),
                           candidates)
    return Variant(
        prompt=prompt + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=hints,
    )


TEMPLATES = [
    Template(
        id="info.perplexity",
        title="Perplexity from cross-entropy",
        topic="information theory",
        draw=draw,
        build=build,
        prerequisites=("info.cross_entropy",),
        difficulty=2,
        seed_params={"mode": "nats", "loss": 2.5},
        source="000 §C.28; 002 §2.5",
    )
]
