"""The content bank: each family reproduces its seed example and holds up over many seeds."""

import pytest

from tutor.bank import load_bank
from tutor.content_tools import check_template
from tutor.core.authoring import obviously_wrong
from tutor.core.problems import unfilled_placeholders

BANK = load_bank()
FAMILIES = sorted(BANK)
STEP_ONE_FAMILIES = {
    "cosine.two_vectors",
    "shapes.mlp_two_layer",
    "bayes.two_hypotheses",
    "gradient.mse_linear",
}


def test_step_one_families_are_in_the_bank():
    assert set(BANK) >= STEP_ONE_FAMILIES


@pytest.mark.parametrize("tid", FAMILIES)
def test_family_is_complete(tid):
    t = BANK[tid]
    assert t.title and t.topic and 1 <= t.difficulty <= 3
    assert all(p in BANK for p in t.prerequisites)
    p = t.generate(seed=1)
    assert p.prompt and p.answer and p.steps and p.hints
    assert not unfilled_placeholders(p)


def test_cosine_seed_instance():
    p = BANK["cosine.two_vectors"].seed_instance()
    assert p.answer == "0.9600"  # 4 significant figures, trailing zeros kept
    assert p.check("0.96").correct and p.check("24/25").correct  # exact forms are right
    assert "16.26°" in p.steps[-1].text
    wrong = p.check("24")
    assert not wrong.correct and "dot product" in (wrong.diagnosis or "")


def test_mlp_seed_instance():
    p = BANK["shapes.mlp_two_layer"].seed_instance()
    assert p.answer == "(8, 16); (4, 16); (4, 3); (16, 3); 195"
    assert p.check("8x16; 4x16; 4x3; 16x3; 195").correct
    swapped = p.check("(16, 8); (4, 16); (4, 3); (16, 3); 195")
    assert not swapped.correct
    assert not swapped.parts[0].correct and all(v.correct for v in swapped.parts[1:])
    assert "swap" in ((swapped.parts[0].diagnosis or "") + swapped.parts[0].message).lower()
    no_bias = p.check("(8, 16); (4, 16); (4, 3); (16, 3); 176")
    assert "biases" in (no_bias.parts[4].diagnosis or "")


def test_bayes_seed_instance():
    p = BANK["bayes.two_hypotheses"].seed_instance()
    assert p.answer == "0.7742"
    assert p.check("0.7742").correct and p.check("24/31").correct
    assert any("0.31" in s.text for s in p.steps)
    assert "P(word)" in (p.check("0.24").diagnosis or "")


def test_gradient_seed_instance():
    p = BANK["gradient.mse_linear"].seed_instance()
    assert p.answer == "-24.00; -8.000; 1.240"
    assert p.check("-24; -8; 1.24").correct and p.check("-24.00; -8.000; 1.240").correct
    sign = p.check("24; -8; 1.24")
    assert not sign.correct and not sign.parts[0].correct
    assert "sign" in ((sign.parts[0].diagnosis or "") + sign.parts[0].message).lower()


@pytest.mark.parametrize("tid", FAMILIES)
def test_canonical_answer_accepted_and_wrong_rejected_over_200_seeds(tid):
    template = BANK[tid]
    for seed in range(200):
        p = template.generate(seed)
        assert p == template.generate(seed), "same seed, same variant"
        verdict = p.check(p.answer)
        assert verdict.correct, f"seed {seed}: {p.answer!r} rejected: {verdict.message}"
        wrong = p.check(obviously_wrong(p.spec))
        assert not wrong.correct and not wrong.invalid, f"seed {seed}: {wrong.message}"


@pytest.mark.parametrize("tid", FAMILIES)
def test_declared_mistakes_are_rejected_and_diagnosed(tid):
    report = check_template(BANK[tid], BANK, seeds=10)  # `tutor content check` (tests/test_cli.py) runs 300
    assert report.ok, report.problems[:5]


def test_different_seeds_give_different_numbers():
    t = BANK["cosine.two_vectors"]
    prompts = {t.generate(seed).prompt for seed in range(30)}
    assert len(prompts) > 20
