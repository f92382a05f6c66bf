"""Information theory and losses: each family reproduces its seed chapter's own example."""

import math
import re

from tutor.bank import load_bank
from tutor.core.formatting import rounded
from tutor.core.mathtext import segments

BANK = load_bank()


def _steps(problem) -> str:
    return "\n".join(s.text for s in problem.steps)


def _prose(text: str) -> str:
    """``text`` without its formulas ($...$ is LaTeX, whose minus signs are typeset)."""
    return "".join(piece for is_formula, piece in segments(text) if not is_formula)


def _diagnosis(verdict, part=None) -> str:
    v = verdict if part is None else verdict.parts[part]
    return (v.diagnosis or "") + " " + v.message


def test_self_information_seed():
    # 002 §2.5: P = 0.001 (rare event) → I = 9.97 bits
    p = BANK["info.self_information"].seed_instance()
    assert p.answer == "9.966; 6.908"
    assert p.check(p.answer).correct
    assert p.check("9.9658; 6.9078").correct
    assert p.check("9.97; 6.91").parts[0].close  # 3 figures: close, 4 are asked for
    assert p.check("log2(1000); ln(1000)").correct
    assert p.prompt.endswith("Give each to 4 significant figures.")
    swapped = p.check("6.908; 6.908")
    assert not swapped.correct and not swapped.parts[0].correct and swapped.parts[1].correct
    assert "nats" in _diagnosis(swapped, 0)
    sign = p.check("-9.966; 6.908")
    assert "sign" in _diagnosis(sign, 0).lower()
    assert r"\log_2(1000)" in _steps(p)


def test_entropy_seed():
    # 000 §C.28: biased coin p(H) = 0.9 → 0.325 nats; fair coin (the maximum) → ln 2 = 0.693 nats
    p = BANK["info.entropy"].seed_instance()
    assert p.answer == "0.3251; 0.6931"
    assert p.check(p.answer).correct
    assert p.check("0.3251; ln(2)").correct
    assert p.check("0.325; ln(2)").parts[0].close
    bits = p.check("0.4690; 0.6931")
    assert not bits.correct and "bits" in _diagnosis(bits, 0)
    unweighted = p.check("2.408; 0.6931")
    assert "weight" in _diagnosis(unweighted, 0)
    assert "2 itself" in _diagnosis(p.check("0.3251; 2"), 1)
    text = _steps(p)
    assert "0.0948245" in text and "0.230259" in text and r"\approx 0.3251$ nats" in text


def test_softmax_seed():
    # 004 §3.3: logits [1, 3, 1] → [0.107, 0.787, 0.107]
    p = BANK["info.softmax"].seed_instance()
    assert p.answer == "[0.1065, 0.7870, 0.1065]"
    assert p.check(p.answer).correct
    assert p.check("[0.10651, 0.78699, 0.10651]").correct
    for coarse in ("[0.1065, 0.787, 0.1065]", "[0.107, 0.787, 0.107]"):  # 0.787: 3 figures of 0.78699
        assert not p.check(coarse).correct and p.check(coarse).close, coarse
    assert p.check("(0.10650698, 0.78698604, 0.10650698)").correct
    raw = p.check("[0.2, 0.6, 0.2]")
    assert not raw.correct and "exponentiates" in (raw.diagnosis or "")
    hard = p.check("[0, 1, 0]")
    assert not hard.correct and "argmax" in (hard.diagnosis or "")
    assert "sum" in (p.check("[2.7183, 20.0855, 2.7183]").diagnosis or "")
    text = _steps(p)
    assert "20.0855" in text and "25.5221" in text and "$z - 3 = [-2, 0, -2]$" in text
    assert "$e^{0} = 1$" in text and r"e^{0} \approx" not in text
    assert p.prompt.endswith("Give each entry to 4 significant figures.")


def test_softmax_negative_max_reads_well():
    # a negative max follows the "-" in brackets (seed 65); formulas are LaTeX, the prose has no ASCII minus
    p = BANK["info.softmax"].instance(logits=(-0.5, -2, -2), story=2)
    text = _steps(p)
    assert r"$m = \max z = -0.5$: $z - (-0.5) = [0, -1.5, -1.5]$" in text
    assert "$z = [-0.5, -2, -2]$" in p.prompt
    assert "-" not in _prose(text)  # no ASCII minus in the words of the worked steps


