"""A full classifier forward pass: logits = W·x → softmax → cross-entropy loss (004 §4)."""

import math
import random

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import exact_vector, with_mistakes
from tutor.core.formatting import exact_text, figures, num, pretty, rounded
from tutor.core.problems import Figure, Step, Template, Variant

SIG_FIGS = 4  # probabilities and the loss: 4 significant figures; the logits are whole numbers


def sig(x: float) -> str:
    """An intermediate value at 6 significant figures (rounded only at the end)."""
    return figures(x, 6)


def final(x: float) -> str:
    """A probability or the loss as the canonical answer writes it: 4 significant figures."""
    return rounded(x, sig_figs=SIG_FIGS)


def svec(values) -> str:
    return "[" + ", ".join(final(v) for v in values) + "]"


def power(v: float) -> str:
    """e^v in a formula: e^{3}, e^{-2}."""
    return f"e^{{{num(v)}}}"


def tsigned(v: float) -> str:
    """A number in a product or after an operator in a formula: 3, (-1)."""
    return f"({num(v)})" if v < 0 else num(v)


def tvec(values) -> str:
    """A vector in a formula: [1, -2, 0]."""
    return "[" + ", ".join(num(v) for v in values) + "]"


def bmatrix(rows) -> str:
    return r"\begin{bmatrix}" + r" \\ ".join(" & ".join(num(v) for v in row) for row in rows) + r"\end{bmatrix}"


def matvec(W, x):
    return [sum(w * v for w, v in zip(row, x, strict=True)) for row in W]


# Every probability is at least 0.005 (kept from when 4 decimal places were asked for, so that
# every seed still draws the same variant).
SMALLEST = 0.005


def _softmax(z) -> list[float]:
    m = max(z)
    exps = [math.exp(v - m) for v in z]
    return [e / sum(exps) for e in exps]


def draw(rng: random.Random) -> dict:
    n = rng.choice([2, 3, 3])
    while True:
        W = tuple(tuple(rng.randint(-2, 2) for _ in range(n)) for _ in range(3))
        x = tuple(rng.choice([-1, 1, 2, 3]) if j == 0 else rng.randint(-1, 2) for j in range(n))
        z = matvec(W, x)
        if (1 <= max(z) - min(z) <= 5 and all(any(row) for row in W) and max(map(abs, z)) <= 6
                and min(_softmax(z)) >= SMALLEST):
            return {"W": W, "x": x, "target": rng.randrange(3)}


