"""Softmax with temperature: divide the logits by τ before the softmax (002 §2.3)."""

import math
import random

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, figures, num, pretty, rounded
from tutor.core.problems import Figure, Step, Template, Variant

SIG_FIGS = 4  # both probabilities: 4 significant figures (the prompt's sentence says so)


def sig(x: float) -> str:
    """An intermediate value at 6 significant figures (rounded only at the end)."""
    return figures(x, 6)


def final(x: float) -> str:
    """A probability as the canonical answer writes it: exactly 4 significant figures."""
    return rounded(x, sig_figs=SIG_FIGS)


def number(value: float, label: str, candidates) -> AnswerSpec:
    """One number at 4 significant figures, exact expected value, classic slips declared."""
    spec = AnswerSpec(kind="number", expected=exact_text(value), sig_figs=SIG_FIGS, label=label)
    return with_mistakes(spec, candidates)


WORDS = ("The", "A", "It", "This", "One", "My", "In", "We")
TAUS = (0.25, 0.5, 0.5, 2, 2, 4, 5)


def svec(values) -> str:
    return "[" + ", ".join(final(v) for v in values) + "]"


def power(v: float) -> str:
    """e^v in a formula: e^{3}, e^{-2}."""
    return f"e^{{{num(v)}}}"


def tvec(values) -> str:
    """A vector in a formula: [1, -2, 0.5]."""
    return "[" + ", ".join(num(v) for v in values) + "]"


def prob(token: str) -> str:
    """P(“The”) in a formula."""
    return rf"P(\text{{“{token}”}})"


RULE = r"p_i = \frac{e^{z_i/\tau}}{\sum_j e^{z_j/\tau}}"


def softmax(z):
    m = max(z)
    e = [math.exp(v - m) for v in z]
    s = sum(e)
    return [v / s for v in e]


def draw(rng: random.Random) -> dict:
    k = rng.choice([3, 4, 4, 5])
    while True:
        z = [rng.choice([-1, 0, 0.5, 1, 1.5, 2, 3]) for _ in range(k)]
        top = max(z)
        if z.count(top) == 1 and top - min(z) >= 1:
            break
    words = rng.sample(WORDS, k)
    return {"logits": tuple(z), "tokens": tuple(words), "tau": rng.choice(TAUS)}


def _softmax_steps(z, tau, token, i) -> tuple[str, float]:
    scaled = [v / tau for v in z]
    m = max(scaled)
    exps = [math.exp(v - m) for v in scaled]
    total = sum(exps)
    p = exps[i] / total
    lines = []
    if tau != 1:
        lines.append(rf"$z / \tau = {tvec(z)} / {num(tau)} = {tvec(scaled)}$")
    lines.append(
        f"subtract the max ${num(m)}$ and exponentiate: "
        + ", ".join(f"${power(v - m)} = 1$" if v == m else rf"${power(v - m)} \approx {sig(e)}$"
                    for v, e in zip(scaled, exps, strict=True))
    )
    lines.append(rf"sum $S \approx {sig(total)}$, so ${prob(token)} = \frac{{{sig(exps[i])}}}{{{sig(total)}}} "
                 rf"\approx {final(p)}$")
    return "\n".join(lines), p


