"""Bayes' rule with two hypotheses, with the odds form as a check (000 §D.4)."""

import random

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num
from tutor.core.problems import Figure, Step, Template, Variant

STORIES = {
    "spam": ("spam", "an email is spam", "word", "it contains the word “free”"),
    "disease": ("ill", "a patient has the condition", "positive", "the test is positive"),
    "fraud": ("fraud", "a transaction is fraudulent", "flagged", "the model flags it"),
    "defect": ("defective", "a part is defective", "alarm", "the sensor raises an alarm"),
}


def draw(rng: random.Random) -> dict:
    return {
        "story": rng.choice(sorted(STORIES)),
        "prior": rng.choice([0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6]),
        "p_e_h": rng.choice([0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]),
        "p_e_not_h": rng.choice([0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]),
    }


def build(story, prior, p_e_h, p_e_not_h) -> Variant:
    h, h_text, e, e_text = STORIES[story]
    ph, peh, pen = exact(prior), exact(p_e_h), exact(p_e_not_h)
    pnh = 1 - ph
    joint_h, joint_nh = peh * ph, pen * pnh
    pe = joint_h + joint_nh
    post = joint_h / pe
    f = lambda x: num(x, 6)  # noqa: E731  (the inputs and their products are exact at 6 decimals)
    spec = AnswerSpec(kind="number", expected=exact_text(post), sig_figs=4, allow_percent=True,
                      label=f"P({h} | {e})")
    spec = with_mistakes(spec, [
        (peh, f"That is P({e} | {h}), the conditional the other way round; Bayes' rule turns it "
              f"around into P({h} | {e}) = P({e} | {h})·P({h}) / P({e})."),
        (joint_h, f"That is P({e}|{h})·P({h}) = P({h} and {e}); divide by P({e}) = {f(pe)}."),
        (peh / (peh + pen), f"You left out the prior P({h}) = {f(ph)} (base-rate neglect): "
                            "weight each likelihood by its prior."),
        (1 - post, f"That is P(¬{h}|{e}), the other hypothesis."),
        (joint_h / (peh + pen), f"P({e}) is a weighted sum: P({e}|{h})·P({h}) + P({e}|¬{h})·P(¬{h})."),
        (ph, f"That is the prior P({h}); observing that {e_text} changes it."),
        (pe, f"That is P({e}), the evidence; the posterior divides P({h} and {e}) by it."),
        (1 - pen, f"That is P(¬{e} | ¬{h}), how often the evidence is absent without {h}; "
                  f"it says nothing about how common {h} is."),
    ])
    answer = canonical_answer(spec)
    H, E = rf"\text{{{h}}}", rf"\text{{{e}}}"
    nH = rf"\neg {H}"
    prompt = (
        f"Suppose {h_text} with prior probability $P({H}) = {f(ph)}$.\n"
        rf"$P({E} \mid {H}) = {f(peh)}$ and $P({E} \mid {nH}) = {f(pen)}$." "\n"
        rf"We observe that {e_text}. What is $P({H} \mid {E})$?" "\n"
        f"{precision_sentence(spec)} An exact fraction or a percentage is fine too."
    )
    odds_prior, lr = ph / pnh, peh / pen
    g = lambda x: f(x) if (x * 10**6).denominator == 1 else num(x, 6)  # noqa: E731
    approx = lambda x: "=" if (x * 10**6).denominator == 1 else r"\approx"  # noqa: E731
    bayes = rf"P({H} \mid {E}) = \frac{{P({E} \mid {H}) \cdot P({H})}}{{P({E})}}"
    steps = [
        Step(f"$P({nH}) = 1 - {f(ph)} = {f(pnh)}$", "Complement"),
        Step(
            rf"$P({E}) = P({E} \mid {H}) \cdot P({H}) + P({E} \mid {nH}) \cdot P({nH})$" "\n"
            rf"$= {f(peh)} \cdot {f(ph)} + {f(pen)} \cdot {f(pnh)} = {f(joint_h)} + {f(joint_nh)} = {f(pe)}$",
            "Total probability",
        ),
        Step(
            rf"${bayes} = \frac{{{f(joint_h)}}}{{{f(pe)}}} {approx(post)} {answer}$",
            "Bayes' rule",
        ),
        Step(
            rf"Odds form: prior odds $\frac{{{f(ph)}}}{{{f(pnh)}}} {approx(odds_prior)} {g(odds_prior)}$ "
            rf"times likelihood ratio $\frac{{{f(peh)}}}{{{f(pen)}}} {approx(lr)} {g(lr)}$ gives posterior odds "
            rf"${approx(odds_prior * lr)} {g(odds_prior * lr)}$, and "
            rf"$\frac{{\text{{odds}}}}{{1 + \text{{odds}}}} {approx(post)} {answer}$. ✓",
            "Check with odds",
        ),
    ]
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[f"${bayes}$, and $P({E})$ comes from the law of total probability."],
        figure=Figure("probability_tree", {"groups": [h, f"¬{h}"], "priors": [float(ph), float(pnh)],
                                           "conditionals": [float(peh), float(pen)], "event": e}),
    )


TEMPLATES = [
    Template(
        id="bayes.two_hypotheses",
        title="Bayes' rule with two hypotheses",
        topic="probability",
        draw=draw,
        build=build,
        prerequisites=("probability.total_probability",),
        difficulty=2,
        seed_params={"story": "spam", "prior": 0.3, "p_e_h": 0.8, "p_e_not_h": 0.1},
        source="000 §D.4",
    )
]
