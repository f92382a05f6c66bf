"""Learning rate under linear warmup followed by cosine decay (002 §2.6)."""

import math
import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num
from tutor.core.problems import Figure, Step, Template, Variant

PEAKS = ("0.001", "0.0006", "0.0005", "0.0003", "0.0002", "0.1")
TOTALS = (1000, 2000, 5000, 10000, 20000, 50000, 100000)
WARMUP_FRACTIONS = (Fraction(1, 100), Fraction(2, 100), Fraction(5, 100), Fraction(1, 10), Fraction(15, 100))
WARM_POINTS = (Fraction(1, 10), Fraction(1, 5), Fraction(1, 4), Fraction(2, 5), Fraction(1, 2),
               Fraction(3, 5), Fraction(3, 4))
DECAY_POINTS = (Fraction(1, 6), Fraction(1, 4), Fraction(1, 3), Fraction(1, 2), Fraction(2, 3),
                Fraction(3, 4), Fraction(5, 6))


def sci(x) -> str:
    """A learning rate as people write it: 3e-4, 1.5e-4, 0.1."""
    x = float(x)
    if x == 0 or x >= 0.01:
        return num(x, 6)
    mant, exp = f"{x:.4e}".split("e")
    mant = mant.rstrip("0").rstrip(".")
    return f"{mant}e{int(exp)}"


def sci_tex(x) -> str:
    """The same in LaTeX: 3 \\times 10^{-4}, 1.5 \\times 10^{-4}, 0.1."""
    text = sci(x)
    if "e" not in text:
        return text
    mant, exp = text.split("e")
    return rf"{mant} \times 10^{{{exp}}}"


def count(n: int) -> str:
    """A step count in LaTeX, with its thousands comma set tight: 10{,}000."""
    return f"{n:,}".replace(",", "{,}")


def frac_tex(x: Fraction) -> str:
    return rf"\frac{{{x.numerator}}}{{{x.denominator}}}" if x.denominator > 1 else str(x)


AMAX, AMIN = r"\alpha_{\max}", r"\alpha_{\min}"
COSINE = rf"{AMIN} + \frac{{1}}{{2}}({AMAX} - {AMIN})(1 + \cos(\pi p))"


def draw(rng: random.Random) -> dict:
    while True:
        total = rng.choice(TOTALS)
        warmup = total * rng.choice(WARMUP_FRACTIONS)
        t_warm = warmup * rng.choice(WARM_POINTS)
        t_decay = warmup + (total - warmup) * rng.choice(DECAY_POINTS)
        if all(x.denominator == 1 for x in (warmup, t_warm, t_decay)) and t_warm > 0:
            break
    peak = rng.choice(PEAKS)
    floor = rng.choice(["0", "0", num(exact(peak) / 10, 8)])
    return {"peak": peak, "min_lr": floor, "total": total, "warmup": int(warmup),
            "t_warm": int(t_warm), "t_decay": int(t_decay)}