def build(W, x, target) -> Variant:
    c = target  # index into the rows of W; the learner sees class c + 1 (classes numbered from 1)
    n = c + 1
    z = matvec(W, x)
    m = max(z)
    exps = [math.exp(v - m) for v in z]
    total = sum(exps)
    probs = [e / total for e in exps]
    loss = -math.log(probs[c])
    lse = m + math.log(total)
    question = (
        f"A 3-class linear classifier has weights $W$ (one row per class) and input $x$:\n"
        f"$W = {bmatrix(W)}$\n"
        f"$x = {tvec(x)}$\n"
        f"The true class is class {n} (classes are numbered from 1: class 1 is the top row of $W$ "
        "and the first entry of each vector).\n"
        r"Give, separated by ';': the logits $W x$ as a vector; $\mathrm{softmax}(W x)$ as a vector; "
        "the cross-entropy loss in nats.\n"
    )
    row_lines = "\n".join(
        f"row {i}: $" + " + ".join(rf"{tsigned(w)} \cdot {tsigned(v)}" for w, v in zip(row, x, strict=True))
        + f" = {num(zi)}$"
        for i, (row, zi) in enumerate(zip(W, z, strict=True), 1)
    )
    k = f"{{{n}}}"
    steps = [
        Step(f"Each logit is the dot product of one row of $W$ with $x$:\n{row_lines}\n"
             f"logits $z = {tvec(z)}$", "Logits: matrix–vector product"),
        Step(
            f"Subtract the max ${num(m)}$ (this does not change the softmax) and exponentiate: "
            + ", ".join(f"${power(v - m)} = 1$" if v == m else rf"${power(v - m)} \approx {sig(e)}$"
                        for v, e in zip(z, exps, strict=True))
            + rf"; sum $S \approx {sig(total)}$." + "\n"
            + rf"Divide by the sum: $\mathrm{{softmax}}(z) \approx {svec(probs)}$",
            "Softmax",
        ),
        Step(
            rf"The one-hot target keeps only class {n}: $\text{{loss}} = -\ln p_{k} = -\ln({sig(probs[c])}) "
            rf"\approx {final(loss)}$",
            "Cross-entropy",
        ),
        Step(
            rf"Same loss from the logits: $\text{{loss}} = \ln \sum_j e^{{z_j}} - z_{k} = {sig(lse)} - {tsigned(z[c])} "
            rf"\approx {final(loss)}$. ✓ "
            + ("The model is most confident in the true class, so the loss is low."
               if probs[c] == max(probs) else
               "The model prefers another class, so the loss is high: the gradient will push "
               f"$z_{k}$ up and the others down."),
            "Check",
        ),
    ]
    logits_candidates = [
        ([sum(row) for row in W], "You added up the weights of each row; each weight multiplies its "
                                  "entry of x before you add: zᵢ = Σⱼ Wᵢⱼ·xⱼ."),
        ([sum(w + v for w, v in zip(row, x, strict=True)) for row in W],
         "You added each weight to its entry of x; a dot product multiplies them: zᵢ = Σⱼ Wᵢⱼ·xⱼ."),
    ]
    if len(x) == 3:
        wt = [sum(W[i][j] * x[i] for i in range(3)) for j in range(3)]
        logits_candidates.append((wt, "You dotted x with the columns of W (that is Wᵀ·x); "
                                      "each logit is row i of W dotted with x."))
    prob_candidates = [
        ([math.exp(v) for v in z], "Those are the exponentials e^zᵢ: divide each by their sum."),
        (exps, "Those are the shifted exponentials e^(zᵢ − max z): divide each by their sum."),
    ]
    if sum(z) != 0:
        prob_candidates.append(([v / sum(z) for v in z],
                                "You divided the logits by their sum, z/Σz, without the exponential; "
                                "softmax exponentiates first: pᵢ = e^zᵢ / Σⱼ e^zⱼ."))
    prob_candidates.append(([v - lse for v in z],
                            "Those are the log-probabilities zᵢ − ln Σⱼ e^zⱼ (a log-softmax): "
                            "exponentiate them to get the probabilities."))
    if z.count(m) == 1:
        prob_candidates.append(([1.0 if v == m else 0.0 for v in z],
                                "That is the one-hot argmax; softmax gives every class a positive share."))
    loss_candidates = [
        (-math.log2(probs[c]), "That is −log₂ p, in bits. The loss in nats uses ln."),
        (math.log(probs[c]), "Check the sign: the loss is −ln p_true, which is positive."),
        (-math.log10(probs[c]), "That uses log₁₀; use the natural log ln."),
        (1 - probs[c], "1 − p is the probability of being wrong, not the loss: take −ln p_true."),
    ]
    for j in range(3):
        if j != c:
            loss_candidates.append((-math.log(probs[j]),
                                    f"That is −ln p_{j + 1}, class {j + 1}'s probability. The true class is {n}."))
    loss_candidates.append((-math.log(z[c]) if z[c] > 0 else float("nan"),
                            "You took −ln of the logit z; take −ln of the softmax probability."))
    loss_candidates.append((lse, f"That is ln Σⱼ e^zⱼ alone: subtract the true class's logit z_{n} = "
                                 f"{pretty(num(z[c]))} to get the loss."))
    loss_candidates.append((-z[c] if z[c] else float("nan"),
                            f"−z_{n} leaves out the normalizer: the loss is ln Σⱼ e^zⱼ − z_{n}."))
    parts = (
        with_mistakes(
            AnswerSpec(kind="vector", expected=exact_vector(z), integer=True, label="the logits W·x"),
            logits_candidates),
        with_mistakes(
            AnswerSpec(kind="vector", expected=exact_vector(probs), sig_figs=SIG_FIGS,
                       label="softmax(W·x)"),
            prob_candidates),
        with_mistakes(
            AnswerSpec(kind="number", expected=exact_text(loss), sig_figs=SIG_FIGS, label="the loss"),
            loss_candidates),
    )
    answer = AnswerSpec(kind="multi", parts=parts)
    return Variant(
        prompt=question + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=[
            r"Logit $z_i$ is row $i$ of $W$ dotted with $x$; softmax exponentiates and normalizes, "
            r"$p_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$; the loss is $-\ln p$ of the true class.",
        ],
        figure=Figure("network", {"layers": [len(x), 3], "logits": z, "probs": probs, "target": c},
                      placement="solution"),
    )


TEMPLATES = [
    Template(
        id="info.classifier_forward",
        title="Classifier forward pass: W·x → softmax → loss",
        topic="information theory",
        draw=draw,
        build=build,
        prerequisites=("matrices.matvec", "info.cross_entropy"),
        difficulty=3,
        seed_params={"W": ((1, -1, 0), (0, 2, 1), (1, 0, -1)), "x": (2, 1, 1), "target": 1},
        source="004 §4",
    )
]
