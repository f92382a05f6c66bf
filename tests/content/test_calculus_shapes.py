"""Calculus and shape families: each reproduces its seed chapter's own example."""

import re

from tutor.bank import load_bank
from tutor.core.mathtext import segments

BANK = load_bank()
CALCULUS = sorted(i for i in BANK if i.startswith("calculus.") or i == "gradient.mse_linear")


def _steps(problem) -> str:
    return "\n".join(s.text for s in problem.steps)


def _diagnosis(verdict, part=None) -> str:
    v = verdict if part is None else verdict.parts[part]
    return (v.diagnosis or "") + " " + v.message


def test_derivative_limit_seed():
    # 000 §B.12: f = x², f'(3) = 6, (3.1)² ≈ 9 + 0.6 = 9.6, exact 9.61, off by 0.01 = h²
    p = BANK["calculus.derivative_limit"].seed_instance()
    # every value is a terminating decimal: asked for to the places that write them (and the
    # slips beside them, 6.1 and 9.61) exactly; the exact values are right as they are
    assert p.answer == "6.00; 9.60; 0.01"
    assert "Give each to 2 decimal places." in p.prompt and "Give exact values" not in p.prompt
    assert p.check(p.answer).correct
    assert p.check("6; 96/10; 1/100").correct and p.check("6; 9.6; 0.01").correct
    exact = p.check("6; 9.61; 0.01")
    assert not exact.correct and "exact value" in _diagnosis(exact, 1)
    secant = p.check("6.1; 9.6; 0.01")
    assert not secant.correct and "secant" in _diagnosis(secant, 0)
    assert "2xh + h^2" in _steps(p) and "9.61" in _steps(p)
    assert "coefficient of $x^2$" in " ".join(p.hints)
    q = BANK["calculus.derivative_limit"].instance(a=-1, b=-4, c=5, x0=-3, h=0.01)
    assert q.answer == "2.0000; 8.0200; -0.0001"
    assert q.check("2; 8.02; -0.0001").correct
    assert "That is only the change" in _diagnosis(q.check("2; 0.02; -0.0001"), 1)  # new
    assert r"$f'(-3) = -2 \cdot (-3) + (-4) = 2$." in _steps(q)
    assert q.spec.parts[0].label == "f'(−3)"


def test_derivative_table_seed():
    # 001 §10.2: σ'(x) = σ(x)(1 − σ(x))
    t = BANK["calculus.derivative_table"]
    p = t.seed_instance()
    assert p.answer == "sigmoid(x)*(1-sigmoid(x))"
    assert p.check(p.answer).correct
    assert p.check("exp(-x)/(1+exp(-x))^2").correct
    itself = p.check("sigmoid(x)")
    assert not itself.correct and "itself" in _diagnosis(itself)
    assert r"$f'(x) = \sigma(x) \cdot (1 - \sigma(x))$" in _steps(p)
    relu = t.instance(fn="relu", mode="value", x0=-1)
    assert relu.answer == "0" and relu.check("0").correct
    assert "slope there is 0" in _diagnosis(relu.check("1"))
    exp = t.instance(fn="exp", mode="value", x0=2)
    assert exp.check("e^2").correct and "power rule" in _diagnosis(exp.check("2*e")).lower()
    # the derivation is shown as written: σ'(x) and e^x are never capitalised to Σ'(x) and E^x
    assert r"$\sigma'(x) = \frac{e^{-x}}{(1 + e^{-x})^2}" in _steps(p) and "Σ" not in _steps(p)
    assert "$e^x$ is its own derivative" in _steps(exp) and "E^x" not in _steps(exp)
    assert r"$e^{-2} = 0.135335 \approx 0.1353$" in _steps(t.instance(fn="exp", mode="value", x0=-2))
    # the precision is declared once: 4 significant figures, said by the prompt and kept by the answer
    e2 = t.instance(fn="exp", mode="value", x0=-2)
    assert e2.answer == "0.1353" and "Give your answer to 4 significant figures." in e2.prompt
    assert e2.check("0.135").close and e2.check("e^(-2)").correct
    sig = t.instance(fn="sigmoid", mode="value", x0=1)
    assert "not x itself" in _diagnosis(sig.check("0"))  # new: x(1 − x) at x = 1
    assert relu.spec.kind == "integer" and "whole number" in relu.prompt


