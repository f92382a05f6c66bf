"""z-score standardisation z = (x − μ)/σ of a feature (002 §2.3)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, pretty, sig
from tutor.core.problems import Figure, Step, Template, Variant


def _number(expected: str, label: str, mistakes) -> AnswerSpec:
    """A number to 4 significant figures (``expected`` exact), with its classic slips."""
    return with_mistakes(AnswerSpec(kind="number", expected=expected, sig_figs=4, label=label), mistakes)

# story: (feature described, offset added to the drawn values)
STORIES = {
    "plain": ("A feature", 0),
    "age": ("The feature “age in years”", 20),
    "length": ("The feature “prompt length in tokens”", 10),
    "temp": ("The feature “temperature in °C”", -5),
}


def _moments(values):
    n = len(values)
    mean = Fraction(sum(values), n)
    var = sum((Fraction(v) - mean) ** 2 for v in values) / n
    return mean, var


def _exact_sqrt(q: Fraction) -> Fraction | None:
    a, b = math.isqrt(q.numerator), math.isqrt(q.denominator)
    return Fraction(a, b) if a * a == q.numerator and b * b == q.denominator else None


def draw(rng: random.Random) -> dict:
    story = rng.choice(sorted(STORIES))
    offset = STORIES[story][1]
    while True:
        n = rng.choice([4, 5, 6, 8])
        values = [rng.randint(0, 20) + offset for _ in range(n - 1)]
        values.append(n * rng.randint(6, 14) + n * offset - sum(values))  # an integer mean
        if not offset <= values[-1] <= 20 + offset:
            continue
        mean, var = _moments(values)
        sd = _exact_sqrt(var) if var else None
        if mean.denominator == 1 and sd is not None and sd.denominator in (1, 2):
            break
    while True:
        x = rng.randint(int(mean - 3 * sd), int(mean + 3 * sd) + 1)
        if x != mean:
            return {"story": story, "values": tuple(values), "x": x}


def _m(text: str) -> str:
    """A number in a formula, its minus sign unary: -3 → {-3} (ziamath spaces a bare '-' as binary)."""
    return f"{{{text}}}" if text.startswith("-") else text


def _s(x) -> str:
    """A number after an operator, in a formula: 3 → '3', -3 → '({-3})'."""
    return f"({_m(sig(x))})" if x < 0 else sig(x)


def build(story, values, x) -> Variant:
    what = STORIES[story][0]
    n = len(values)
    mean, var = _moments(values)
    sd_exact = _exact_sqrt(var)
    sd = sd_exact if sd_exact is not None else math.sqrt(var)
    z = (x - mean) / sd
    f = sig
    prompt = (
        f"{what} takes these values in the training set: {pretty(', '.join(map(str, values)))}.\n"
        f"Standardise a value $x = {_m(sig(x))}$ with the training mean and standard deviation "
        f"(population formula: divide by $n = {n}$).\n"
        r"Give, separated by ';': $\mu$; $\sigma$; the z-score of $x$." "\n"
    )
    devs = [Fraction(v) - mean for v in values]
    where = "above" if z > 0 else "below"
    az = abs(float(z))
    if az in (1, 2, 3):
        reading = f"the edge of the central { {1: '68', 2: '95', 3: '99.7'}[int(az)] }% of Gaussian data."
    elif az < 1:
        reading = "well inside the central 68% of Gaussian data."
    elif az < 2:
        reading = r"unremarkable: 95% of Gaussian data lies within $2\sigma$."
    elif az < 3:
        reading = r"unusual for Gaussian data: only about 5% lies beyond $2\sigma$."
    else:
        reading = r"an outlier: 99.7% of Gaussian data lies within $3\sigma$."
    sample_sd = math.sqrt(var * n / (n - 1))
    median = (sorted(values)[(n - 1) // 2] + sorted(values)[n // 2]) / 2
    sd_text = exact_text(sd_exact) if sd_exact is not None else f"sqrt({exact_text(var)})"
    z_text = exact_text(z) if sd_exact is not None else f"({exact_text(x - mean)})/{sd_text}"
    mad = sum(abs(d) for d in devs) / n
    parts = (
        _number(exact_text(mean), "μ", [
            (median, "That is the median; the mean adds all values and divides by n."),
        ]),
        _number(sd_text, "σ", [
            (sample_sd, f"That is the sample standard deviation (divide by n − 1 = {n - 1}); "
                        f"the question asks for the population formula: divide by n = {n}."),
            (var, "That is the variance σ²; take its square root."),
            (mad, "That is the mean absolute deviation; σ is the square root of the mean squared deviation."),
            (math.sqrt(sum(d * d for d in devs)), f"Divide the sum of squared deviations by n = {n} "
                                                  "before taking the square root."),
        ]),
        _number(z_text, "z", [
            (x - mean, "That is x − μ; divide it by σ to measure the distance in standard deviations."),
            ((x - mean) / var, "Divide by σ, not by the variance σ²."),
            ((mean - x) / sd, "z = (x − μ)/σ: values above the mean get a positive z-score."),
            (x / sd, "Subtract the mean before dividing: z = (x − μ)/σ."),
            (float(x - mean) / sample_sd, f"That divides by the sample standard deviation (n − 1 = {n - 1}); "
                                          f"standardise with the population σ (divide by n = {n})."),
        ]),
    )
    answer = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    z_shown = _m(canonical_answer(parts[2]))
    h = lambda v: _m(sig(v))  # noqa: E731  (a number in a formula)
    rel = "=" if Fraction(canonical_answer(parts[2])) == z else r"\approx"
    steps = [
        Step(rf"$\mu = \frac{{{' + '.join(_s(v) for v in values)}}}{{{n}}} = \frac{{{h(sum(values))}}}{{{n}}}"
             f" = {h(mean)}$", "Mean"),
        Step(rf"Average squared deviation: $\sigma^2 = \frac{{{' + '.join(f'{_s(d)}^2' for d in devs)}}}{{{n}}}"
             rf" = \frac{{{h(sum(d * d for d in devs))}}}{{{n}}} = {h(var)}$", "Variance"),
        Step(rf"$\sigma = \sqrt{{{h(var)}}} = {h(sd)}$", "Standard deviation"),
        Step(rf"$z = \frac{{x - \mu}}{{\sigma}} = \frac{{{h(x)} - {_s(mean)}}}{{{h(sd)}}} = \frac{{{h(x - mean)}}}{{{h(sd)}}}"
             f" {rel} {z_shown}$", "Standardise"),
        Step(f"$x$ lies {f(az)} standard deviation{'' if az == 1 else 's'} {where} the mean — {reading} "
             "After standardising, the feature has mean 0 and standard deviation 1.", "Read the z-score"),
    ]
    return Variant(
        prompt=prompt + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=[r"$z = \frac{x - \mu}{\sigma}$, with $\mu$ the mean and "
               r"$\sigma = \sqrt{\text{average squared deviation}}$."],
        figure=Figure("gaussian", {"mu": float(mean), "sigma": float(sd), "x": x, "z": float(z)},
                      placement="solution"),
    )


TEMPLATES = [
    Template(
        id="probability.zscore",
        title="z-score standardisation",
        topic="probability",
        draw=draw,
        build=build,
        prerequisites=("probability.gaussian",),
        difficulty=1,
        seed_params={"story": "plain", "values": (2, 4, 4, 4, 5, 5, 7, 9), "x": 9},
        source="002 §2.3",
    )
]
