"""Maximum likelihood: Gaussian → mean and σ²_MLE (the MSE), Bernoulli → p̂ and BCE
(000 §C.25, §D.5; 002 §2.4)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, figures, num, rounded, vec
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


def tapprox(x: float | Fraction) -> str:
    """approx() in LaTeX: "= 3.2" or "\\approx 4.571"."""
    text = approx(x)
    return text if text.startswith("=") else r"\approx" + text[1:]


def tfrac(x: Fraction) -> str:
    """An exact fraction in a formula: \\frac{24}{25}, -\\frac{3}{4}, 5."""
    if x.denominator == 1:
        return str(x.numerator)
    return rf"{'-' if x < 0 else ''}\frac{{{abs(x.numerator)}}}{{{x.denominator}}}"


def over(a: Fraction, n: int) -> str:
    """a / n as one fraction in a formula: \\frac{32}{8}."""
    a = Fraction(a)
    below = str(n) if a.denominator == 1 else rf"{a.denominator} \cdot {n}"
    return rf"\frac{{{a.numerator}}}{{{below}}}"


def number(value: float | Fraction, label: str, candidates) -> AnswerSpec:
    """One number at 4 significant figures, exact expected value, classic slips declared."""
    spec = AnswerSpec(kind="number", expected=exact_text(value), sig_figs=SIG_FIGS, label=label)
    return with_mistakes(spec, candidates)

GAUSS_STORIES = (
    "A sensor's repeated readings are $y = {ys}$.",
    "Daily sales (in units) over {n} days were $y = {ys}$.",
    "A model's target values on a tiny dataset are $y = {ys}$.",
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
        + "\n" + r"Model them as i.i.d. $y \sim \mathcal{N}(\mu, \sigma^2)$. Give, separated by ';': "
        r"the maximum-likelihood estimate $\hat{\mu}$; the maximum-likelihood estimate $\hat{\sigma}^2$ "
        r"(the variance, not $\sigma$)." "\n"
        "An exact fraction is fine too. "
    )
    dev_text = ", ".join(tfrac(d) for d in devs)
    mu_hat, var_hat = r"\hat{\mu}", r"\hat{\sigma}^2"
    steps = [
        Step(
            r"$\log L(\mu, \sigma^2) = \sum_i \log \mathcal{N}(y_i; \mu, \sigma^2) = "
            r"-\frac{N}{2} \log(2\pi\sigma^2) - \frac{1}{2\sigma^2} \sum_i (y_i - \mu)^2$, "
            f"with $N = {n}$.",
            "Log-likelihood",
        ),
        Step(
            r"The first term does not depend on $\mu$, and $-\frac{1}{2\sigma^2}$ is a negative constant, "
            r"so maximizing $\log L$ over $\mu$ means minimizing $\sum_i (y_i - \mu)^2$: maximum likelihood "
            "under Gaussian noise is least squares (MSE).",
            "μ: Gaussian MLE = MSE",
        ),
        Step(
            r"$\frac{d}{d\mu} \sum_i (y_i - \mu)^2 = -2 \sum_i (y_i - \mu) = 0$ gives "
            rf"${mu_hat} = \frac{{1}}{{N}} \sum_i y_i = \frac{{{total}}}{{{n}}} = {tfrac(mu)}"
            + ("" if mu.denominator == 1 else rf" \approx {final(mu)}") + "$",
            "Solve for μ̂",
        ),
        Step(
            rf"$\frac{{\partial}}{{\partial \sigma^2}} \log L = -\frac{{N}}{{2\sigma^2}} + \frac{{1}}{{2\sigma^4}} "
            rf"\sum_i (y_i - {mu_hat})^2 = 0$ gives ${var_hat} = \frac{{1}}{{N}} \sum_i (y_i - {mu_hat})^2$, "
            f"the MSE of the residuals at ${mu_hat}$.\nResiduals: ${dev_text}$; "
            rf"squared sum $\sum_i (y_i - {mu_hat})^2 = {tfrac(sse)}$." "\n"
            rf"${var_hat} = {over(sse, n)} = {tfrac(var)}"
            + ("" if var.denominator == 1 else rf" \approx {final(var)}") + "$",
            "Solve for σ̂²",
        ),
        Step(
            f"The MLE divides by $N = {n}$; the unbiased sample variance divides by $N - 1 = {n - 1}$ "
            f"(${over(sse, n - 1)} {tapprox(sse / (n - 1))}$). "
            rf"And $\hat{{\sigma}} = \sqrt{{{var_hat}}} {tapprox(math.sqrt(var))}$.",
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
            r"Write the Gaussian log-likelihood, set its derivatives in $\mu$ and in $\sigma^2$ to zero: "
            r"$\hat{\mu}$ is the mean, $\hat{\sigma}^2$ is the mean squared residual (divide by $N$).",
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
        + "\n" + r"Model each trial as i.i.d. $\mathrm{Bernoulli}(p)$. Give, separated by ';': the "
        r"maximum-likelihood estimate $\hat{p}$; the average binary cross-entropy per trial at "
        r"$p = \hat{p}$, in nats." "\n"
    )
    steps = [
        Step(
            r"One trial: $P(y \mid p) = p^y (1 - p)^{1 - y}$. " f"For all {n}: "
            rf"$L(p) = p^{{{k}}} (1 - p)^{{{n - k}}}$, so $\log L = {k} \ln p + {n - k} \ln(1 - p)$.",
            "Likelihood",
        ),
        Step(
            rf"$\frac{{d}}{{dp}} \log L = \frac{{{k}}}{{p}} - \frac{{{n - k}}}{{1 - p}} = 0 \Rightarrow "
            rf"{k}(1 - p) = {n - k} p \Rightarrow \hat{{p}} = \frac{{{k}}}{{{n}}} = {num(p)}$",
            "Maximize",
        ),
        Step(
            r"The negative log-likelihood per trial is $-\frac{1}{N} \sum_i [y_i \ln p + (1 - y_i) \ln(1 - p)]$: "
            "exactly the binary cross-entropy loss. Maximizing the likelihood = minimizing BCE.",
            "NLL = BCE",
        ),
        Step(
            rf"At $\hat{{p}}$: $\mathrm{{BCE}} = -[{num(p)} \cdot \ln {num(p)} + {num(1 - p)} \cdot \ln {num(1 - p)}] = "
            rf"-[{sig(pf * math.log(pf))} + ({sig((1 - pf) * math.log(1 - pf))})] \approx {final(bce)}$ nats "
            rf"(the entropy of $\mathrm{{Bernoulli}}({num(p)})$: no $p$ does better on this data).",
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
            r"Maximize $\log L = k \ln p + (n - k) \ln(1 - p)$; the average negative log-likelihood is the "
            r"binary cross-entropy $-[y \ln p + (1 - y) \ln(1 - p)]$ averaged over the trials.",
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