def test_chain_rule_seed():
    # 004 §3.2: z = (3x + 1)², dz/dx = 6(3x + 1) = 24 at x = 1
    t = BANK["calculus.chain_rule"]
    p = t.seed_instance()
    assert p.answer == "6*(3*x+1); 24"
    assert p.check(p.answer).correct
    assert p.check("18x + 6; 24.0").correct
    forgot = p.check("2*(3*x+1); 8")
    assert not forgot.correct and "inner derivative" in _diagnosis(forgot, 0)
    assert "inner derivative" in _diagnosis(forgot, 1)
    assert "$u = 4$" in _steps(p) and r"8 \cdot 3 = 24" in _steps(p)
    # 000 §B.13: y = sin(x²) → 2x·cos(x²)
    q = t.instance(outer="sin", a=1, k=2, b=0, x0=1)
    assert q.answer.startswith("2*x*cos(x^2);")
    assert q.check("2x cos(x²); 2cos(1)").correct
    outer_only = q.check("cos(x^2); 2cos(1)")
    assert not outer_only.correct and "forgot to multiply" in _diagnosis(outer_only, 0)
    assert r"= 2 x \cos\left(x^{2}\right)$" in _steps(q)
    assert "(angles in radians)" in q.prompt and "radians" not in p.prompt
    assert "(angles in radians)" in t.instance(outer="cos", a=3, k=1, b=-2, x0=1).prompt


def test_partial_gradient_seed():
    # 000 §B.14: f = x²y + 3y → ∇f = (2xy, x² + 3); at (2, 1) that is (4, 7)
    p = BANK["calculus.partial_gradient"].seed_instance()
    assert p.answer == "2*x*y; x^2+3; [4, 7]"
    assert p.check(p.answer).correct
    assert p.check("2xy; 3 + x²; (4, 7)").correct
    kept = p.check("2*x*y + 3*y; x^2+3; [4, 7]")
    assert not kept.correct and "constants" in _diagnosis(kept, 0)
    swapped = p.check("2*x*y; x^2+3; [7, 4]")
    assert not swapped.correct and "swapped" in _diagnosis(swapped, 2)
    assert "(2xy, x^2 + 3)" in _steps(p) and r"$3y \to 0$" in _steps(p)


def test_gradient_descent_seed():
    # 004 §3.2: f = x², x = 3, η = 0.1 → 2.4 → 1.92; the bowl x² + y² from (3, 4) → (2.4, 3.2), f 25 → 16
    t = BANK["calculus.gradient_descent"]
    p = t.seed_instance()
    assert p.answer == "2.400; 1.920"
    assert "Give each to 4 significant figures." in p.prompt
    assert p.check(p.answer).correct and p.check("12/5; 48/25").correct
    ascent = p.check("3.6; 1.92")
    assert not ascent.correct and "against the gradient" in _diagnosis(ascent, 0)
    stale = p.check("2.4; 1.8")
    assert not stale.correct and "Recompute the gradient" in _diagnosis(stale, 1)
    assert r"3 - 0.1 \cdot 6 = 3 - 0.6 = 2.4" in _steps(p) and "5.76" in _steps(p)
    q = t.instance(mode="2d", a=1, b=1, m=None, start=(3, 4), eta=0.1)
    assert q.answer == "[2.400, 3.200]; 16.00"
    assert q.check("(2.4, 3.2); 16").correct
    assert "starting point" in _diagnosis(q.check("[2.4, 3.2]; 25"), 1)
    assert "25" in _steps(q) and "[6, 8]" in _steps(q)
    # issue 8: seed 11's f at the new point is 18.0172; 18 is the linear prediction, not "close"
    r = t.instance(mode="2d", a=1, b=3, m=None, start=(4, 1), eta=0.01)
    assert r.answer == "[3.920, 0.9400]; 18.02"
    for typed in ("18", "18.0", "18.00"):
        v = r.check(f"[3.92, 0.94]; {typed}").parts[1]
        assert not v.correct and not v.close and "first-order prediction" in v.message, typed
    assert r.check("[3.92, 0.94]; 18.0").parts[1].diagnosis
    assert r"18.0172 \approx 18.02" in _steps(r)


