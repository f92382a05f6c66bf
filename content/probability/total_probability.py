"""Chain rule, law of total probability and a conditional probability (000 §C.23–24)."""

import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, sig
from tutor.core.problems import Figure, Step, Template, Variant


def _probability(value: Fraction, label: str, mistakes) -> AnswerSpec:
    """A probability to 4 significant figures (a percentage is accepted too), with its classic slips."""
    spec = AnswerSpec(kind="number", expected=exact_text(value), sig_figs=4, allow_percent=True, label=label)
    return with_mistakes(spec, mistakes)

# story: (setting, groups when there are 2, groups when there are 3, event, event described)
STORIES = {
    "spam": (
        "Incoming emails",
        ("spam", "¬spam"),
        ("spam", "promo", "personal"),
        "word",
        "the email contains the word “free”",
    ),
    "sources": (
        "A training set mixes examples from several sources",
        ("web", "books"),
        ("web", "books", "forums"),
        "wrong",
        "the example's label is wrong",
    ),
    "cameras": (
        "Images in a dataset were taken by different cameras",
        ("phone", "dslr"),
        ("phone", "dslr", "webcam"),
        "blur",
        "the image is blurry",
    ),
    "routing": (
        "Requests are routed to different model replicas",
        ("A", "B"),
        ("A", "B", "C"),
        "slow",
        "the request takes longer than one second",
    ),
}

