"""Cross-entropy loss with a one-hot target: −ln q(true class) (002 §2.5, 004 §3.3, 000 §C.27)."""

import math
import random

from tutor.core.answers import AnswerSpec, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import exact_text, figures, num, rounded, vec
from tutor.core.problems import Figure, Step, Template, Variant

SIG_FIGS = 4  # the loss: 4 significant figures (the prompt's sentence says so)

CLASS_SETS = (
    ("cat", "dog", "bird", "fish", "frog"),
    ("spam", "promo", "social", "work", "personal"),
    ("car", "truck", "bus", "bike", "tram"),
)


def draw(rng: random.Random) -> dict:
    k = rng.choice([3, 4, 4, 5])
    cuts = sorted(rng.sample(range(1, 20), k - 1))
    q = tuple(round((b - a) * 0.05, 2) for a, b in zip([0, *cuts], [*cuts, 20], strict=True))
    names = rng.choice([None, None, *range(len(CLASS_SETS))])
    return {"q": q, "target": rng.randrange(k), "names": names}


def build(q, target, names=None) -> Variant:
    q = tuple(q)
    k = len(q)
    c = target
    y = [1 if j == c else 0 for j in range(k)]
    qc = q[c]
    loss = -math.log(qc)
    if names is None:  # classes numbered from 1: q_1 is the first entry
        label = f"class {c + 1}"
        sub = str(c + 1)
        setting = (f"A {k}-class classifier (classes numbered 1 to {k}; $q_1$ is the first entry) outputs "
                   f"the softmax probabilities $q = {vec(q)}$.\n"
                   f"The true label is class {c + 1}, one-hot $y = {vec(y)}$.")
    else:
        classes = CLASS_SETS[names][:k]
        label = f"“{classes[c]}”"
        sub = classes[c]
        setting = (f"A classifier outputs the softmax probabilities $q = {vec(q)}$ over the classes "
                   f"({', '.join(classes)}), in that order.\n"
                   f"The true label is {label}, so the one-hot target is $y = {vec(y)}$.")
    question = (
        f"{setting}\n"
        "Compute the cross-entropy loss $H(y, q)$ in nats (natural log).\n"
    )
    q_c = f"q_{{{sub}}}" if names is None else rf"q_{{\text{{{sub}}}}}"
    terms = " + ".join(rf"{yk} \cdot \ln {num(qk)}" for yk, qk in zip(y, q, strict=True))
    best = max(range(k), key=lambda j: q[j])
    steps = [
        Step(
            rf"$H(y, q) = -\sum_k y_k \ln q_k = -({terms})$",
            "Write out the sum",
        ),
        Step(
            f"The one-hot target zeroes every term except the true class: "
            rf"$H(y, q) = -\ln {q_c} = -\ln({num(qc)})$",
            "One-hot collapses the sum",
        ),
        Step(rf"$\ln({num(qc)}) \approx {figures(math.log(qc), 6)}$, so the loss is "
             rf"$-\ln({num(qc)}) \approx {rounded(loss, sig_figs=SIG_FIGS)}$ nats.", "Compute"),
        Step(
            (f"The model gave the true class, {label}, its highest probability, so the loss is "
             "small; " if best == c else
             f"The model put its highest probability on another class "
             f"({f'class {best + 1}' if names is None else f'“{CLASS_SETS[names][best]}”'}: {num(q[best])}), "
             f"so the loss is large; ")
            + r"$q = 0.99$ on the truth would cost $-\ln 0.99 \approx 0.01$, $q = 0.01$ would cost "
              r"$-\ln 0.01 \approx 4.61$: confident and wrong is punished hardest.",
            "Interpret",
        ),
    ]
    candidates = [
        (-math.log2(qc), "That is −log₂ q, in bits. The loss in nats uses the natural log ln."),
        (math.log(qc), f"Check the sign: ln of a probability is negative, and the loss is −ln q_{sub} ≥ 0."),
        (-math.log10(qc), "That uses log₁₀. Cross-entropy in nats uses the natural log ln."),
        (1 - qc, f"1 − q_{sub} is the probability of being wrong, not the loss: take −ln q_{sub}."),
        (-sum(math.log(p) for p in q),
         "You summed −ln qₖ over every class; the one-hot y keeps only the true class's term."),
        (-sum(p * math.log(p) for p in q),
         "That is the entropy of the prediction, −Σ qₖ ln qₖ. Cross-entropy weights by the target y."),
        (-qc * math.log(qc), f"You weighted −ln q_{sub} by the prediction q_{sub} = {num(qc)}; the weight "
                             f"is the target yₖ, which is 1 for the true class: the loss is −ln q_{sub}."),
        (loss / k, f"You divided by the number of classes, {k}. Σₖ yₖ·ln qₖ is a sum, not an average: "
                   f"for one example the loss is −ln q_{sub}."),
        (-math.log(1 - qc), f"−ln(1 − q_{sub}) is the loss for the label being NOT {label}; "
                            f"the true label is {label}, so take −ln q_{sub}."),
    ]
    for j in range(k):
        if j != c:
            other = f"class {j + 1}" if names is None else f"“{CLASS_SETS[names][j]}”"
            candidates.append((-math.log(q[j]),
                               f"That is −ln {num(q[j])}, the probability of {other}. "
                               f"Use the true class {label}: q = {num(qc)}."))
    answer = with_mistakes(
        AnswerSpec(kind="number", expected=exact_text(loss), sig_figs=SIG_FIGS), candidates)
    return Variant(
        prompt=question + precision_sentence(answer),
        answer=answer,
        steps=steps,
        hints=["With a one-hot target only the true class's term survives: "
               r"$\text{loss} = -\ln q(\text{true class})$."],
        figure=Figure("bars", {"values": list(q), "target": c,
                               "labels": list(CLASS_SETS[names][:k]) if names is not None else []}),
    )


TEMPLATES = [
    Template(
        id="info.cross_entropy",
        title="Cross-entropy with a one-hot target",
        topic="information theory",
        draw=draw,
        build=build,
        prerequisites=("info.entropy", "info.softmax"),
        difficulty=1,
        seed_params={"q": (0.1, 0.2, 0.6, 0.1), "target": 2, "names": None},
        source="002 §2.5; 004 §3.3; 000 §C.27",
    )
]