def test_softmax_ce_gradient_seed():
    # 000 §B.17 with 004 §3.3's logits [1, 3, 1] (p ≈ [0.107, 0.787, 0.107]), true class 2
    p = BANK["calculus.softmax_ce_gradient"].seed_instance()
    assert p.answer == "0.2395; [0.1065, -0.2130, 0.1065]"
    assert p.check(p.answer).correct
    assert p.check("0.2395; [0.10651, -0.21301, 0.1065]").correct  # more figures, correctly rounded
    assert p.check("0.2395; [0.1065, -0.213, 0.1065]").parts[1].close  # -0.213 has 3 figures
    coarse = p.check("0.2395; [0.107, -0.213, 0.107]")
    assert not coarse.correct and coarse.parts[1].close
    assert "Give each to 4 significant figures." in p.prompt
    flipped = p.check("0.2395; [-0.1065, 0.2130, -0.1065]")
    assert not flipped.correct and "p − y" in _diagnosis(flipped, 1)
    naive = p.check("0.2395; [0, -1.271, 0]")
    assert not naive.correct and "∂L/∂p" in _diagnosis(naive, 1)
    assert "0.786986" in _steps(p)  # the chapter's 0.787, at full precision in the steps
    assert "class 2 (classes are numbered from 1)" in p.prompt
    # a negative log S after '+' is bracketed
    q = BANK["calculus.softmax_ce_gradient"].instance(z=(-2, -2, -1), y=(0, 1, 0))
    assert r"-z_{2} + \log S = 2 + (-0.448555) = 1.55144 \approx 1.551" in _steps(q)
    smooth = BANK["calculus.softmax_ce_gradient"].instance(z=(1, 3, 1), y=(0.1, 0.8, 0.1))
    assert "classes are numbered from 1" in smooth.prompt


def test_mse_linear_seed():
    # 000 §B.16: ŷ = 1·3 + 0 = 3, r = −4, ∂L/∂w = 2·(−4)·3 = −24, ∂L/∂b = −8, w → 1 − 0.01·(−24) = 1.24
    t = BANK["gradient.mse_linear"]
    p = t.seed_instance()
    assert p.answer == "-24.00; -8.000; 1.240"
    assert p.check("-24; -8; 1.24").correct and "Give each to 4 significant figures." in p.prompt
    assert "step −η·∂L/∂w alone" in _diagnosis(p.check("-24; -8; 0.24"), 2)  # new
    assert p.check(p.answer).correct
    uphill = p.check("-24; -8; 0.76")
    assert not uphill.correct and "against the gradient" in _diagnosis(uphill, 2)
    assert r"2 \cdot (-4) \cdot 3 = -24" in _steps(p) and "so $w$ increases" in _steps(p)
    q = t.instance(x=-3, y=5, w=-0.5, b=0, eta=0.1)  # w goes from −0.5 down to −2.6
    assert q.answer == "21.00; -7.000; -2.600"
    assert "$w = -0.5$" in q.prompt and "$x = -3$" in q.prompt
    assert r"-0.5 - 0.1 \cdot 21 = -2.6" in _steps(q) and "so $w$ decreases" in _steps(q)
    assert "shrink" not in _steps(q) and "grow" not in _steps(q)


def test_sigmoid_gradient_seed():
    # 000 §D.3: σ' = σ(1 − σ); ∂L/∂w = −2·x·(y − ŷ)·ŷ·(1 − ŷ); with BCE (ŷ − y)·x
    t = BANK["calculus.sigmoid_gradient"]
    p = t.seed_instance()
    assert p.answer == "s*(1-s); -2*x*(y-s)*s*(1-s); (s-y)*x"
    assert p.check(p.answer).correct
    assert p.check("s - s^2; 2x(s-y)s(1-s); x*s - x*y").correct
    sign = p.check("s*(1-s); 2*x*(y-s)*s*(1-s); (s-y)*x")
    assert not sign.correct and "sign" in _diagnosis(sign, 1).lower()
    assert r"\sigma(z) \cdot (1 - \sigma(z))" in _steps(p)
    q = t.instance(w=0.5, x=2, y=1)  # z = 1: σ = 0.7311, σ' = 0.1966
    assert q.answer == "0.1966; -0.2115; -0.5379"
    assert q.check("0.1966; -0.2115; -0.5379").correct
    short = q.check("0.197; -0.2115; -0.538")
    assert not short.correct and short.parts[0].close and short.parts[2].close
    assert "not z itself" in _diagnosis(q.check("0; -0.2115; -0.5379"), 0)  # new: z(1 − z) at z = 1
    no_sigma = q.check("0.1966; -1.076; -0.5379")
    assert not no_sigma.correct and "local derivative" in _diagnosis(no_sigma, 1)


