"""Gradient of cross-entropy after softmax: ∂L/∂z = p − y (000 §B.17)."""

import math
import random

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, num, rounded
from tutor.core.formatting import figures as sig
from tutor.core.problems import Figure, Step, Template, Variant


def svec(values, figures: int = 6) -> str:
    """A vector for the steps, with more figures than the answer keeps."""
    return "[" + ", ".join(sig(v, figures) for v in values) + "]"


def exact_vec(values) -> str:
    return "[" + ", ".join(exact_text(v) for v in values) + "]"


def about(v: float) -> str:
    """The full value, then the answer at 4 significant figures when that is a rounding (LaTeX)."""
    answer = rounded(v, sig_figs=4)
    return sig(v, 6) if float(answer) == v else rf"{sig(v, 6)} \approx {answer}"


def tsigned(v: float) -> str:
    """6 significant figures after an operator, in LaTeX: -0.4 → (-0.4)."""
    text = sig(v, 6)
    return f"({text})" if text.startswith("-") else text


def _classes(indices) -> str:
    names = [f"$z_{{{i + 1}}}$" for i in indices]
    return ", ".join(names) or "none"


def draw(rng: random.Random) -> dict:
    k = rng.choice([3, 3, 4])
    while True:
        z = tuple(rng.choice([-2, -1, 0, 0.5, 1, 2, 3]) for _ in range(k))
        if len(set(z)) > 1 and max(z) - min(z) <= 4:
            break
    c = rng.randrange(k)
    if rng.random() < 0.25:  # label smoothing: a soft target that still sums to 1
        eps = {3: 0.3, 4: 0.2}[k]
        y = tuple(round((1 - eps) * (i == c) + eps / k, 4) for i in range(k))
    else:
        y = tuple(1 if i == c else 0 for i in range(k))
    return {"z": z, "y": y}


def build(z, y) -> Variant:
    k = len(z)
    exps = [math.exp(v) for v in z]
    s = sum(exps)
    p = [e / s for e in exps]
    one_hot = all(v in (0, 1) for v in y)
    c = max(range(k), key=lambda i: y[i])
    loss = -sum(yi * math.log(pi) for yi, pi in zip(y, p, strict=True) if yi)
    grad = [pi - yi for pi, yi in zip(p, y, strict=True)]
    zs = svec(z)
    ys = "[" + ", ".join(num(v) for v in y) + "]"
    target = (f"the true class is class {c + 1} (classes are numbered from 1), so the one-hot label is "
              f"$y = {ys}$" if one_hot else
              f"the target is the label-smoothed distribution $y = {ys}$ (class {c + 1} is the true one; "
              "classes are numbered from 1)")
    lse = math.log(s)
    k1 = f"{{{c + 1}}}"
    steps = [
        Step(rf"$\exp(z) = {svec(exps)}$, sum $S = {sig(s, 6)}$; $p = \frac{{\exp(z)}}{{S}} = {svec(p)}$.",
             "Softmax"),
        Step(
            (rf"Only the true class survives: $L = -\log p_{k1} = -z_{k1} + \log S = "
             rf"{sig(-z[c], 6)} + {tsigned(lse)} = {about(loss)}$." if one_hot else
             r"$L = -\sum_i y_i \log p_i = "
             + " + ".join(rf"{num(yi)} \cdot {sig(-math.log(pi), 6)}" for yi, pi in zip(y, p, strict=True))
             + f" = {about(loss)}$."),
            "Loss",
        ),
        Step(r"$L = -\sum_i y_i z_i + \log S$ (because $\sum_i y_i = 1$). "
             r"$\frac{\partial}{\partial z_k} \log S = \frac{\exp(z_k)}{S} = p_k$, and "
             r"$\frac{\partial}{\partial z_k} \left(-\sum_i y_i z_i\right) = -y_k$.", "Differentiate"),
        Step(rf"$\frac{{\partial L}}{{\partial z}} = p - y = {svec(p)} - {ys} = {svec(grad)} \approx {svec(grad, 4)}$ "
             "(4 significant figures). "
             r"The entries sum to 0 ($\sum p = \sum y = 1$). Gradient descent moves $z$ against the gradient: "
             f"it raises the logits where $p$ is below the target ({_classes(i for i in range(k) if grad[i] < 0)}) "
             "and lowers the others.",
             "p − y"),
    ]
    grad_cands = [
        ([yi - pi for pi, yi in zip(p, y, strict=True)], "Check the sign: the gradient is p − y, not y − p."),
        (p, "That is p = softmax(z); subtract the target: ∂L/∂z = p − y."),
        ([-yi / pi for pi, yi in zip(p, y, strict=True)],
         "That is ∂L/∂p = −y/p; the question asks for the gradient with respect to the logits z, "
         "which passes through the softmax and simplifies to p − y."),
    ]
    mistakes, seen = [], {svec(grad, 4)}
    for v, why in grad_cands:
        if svec(v, 4) not in seen:  # told apart from the answer (and each other) at 4 figures
            seen.add(svec(v, 4))
            mistakes.append(Mistake(exact_vec(v), why))
    loss_cands = [
        (loss / math.log(2), "That is the loss in bits (log base 2); use the natural log."),
        (loss / math.log(10), "That is log base 10; the loss uses the natural log."),
        (-sum(math.log(pi) for pi in p), "Only the target's classes count: weight each −log pᵢ by yᵢ."),
    ]
    if one_hot:
        loss_cands.append((p[c], f"That is p_{c + 1}, the probability of the true class; the loss is −log p_{c + 1}."))
    parts = (
        with_mistakes(AnswerSpec(kind="number", expected=exact_text(loss), label="L", sig_figs=4), loss_cands),
        AnswerSpec(kind="vector", expected=exact_vec(grad), label="∂L/∂z", sig_figs=4, mistakes=tuple(mistakes)),
    )
    spec = AnswerSpec(kind="multi", parts=parts)
    prompt = (
        rf"A classifier outputs logits $z = {zs}$; $p = \mathrm{{softmax}}(z)$ and $L = -\sum_i y_i \log p_i$ "
        f"(natural log), where {target}.\n"
        r"Give the loss $L$ and the gradient $\frac{\partial L}{\partial z}$ as a vector [..], separated by ';'."
        "\n"
        + precision_sentence(spec)
    )

    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[r"Write $L = -\sum_i y_i z_i + \log \sum_j \exp(z_j)$: the log-sum-exp differentiates to $p$, "
               r"the first term to $-y$, so $\frac{\partial L}{\partial z} = \mathrm{softmax}(z) - y$."],
        figure=Figure("bars", {"p": p, "y": list(y), "grad": grad}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="calculus.softmax_ce_gradient",
        title="Softmax + cross-entropy gradient p − y",
        topic="calculus",
        draw=draw,
        build=build,
        prerequisites=("info.softmax", "info.cross_entropy", "calculus.chain_rule"),
        difficulty=2,
        # 000 §B.17 has no numbers: the logits are 004 §3.3's [1, 3, 1] (p ≈ [0.107, 0.787, 0.107]),
        # true class 2, so ∂L/∂z ≈ [0.1065, −0.213, 0.1065] and L = −log 0.787 ≈ 0.2395
        seed_params={"z": (1, 3, 1), "y": (0, 1, 0)},
        source="000 §B.17; 004 §3.3",
    )
]
