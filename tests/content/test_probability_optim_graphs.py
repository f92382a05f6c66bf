"""Seed instances of the probability, optimization and graph families."""

import re

from tutor.bank import load_bank
from tutor.core.mathtext import formulas, segments

BANK = load_bank()


def seed(tid):
    return BANK[tid].seed_instance()


def steps_text(p) -> str:
    return "\n".join(s.text for s in p.steps)


def diagnosis(verdict) -> str:
    texts = [verdict.diagnosis or "", verdict.message]
    texts += [(v.diagnosis or "") + v.message for v in verdict.parts]
    return " ".join(texts)


def test_total_probability_seed():
    p = seed("probability.total_probability")
    assert p.answer == "0.2400; 0.3100; 0.7742"
    assert p.check(p.answer).correct
    assert p.check("6/25; 31/100; 24/31").correct
    wrong = p.check("0.24; 0.31; 0.8")
    assert not wrong.correct and "other way round" in diagnosis(wrong)
    assert "0.24 + 0.07 = 0.31" in steps_text(p)


def test_independence_seed():
    p = seed("probability.independence")
    assert p.answer == "0.30; 0.31; 0.0930; dependent"
    assert p.check(p.answer).correct
    assert p.check("3/10; 0.31; 0.3*0.31; Dependent").correct
    wrong = p.check("0.3; 0.31; 0.093; independent")
    assert not wrong.correct and "0.24 ≠ 0.093" in diagnosis(wrong)
    assert r"0.3 \cdot 0.31 = 0.093" in steps_text(p)


def test_base_rate_seed():
    p = seed("probability.base_rate")
    assert p.answer == "0.5000"
    assert p.check("0.5").correct and p.check("50%").correct and p.check("1/2").correct
    wrong = p.check("0.99")
    assert not wrong.correct and "accuracy" in diagnosis(wrong)
    assert "0.0099 + 0.0099 = 0.0198" in steps_text(p)


def test_expectation_variance_seed():
    p = seed("probability.expectation_variance")
    assert p.answer == "2.100; 2.290; 1.513"
    assert p.check(p.answer).correct
    assert p.check("21/10; 229/100; sqrt(2.29)").correct
    wrong = p.check("2.1; 6.7; 1.513")
    assert not wrong.correct and "subtract (E[X])²" in diagnosis(wrong)
    assert "6.7 - 4.41 = 2.29" in steps_text(p)


def test_expectation_variance_test_scores_are_never_negative():
    t = BANK["probability.expectation_variance"]
    scores = [t.generate(s).params for s in range(300)]
    scores = [p for p in scores if p["story"] == "score"]
    assert scores and all(min(p["values"]) >= 0 for p in scores)


def test_expectation_variance_negative_values_read_well():
    p = BANK["probability.expectation_variance"].instance(
        story="reward", values=(-1, 0, 4), probs=("0.4", "0.2", "0.4"))
    assert "$P(X = {-1}) = 0.4$" in p.prompt  # a unary minus, braced so that it is set as one
    assert r"({-1} - 1.2)^2 \cdot 0.4" in steps_text(p)


def test_bernoulli_seed():
    p = seed("probability.bernoulli")
    assert p.answer == "0.3000; 0.2100; 30.00"
    assert p.check(p.answer).correct
    assert p.check("3/10; 0.3*0.7; 30").correct
    wrong = p.check("0.3; 0.3; 30")
    assert not wrong.correct and "p(1 − p)" in diagnosis(wrong)
    assert r"0.3 \cdot 0.7 = 0.21" in steps_text(p)


def test_gaussian_seed():
    p = seed("probability.gaussian")
    assert p.answer == "0.2420; 0.68"
    assert p.check(p.answer).correct
    assert p.check("0.24197; 68%").correct and p.check("0.2420; 0.680").correct
    assert p.check("0.242; 0.68").parts[0].close  # 3 significant figures for 4
    assert not p.check("0.2420; 0.6827").correct  # the CDF's value, not the rule's 0.68
    tail = BANK["probability.gaussian"].instance(story="plain", mu=0, sigma=1, x="1", question="above", k=2)
    assert tail.answer == "0.2420; 0.025"
    exact = tail.check("0.2420; 0.0228")  # the CDF's tail, told apart from the rule's at 3 places
    assert not exact.correct and "exact normal probability" in diagnosis(exact)
    wrong = p.check("0.6065; 0.68")
    assert not wrong.correct and "normalising factor" in diagnosis(wrong)
    wrong = p.check("0.2420; 0.95")
    assert not wrong.correct and "±2σ" in diagnosis(wrong)
    assert "0.3989" in steps_text(p)


