"""Self-information of one outcome in bits and in nats (002 §2.5, 000 §C.28)."""

import math
import random

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, figures, num, rounded
from tutor.core.problems import Figure, Step, Template, Variant

STORIES = (
    "A language model gives the next token “{tok}” probability {p}.",
    "A spam filter sees an email pattern that occurs with probability {p}.",
    "A sensor reports an event whose probability is {p}.",
    "An outcome $x$ of a random experiment has probability $p(x) = {p}$.",
)
TOKENS = ("the", "cat", "quantum", "is", "and", "zebra")
PROBS = (0.5, 0.25, 0.125, 0.0625, 0.2, 0.1, 0.05, 0.02, 0.01, 0.001, 0.9, 0.99, 0.75, 0.8, 0.4, 0.3)


SIG_FIGS = 4  # every answer: 4 significant figures (the prompt's sentence says so)


def amount(text: str, unit: str) -> str:
    """A quantity with its unit, singular for exactly 1: "1 bit", "0.5 bits", "2 nats"."""
    return f"{text} {unit[:-1] if text == '1' else unit}"


def final(x: float) -> str:
    """A result as the canonical answer writes it: exactly 4 significant figures."""
    return rounded(x, sig_figs=SIG_FIGS)


def full(x: float) -> str:
    """An intermediate value at 6 significant figures (rounded only at the end)."""
    return figures(x, 6)


def number(value: float, label: str, candidates) -> AnswerSpec:
    """One number at 4 significant figures, exact expected value, classic slips declared."""
    spec = AnswerSpec(kind="number", expected=exact_text(value), sig_figs=SIG_FIGS, label=label)
    return with_mistakes(spec, candidates)


def draw(rng: random.Random) -> dict:
    return {"p": rng.choice(PROBS), "story": rng.randrange(len(STORIES)), "token": rng.choice(TOKENS)}


def build(p, story=3, token="the") -> Variant:
    bits = -math.log2(p)
    nats = -math.log(p)
    hartleys = -math.log10(p)
    context = STORIES[story].format(tok=token, p=num(p, 6))
    question = (
        f"{context}\n"
        "How much information (surprise) does observing it carry?\n"
        "Give, separated by ';': the self-information in bits; the self-information in nats.\n"
    )
    converted = num(bits) if bits == round(bits) else final(bits)
    steps = [
        Step(
            r"Self-information is $I(x) = -\log p(x)$: the rarer the outcome, the larger the surprise; "
            "a certain outcome ($p = 1$) carries 0. The base of the log sets the unit: "
            r"$\log_2$ → bits, $\ln$ → nats.",
            "Definition",
        ),
        Step(
            rf"$I = -\log_2({num(p, 6)}) = \log_2 \frac{{1}}{{{num(p, 6)}}} = \log_2({num(1 / p, 4)}) "
            + (f"= {num(bits)}$ {amount(num(bits), 'bits').split()[-1]} exactly, since "
               f"${num(p, 6)} = 2^{{-{num(bits)}}}$" if bits == round(bits)
               else rf"\approx {final(bits)}$ bits"),
            "Bits",
        ),
        Step(rf"$I = -\ln({num(p, 6)}) = \ln({num(1 / p, 4)}) \approx {final(nats)}$ nats", "Nats"),
        Step(
            r"Check the conversion: $1\ \text{nat} = \frac{1}{\ln 2} \approx 1.442695\ \text{bits}$, and "
            rf"${full(nats)} \cdot 1.442695 \approx {converted}$ {amount(converted, 'bits').split()[-1]}. "
            "For scale: a fair coin flip ($p = 0.5$) is exactly 1 bit, an almost certain outcome "
            "($p = 0.99$) only 0.0145 bits, a rare one ($p = 0.001$) 9.97 bits.",
            "Sanity check",
        ),
    ]
    ln2 = math.log(2)
    bits_spec = number(bits, "the self-information in bits", [
        (nats, "That is the value in nats (natural log). Bits use log base 2: −log₂ p = −ln p / ln 2."),
        (-bits, "Check the sign: log p is negative for p < 1, so I(x) = −log₂ p is positive."),
        (hartleys, "That is −log₁₀ p (decimal digits). Bits use log base 2."),
        (1 / p, "Surprise is log(1/p), not 1/p itself: take the logarithm."),
        (p * bits, "That is p·(−log₂ p), one term of an entropy sum. Self-information is just −log₂ p."),
        (nats * ln2, "You converted the wrong way: multiplying nats by ln 2 makes the number smaller, "
                     "but a bit is a smaller unit than a nat. Divide by ln 2: bits = nats / ln 2."),
        (-math.log2(1 - p), f"That is the surprise of the outcome NOT happening, −log₂(1 − {num(p, 6)}). "
                            f"Use the probability of the outcome itself: −log₂ {num(p, 6)}."),
    ])
    nats_spec = number(nats, "the self-information in nats", [
        (bits, "That is the value in bits (log base 2). Nats use the natural log: −ln p."),
        (-nats, "Check the sign: ln p is negative for p < 1, so I(x) = −ln p is positive."),
        (hartleys, "That is −log₁₀ p. Nats use the natural log ln."),
        (1 / p, "Surprise is ln(1/p), not 1/p itself: take the logarithm."),
        (p * nats, "That is p·(−ln p), one term of an entropy sum. Self-information is just −ln p."),
        (bits / ln2, "You converted the wrong way: a nat is a larger unit than a bit, so the value in "
                     "nats is smaller. Multiply by ln 2: nats = bits × ln 2."),
        (-math.log(1 - p), f"That is the surprise of the outcome NOT happening, −ln(1 − {num(p, 6)}). "
                           f"Use the probability of the outcome itself: −ln {num(p, 6)}."),
    ])
    answer = AnswerSpec(kind="multi", parts=(bits_spec, nats_spec))
    return Variant(
        prompt=question + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=[
            r"$I(x) = -\log p(x)$. Use $\log_2$ for bits and $\ln$ for nats; "
            r"$\log_2\, y = \frac{\ln y}{\ln 2}$.",
        ],
        figure=Figure("surprise_curve", {"p": float(p), "bits": bits, "nats": nats}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="info.self_information",
        title="Self-information in bits and nats",
        topic="information theory",
        draw=draw,
        build=build,
        difficulty=1,
        seed_params={"p": 0.001, "story": 2, "token": "the"},
        source="002 §2.5; 000 §C.28",
    )
]
