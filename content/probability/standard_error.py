"""Standard error σ/√N of a sample mean and the sample size for a target error (000 §C.29)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num, sig
from tutor.core.problems import Figure, Step, Template, Variant

# story: (setup with {sigma}, the N things, the quantity averaged)
STORIES = {
    "eval": ("The per-example loss of a model on held-out data has standard deviation $\\sigma = {sigma}$.",
             "examples", "the mean loss"),
    "accuracy": ("Per-example correctness of a classifier (1 = right, 0 = wrong) has standard deviation "
                 "$\\sigma = {sigma}$.", "test examples", "the accuracy"),
    "gradient": ("One coordinate of the per-example gradient has standard deviation $\\sigma = {sigma}$.",
                 "examples in the mini-batch", "the mini-batch gradient"),
    "montecarlo": ("A Monte Carlo estimate averages samples of $f(X)$, whose standard deviation is $\\sigma = {sigma}$.",
                   "samples", "the estimate"),
}
SIGMAS = {
    "eval": (0.5, 1, 1.5, 2, 3, 4, 5),
    "accuracy": (0.3, 0.4, 0.5),
    "gradient": (0.1, 0.2, 0.5, 1, 2),
    "montecarlo": (1, 2, 3, 4, 5, 10),
}
SQUARES = (16, 25, 36, 64, 100, 144, 400, 625, 900, 1600, 2500, 10000)


def draw(rng: random.Random) -> dict:
    story = rng.choice(sorted(STORIES))
    while True:
        sigma = exact(rng.choice(SIGMAS[story]))
        n = rng.choice(SQUARES)
        k = rng.choice([2, 2, 3, 4, 5, 10])
        target = sigma / (k * math.isqrt(n))
        if (10**5 * target).denominator == 1 and k * k * n <= 1_000_000:
            return {"story": story, "sigma": num(sigma), "n": n, "target": num(target, 6)}


def build(story, sigma, n, target) -> Variant:
    setup, things, quantity = STORIES[story]
    S, T = exact(sigma), exact(target)
    root = math.isqrt(n)
    se = S / root if root * root == n else S / math.sqrt(n)
    ratio = S / T
    need = ratio * ratio
    n_new = math.ceil(need)
    factor = Fraction(n_new, n)
    f = sig
    prompt = (
        setup.format(sigma=num(S)) + "\n"
        f"You average over $N = {n}$ {things} to get {quantity}.\n"
        f"Give, separated by ';': the standard error of {quantity}; the number of {things} needed "
        f"for a standard error of {num(T, 6)}.\n"
    )
    steps = [
        Step("", "Standard error"),  # written below, with the answer's own rounding
        Step(rf"Solve $\frac{{\sigma}}{{\sqrt{{N}}}} = {num(T, 6)}$ for $N$: "
             rf"$\sqrt{{N}} = \frac{{\sigma}}{{\mathrm{{SE}}}} = \frac{{{num(S)}}}{{{num(T, 6)}}} = {f(ratio)}$, "
             f"so $N = {f(ratio)}^2 = {f(need)}$" + ("" if need == n_new else f", rounded up to {n_new}"),
             "Sample size"),
        Step(f"The target is {f(se / T)} times smaller than the current {f(se)}, and error bars shrink like "
             rf"$\frac{{1}}{{\sqrt{{N}}}}$, so $N$ must grow ${f(se / T)}^2 = {f(factor)}\times$: "
             rf"${n} \times {f(factor)} = {n_new}$.",
             "Check: 1/√N scaling"),
    ]
    se_expected = exact_text(se) if root * root == n else f"{exact_text(S)}/sqrt({n})"
    parts = (
        with_mistakes(AnswerSpec(kind="number", expected=se_expected, sig_figs=4, label="the standard error"), [
            (S / n, "Divide by √N, not N: the standard deviation of a mean shrinks like 1/√N."),
            (S * S / n, "σ²/N is the variance of the mean; the standard error is its square root."),
            (S, "That is σ for a single value; averaging N values shrinks it by √N."),
            (float(S) / math.sqrt(n - 1), "That divides by √(N − 1); with σ known, the standard error of a "
                                          "mean of N values is σ/√N."),
            (float(S) * math.sqrt(n), "Divide by √N, don't multiply: averaging shrinks the error."),
        ]),
        with_mistakes(AnswerSpec(kind="integer", expected=str(n_new), label=f"the number of {things} needed"), [
            (math.ceil(n * se / T), f"Error shrinks like 1/√N, not 1/N: making it {f(se / T)}× smaller "
                                    f"takes {f(se / T)}² = {f(factor)}× more {things}."),
            (math.ceil(ratio), "That is √N = σ / SE; square it to get N."),
            (math.ceil(S * S / T), "N = (σ / SE)²: square the target standard error too."),
            (n_new - n, f"That is how many more {things} you need; the question asks for the total N."),
            (factor, f"That is the factor {f(factor)} by which N grows; multiply the current N = {n} by it."),
        ]),
    )
    answer = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    prompt += precision_sentence(answer)
    rel = "=" if root * root == n else r"\approx"
    steps[0] = Step(r"The mean of $N$ i.i.d. values has standard deviation $\frac{\sigma}{\sqrt{N}}$: "
                    rf"$\mathrm{{SE}} = \frac{{{num(S)}}}{{\sqrt{{{n}}}}} = \frac{{{num(S)}}}{{{f(math.sqrt(n))}}}"
                    f" {rel} {canonical_answer(parts[0])}$", "Standard error")
    return Variant(
        prompt=prompt,
        answer=answer,
        steps=steps,
        hints=[r"$\mathrm{SE} = \frac{\sigma}{\sqrt{N}}$. To divide the error by $k$ you need $k^2$ times "
               "as many samples."],
        figure=Figure("error_vs_n", {"sigma": float(S), "n": n, "se": float(se),
                                     "target": float(T), "n_needed": n_new}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="probability.standard_error",
        title="Standard error and sample size",
        topic="probability",
        draw=draw,
        build=build,
        prerequisites=("probability.expectation_variance",),
        difficulty=2,
        # 000 §C.29: error bars shrink as 1/√N, "to halve them, you need 4× more samples"
        seed_params={"story": "eval", "sigma": "2", "n": 100, "target": "0.1"},
        source="000 §C.29",
    )
]