def test_covariance_correlation_seed():
    p = seed("probability.covariance_correlation")
    assert p.answer == "1.200; 0.7746"
    assert p.check(p.answer).correct
    assert p.check("6/5; 0.7746").correct and p.check("6/5; 0.775").parts[1].close
    wrong = p.check("1.5; 0.7746")
    assert not wrong.correct and "sample covariance" in diagnosis(wrong)
    assert r"\frac{6}{5} = 1.2" in steps_text(p)


def test_covariance_units_sold_and_scores_are_never_negative():
    # seed 42 drew "units sold" −2, −5 and seeds 0, 6 "test score" −2, −9: shifted up, the
    # covariance and correlation are unchanged
    t = BANK["probability.covariance_correlation"]
    for s in range(300):
        p = t.generate(s)
        if p.params["story"] in ("study", "ads"):
            assert min(p.params["ys"]) >= 0, s
    p = t.generate(42)
    assert p.params["story"] == "ads" and p.answer == "-0.4000; -0.08452"


def test_standard_error_seed():
    p = seed("probability.standard_error")
    assert p.answer == "0.2000; 400"
    assert p.check(p.answer).correct
    assert p.check("1/5; 400").correct
    wrong = p.check("0.2; 200")
    assert not wrong.correct and "not 1/N" in diagnosis(wrong)
    wrong = p.check("0.02; 400")
    assert not wrong.correct and "√N" in diagnosis(wrong)
    assert r"2^2 = 4\times" in steps_text(p)


def test_zscore_seed():
    p = seed("probability.zscore")
    assert p.answer == "5.000; 2.000; 2.000"
    assert p.check(p.answer).correct
    assert p.check("5.0; 2.0; 4/2").correct
    wrong = p.check("5; 2.138; 2")
    assert not wrong.correct and "sample standard deviation" in diagnosis(wrong)
    assert r"\frac{32}{8} = 4" in steps_text(p)


def test_momentum_adam_seed():
    p = seed("optim.momentum_adam")
    assert p.answer == "0.7500; 0.9250; 0.3947; 0.1700; 0.9043"
    assert p.check(p.answer).correct
    assert p.check("3/4; 0.925; 15/38; 0.16996; 0.90425").correct
    wrong = p.check("0.75; 0.925; 0.075; 0.17; 0.9043")
    assert not wrong.correct and "before bias correction" in diagnosis(wrong)
    wrong = p.check("0.75; 0.925; 0.3947; 0.17; 0.5931")
    assert not wrong.correct and "bias-corrected" in diagnosis(wrong)
    assert r"\frac{0.075}{0.19}" in steps_text(p)


def test_momentum_adam_negative_moments_in_brackets():
    # seed 0: g = (−1, 3); the first moment −0.1 follows an operator
    p = BANK["optim.momentum_adam"].instance(theta=2, grads=(-1, 3), lr=0.2, beta=0.9)
    text = steps_text(p)
    assert r"m_{1} = 0.9 \cdot 0 + 0.1 \cdot (-1) = -0.1$; $m_{2} = 0.9 \cdot (-0.1) + 0.1 \cdot 3 = 0.21" in text
    assert r"v_{1} = 0.9 \cdot 0 + (-1) = -1" in text


def test_warmup_cosine_seed():
    p = seed("optim.warmup_cosine")
    assert p.answer == "0.0001500; 0.0002561"
    assert p.check(p.answer).correct
    assert p.check("1.5e-4; 2.561e-4").correct
    wrong = p.check("2.25e-5; 2.561e-4")
    assert not wrong.correct and "warmup length" in diagnosis(wrong)
    assert r"= \frac{1}{4}$" in steps_text(p)


