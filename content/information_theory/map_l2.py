"""MAP with a Gaussian prior: the L2 penalty λ = σ²/τ², and the 1-D ridge estimate (002 §2.4)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text as exact_value
from tutor.core.formatting import frac, num, pretty, rounded, signed, vec
from tutor.core.problems import Step, Template, Variant

SIG_FIGS = 4  # λ and the estimates: 4 significant figures (an exact fraction is right too)


def sig(x: Fraction | float) -> str:
    """A result as the canonical answer writes it: exactly 4 significant figures."""
    return rounded(x, sig_figs=SIG_FIGS)


def number(value: Fraction, label: str, candidates) -> AnswerSpec:
    """One number at 4 significant figures, exact expected value, classic slips declared."""
    spec = AnswerSpec(kind="number", expected=exact_value(value), sig_figs=SIG_FIGS, label=label)
    return with_mistakes(spec, [(v, why) for v, why in candidates if v is not None])


def exact_text(x: Fraction) -> str:
    """An exact value: 3, 0.01 (a short terminating decimal), or 28/11 ≈ 2.5455."""
    if x.denominator == 1:
        return str(x.numerator)
    if x * 10**6 == int(x * 10**6):
        return num(x, 6)
    return f"{frac(x)} ≈ {sig(x)}"


def ratio_text(a: int, b: int) -> str:
    """a/b written out, then its value: 28/11 ≈ 2.5455, 6/4 = 1.5, 12/4 = 3."""
    value = Fraction(a, b)
    text = exact_text(value)
    if "≈" in text and (value.numerator, value.denominator) == (a, b):
        return text
    return f"{a}/{b} = {text}"


def draw(rng: random.Random) -> dict:
    if rng.random() < 0.5:
        return {"case": "lambda", "sigma2": rng.choice([0.25, 0.5, 1, 2, 4]),
                "tau2": rng.choice([0.5, 1, 2, 5, 10, 25, 50, 100])}
    sigma2 = rng.choice([0.5, 1, 2, 4])
    lam = rng.choice([0.5, 1, 2, 4])
    while True:
        xs = tuple(rng.choice([-2, -1, 1, 2, 3]) for _ in range(3))
        ys = tuple(rng.randint(-3, 8) for _ in range(3))
        if sum(x * y for x, y in zip(xs, ys, strict=True)) != 0:
            break
    return {"case": "ridge", "sigma2": sigma2, "tau2": float(Fraction(str(sigma2)) / Fraction(str(lam))),
            "xs": xs, "ys": ys}


def _posterior_steps(s2: Fraction, t2: Fraction) -> list[Step]:
    lam = s2 / t2
    return [
        Step(
            "MAP maximizes log P(w | D) = log P(D | w) + log P(w) + const, i.e. it minimizes\n"
            "  (1/(2σ²))·Σᵢ (yᵢ − w·xᵢ)² + w²/(2τ²)   (Gaussian likelihood + Gaussian prior, constants dropped)",
            "Negative log-posterior",
        ),
        Step(
            f"Multiply by 2σ² = {num(2 * s2)} (a positive constant, same minimizer): "
            f"Σᵢ (yᵢ − w·xᵢ)² + (σ²/τ²)·w², so λ = σ²/τ² = {num(s2)}/{num(t2)} = {exact_text(lam)}.",
            "Rescale to squared error + λ·w²",
        ),
    ]


def _lambda_case(sigma2, tau2) -> Variant:
    s2, t2 = exact(sigma2), exact(tau2)
    lam = s2 / t2
    seed_form = 1 / (2 * t2)
    prompt = (
        f"A linear model has Gaussian noise, y = w·x + ε with ε ~ N(0, σ²), σ² = {num(s2)}, and a "
        f"Gaussian prior on every weight, w ~ N(0, τ²) with τ² = {num(t2)}.\n"
        "The MAP estimate minimizes the negative log-posterior. Scaled so that its data term is the "
        "plain sum of squared errors, it reads  Σᵢ (yᵢ − ŷᵢ)² + λ·‖w‖².\n"
        "What is λ? An exact value (a fraction) is fine too. "
    )
    steps = [
        *_posterior_steps(s2, t2),
        Step(
            f"Textbook form: with the data term left as the NLL, a prior N(0, 1/(2λ′)) adds "
            f"λ′·‖w‖², and here λ′ = 1/(2τ²) = {exact_text(seed_form)}"
            + (" — the same number, because σ² = 1/2 makes the NLL exactly the sum of squares."
               if s2 == Fraction(1, 2) else
               f"; rescaling by 2σ² = {num(2 * s2)} turns it into λ = {exact_text(lam)}."),
            "Same penalty, other scale",
        ),
        Step(
            "An L2 penalty is a Gaussian prior: a narrower prior (smaller τ²) or noisier data "
            "(larger σ²) means a larger λ and more shrinkage of the weights toward 0.",
            "Interpret",
        ),
    ]
    answer = number(lam, "λ", [
        (t2 / s2, "That is τ²/σ², upside down: λ = σ²/τ² grows with the noise and shrinks with the prior width."),
        (seed_form, f"1/(2τ²) is the penalty when the data term is the NLL, (1/(2σ²))·Σ(y − ŷ)²; "
                    f"rescaling to the plain sum of squares multiplies it by 2σ² = {num(2 * s2)}."),
        (1 / t2, "1/τ² leaves out the noise variance: λ = σ²/τ²."),
        (math.sqrt(lam), "σ/τ uses standard deviations; λ is a ratio of variances, σ²/τ²."),
        (lam / 2, "Multiply the whole objective by 2σ², the prior term w²/(2τ²) included: λ = σ²/τ²."),
        (2 * lam, "The 2s cancel: 2σ² · w²/(2τ²) = (σ²/τ²)·w², so λ = σ²/τ² with no factor 2."),
    ])
    return Variant(
        prompt=prompt + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=[
            "Write −log likelihood − log prior: Σ(y − ŷ)²/(2σ²) + ‖w‖²/(2τ²). "
            "Multiply through by 2σ² and read off the coefficient of ‖w‖².",
        ],
    )


def _ridge_case(sigma2, tau2, xs, ys) -> Variant:
    s2, t2 = exact(sigma2), exact(tau2)
    lam = s2 / t2
    sxy = sum(x * y for x, y in zip(xs, ys, strict=True))
    sxx = sum(x * x for x in xs)
    w_mle = Fraction(sxy, sxx)
    w_map = sxy / (sxx + lam)
    prompt = (
        f"Fit y = w·x (no bias) to the points x = {pretty(vec(xs))}, y = {pretty(vec(ys))}.\n"
        f"Noise: y = w·x + ε with ε ~ N(0, σ²), σ² = {num(s2)}. Prior: w ~ N(0, τ²), τ² = {num(t2)}.\n"
        "Give, separated by ';': the maximum-likelihood estimate w_MLE; the MAP estimate w_MAP.\n"
        "Exact fractions are fine too. "
    )
    steps = [
        *_posterior_steps(s2, t2),
        Step(
            "d/dw [Σ(yᵢ − w·xᵢ)² + λw²] = −2·Σ xᵢ(yᵢ − w·xᵢ) + 2λw = 0 ⇒ w = Σxᵢyᵢ / (Σxᵢ² + λ).",
            "Set the derivative to zero",
        ),
        Step(
            "Σxᵢyᵢ = " + " + ".join(f"{signed(x)}·{signed(y)}" for x, y in zip(xs, ys, strict=True))
            + f" = {pretty(str(sxy))};  Σxᵢ² = " + " + ".join(f"{signed(x)}²" for x in xs) + f" = {sxx}",
            "Sums",
        ),
        Step(f"MLE (no prior, λ = 0): w_MLE = Σxᵢyᵢ/Σxᵢ² = {pretty(ratio_text(sxy, sxx))}", "w_MLE"),
        Step(
            f"MAP: w_MAP = {pretty(str(sxy))}/({sxx} + {num(lam)}) = {pretty(exact_text(w_map))}: the prior pulls the estimate "
            f"toward 0 by the factor {sxx}/({sxx} + {num(lam)}) ≈ {sig(Fraction(sxx) / (sxx + lam))}. "
            "This is L2 regularization (ridge / weight decay).",
            "w_MAP",
        ),
    ]
    parts = (
        number(w_mle, "w_MLE", [
            (w_map, "That is the MAP estimate; the MLE ignores the prior (λ = 0)."),
            (Fraction(sum(ys), sum(xs)) if sum(xs) else None,
             "Σy/Σx is not the least-squares slope: minimize Σ(y − w·x)² to get Σxy/Σx²."),
            (Fraction(sxy, sum(xs)) if sum(xs) else None,
             "You divided Σxy by Σx; the least-squares slope divides by Σx²."),
            (Fraction(sxx, sxy), "That is Σx²/Σxy, upside down: w_MLE = Σxy/Σx²."),
        ]),
        number(w_map, "w_MAP", [
            (w_mle, "That is w_MLE: the Gaussian prior adds λ = σ²/τ² to the denominator."),
            (sxy / (sxx + 1 / lam), "You used τ²/σ²; the penalty is λ = σ²/τ²."),
            (sxy / (sxx + 1 / (2 * t2)), "1/(2τ²) is the prior's weight next to the NLL (1/(2σ²))·Σ(y − wx)²; "
                                         "next to the plain sum of squares it becomes σ²/τ²."),
            (sxy / (sxx + 2 * lam), "The factor 2 from differentiating λw² cancels against the 2 from the "
                                    "squared error: w = Σxy/(Σx² + λ)."),
            (w_mle / (1 + lam), "Dividing w_MLE by 1 + λ is ridge only when Σx² = 1; here λ is added to "
                                f"Σx² = {sxx}: w = Σxy/(Σx² + λ)."),
            (Fraction(sxy, sxx) - lam, "The prior does not subtract λ from the slope; it adds λ to the "
                                       "denominator: w = Σxy/(Σx² + λ)."),
        ]),
    )
    answer = AnswerSpec(kind="multi", parts=parts)
    return Variant(
        prompt=prompt + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=[
            "The negative log-posterior, times 2σ², is Σ(y − w·x)² + (σ²/τ²)·w². "
            "Setting its derivative to zero gives w = Σxy / (Σx² + σ²/τ²).",
        ],
    )


def build(case, sigma2, tau2, xs=None, ys=None) -> Variant:
    if case == "lambda":
        return _lambda_case(sigma2, tau2)
    return _ridge_case(sigma2, tau2, tuple(xs), tuple(ys))


TEMPLATES = [
    Template(
        id="info.map_l2",
        title="MAP: an L2 penalty is a Gaussian prior",
        topic="information theory",
        draw=draw,
        build=build,
        prerequisites=("info.mle", "norms.weight_decay"),
        difficulty=3,
        # 002 §2.4: prior N(0, 1/(2λ)) ⇒ penalty λ·Σw²; weight_decay = 0.01 ⇔ τ² = 50
        seed_params={"case": "lambda", "sigma2": 0.5, "tau2": 50},
        source="002 §2.4",
    )
]
