"""The probability, optimization and graph families on the precision contract (issue 8): the
classic mistakes of each topic by name, on the seed instances and on chosen variants. The
bank-wide rules are in test_precision_contract.py.
"""

from __future__ import annotations

from fractions import Fraction

from tutor.bank import load_bank
from tutor.core.formatting import at_place

BANK = load_bank()


def coarser(value: Fraction, place: int) -> str:
    """``value`` rounded one place coarser than asked, written so trailing zeros of a whole
    number cannot be read as placeholders (in scientific notation then)."""
    text = at_place(value, place + 1)
    if "." not in text and text.rstrip("0") != text:
        text = at_place(value, place + 1, scientific=True)
    return text


# -- the classic mistakes of each topic, by name (issue 8: "Diagnoses that are missing today") ----


def diagnosis(verdict) -> str:
    return " ".join([verdict.diagnosis or "", verdict.message]
                    + [(v.diagnosis or "") + v.message for v in verdict.parts])


def seed(tid):
    return BANK[tid].seed_instance()


def test_base_rate_neglect_is_named():
    p = seed("probability.base_rate")
    for typed in ("0.99", "99%", "0.9900"):
        verdict = p.check(typed)
        assert not verdict.correct and not verdict.close and "base-rate neglect" in diagnosis(verdict)
    assert p.check("0.5").correct and p.check("50%").correct and p.check("1/2").correct
    assert p.check("0.50").correct  # exactly the value
    p = BANK["probability.base_rate"].instance(story="defect", prevalence=0.005, sensitivity=0.9,
                                                false_positive=0.05)
    assert "an “alarm” result" in "\n".join(s.text for s in p.steps)
    assert "a “alarm”" not in "\n".join(s.text for s in p.steps)


def test_bayes_inverted_conditional_and_percentages():
    p = seed("bayes.two_hypotheses")
    assert p.answer == "0.7742"
    assert "Give your answer to 4 significant figures." in p.prompt
    verdict = p.check("0.8")
    assert not verdict.correct and not verdict.close and "other way round" in diagnosis(verdict)
    assert p.check("77.42%").correct and p.check("24/31").correct  # percentages, as in base_rate
    assert p.check("0.774").close
    assert "base-rate neglect" in diagnosis(p.check("0.8889"))  # 0.8 / (0.8 + 0.1): the prior left out


def test_total_probability_inverted_conditional_is_not_rounding():
    p = BANK["probability.total_probability"].instance(
        story="sources", priors=(0.5, 0.25, 0.25), rates=(0.4, 0.2, 0.01), target=1)
    assert p.answer == "0.05000; 0.2525; 0.1980"
    verdict = p.check("0.05; 0.2525; 0.2")  # P(wrong | books) for P(books | wrong)
    assert not verdict.correct and not verdict.parts[2].close
    assert "other way round" in diagnosis(verdict) and "rounding" not in diagnosis(verdict)
    assert p.check("0.05; 0.2525; 0.198").parts[2].close


def test_gaussian_density_without_the_square_root():
    p = seed("probability.gaussian")
    verdict = p.check("0.09653; 0.68")  # e^(−1/2) / (2π): the √ forgotten
    assert not verdict.correct and "square root" in diagnosis(verdict)
    assert "normalising factor" in diagnosis(p.check("0.6065; 0.68"))
    assert "±2σ" in diagnosis(p.check("0.2420; 0.95"))


def test_independence_precision_per_part():
    p = seed("probability.independence")
    assert "Give P(spam) and P(word) to 2 decimal places, and P(spam)·P(word) to 4 decimal places." in p.prompt
    assert p.check("0.3; 0.31; 0.093; dependent").correct  # exact values are right
    assert p.check("0.30; 0.31; 0.09; dependent").parts[2].close
    assert "P(spam | word)" in diagnosis(p.check("0.30; 0.31; 0.7742; dependent"))


def test_standard_error_counts_are_exact():
    p = seed("probability.standard_error")
    assert p.prompt.endswith("Give the standard error to 4 significant figures, "
                             "and the number of examples needed as a whole number.")
    verdict = p.check("0.2; 401")
    assert not verdict.correct and "off by one" in verdict.parts[1].message
    assert p.check("0.2; 4.00e2").correct and p.check("1/5; 400").correct
    assert "more examples" in diagnosis(p.check("0.2; 300"))


def test_zscore_sample_sd_in_z():
    p = seed("probability.zscore")
    assert "sample standard deviation" in diagnosis(p.check("5; 2; 1.871"))
    assert "mean absolute deviation" in diagnosis(p.check("5; 1.5; 2"))


def test_expectation_variance_sign_slip():
    p = seed("probability.expectation_variance")
    assert "never negative" in diagnosis(p.check("2.1; -2.29; 1.513"))


def test_warmup_cosine_dropped_alpha_min_and_notation():
    p = BANK["optim.warmup_cosine"].instance(peak="0.0003", min_lr="0.00003", total=10000, warmup=1500,
                                             t_warm=750, t_decay=3625)
    right = p.answer.split("; ")
    assert p.check(f"{right[0]}; {right[1]}").correct
    dropped = 0.5 * 0.00027 * (1 + 0.7071067811865476)  # ½(α_max − α_min)(1 + cos πp), no + α_min
    verdict = p.check(f"{right[0]}; {dropped:.4g}")
    assert not verdict.correct and "dropped α_min" in diagnosis(verdict)
    seed_problem = seed("optim.warmup_cosine")
    for typed in ("1.5e-4; 2.561e-4", "0.00015; 0.0002561", "1.5×10^-4; 2.561×10^-4"):
        assert seed_problem.check(typed).correct, typed
    assert seed_problem.check("1.5e-4; 2.6e-4").parts[1].close


def test_attention_cost_n_times_d_multiply_adds():
    p = seed("graphs.attention_cost")
    verdict = p.check("1048576; 65536; 16; 4")  # n·d for n²·d
    assert not verdict.correct and "n·d is the size of Q" in diagnosis(verdict)
    assert "off by one" in p.check("1048575; 67108864; 16; 4").parts[0].message
    assert "FLOPs" in diagnosis(p.check("1048576; 134217728; 16; 4"))
    assert p.check("1048576; 67108864; 16; 4").correct  # 16 is exactly the memory


def test_grad_accumulation_counts_are_whole_numbers():
    p = seed("optim.grad_accumulation")
    assert p.prompt.endswith("Give each as a whole number.")
    assert "off by one" in p.check("65; 100; 400").parts[0].message
    assert "That is the micro-batch" in diagnosis(p.check("16; 100; 400"))
    p = BANK["optim.grad_accumulation"].instance(story="images", micro=8, accum=4, gpus=2, dataset=6400)
    assert "accumulated micro-batches" in diagnosis(p.check("16; 100; 400"))


def test_topological_order_depth_first_is_named():
    p = BANK["graphs.topological_order"].generate(3)
    dfs = [m for m in p.spec.mistakes if "depth-first" in m.explanation]
    for m in dfs:
        assert "depth-first" in diagnosis(p.check(m.answer))