SHARES_3 = (
    (0.5, 0.3, 0.2), (0.6, 0.3, 0.1), (0.4, 0.4, 0.2), (0.5, 0.25, 0.25), (0.7, 0.2, 0.1),
    (0.2, 0.3, 0.5), (0.45, 0.35, 0.2), (0.3, 0.3, 0.4), (0.6, 0.25, 0.15), (0.1, 0.6, 0.3),
)
RATES = (0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def draw(rng: random.Random) -> dict:
    story = rng.choice(sorted(STORIES))
    if rng.random() < 0.5:
        p = rng.choice([0.1, 0.2, 0.25, 0.3, 0.4, 0.6, 0.7, 0.75, 0.8])
        priors = (p, round(1 - p, 2))
    else:
        priors = rng.choice(SHARES_3)
        priors = tuple(rng.sample(priors, 3))
    rates = tuple(rng.sample(RATES, len(priors)))
    return {"story": story, "priors": priors, "rates": rates, "target": rng.randrange(len(priors))}


def _tex(name: str) -> str:
    """An event's name in a formula: spam → \\text{spam}, ¬spam → \\neg \\text{spam}."""
    return rf"\neg \text{{{name[1:]}}}" if name.startswith("¬") else rf"\text{{{name}}}"


def build(story, priors, rates, target) -> Variant:
    setting, groups2, groups3, e, e_text = STORIES[story]
    groups = groups2 if len(priors) == 2 else groups3
    P = [exact(p) for p in priors]
    R = [exact(r) for r in rates]
    joints = [r * p for r, p in zip(R, P, strict=True)]
    pe = sum(joints, Fraction(0))
    k = target
    a = groups[k]
    joint, post = joints[k], joints[k] / pe
    f = sig
    E, A = _tex(e), _tex(a)
    prior_text = ", ".join(f"$P({_tex(g)}) = {f(p)}$" for g, p in zip(groups, P, strict=True))
    rate_text = ", ".join(rf"$P({E} \mid {_tex(g)}) = {f(r)}$" for g, r in zip(groups, R, strict=True))
    n = len(P)
    plain_sum = sum(R, Fraction(0))
    parts = (
        _probability(joint, f"P({a} and {e})", [
            (R[k], f"That is P({e} | {a}) alone; the chain rule multiplies it by P({a}) = {f(P[k])}."),
            (P[k] * pe, f"P({a})·P({e}) assumes {a} and {e} are independent; "
                        f"the chain rule P({a}, {e}) = P({e} | {a})·P({a}) always holds."),
            (P[k], f"That is the prior P({a}) alone; the joint also needs P({e} | {a}) = {f(R[k])}: "
                   f"multiply the two."),
        ]),
        _probability(pe, f"P({e})", [
            (plain_sum / n, "You averaged the conditional probabilities equally; "
                            "weight each P(" + e + " | group) by the group's probability."),
            (plain_sum, "Each P(" + e + " | group) must be multiplied by P(group) before adding."),
            (joint, f"That is only the {a} term; add the terms of every group."),
        ]),
        _probability(post, f"P({a} | {e})", [
            (R[k], f"That is P({e} | {a}), the conditional the other way round (the inverted conditional); "
                   f"P({a} | {e}) = P({a}, {e}) / P({e})."),
            (joint, f"That is the joint P({a}, {e}); divide it by P({e}) = {f(pe)}."),
            (P[k], f"That is the prior P({a}); conditioning on {e} changes it."),
            (joint / plain_sum, f"P({e}) is the weighted sum Σ P({e} | group)·P(group), "
                                "not the plain sum of the conditionals."),
            (1 - post, f"That is P(not {a} | {e}), the chance that the case is in one of the other groups."),
            (R[k] / plain_sum, f"You left out the priors: weight each P({e} | group) by P(group) "
                               "before comparing them."),
        ]),
    )
    answer = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    post_text = canonical_answer(parts[2])
    prompt = (
        f"{setting}: {prior_text} (each one belongs to exactly one of these groups).\n"
        f"Let “{e}” be the event that {e_text}: {rate_text}.\n"
        rf"Give, separated by ';': $P({A} \text{{ and }} {E})$; $P({E})$; $P({A} \mid {E})$." "\n"
        f"{precision_sentence(answer)} Decimals, exact fractions and percentages are all accepted."
    )
    terms = " + ".join(rf"{f(r)} \cdot {f(p)}" for r, p in zip(R, P, strict=True))
    joint_terms = " + ".join(f(j) for j in joints)
    rel = "=" if Fraction(post_text) == post else r"\approx"
    group = r"\text{group}"
    total = rf"P({E}) = \sum_{{{group}}} P({E} \mid {group}) \cdot P({group})"
    conditional = rf"P({A} \mid {E}) = \frac{{P({A}, {E})}}{{P({E})}}"
    steps = [
        Step(
            rf"Chain rule: $P({A}, {E}) = P({E} \mid {A}) \cdot P({A}) = {f(R[k])} \cdot {f(P[k])} = {f(joint)}$",
            "Joint probability",
        ),
        Step(
            f"The groups {', '.join(groups)} partition all cases, so by the law of total probability\n"
            f"${total}$\n"
            f"$= {terms} = {joint_terms} = {f(pe)}$",
            "Law of total probability",
        ),
        Step(
            rf"${conditional} = \frac{{{f(joint)}}}{{{f(pe)}}} {rel} {post_text}$",
            "Conditional probability",
        ),
        Step(
            f"Knowing that {e_text} moves $P({A})$ from {f(P[k])} to {post_text}: "
            + ("it makes {a} more likely." if post > P[k] else
               "it makes {a} less likely." if post < P[k] else "it changes nothing.").format(a=a),
            "Read the result",
        ),
    ]
    return Variant(
        prompt=prompt,
        answer=answer,
        steps=steps,
        hints=[
            rf"$P({A}, {E}) = P({E} \mid {A}) \cdot P({A})$; ${total}$ over all groups; "
            f"then ${conditional}$.",
        ],
        figure=Figure("probability_tree", {
            "groups": list(groups), "priors": [float(p) for p in P],
            "conditionals": [float(r) for r in R], "event": e,
        }),
    )


TEMPLATES = [
    Template(
        id="probability.total_probability",
        title="Chain rule, total probability and conditional probability",
        topic="probability",
        draw=draw,
        build=build,
        difficulty=2,
        # 000 §D.4's own numbers: P(word) = 0.8·0.3 + 0.1·0.7 = 0.24 + 0.07 = 0.31
        seed_params={"story": "spam", "priors": (0.3, 0.7), "rates": (0.8, 0.1), "target": 0},
        source="000 §C.23–24 (numbers of §D.4)",
    )
]