def test_backprop_relu_seed():
    # 002 §2.2: x = 2, W = 0.5, b = 0.1, y = 1 → L = 0.01, ∂L/∂z = 0.2, ∂L/∂W = 0.4, W → 0.496
    t = BANK["calculus.backprop_relu"]
    p = t.seed_instance()
    assert p.answer == "0.01000; 0.2000; 0.4000; 0.4960"
    assert "Give each to 4 significant figures." in p.prompt
    assert "no ½" in _diagnosis(p.check("0.005; 0.2; 0.4; 0.496"), 0)  # new
    assert "not with ∂L/∂z" in _diagnosis(p.check("0.01; 0.2; 0.4; 0.498"), 3)  # new
    assert p.check(p.answer).correct
    assert p.check("1/100; 1/5; 2/5; 0.496").correct
    no_x = p.check("0.01; 0.2; 0.2; 0.496")
    assert not no_x.correct and "multiply by x" in _diagnosis(no_x, 2)
    assert r"0.2 \cdot 2 = 0.4" in _steps(p) and r"z = W \cdot x + b = 0.5 \cdot 2 + 0.1 = 1.1" in _steps(p)
    dead = t.instance(x=-1, w=0.5, b=0.2, y=2, eta=0.1)  # z = −0.3: the ReLU is off
    assert dead.answer == "4.000; 0; 0; 0.5000"
    assert "ReLU is off" in _diagnosis(dead.check("4; -4; 0; 0.5"), 1)


def test_reverse_mode_seed():
    # 002 §2.2: z = w·x² + 5 at x = 2, w = 3 → z = 17, ∂z/∂x = 12, ∂z/∂w = 4
    t = BANK["calculus.reverse_mode"]
    p = t.seed_instance()
    assert p.answer == "17; 12; 4"
    assert "Give each as a whole number." in p.prompt
    off = p.check("17; 13; 4").parts[1]
    assert not off.correct and not off.close and "round" not in off.message
    assert p.check(p.answer).correct and p.check("17.0; 6*2; 2^2").correct
    no_upstream = p.check("17; 4; 4")
    assert not no_upstream.correct and "upstream" in _diagnosis(no_upstream, 1)
    assert r"3 \cdot 4 = 12" in _steps(p) and "x^2 = 4" in _steps(p)
    fan = t.instance(form="fanout", w=-3, x=3, c=2)  # x feeds two nodes: the paths add
    assert fan.answer == "-21; -16; 9"
    assert "two paths" in _diagnosis(fan.check("-21; -18; 9"), 1)
    neg = t.instance(form="fanout", w=-2, x=2, c=-1)
    assert r"\frac{\partial z}{\partial r} \cdot (-1) = -2 \cdot 4 + (-1) = -9$" in _steps(neg)


def test_jacobian_linear_seed():
    # 000 §B.18 on 002 §2.1's layer: W = [[1, 2, 3], [4, 5, 6]], x = [7, 8, 9] → y = [50, 122]
    p = BANK["calculus.jacobian_linear"].seed_instance()
    assert p.answer == "[50, 122]; (2, 3); [9, 12, 15]; [[7, 8, 9], [14, 16, 18]]"
    assert p.check(p.answer).correct
    assert p.check("(50, 122); 2x3; (9, 12, 15); [7 8 9; 14 16 18]").correct
    swapped = p.check("[50, 122]; (3, 2); [9, 12, 15]; [[7, 8, 9], [14, 16, 18]]")
    assert not swapped.correct and "one row per output" in _diagnosis(swapped, 1)
    transposed = p.check("[50, 122]; (2, 3); [9, 12, 15]; [[7, 14], [8, 16], [9, 18]]")
    assert not transposed.correct and "x·g_yᵀ" in _diagnosis(transposed, 3)
    assert r"1 \cdot 7 + 2 \cdot 8 + 3 \cdot 9 = 50" in _steps(p) and r"1 \cdot 1 + 4 \cdot 2 = 9" in _steps(p)