def test_grad_accumulation_seed():
    p = seed("optim.grad_accumulation")
    assert p.answer == "64; 100; 400"
    assert p.check(p.answer).correct
    assert p.check("16*4; 6400/64; 400").correct
    wrong = p.check("64; 400; 400")
    assert not wrong.correct and "micro-batches" in diagnosis(wrong)
    assert r"$\frac{6{,}400}{64} = 100$" in steps_text(p)
    assert r"$100 \cdot 4 = \frac{6{,}400}{16} = 400$ passes" in steps_text(p)


def test_topological_order_seed():
    p = seed("graphs.topological_order")
    assert p.answer == "[1, 2, 4, 3, 5]"
    assert p.check(p.answer).correct and p.check("1, 2, 4, 3, 5").correct
    wrong = p.check("[5, 3, 4, 2, 1]")
    assert not wrong.correct and "backward()" in diagnosis(wrong)
    wrong = p.check("[1, 2, 3, 4, 5]")
    assert not wrong.correct and "listing order" in diagnosis(wrong)
    assert "= $x$, $W$, $b$, $Wx$, $Wx + b$." in steps_text(p)  # the seed's own print
    assert "1 ($x$) → 3" in p.prompt and "5 ($Wx + b$) → nothing" in p.prompt


def test_topological_order_constant_is_not_a_bare_number():
    # seed 11: node 6 is the constant 5, which must not read like node 5
    p = BANK["graphs.topological_order"].generate(11)
    assert "6 (const 5) → 2" in p.prompt
    assert "(5)" not in p.prompt


def test_topological_order_formula_labels_are_typeset():
    # a label that is a formula (S = QKᵀ, λ‖w‖², σ(z)) is LaTeX; only words (loss, BCE, const 5) stay prose
    for s in range(40):
        p = BANK["graphs.topological_order"].generate(s)
        for text in [p.prompt, *(st.text for st in p.steps)]:
            prose = "".join(piece for is_formula, piece in segments(text) if not is_formula)
            assert not re.search(r"[·²ᵀσλ‖]|\w=\w", prose), (s, text)


def test_attention_cost_seed():
    p = seed("graphs.attention_cost")
    assert p.answer == "1048576; 67108864; 16.00; 4"
    assert p.check(p.answer).correct
    assert p.check("1024^2; 1024^2*64; 16; 2^2").correct
    wrong = p.check("1048576; 67108864; 16; 2")
    assert not wrong.correct and "quadratic" in diagnosis(wrong)
    assert r"$n^2 = 1{,}024^2 = 1{,}048{,}576$ entries" in steps_text(p)
    assert r"$\frac{16{,}777{,}216}{2^{20}} = 16.00$ MiB" in steps_text(p)


ASCII_NEGATIVE = re.compile(r"(?<![A-Za-z0-9_])-(?=[\d.])")  # "-2" (not "e-4", not "x-1")
AFTER_OPERATOR = re.compile(r"(?:[·×+*/]|\s−) ?[−-][\d.]")  # "0.9·-0.1", "z − −0.5"
# in a formula ($...$) a negative after an operator is bracketed too: "0.9 \cdot -0.1", "z - -0.5"
FORMULA_AFTER_OPERATOR = re.compile(r"(?:\\cdot|\\times|[+*/]|\s-)\s*\{?-[\d.]")


def test_displayed_negatives_use_typographic_minus_in_brackets():
    families = [tid for tid in BANK if tid.startswith(("probability.", "optim.", "graphs."))
                and tid != "bayes.two_hypotheses"]
    for tid in families:
        for s in range(0, 300, 3):
            p = BANK[tid].generate(s)
            for text in [p.prompt, *(st.text for st in p.steps)]:
                # formulas ($...$) are LaTeX, whose minus signs are typeset: the prose keeps "−"
                prose = "".join(piece for is_formula, piece in segments(text) if not is_formula)
                assert not ASCII_NEGATIVE.search(prose), (tid, s, text)
                assert not AFTER_OPERATOR.search(prose), (tid, s, text)
                for formula in formulas(text):
                    assert not FORMULA_AFTER_OPERATOR.search(formula), (tid, s, formula)
