"""The base-rate fallacy: a rare condition and an accurate test (002 §2.3)."""

import random
from fractions import Fraction

from tutor.core.answers import AnswerSpec, canonical_answer, precision_sentence
from tutor.core.authoring import exact, with_mistakes
from tutor.core.formatting import exact_text, num, sig
from tutor.core.problems import Figure, Step, Template, Variant

# story: (population with {p}, condition, the test, its positive result, things,
#         "have the condition", "test positive", "test positive too")
STORIES = {
    "disease": ("Among the people screened, {p} have the disease.", "disease", "A medical test",
                "positive", "people", "have the disease", "test positive", "also test positive"),
    "fraud": ("Among card transactions, {p} are fraudulent.", "fraud", "A fraud detector",
              "flagged", "transactions", "are fraudulent", "are flagged", "are flagged too"),
    "defect": ("Among the chips from a fab, {p} are defective.", "defect", "An optical inspection",
               "alarm", "chips", "are defective", "raise an alarm", "raise an alarm too"),
    "bot": ("Among the accounts on a platform, {p} are bots.", "bot", "A bot classifier",
            "flagged", "accounts", "are bots", "are flagged", "are flagged too"),
}

PREVALENCE = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1)
SENSITIVITY = (0.9, 0.95, 0.98, 0.99)
FALSE_POSITIVE = (0.01, 0.02, 0.05, 0.1)


def pct(x) -> str:
    return num(100 * x, 4) + "%"


def a_an(word: str) -> str:
    """The article for a quoted word: a “positive” result, an “alarm” result."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def count(x) -> str:
    return f"{int(x):,}" if x == int(x) else num(x, 1)


def draw(rng: random.Random) -> dict:
    return {
        "story": rng.choice(sorted(STORIES)),
        "prevalence": rng.choice(PREVALENCE),
        "sensitivity": rng.choice(SENSITIVITY),
        "false_positive": rng.choice(FALSE_POSITIVE),
    }


def build(story, prevalence, sensitivity, false_positive) -> Variant:
    population, d, test, pos, things, have_d, test_pos, test_pos_too = STORIES[story]
    prior, sens, fpr = exact(prevalence), exact(sensitivity), exact(false_positive)
    true_pos, false_pos = sens * prior, fpr * (1 - prior)
    evidence = true_pos + false_pos
    post = true_pos / evidence
    f = sig
    spec = AnswerSpec(kind="number", expected=exact_text(post), sig_figs=4, allow_percent=True,
                      label=f"P({d} | {pos})")
    spec = with_mistakes(spec, [
        (sens, f"That is P({pos} | {d}), the test's accuracy on the condition — base-rate neglect: "
               f"it ignores how rare {d} is (P({d}) = {f(prior)}). The question turns it around: "
               f"among the {pos} cases, how many have {d}?"),
        (1 - fpr, f"That is P(not {pos} | ¬{d}), the test's specificity; it ignores how rare {d} is."),
        (true_pos, f"That is P({d} and {pos}) = {f(sens)} × {f(prior)}; divide it by P({pos}) = {f(evidence)}."),
        (evidence, f"That is P({pos}), the evidence; the posterior is P({d} and {pos}) / P({pos})."),
        (1 - post, f"That is P(¬{d} | {pos}), the chance that the alarm is false."),
        (sens / (sens + fpr), f"You left out the prior P({d}) = {f(prior)} (base-rate neglect): "
                              "weight each likelihood by its prior."),
        (prior, f"That is the prior P({d}) alone; the {pos} result is evidence that raises it."),
        (sens * prior / (sens * prior + fpr), f"The false alarms come from the {things} without {d}: "
                                              f"weight P({pos} | ¬{d}) by P(¬{d}) = {f(1 - prior)}."),
    ])
    answer = canonical_answer(spec)
    D, POS = rf"\text{{{d}}}", rf"\text{{{pos}}}"
    nD = rf"\neg {D}"
    pc = lambda x: pct(x).replace("%", r"\%")  # noqa: E731  (a percentage inside a formula)
    prompt = (
        f"{population.format(p=pct(prior))}\n"
        rf"{test} catches {pct(sens)} of them: $P({POS} \mid {D}) = {f(sens)}$, "
        rf"and raises a false alarm on {pct(fpr)} of the others: $P({POS} \mid {nD}) = {f(fpr)}$." "\n"
        rf"The result is “{pos}”. What is $P({D} \mid {POS})$?" "\n"
        f"{precision_sentence(spec)} An exact fraction or a percentage is fine too."
    )
    rel = "=" if Fraction(answer) == post else r"\approx"
    crowd = 100_000
    n_d = prior * crowd
    tp_n, fp_n = sens * n_d, fpr * (crowd - n_d)
    steps = [
        Step(f"Prior: $P({D}) = {pc(prior)} = {f(prior)}$", "Prevalence"),
        Step(rf"$P({POS} \mid {D}) = {pc(sens)} = {f(sens)}$", "Test accuracy"),
        Step(rf"False-positive rate: $P({POS} \mid {nD}) = {pc(fpr)} = {f(fpr)}$, and $P({nD}) = {f(1 - prior)}$",
             "False positives"),
        Step(
            rf"Total: $P({POS}) = {f(sens)} \cdot {f(prior)} + {f(fpr)} \cdot {f(1 - prior)} = {f(true_pos)} + {f(false_pos)}"
            rf" = {f(evidence)}$",
            "Law of total probability",
        ),
        Step(rf"$P({D} \mid {POS}) = \frac{{{f(sens)} \cdot {f(prior)}}}{{{f(evidence)}}} = \frac{{{f(true_pos)}}}{{{f(evidence)}}}"
             rf" {rel} {answer}$, about {num(100 * post, 1)}%", "Bayes' rule"),
        Step(
            f"Out of {crowd:,} {things}, {count(n_d)} {have_d} and {count(tp_n)} of them {test_pos}; "
            f"{count(fp_n)} of the other {count(crowd - n_d)} {test_pos_too} (false alarms). "
            f"Only {count(tp_n)} of the {count(tp_n + fp_n)} “{pos}” results are real. "
            + (f"The low prior overwhelms the evidence: {a_an(pos)} “{pos}” result is more often a false alarm."
               if post < Fraction(1, 2) else
               f"A test that is {pct(sens)} accurate gives only 50% certainty: "
               "the low prior overwhelms the evidence." if post == Fraction(1, 2) else
               rf"Even so, the prior pulls $P({D} \mid {POS})$ below the test's {pct(sens)} hit rate."
               if post < sens else "Here the prior is high enough for the test to be convincing."),
            "Count it out",
        ),
    ]
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[
            rf"Bayes: $P({D} \mid {POS}) = \frac{{P({POS} \mid {D}) \cdot P({D})}}{{P({POS})}}$, with "
            rf"$P({POS}) = P({POS} \mid {D}) \cdot P({D}) + P({POS} \mid {nD}) \cdot P({nD})$.",
            f"Imagine {crowd:,} {things} and count true alarms and false alarms.",
        ],
        figure=Figure("bayes_area", {
            "prior": float(prior), "sensitivity": float(sens), "false_positive": float(fpr),
            "posterior": float(post), "hypothesis": d, "evidence": pos,
        }, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="probability.base_rate",
        title="The base-rate fallacy",
        topic="probability",
        draw=draw,
        build=build,
        prerequisites=("bayes.two_hypotheses",),
        difficulty=2,
        seed_params={"story": "disease", "prevalence": 0.01, "sensitivity": 0.99, "false_positive": 0.01},
        source="002 §2.3 (worked example: medical test)",
    )
]