def test_softmax_small_probabilities_to_4_significant_figures():
    # seed 11's answer [0.006573, 0.9756, 0.01787]: every entry has 4 significant figures;
    # 4 decimal places (0.0066) are too few figures for the small ones
    p = BANK["info.softmax"].instance(logits=(998, 1003, 999), story=2)
    assert p.answer == "[0.006573, 0.9756, 0.01787]"
    assert p.check("[6.573e-3, 0.97556, 0.017868]").correct
    coarse = p.check("[0.0066, 0.9756, 0.0179]")
    assert not coarse.correct and coarse.close and "4 significant figures" in coarse.message
    assert not p.check("[0.006574, 0.9756, 0.01787]").correct


def _softmax(z) -> list[float]:
    exps = [math.exp(v - max(z)) for v in z]
    return [e / sum(exps) for e in exps]


def test_every_softmax_to_4_or_more_significant_figures_is_accepted():
    # the prompts ask for 4 significant figures: every entry at 4, 5 or 6 figures is right,
    # at 3 it is close, in the softmax and in the classifier's forward pass alike
    softmax, forward = BANK["info.softmax"], BANK["info.classifier_forward"]
    for seed in range(0, 300, 3):
        p = softmax.generate(seed)
        probs = _softmax([float(v) for v in p.params["logits"]])
        q = forward.generate(seed)
        W, x, c = q.params["W"], q.params["x"], q.params["target"]
        z = [sum(w * v for w, v in zip(row, x, strict=True)) for row in W]
        fprobs = _softmax(z)
        for figures in (4, 5, 6):
            typed = "[" + ", ".join(rounded(v, sig_figs=figures) for v in probs) + "]"
            assert p.check(typed).correct, (seed, typed, p.answer)
            typed = (f"{z}; [" + ", ".join(rounded(v, sig_figs=figures) for v in fprobs) + "]; "
                     + rounded(-math.log(fprobs[c]), sig_figs=figures))
            assert q.check(typed).correct, (seed, typed, q.answer)
        typed = "[" + ", ".join(rounded(v, sig_figs=3) for v in probs) + "]"
        assert p.check(typed).close, (seed, typed, p.answer)


def test_softmax_answer_is_the_value_at_4_significant_figures():
    # 0.0889469… at 4 significant figures is 0.08895 (no double rounding from a longer text)
    t = BANK["info.softmax"]
    p = t.instance(logits=(102, 100, 101, 98), story=0)
    assert p.answer == "[0.6572, 0.08895, 0.2418, 0.01204]"
    assert p.check("[0.65723, 0.088947, 0.24178, 0.012038]").correct


def test_softmax_stable_form_gives_the_same_answer():
    t = BANK["info.softmax"]
    shifted = t.instance(logits=(1001, 1003, 1001), story=0)
    assert shifted.answer == t.seed_instance().answer
    assert "overflows" in _steps(shifted)


def test_temperature_seed():
    # 002 §2.3 table: P("The") = 0.60 at τ = 1 flattens to ≈ 0.35 at τ = 2
    p = BANK["info.temperature"].seed_instance()
    assert p.answer == "0.5964; 0.3522"
    assert p.check(p.answer).correct
    assert p.check("0.596; 0.352").close
    assert p.prompt.endswith("Give each to 4 significant figures.")
    assert p.check("e^2/(e^2+5); e/(e+5)").correct
    times = p.check("0.5964; 0.9161")
    assert "exponential" in _diagnosis(p.check("2/2; 0.3522"), 0)  # z/Σz = 2/2 without the exp
    assert not times.correct and "divides" in _diagnosis(times, 1)
    unchanged = p.check("0.5964; 0.5964")
    assert "τ = 1 value" in _diagnosis(unchanged, 1)
    text = _steps(p)
    assert "[1, 0, 0, 0, 0, 0]" in text and "flatter" in text


def test_cross_entropy_seed():
    # 002 §2.5: q = [0.1, 0.2, 0.6, 0.1], true class 2 → −log(0.6) = 0.51 nats
    p = BANK["info.cross_entropy"].seed_instance()
    assert p.answer == "0.5108"
    assert p.check(p.answer).correct
    assert p.check("0.511").close and p.check("-ln(0.6)").correct
    assert p.prompt.endswith("Give your answer to 4 significant figures.")
    assert "bits" in (p.check("0.7370").diagnosis or "")
    assert "prediction q" in (p.check("0.3065").diagnosis or "")  # −0.6·ln 0.6
    assert "sign" in (p.check("-0.5108").diagnosis or "").lower()
    wrong_class = p.check("2.303")
    assert not wrong_class.correct and "true class" in (wrong_class.diagnosis or "")
    assert r"$-\ln(0.6) \approx 0.5108$" in _steps(p)
    # classes are numbered from 1: the 0.6 is the third entry, class 3
    assert "class 3" in p.prompt and "numbered 1 to 4" in p.prompt
    assert r"-\ln q_{3} = -\ln(0.6)" in _steps(p)