def test_hessian_classify_seed():
    # 002 §2.2's rule on 004 §3.2's bowl x² + y²: H = [[2, 0], [0, 2]], eigenvalues 2, 2 → minimum
    t = BANK["calculus.hessian_classify"]
    p = t.seed_instance()
    assert p.answer == "minimum"
    assert p.check("minimum").correct and p.check("Min").correct
    wrong = p.check("saddle")
    assert not wrong.correct and "both signs" in _diagnosis(wrong)
    assert r"$H = \begin{bmatrix} 2 & 0 \\ 0 & 2 \end{bmatrix}$" in _steps(p)
    tilted = t.instance(form="quadratic", coef=(1, 4, 1), point=(0, 0))  # H = [[2, 4], [4, 2]]: 6 and −2
    assert tilted.answer == "saddle"
    assert "diagonal entries" in _diagnosis(tilted.check("minimum"))
    classes = {t.generate(seed).answer for seed in range(60)}
    assert classes == {"minimum", "maximum", "saddle"}


def test_attention_seed():
    # 000 §A.6: (S, d)·(d, S) = (S, S); §A.11: heads as (B, num_heads, S, d_head)
    t = BANK["shapes.attention"]
    p = t.seed_instance()
    assert p.answer == "(B, S, D); (B, h, S, d_head); (B, h, S, S); (B, h, S, d_head); (B, S, D)"
    assert p.check(p.answer).correct
    assert p.check("B x S x D; [B, h, S, d_head]; (B,h,S,S); (B, h, S, d_head); (B, S, D)").correct
    no_permute = p.check("(B, S, D); (B, S, h, d_head); (B, h, S, S); (B, h, S, d_head); (B, S, D)")
    assert not no_permute.correct and "reshape alone" in _diagnosis(no_permute, 1)
    assert r"(S, d_{\text{head}}) \cdot (d_{\text{head}}, S) = (S, S)" in _steps(p)
    q = t.instance(batch=8, q_len=100, kv_len=100, d_model=384, heads=4, symbolic=False)
    assert q.answer == "(8, 100, 384); (8, 4, 100, 96); (8, 4, 100, 100); (8, 4, 100, 96); (8, 100, 384)"
    q_shape = q.check("(8, 100, 384); (8, 4, 100, 96); (8, 4, 100, 96); (8, 4, 100, 96); (8, 100, 384)")
    assert "contracts the feature axis" in _diagnosis(q_shape, 2)


def test_image_batch_seed():
    # 002 §2.1: 1,000 images of 28×28 pixels become a 1,000 × 784 matrix
    p = BANK["shapes.image_batch"].seed_instance()
    assert p.answer == "(1000, 784); (10, 784); (1000, 10); 7850"
    assert p.check(p.answer).correct
    assert p.check("1000x784; 10 x 784; [1000, 10]; 7850").correct
    swapped = p.check("(1000, 784); (784, 10); (1000, 10); 7850")
    assert not swapped.correct and "(out, in)" in _diagnosis(swapped, 1)
    no_bias = p.check("(1000, 784); (10, 784); (1000, 10); 7840")
    assert not no_bias.correct and "biases" in _diagnosis(no_bias, 3)
    assert r"1 \cdot 28 \cdot 28 = 784" in _steps(p)


ASCII_MINUS = re.compile(r"(?<![A-Za-z_])-(?=[\d.(])")
BARE_AFTER_OPERATOR = re.compile(r"[·×*/+−^]\s*[−-]\s?\d")
BARE_AFTER_LATEX_OPERATOR = re.compile(r"(?:\\cdot|\\times|[+*/-])\s*-\s?\d")  # 2 \cdot -3, 2 + -0.5


def test_calculus_minus_signs_read_well():
    # displayed prose uses "−", and a negative after an operator is bracketed: 2 + (−0.5), never 2 + -0.5;
    # formulas ($...$) are LaTeX: their minus signs are typeset, and still bracketed after an operator
    for template_id in CALCULUS:
        for seed in range(120):
            p = BANK[template_id].generate(seed)
            specs = p.spec.parts if p.spec.kind == "multi" else (p.spec,)
            texts = [p.prompt, *p.hints, *(s.text for s in p.steps), *(q.label or "" for q in specs),
                     *(m.explanation for q in specs for m in q.mistakes)]
            for text in texts:
                for is_formula, piece in segments(text):
                    if is_formula:
                        assert "−" not in piece and not BARE_AFTER_LATEX_OPERATOR.search(piece), (template_id, seed, text)
                    else:
                        assert not ASCII_MINUS.search(piece), (template_id, seed, text)
                        assert not BARE_AFTER_OPERATOR.search(piece), (template_id, seed, text)