def build(logits, tokens, tau) -> Variant:
    z = [float(v) for v in logits]
    k = len(z)
    i = max(range(k), key=lambda j: z[j])
    token = tokens[i]
    text1, p1 = _softmax_steps(z, 1, token, i)
    text_t, p_t = _softmax_steps(z, tau, token, i)
    probs1 = softmax(z)
    probs_t = softmax([v / tau for v in z])
    listing = ", ".join(f"“{w}”: {pretty(num(v))}" for w, v in zip(tokens, logits, strict=True))
    question = (
        f"A language model scores {k} candidate next tokens with logits {listing}.\n"
        "The sampler applies a softmax with temperature $\\tau$ to these logits.\n"
        rf"Give, separated by ';': ${prob(token)}$ at $\tau = 1$; ${prob(token)}$ at $\tau = {num(tau)}$." "\n"
    )
    sharper = tau < 1
    steps = [
        Step(
            f"Temperature divides the logits before the softmax: ${RULE}$. "
            r"$\tau < 1$ stretches the gaps between logits (sharper), $\tau > 1$ shrinks them (flatter).",
            "Rule",
        ),
        Step(text1, "τ = 1 (the plain softmax)"),
        Step(text_t, f"τ = {num(tau)}"),
        Step(
            f"At $\\tau = {num(tau)}$ the top token's probability "
            + (f"rises from {final(p1)} to {final(p_t)}: the distribution is sharper, closer to greedy "
               r"decoding ($\tau \to 0$ always picks the top token)." if sharper else
               f"falls from {final(p1)} to {final(p_t)}: the distribution is flatter, closer to uniform "
               rf"($\tau \to \infty$ gives every token $\frac{{1}}{{{k}}}{' = ' + num(1 / k) if k in (4, 5) else ''}$).")
            + "\n" + rf"Full distributions: at $\tau = 1$, ${svec(probs1)}$; at $\tau = {num(tau)}$, ${svec(probs_t)}$.",
            "Interpret",
        ),
    ]
    naive_scaled = math.exp(z[i] / tau) / sum(math.exp(v) for v in z)
    plain = ([(z[i] / sum(z), "You normalized the logits themselves, z/Σz, without the exponential; "
                               "softmax exponentiates them first: e^zᵢ / Σⱼ e^zⱼ.")] if sum(z) != 0 else [])
    part1 = number(p1, "P at τ = 1", [
        (math.exp(z[i]), "That is e^z before normalizing: divide by the sum of all the exponentials."),
        (1 / k, f"1/{k} is the uniform distribution, the limit τ → ∞; at τ = 1 use the plain softmax."),
        *plain,
        (p_t, f"That is the value at τ = {num(tau)}. At τ = 1 the logits are used as they are."),
    ])
    part_t = number(p_t, f"P at τ = {num(tau)}", [
        (softmax([v * tau for v in z])[i],
         f"You multiplied the logits by τ = {num(tau)}; temperature divides them: z/τ."),
        (p1, "That is the τ = 1 value: divide the logits by τ before the softmax."),
        (p1 / tau, "Temperature does not divide the probabilities: divide the logits by τ, "
                   "then take the softmax again."),
        (p1 ** (1 / tau), "p^(1/τ) is the right numerator, but it must be renormalized: divide by "
                          "the sum of all pⱼ^(1/τ)."),
        (naive_scaled, "You scaled the numerator e^(z/τ) but kept the old denominator Σ e^z: "
                       "every logit in the sum must be divided by τ too."),
        (math.exp(z[i] / tau), "That is e^(z/τ) before normalizing: divide by the sum of all the e^(zⱼ/τ)."),
        *[(v, f"Dividing every logit by τ = {num(tau)} and then by their sum cancels τ: that is z/Σz, "
              "without the exponential. Softmax exponentiates z/τ.") for v, _ in plain],
    ])
    answer = AnswerSpec(kind="multi", parts=(part1, part_t))
    return Variant(
        prompt=question + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=[
            rf"Divide every logit by $\tau$, then take the softmax: ${RULE}$.",
            r"$\tau < 1$ sharpens the distribution, $\tau > 1$ flattens it.",
        ],
        figure=Figure("bars", {"labels": list(tokens), "values": probs1, "values_tau": probs_t,
                               "tau": float(tau)}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="info.temperature",
        title="Softmax with temperature",
        topic="information theory",
        draw=draw,
        build=build,
        prerequisites=("info.softmax",),
        difficulty=2,
        # 002 §2.3 table: P("The") = 0.60 at τ = 1 falls to ≈ 0.35 at τ = 2
        seed_params={"logits": (2, 0, 0, 0, 0, 0), "tokens": ("The", "A", "It", "This", "One", "My"),
                     "tau": 2},
        source="002 §2.3",
    )
]