def test_cross_entropy_second_seed_example():
    # 004 §3.3: true class "cat", model says cat 0.7 → −log(0.7) ≈ 0.357
    p = BANK["info.cross_entropy"].instance(q=(0.7, 0.2, 0.1), target=0, names=0)
    assert p.answer == "0.3567"
    assert p.check("0.35667").correct and p.check("0.357").close
    assert "“cat”" in p.prompt


def test_cross_entropy_named_classes_define_q():
    # seed 11: "fish" is the 4th class; q is defined over the named classes and indexed by name
    p = BANK["info.cross_entropy"].instance(q=(0.25, 0.05, 0.15, 0.1, 0.45), target=3, names=0)
    assert "$q = [0.25, 0.05, 0.15, 0.1, 0.45]$ over the classes (cat, dog, bird, fish, frog)" in p.prompt
    text = _steps(p)
    assert r"-\ln q_{\text{fish}} = -\ln(0.1)" in text and "q_{3}" not in text
    assert p.answer == "2.303"


def test_classifier_forward_seed():
    # 004 §4: W @ x = [1, 3, 1] → softmax [0.107, 0.787, 0.107] → loss −log(0.787) ≈ 0.24
    p = BANK["info.classifier_forward"].seed_instance()
    assert p.answer == "[1, 3, 1]; [0.1065, 0.7870, 0.1065]; 0.2395"
    assert p.check(p.answer).correct
    assert p.check("[1, 3, 1]; [0.1065, 0.7870, 0.1065]; -ln(e^3/(e+e^3+e))").correct
    assert p.check("[1, 3, 1]; [0.107, 0.787, 0.107]; 0.2395").parts[1].close
    assert math.isclose(float(p.answer.split("; ")[-1]), 0.24, abs_tol=0.005)
    wrong_class = p.check("[1, 3, 1]; [0.1065, 0.7870, 0.1065]; 2.240")
    assert not wrong_class.correct and "true class" in _diagnosis(wrong_class, 2)
    columns = p.check("[3, 0, 0]; [0.1065, 0.7870, 0.1065]; 0.2395")
    off = p.check("[1, 4, 1]; [0.1065, 0.7870, 0.1065]; 0.2395").parts[0]
    assert not off.correct and not off.close and "off by one" in off.message
    assert "exponential" in _diagnosis(p.check("[1, 3, 1]; [0.2, 0.6, 0.2]; 0.2395"), 1)
    assert "columns" in _diagnosis(columns, 0)
    text = _steps(p)
    assert r"row 2: $0 \cdot 2 + 2 \cdot 1 + 1 \cdot 1 = 3$" in text and r"-\ln(0.786986) \approx 0.2395" in text
    # classes are numbered from 1, like the rows of W: the 0.787 is class 2
    assert "class 2" in p.prompt and "numbered from 1" in p.prompt
    assert r"\text{loss} = -\ln p_{2}" in text
    assert p.prompt.endswith("Give the entries of the logits W·x as whole numbers, and the loss "
                             "and the entries of softmax(W·x) to 4 significant figures.")


def test_classifier_forward_small_probability_to_4_significant_figures():
    # seed 12: softmax [0.006377, 0.9465, 0.04712]; 0.0064 has too few figures now
    W = ((-1, -1, -1), (1, -2, 0), (0, 2, 1))
    p = BANK["info.classifier_forward"].instance(W=W, x=(1, -1, 2), target=0)
    assert p.answer == "[-2, 3, 0]; [0.006377, 0.9465, 0.04712]; 5.055"
    assert p.check("[-2, 3, 0]; [0.006377, 0.9465, 0.04712]; 5.0550").correct
    assert p.check("[-2, 3, 0]; [0.0064, 0.9465, 0.0471]; 5.055").parts[1].close
    assert r"-1 & -1 & -1 \\" in p.prompt  # W as a matrix with brackets
    assert r"row 1: $(-1) \cdot 1 + (-1) \cdot (-1) + (-1) \cdot 2 = -2$" in _steps(p)


def test_one_bit_is_singular():
    # seed 11 of each: H_max = log₂ 2 = 1 bit; −log₂(0.5) = 1 bit
    entropy = BANK["info.entropy"].instance(probs=(0.99, 0.01), unit="bits", story="coin")
    assert r"= \log_2\, 2 = 1$ bit." in _steps(entropy) and "1 bits" not in _steps(entropy)
    info = BANK["info.self_information"].instance(p=0.5, story=2, token="the")
    assert "= 1$ bit exactly" in _steps(info) and "1 bits" not in _steps(info)


