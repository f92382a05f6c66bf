"""Information theory on the precision contract (issue 8): the classic mistakes of each topic
by name, and how the answers are written. The bank-wide rules are in test_precision_contract.py.
"""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from tutor.bank import load_bank
from tutor.core.answers import AnswerSpec, canonical_answer
from tutor.core.answers.precision import INTEGER, precision_of

BANK = load_bank()
FAMILIES = sorted(t for t in BANK if t.startswith("info."))


def test_the_ten_families_are_here():
    assert len(FAMILIES) == 10


def _parts(problem) -> tuple[AnswerSpec, ...]:
    return problem.spec.parts or (problem.spec,)


def test_worked_steps_end_on_the_canonical_answer():
    # the last number the steps compute is the canonical answer, at exactly its precision
    for tid in FAMILIES:
        for seed in range(0, 60, 3):
            p = BANK[tid].generate(seed)
            text = "\n".join(s.text for s in p.steps).replace("−", "-")
            for part in _parts(p):
                if precision_of(part).unit == INTEGER:
                    continue
                shown = canonical_answer(part)
                exact = re.sub(r"\.?0+$", "", shown) if "." in shown else shown
                assert shown in text or f"= {exact}" in text, (tid, seed, shown, text)


# -- the classic mistakes of each topic, by name (new ones marked in the report) ---------------

SEED_CASES = [
    # (family, params or None for the seed instance, typed answer, part, fragment of the diagnosis)
    ("info.self_information", None, "4.788; 6.908", 0, "converted the wrong way"),
    ("info.self_information", None, "6.908; 14.38", 1, "converted the wrong way"),
    ("info.self_information", None, "0.001443; 6.908", 0, "NOT happening"),
    ("info.entropy", None, "1.204; 0.6931", 0, "equally likely"),
    ("info.entropy", None, "0.1800; 0.6931", 0, "Gini"),
    ("info.entropy", None, "0.3251; 0.3251", 1, "uniform"),
    ("info.softmax", None, "[0.2, 0.6, 0.2]", None, "without the exponential"),
    ("info.softmax", None, "[-2.240, -0.2395, -2.240]", None, "log-probabilities"),
    ("info.softmax", None, "[0.4683, 0.06338, 0.4683]", None, "−zᵢ"),
    ("info.temperature", None, "0.5964; 2.718", 1, "before normalizing"),
    ("info.cross_entropy", None, "0.3065", None, "prediction q"),
    ("info.cross_entropy", None, "0.1277", None, "number of classes"),
    ("info.cross_entropy", None, "0.9163", None, "NOT"),
    ("info.classifier_forward", None, "[1, 3, 1]; [0.2, 0.6, 0.2]; 0.2395", 1, "without the exponential"),
    ("info.classifier_forward", None, "[1, 3, 1]; [-2.240, -0.2395, -2.240]; 0.2395", 1, "log-probabilities"),
    ("info.classifier_forward", None, "[1, 3, 1]; [0.1065, 0.7870, 0.1065]; 3.240", 2, "ln Σⱼ e^zⱼ alone"),
    ("info.classifier_forward", None, "[1, 3, 1]; [0.1065, 0.7870, 0.1065]; -3", 2, "normalizer"),
    ("info.kl_divergence", None, "0.6109; 0.08718", 0, "entropy H(p)"),
    ("info.kl_divergence", None, "0.03574; 0.08718", 0, "log₁₀"),
    ("info.kl_divergence", None, "0.08228; 0.1744", 1, "without weighting"),
    ("info.perplexity", None, "6.796", None, "multiplied e by the loss"),
    ("info.perplexity", None, "12.07", None, "raised the loss"),
    ("info.perplexity", {"mode": "probs", "probs": (0.1, 0.25, 0.3)}, "5.778", None, "arithmetic mean of the 1/pᵢ"),
    ("info.mle", None, "5.714; 4", 0, "N − 1"),
    ("info.mle", {"case": "bernoulli", "n": 20, "k": 4, "story": 0}, "0.2; 0.1785", 1, "y = 0 term"),
    ("info.mle", {"case": "bernoulli", "n": 20, "k": 4, "story": 0}, "0.2; 1.833", 1, "without weights"),
    ("info.map_l2", {"case": "lambda", "sigma2": 2, "tau2": 5}, "0.8", None, "The 2s cancel"),
    ("info.map_l2", {"case": "ridge", "sigma2": 1, "tau2": 2, "xs": (3, 1, -1), "ys": (8, 7, 3)},
     "9.333; 2.435", 0, "divided Σxy by Σx"),
    ("info.map_l2", {"case": "ridge", "sigma2": 1, "tau2": 2, "xs": (3, 1, -1), "ys": (8, 7, 3)},
     "2.545; 1.697", 1, "1 + λ"),
    ("info.map_l2", {"case": "ridge", "sigma2": 1, "tau2": 2, "xs": (3, 1, -1), "ys": (8, 7, 3)},
     "2.545; 2.045", 1, "subtract λ"),
]


@pytest.mark.parametrize("case", SEED_CASES, ids=[f"{c[0]}|{c[2]}" for c in SEED_CASES])
def test_classic_mistakes_are_diagnosed_by_name(case):
    tid, params, typed, part, fragment = case
    p = BANK[tid].seed_instance() if params is None else BANK[tid].instance(**params)
    verdict = p.check(typed)
    v = verdict if part is None else verdict.parts[part]
    assert not v.correct and not v.close, (typed, v)
    assert fragment in (v.diagnosis or ""), (typed, p.answer, v)


def test_z_over_sum_z_is_diagnosed_with_negative_logits_too():
    # the review found z/Σz rejected with only "That is not correct" when a logit is ≤ 0
    p = BANK["info.softmax"].instance(logits=(-0.5, -2, -2), story=2)
    z = (-0.5, -2, -2)
    typed = "[" + ", ".join(str(Fraction(v) / Fraction(sum(z))) for v in z) + "]"
    assert "without the exponential" in (p.check(typed).diagnosis or "")


def test_a_vector_of_probabilities_has_one_precision():
    # "a vector whose entries mix 6 and 4 significant figures" (info.softmax)
    for seed in range(40):
        p = BANK["info.softmax"].generate(seed)
        for entry in p.answer.strip("[]").split(", "):
            digits = entry.replace("-", "").replace(".", "").lstrip("0")
            assert len(digits) == 4, (seed, p.answer)


def test_exact_exponentials_are_not_approximate():
    # "= 0 ≈ 0": e^0 is exactly 1, and a whole perplexity (2^3) is exactly 8
    for seed in range(30):
        for tid in ("info.softmax", "info.temperature", "info.classifier_forward"):
            text = "\n".join(s.text for s in BANK[tid].generate(seed).steps)
            assert "e^0 ≈" not in text and r"e^{0} \approx" not in text, (tid, seed)
    p = BANK["info.perplexity"].instance(mode="bits", loss=3)
    assert p.answer == "8.000" and "2^{3} = 8" in "\n".join(s.text for s in p.steps)
    assert p.check("8").correct and p.check("2^3").correct