def build(peak, min_lr, total, warmup, t_warm, t_decay) -> Variant:
    hi, lo = exact(peak), exact(min_lr)
    T, W = total, warmup
    lr_warm = hi * Fraction(t_warm, W)
    progress = Fraction(t_decay - W, T - W)
    cos = math.cos(math.pi * progress)
    lr_decay = float(lo) + 0.5 * float(hi - lo) * (1 + cos)
    p_naive = Fraction(t_decay, T)
    spread = float(hi - lo)
    parts = (
        with_mistakes(AnswerSpec(kind="number", expected=exact_text(lr_warm), sig_figs=4,
                                 label=f"the learning rate at step {t_warm}"), [
            (hi * Fraction(t_warm, T), f"Warmup divides by the warmup length W = {W:,}, not by T = {T:,}."),
            (hi, f"Step {t_warm:,} is still inside the warmup: the rate has not reached α_max yet."),
            (hi * (1 - Fraction(t_warm, W)), "Warmup increases the rate from 0 up to α_max."),
            (lo + (hi - lo) * Fraction(t_warm, W), "Warmup starts from 0, not from α_min: α = α_max·t/W."),
        ]),
        with_mistakes(AnswerSpec(kind="number", expected=exact_text(lr_decay), sig_figs=4,
                                 label=f"the learning rate at step {t_decay}"), [
            (float(lo) + 0.5 * spread * (1 + math.cos(math.pi * p_naive)),
             "Measure the decay progress from the end of warmup: p = (t − W)/(T − W), not t/T."),
            (float(lo) + spread * (1 + cos), "You dropped the ½: the cosine factor ½(1 + cos πp) runs from 1 to 0."),
            (float(hi) * cos, "The schedule is α_min + ½(α_max − α_min)(1 + cos πp), not α_max·cos πp."),
            (float(lo) + spread * (1 - float(progress)), "That is a linear decay; the schedule follows half a cosine."),
            (0.5 * float(hi) * (1 + cos), f"You dropped α_min: add the floor α_min = {sci(lo)} and scale only "
                                          "α_max − α_min by the cosine."),
            (float(lo) + 0.5 * float(hi) * (1 + cos), f"Scale only α_max − α_min = {sci(hi - lo)} by the cosine: "
                                                      "with α_max the schedule would end above α_min."),
            (0.5 * spread * (1 + cos), f"You dropped α_min: the schedule decays to α_min = {sci(lo)}, so add it back."),
            (float(lo) + 0.5 * spread * (1 + math.cos(float(progress))),
             "The cosine's argument is π·p (in radians): half a period as p goes from 0 to 1."),
        ]),
    )
    answer = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    warm_text, decay_text = (canonical_answer(part) for part in parts)
    prompt = (
        f"A training run of $T = {count(T)}$ steps uses linear warmup from 0 to the peak learning rate "
        f"${AMAX} = {sci_tex(hi)}$ over the first $W = {count(W)}$ steps, then cosine decay from ${AMAX}$ at "
        f"step {W:,} to ${AMIN} = {sci_tex(lo)}$ at step {T:,}.\n"
        f"Give, separated by ';': the learning rate at step {t_warm:,}; the learning rate at step {t_decay:,}.\n"
        f"{precision_sentence(answer)} Scientific notation such as 1.5e-4 is fine."
    )
    frac_text = frac_tex(progress)
    cos_rel = "=" if abs(cos - round(cos, 6)) < 1e-12 else r"\approx"
    steps = [
        Step(rf"Step ${count(t_warm)} \le W = {count(W)}$: warmup. The rate rises linearly, "
             rf"$\alpha = {AMAX} \cdot \frac{{t}}{{W}} = {sci_tex(hi)} \cdot \frac{{{count(t_warm)}}}{{{count(W)}}} = "
             rf"{sci_tex(hi)} \cdot {num(Fraction(t_warm, W))} = {sci_tex(lr_warm)}"
             + ("" if Fraction(warm_text) == lr_warm else rf" \approx {warm_text}") + "$", "Warmup"),
        Step(f"Step ${count(t_decay)} > W$: decay. Progress through the decay phase: "
             rf"$p = \frac{{t - W}}{{T - W}} = \frac{{{count(t_decay)} - {count(W)}}}{{{count(T)} - {count(W)}}} = "
             f"{frac_text}$", "Decay progress"),
        Step(rf"$\alpha = {COSINE} = {sci_tex(lo)} + \frac{{1}}{{2}} \cdot ({sci_tex(hi - lo)}) \cdot "
             rf"(1 + \cos(\pi \cdot {frac_text}))$" "\n"
             rf"$\cos(\pi \cdot {frac_text}) {cos_rel} {num(cos, 6)}$, so "
             rf"$\alpha = {sci_tex(lo)} + {sci_tex(float(hi - lo) / 2)} \cdot {num(1 + cos, 6)} \approx {decay_text}$",
             "Cosine decay"),
        Step(f"At $p = 0$ the formula gives ${AMAX} = {sci_tex(hi)}$, at $p = 1$ it gives ${AMIN} = {sci_tex(lo)}$, "
             f"and halfway it gives the midpoint ${sci_tex((hi + lo) / 2)}$. Warmup keeps the first updates small "
             "while gradients are large and unstable.", "Sanity check"),
    ]
    return Variant(
        prompt=prompt,
        answer=answer,
        steps=steps,
        hints=[
            rf"Warmup: $\alpha = {AMAX} \cdot \frac{{t}}{{W}}$. Decay: with $p = \frac{{t - W}}{{T - W}}$, "
            rf"$\alpha = {COSINE}$.",
        ],
        figure=Figure("lr_schedule", {"total": T, "warmup": W, "peak": float(hi), "min": float(lo),
                                      "marks": [[t_warm, float(lr_warm)], [t_decay, lr_decay]]}),
    )


TEMPLATES = [
    Template(
        id="optim.warmup_cosine",
        title="Warmup + cosine learning-rate schedule",
        topic="optimization",
        draw=draw,
        build=build,
        difficulty=2,
        # 002 §2.6: warm up to 3e-4 over the first 15% of training, then cosine decay
        seed_params={"peak": "0.0003", "min_lr": "0", "total": 10000, "warmup": 1500,
                     "t_warm": 750, "t_decay": 3625},
        source="002 §2.6",
    )
]
