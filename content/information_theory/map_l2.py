"""MAP with a Gaussian prior: the L2 penalty λ = σ²/τ², and the 1-D ridge estimate (002 §2.4)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text as exact_value
from tutor.core.formatting import frac, num, rounded
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


def texact(x: Fraction) -> str:
    """exact_text() in a formula: 3, 0.01, or \\frac{28}{11} \\approx 2.545."""
    if x.denominator == 1 or x * 10**6 == int(x * 10**6):
        return exact_text(x)
    sign = "-" if x < 0 else ""
    return rf"{sign}\frac{{{abs(x.numerator)}}}{{{x.denominator}}} \approx {sig(x)}"


def tratio(a: int, b: int) -> str:
    """ratio_text() in a formula: \\frac{28}{11} \\approx 2.545, \\frac{6}{4} = 1.5."""
    value = Fraction(a, b)
    text = texact(value)
    if r"\approx" in text and (value.numerator, value.denominator) == (a, b):
        return text
    return rf"\frac{{{a}}}{{{b}}} = {text}"


def tsigned(v) -> str:
    """A number in a product in a formula: 3, (-1)."""
    return f"({num(v)})" if v < 0 else num(v)


def tvec(values) -> str:
    return "[" + ", ".join(num(v) for v in values) + "]"


NOISE = r"\varepsilon \sim \mathcal{N}(0, \sigma^2)"


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
            r"MAP maximizes $\log P(w \mid D) = \log P(D \mid w) + \log P(w) + \text{const}$, "
            "i.e. it minimizes\n"
            r"$\frac{1}{2\sigma^2} \sum_i (y_i - w x_i)^2 + \frac{w^2}{2\tau^2}$ "
            "(Gaussian likelihood + Gaussian prior, constants dropped)",
            "Negative log-posterior",
        ),
        Step(
            f"Multiply by $2\\sigma^2 = {num(2 * s2)}$ (a positive constant, same minimizer): "
            r"$\sum_i (y_i - w x_i)^2 + \frac{\sigma^2}{\tau^2} w^2$, so "
            rf"$\lambda = \frac{{\sigma^2}}{{\tau^2}} = \frac{{{num(s2)}}}{{{num(t2)}}} = {texact(lam)}$.",
            "Rescale to squared error + λ·w²",
        ),
    ]


def _lambda_case(sigma2, tau2) -> Variant:
    s2, t2 = exact(sigma2), exact(tau2)
    lam = s2 / t2
    seed_form = 1 / (2 * t2)
    prompt = (
        f"A linear model has Gaussian noise, $y = w x + \\varepsilon$ with ${NOISE}$, $\\sigma^2 = {num(s2)}$, "
        rf"and a Gaussian prior on every weight, $w \sim \mathcal{{N}}(0, \tau^2)$ with $\tau^2 = {num(t2)}$." "\n"
        "The MAP estimate minimizes the negative log-posterior. Scaled so that its data term is the "
        r"plain sum of squared errors, it reads $\sum_i (y_i - \hat{y}_i)^2 + \lambda \|w\|^2$." "\n"
        r"What is $\lambda$? An exact value (a fraction) is fine too. "
    )
    steps = [
        *_posterior_steps(s2, t2),
        Step(
            r"Textbook form: with the data term left as the NLL, a prior $\mathcal{N}(0, \frac{1}{2\lambda'})$ "
            rf"adds $\lambda' \|w\|^2$, and here $\lambda' = \frac{{1}}{{2\tau^2}} = {texact(seed_form)}$"
            + (r" — the same number, because $\sigma^2 = \frac{1}{2}$ makes the NLL exactly the sum of squares."
               if s2 == Fraction(1, 2) else
               rf"; rescaling by $2\sigma^2 = {num(2 * s2)}$ turns it into $\lambda = {texact(lam)}$."),
            "Same penalty, other scale",
        ),
        Step(
            r"An L2 penalty is a Gaussian prior: a narrower prior (smaller $\tau^2$) or noisier data "
            r"(larger $\sigma^2$) means a larger $\lambda$ and more shrinkage of the weights toward 0.",
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
            r"Write $-\log(\text{likelihood}) - \log(\text{prior})$: "
            r"$\frac{\sum (y - \hat{y})^2}{2\sigma^2} + \frac{\|w\|^2}{2\tau^2}$. "
            r"Multiply through by $2\sigma^2$ and read off the coefficient of $\|w\|^2$.",
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
        f"Fit $y = w x$ (no bias) to the points $x = {tvec(xs)}$, $y = {tvec(ys)}$.\n"
        f"Noise: $y = w x + \\varepsilon$ with ${NOISE}$, $\\sigma^2 = {num(s2)}$. "
        rf"Prior: $w \sim \mathcal{{N}}(0, \tau^2)$, $\tau^2 = {num(t2)}$." "\n"
        r"Give, separated by ';': the maximum-likelihood estimate $w_{\mathrm{MLE}}$; the MAP estimate "
        r"$w_{\mathrm{MAP}}$." "\n"
        "Exact fractions are fine too. "
    )
    steps = [
        *_posterior_steps(s2, t2),
        Step(
            r"$\frac{d}{dw} [\sum_i (y_i - w x_i)^2 + \lambda w^2] = -2 \sum_i x_i (y_i - w x_i) + 2\lambda w = 0 "
            r"\Rightarrow w = \frac{\sum_i x_i y_i}{\sum_i x_i^2 + \lambda}$.",
            "Set the derivative to zero",
        ),
        Step(
            r"$\sum_i x_i y_i = " + " + ".join(rf"{tsigned(x)} \cdot {tsigned(y)}" for x, y in zip(xs, ys, strict=True))
            + rf" = {sxy}$; $\sum_i x_i^2 = " + " + ".join(f"{tsigned(x)}^2" for x in xs) + f" = {sxx}$",
            "Sums",
        ),
        Step(rf"MLE (no prior, $\lambda = 0$): $w_{{\mathrm{{MLE}}}} = \frac{{\sum_i x_i y_i}}{{\sum_i x_i^2}} = "
             rf"{tratio(sxy, sxx)}$", "w_MLE"),
        Step(
            rf"MAP: $w_{{\mathrm{{MAP}}}} = \frac{{{sxy}}}{{{sxx} + {num(lam)}}} = {texact(w_map)}$: the prior pulls "
            rf"the estimate toward 0 by the factor $\frac{{{sxx}}}{{{sxx} + {num(lam)}}} \approx "
            rf"{sig(Fraction(sxx) / (sxx + lam))}$. "
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
            r"The negative log-posterior, times $2\sigma^2$, is $\sum (y - w x)^2 + \frac{\sigma^2}{\tau^2} w^2$. "
            r"Setting its derivative to zero gives $w = \frac{\sum xy}{\sum x^2 + \sigma^2 / \tau^2}$.",
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