def test_kl_divergence_seed():
    # 000 §D.6: KL(Bern(0.3) ‖ Bern(0.5)) ≈ 0.0823 nats, KL(q ‖ p) ≈ 0.0872 nats
    p = BANK["info.kl_divergence"].seed_instance()
    assert p.answer == "0.08228; 0.08718"
    assert p.check(p.answer).correct
    assert p.check("0.082283; 0.087177").correct
    assert p.check("0.0823; 0.0872").parts[0].close
    swapped = p.check("0.08718; 0.08718")
    assert not swapped.correct and "other direction" in _diagnosis(swapped, 0)
    assert "bits" in _diagnosis(p.check("0.1187; 0.08718"), 0)
    text = _steps(p)
    assert "-0.510826" in text and "0.336472" in text and "0.1187$ bits" in text and "0.610864" in text


def test_perplexity_seed():
    # 000 §C.28: loss 2.5 nats/token → perplexity exp(2.5) ≈ 12.18
    p = BANK["info.perplexity"].seed_instance()
    assert p.answer == "12.18"
    assert p.check(p.answer).correct
    assert p.check("12.1825").correct and p.check("e^2.5").correct
    assert p.check("12.2").close and not p.check("12.19").correct
    base2 = p.check("5.657")
    assert not base2.correct and "wrong base" in (base2.diagnosis or "")
    assert "exponential" in (p.check("2.5").diagnosis or "")
    assert r"e^{2.5} \approx 12.18" in _steps(p)


def test_mle_seed():
    # 000 §D.5: μ̂ is the least-squares (MSE) fit, σ²_MLE = the MSE of the residuals at μ̂
    p = BANK["info.mle"].seed_instance()
    assert p.answer == "5.000; 4.000"
    assert p.check(p.answer).correct
    assert p.check("40/8; 32/8").correct and p.check("5; 4").correct  # exact values
    unbiased = p.check("5; 4.571")
    assert not unbiased.correct and "N − 1" in _diagnosis(unbiased, 1)
    assert "standard deviation" in _diagnosis(p.check("5; 2"), 1)
    text = _steps(p)
    assert r"squared sum $\sum_i (y_i - \hat{\mu})^2 = 32$" in text and r"\hat{\sigma}^2 = \frac{32}{8} = 4" in text


def test_mle_bernoulli_gives_bce():
    # 002 §2.4: Bernoulli likelihood → binary cross-entropy; p̂ = k/n
    p = BANK["info.mle"].instance(case="bernoulli", n=20, k=4, story=0)
    assert p.answer == "0.2000; 0.5004"
    assert p.check("1/5; 0.5004").correct
    assert "odds" in _diagnosis(p.check("0.25; 0.5004"), 0)
    assert "add-one" in _diagnosis(p.check("5/22; 0.5004"), 0)
    assert "average" in _diagnosis(p.check("0.2; 10.01"), 1)


def test_map_l2_seed():
    # 002 §2.4: prior N(0, 1/(2λ)) ⇒ L2 penalty λ·Σw²; weight decay 0.01 ⇔ τ² = 50 (with σ² = 1/2)
    p = BANK["info.map_l2"].seed_instance()
    assert p.answer == "0.01000"
    assert p.check(p.answer).correct and p.check("0.01").correct
    assert p.check("1/100").correct and p.check("0.5/50").correct
    upside = p.check("100")
    assert not upside.correct and "upside down" in (upside.diagnosis or "")
    assert r"\frac{0.5}{50} = 0.01" in _steps(p)


def test_map_l2_ridge_case():
    p = BANK["info.map_l2"].instance(case="ridge", sigma2=1, tau2=2, xs=(3, 1, -1), ys=(8, 7, 3))
    assert p.answer == "2.545; 2.435"
    assert p.check("28/11; 56/23").correct
    no_prior = p.check("2.545; 2.545")
    assert "prior" in _diagnosis(no_prior, 1)


ASCII_NEGATIVE = re.compile(r"(?<![A-Za-z0-9_])-(?=[\d.])")  # "-2" in displayed text
AFTER_OPERATOR = re.compile(r"(?:[·×+*/]|\s−) ?[−-][\d.]")  # "z − −0.5", "0.9·-0.1"


def test_displayed_negatives_use_typographic_minus_in_brackets():
    for tid in (t for t in BANK if t.startswith("info.")):
        for s in range(0, 300, 3):
            p = BANK[tid].generate(s)
            for text in [p.prompt, *(st.text for st in p.steps)]:
                prose = _prose(text)  # formulas ($...$) are LaTeX: their minus signs are typeset
                assert not ASCII_NEGATIVE.search(prose), (tid, s, text)
                assert not AFTER_OPERATOR.search(prose), (tid, s, text)
                assert not re.search(r"(?<![\d.])1 bits", prose), (tid, s, text)
