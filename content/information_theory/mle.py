"""Maximum likelihood: Gaussian → mean and σ²_MLE (the MSE), Bernoulli → p̂ and BCE
(000 §C.25, §D.5; 002 §2.4)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, figures, frac, num, rounded, signed, vec
from tutor.core.problems import Figure, Step, Template, Variant

SIG_FIGS = 4  # every estimate and loss: 4 significant figures (the prompt's sentence says so)


def sig(x: float | Fraction) -> str:
    """An intermediate value at 6 significant figures (rounded only at the end)."""
    return figures(x, 6)


def final(x: float | Fraction) -> str:
    """A result as the canonical answer writes it: exactly 4 significant figures."""
    return rounded(x, sig_figs=SIG_FIGS)


def approx(x: float | Fraction) -> str:
    """ "= 3.2" for a short exact decimal, else "≈ 4.571" (4 significant figures)."""
    exact = Fraction(x) if isinstance(x, Fraction) else Fraction(repr(x))
    return f"= {num(exact, 6)}" if exact * 10**6 == int(exact * 10**6) else f"≈ {final(x)}"


def number(value: float | Fraction, label: str, candidates) -> AnswerSpec:
    """One number at 4 significant figures, exact expected value, classic slips declared."""
    spec = AnswerSpec(kind="number", expected=exact_text(value), sig_figs=SIG_FIGS, label=label)
    return with_mistakes(spec, candidates)

GAUSS_STORIES = (
    "A sensor's repeated readings are y = {ys}.",
    "Daily sales (in units) over {n} days were y = {ys}.",
    "A model's target values on a tiny dataset are y = {ys}.",
)
BERN_OUTCOMES = (("heads", "tails"), ("spam", "not spam"), ("clicked", "not clicked"))
BERN_STORIES = (
    "A coin is flipped {n} times and lands heads {k} times.",
    "Of {n} emails in a sample, {k} are spam.",
    "An ad is shown {n} times and clicked {k} times.",
)


def draw(rng: random.Random) -> dict:
    story = rng.randrange(3)
    if rng.random() < 0.5:
        n = rng.choice([4, 5, 6])
        while True:
            d = [rng.randint(-4, 4) for _ in range(n - 1)]
            last = -sum(d)
            if abs(last) <= 5 and any(d):
                break
        mu = rng.randint(5, 12)
        ys = tuple(mu + v for v in [*d, last])
        return {"case": "gaussian", "ys": ys, "story": story}
    n = rng.choice([10, 20, 25, 40, 50, 100])
    while True:
        k = rng.randint(1, n - 1)
        if Fraction(k, n).denominator in (2, 4, 5, 10, 20, 25, 50) and k * 2 != n:
            return {"case": "bernoulli", "n": n, "k": k, "story": story}


def _gaussian(ys, story) -> Variant:
    n = len(ys)
    total = sum(ys)
    mu = Fraction(total, n)
    devs = [y - mu for y in ys]
    sse = sum(d * d for d in devs)
    var = sse / n
    question = (
        GAUSS_STORIES[story].format(ys=vec(ys), n=n)
        + "\nModel them as i.i.d. y ~ N(μ, σ²). Give, separated by ';': the maximum-likelihood "
        "estimate μ̂; the maximum-likelihood estimate σ̂² (the variance, not σ).\n"
        "An exact fraction is fine too. "
    )
    dev_text = ", ".join(signed(d) for d in devs)
    steps = [
        Step(
            f"log L(μ, σ²) = Σᵢ log N(yᵢ; μ, σ²) = −(N/2)·log(2πσ²) − (1/(2σ²))·Σᵢ (yᵢ − μ)², with N = {n}.",
            "Log-likelihood",
        ),
        Step(
            "The first term does not depend on μ, and −1/(2σ²) is a negative constant, so maximizing "
            "log L over μ means minimizing Σᵢ (yᵢ − μ)²: maximum likelihood under Gaussian noise is "
            "least squares (MSE).",
            "μ: Gaussian MLE = MSE",
        ),
        Step(
            f"d/dμ Σ(yᵢ − μ)² = −2·Σ(yᵢ − μ) = 0 gives μ̂ = (1/N)·Σyᵢ = {total}/{n} = {frac(mu)}"
            + ("" if mu.denominator == 1 else f" ≈ {final(mu)}"),
            "Solve for μ̂",
        ),
        Step(
            f"∂/∂σ² log L = −N/(2σ²) + (1/(2σ⁴))·Σ(yᵢ − μ̂)² = 0 gives σ̂² = (1/N)·Σ(yᵢ − μ̂)², "
            f"the MSE of the residuals at μ̂.\nResiduals: {dev_text}; squared sum = {frac(sse)}.\n"
            f"σ̂² = {frac(sse)}/{n} = {frac(var)}" + ("" if var.denominator == 1 else f" ≈ {final(var)}"),
            "Solve for σ̂²",
        ),
        Step(
            f"The MLE divides by N = {n}; the unbiased sample variance divides by N − 1 = {n - 1} "
            f"({frac(sse)}/{n - 1} {approx(sse / (n - 1))}). And σ̂ = √σ̂² {approx(math.sqrt(var))}.",
            "Note",
        ),
    ]
    parts = (
        number(mu, "μ̂", [
            (total, f"That is the sum Σyᵢ; the MLE is the mean, so divide by N = {n}."),
            (Fraction(total, n - 1), f"You divided the sum by N − 1 = {n - 1}; the mean divides by N = {n} "
                                     "(N − 1 belongs to the unbiased variance, not the mean)."),
        ]),
        number(var, "σ̂²", [
            (sse / (n - 1), f"Dividing by N − 1 = {n - 1} gives the unbiased sample variance; "
                            f"the maximum-likelihood estimate divides by N = {n}."),
            (math.sqrt(var), "That is σ̂, the standard deviation; the question asks for the variance σ̂²."),
            (sse, f"That is the sum of squared residuals; divide by N = {n} to get σ̂²."),
            (sum(abs(d) for d in devs) / n, "That is the mean absolute deviation (the Laplace/MAE "
                                           "counterpart); the Gaussian MLE averages squared residuals."),
            (Fraction(sum(y * y for y in ys), n), "That is the mean of y², not of (y − μ̂)²: "
                                                  "subtract μ̂ before squaring."),
        ]),
    )
    answer = AnswerSpec(kind="multi", parts=parts)
    return Variant(
        prompt=question + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=[
            "Write the Gaussian log-likelihood, set its derivatives in μ and in σ² to zero: "
            "μ̂ is the mean, σ̂² is the mean squared residual (divide by N).",
        ],
        figure=Figure("gaussian", {"data": [float(y) for y in ys], "mu": float(mu), "sigma2": float(var)},
                      placement="solution"),
    )


def _bernoulli(n, k, story) -> Variant:
    p = Fraction(k, n)
    pf = float(p)
    bce = -(pf * math.log(pf) + (1 - pf) * math.log(1 - pf))
    question = (
        BERN_STORIES[story].format(n=n, k=k)
        + "\nModel each trial as i.i.d. Bernoulli(p). Give, separated by ';': the maximum-likelihood "
        "estimate p̂; the average binary cross-entropy per trial at p = p̂, in nats.\n"
    )
    steps = [
        Step(
            f"One trial: P(y | p) = p^y·(1 − p)^(1−y). For all {n}: "
            f"L(p) = p^{k}·(1 − p)^{n - k}, so log L = {k}·ln p + {n - k}·ln(1 − p).",
            "Likelihood",
        ),
        Step(
            f"d/dp log L = {k}/p − {n - k}/(1 − p) = 0 ⇒ {k}(1 − p) = {n - k}p ⇒ p̂ = {k}/{n} = {num(p)}",
            "Maximize",
        ),
        Step(
            "The negative log-likelihood per trial is −(1/N)·Σᵢ [yᵢ·ln p + (1 − yᵢ)·ln(1 − p)]: "
            "exactly the binary cross-entropy loss. Maximizing the likelihood = minimizing BCE.",
            "NLL = BCE",
        ),
        Step(
            f"At p̂: BCE = −[{num(p)}·ln {num(p)} + {num(1 - p)}·ln {num(1 - p)}] = "
            f"−[{signed(pf * math.log(pf), 6)} + {signed((1 - pf) * math.log(1 - pf), 6)}] ≈ {final(bce)} nats "
            f"(the entropy of Bernoulli({num(p)}): no p does better on this data).",
            "Loss at the optimum",
        ),
    ]
    parts = (
        number(p, "p̂", [
            (1 - p, f"That is the fraction of failures, ({n} − {k})/{n}; p̂ is the fraction of successes."),
            (Fraction(k, n - k), f"That is the odds {k}/{n - k}; p̂ divides by all {n} trials."),
            (Fraction(k + 1, n + 2), f"(k + 1)/(n + 2) = {k + 1}/{n + 2} is Laplace's add-one estimate, "
                                     "which adds a prior; maximum likelihood is simply k/n."),
        ]),
        number(bce, "the binary cross-entropy", [
            (bce / math.log(2), "That is in bits (log₂). Use the natural log for nats."),
            (-bce, "Check the sign: the log-likelihood is negative; the loss is its negative."),
            (n * bce, f"That is the total NLL over all {n} trials; the question asks for the average."),
            (-pf * math.log(pf), "You kept only the y = 1 term; add −(1 − p̂)·ln(1 − p̂) for the y = 0 trials."),
            (-math.log(pf), "−ln p̂ is the loss of one success only; average over successes and failures."),
            (-(1 - pf) * math.log(1 - pf),
             "You kept only the y = 0 term; add −p̂·ln p̂ for the y = 1 trials."),
            (-(math.log(pf) + math.log(1 - pf)),
             "You added −ln p̂ and −ln(1 − p̂) without weights: a success happens a fraction p̂ of "
             "the time, a failure 1 − p̂, so weight each term by how often it occurs."),
        ]),
    )
    answer = AnswerSpec(kind="multi", parts=parts)
    return Variant(
        prompt=question + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=[
            "Maximize log L = k·ln p + (n − k)·ln(1 − p); the average negative log-likelihood is the "
            "binary cross-entropy −[y·ln p + (1 − y)·ln(1 − p)] averaged over the trials.",
        ],
        figure=Figure("bars", {"values": [pf, 1 - pf], "labels": list(BERN_OUTCOMES[story]),
                               "heading": "the maximum-likelihood Bernoulli(p̂)"}, placement="solution"),
    )


def build(case, story=0, ys=None, n=None, k=None) -> Variant:
    if case == "gaussian":
        return _gaussian(tuple(ys), story)
    return _bernoulli(n, k, story)


TEMPLATES = [
    Template(
        id="info.mle",
        title="Maximum likelihood: Gaussian → MSE, Bernoulli → BCE",
        topic="information theory",
        draw=draw,
        build=build,
        prerequisites=("probability.gaussian", "info.cross_entropy"),
        difficulty=3,
        seed_params={"case": "gaussian", "ys": (2, 4, 4, 4, 5, 5, 7, 9), "story": 2},
        source="000 §C.25, §D.5; 002 §2.4",
    )
]
