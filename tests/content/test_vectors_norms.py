"""Seed instances of the vector, norm, Hadamard and tensor-shape families (000 §A, 002 §2.1, 004 §3.1)."""

import re

from tutor.bank import load_bank
from tutor.core.mathtext import segments

BANK = load_bank()


def _steps(p) -> str:
    return "\n".join(s.text for s in p.steps)


def _diagnosis(verdict) -> str:
    """Diagnosis and message of a verdict and of its parts, as one text."""
    texts = [verdict.diagnosis or "", verdict.message]
    for part in verdict.parts:
        texts += [part.diagnosis or "", part.message]
    return " ".join(texts)


def test_magnitude_unit_seed_instance():
    p = BANK["vectors.magnitude_unit"].seed_instance()
    assert p.answer == "5.000; [0.6000, 0.8000]"
    assert p.check("5; [0.6, 0.8]").correct  # exact values are right at any length
    assert p.check(p.answer).correct
    assert p.check("5; [3/5, 4/5]").correct
    assert p.check("sqrt(25); (0.6, 0.8)").correct
    no_root = p.check("25; [0.6, 0.8]")
    assert not no_root.correct and not no_root.parts[0].correct and no_root.parts[1].correct
    assert "square root" in _diagnosis(no_root)
    squared = p.check("5; [0.12, 0.16]")
    assert not squared.correct and "‖v‖²" in _diagnosis(squared)
    assert r"\sqrt{25} = 5" in _steps(p)


def test_add_scale_seed_instance():
    p = BANK["vectors.add_scale"].seed_instance()
    assert "$2a - 3b$" in p.prompt
    assert p.answer == "[-6, -1]"
    assert p.check(p.answer).correct
    assert p.check("(-6, -1)").correct
    sign = p.check("[18, 17]")
    assert not sign.correct and "sign of the b term" in (sign.diagnosis or "")
    swapped = p.check("[-1, -6]")  # the coefficients exchanged: −3a + 2b
    assert not swapped.correct and "swapped" in (swapped.diagnosis or "")
    assert "({-12}, {-9})" in _steps(p)  # a formula: LaTeX, negatives braced to read as signs


def test_dot_product_seed_instance():
    p = BANK["vectors.dot_product"].seed_instance()
    assert p.answer == "5"
    assert p.check("5").correct and p.check("5.0").correct
    added = p.check("9")
    assert not added.correct and "added the aligned entries" in (added.diagnosis or "")
    assert not p.check("4").correct
    assert "2 + 0 + 3 = 5" in _steps(p)


def test_dot_sign_angle_seed_instance():
    p = BANK["vectors.dot_sign_angle"].seed_instance()
    assert p.answer == "acute"
    assert p.check("acute").correct and p.check("Acute").correct and p.check("ac").correct
    wrong = p.check("obtuse")
    assert not wrong.correct and "a·b < 0" in (wrong.diagnosis or "")
    right = p.check("right")
    assert not right.correct and "a·b = 0 exactly" in (right.diagnosis or "")
    assert r"$a \cdot b = 1 > 0$" in _steps(p)
    assert r"\theta = 45^\circ" in _steps(p)


def test_dot_sign_angle_draws_every_class():
    t = BANK["vectors.dot_sign_angle"]
    answers = {t.generate(seed).answer for seed in range(60)}
    assert answers == {"acute", "right", "obtuse"}
    right = next(t.generate(s) for s in range(60) if t.generate(s).answer == "right")
    a, b = right.params["a"], right.params["b"]
    assert sum(x * y for x, y in zip(a, b, strict=True)) == 0


def test_cosine_angle_seed_instance():
    p = BANK["cosine.angle"].seed_instance()
    assert p.answer == "0.7071; 45.00"
    assert p.check("0.7071; 45").correct  # 45° exactly
    assert p.check(p.answer).correct
    assert p.check("1/sqrt(2); 45.0").correct
    radians = p.check("0.7071; 0.7854")
    assert not radians.correct and radians.parts[0].correct and not radians.parts[1].correct
    assert "radians" in _diagnosis(radians)
    dot_only = p.check("1; 45")
    assert "dot product" in _diagnosis(dot_only)
    assert r"= \frac{1}{\sqrt{2}} \approx 0.70710678 \approx 0.7071$" in _steps(p)


def test_cosine_angle_d1_instance():
    p = BANK["cosine.angle"].instance(a=(3, 4), b=(4, 3))  # 000 §D.1
    assert p.answer == "0.9600; 16.26"
    assert p.check("24/25; 16.26").correct


def test_vector_norms_seed_instance():
    p = BANK["norms.vector_norms"].seed_instance()
    assert p.answer == "7; 5.000; 4; 5.477"
    assert p.check("7; 5; 4; 5.4772").correct
    assert p.check(p.answer).correct
    assert p.check("7; sqrt(25); 4; sqrt(30)").correct
    signed_sum = p.check("-1; 5; 4; 5.4772")
    assert not signed_sum.correct and "absolute values" in _diagnosis(signed_sum)
    max_signed = p.check("7; 5; 3; 5.4772")
    assert not max_signed.correct and "negative entry" in _diagnosis(max_signed)
    fro_squared = p.check("7; 5; 4; 30")
    assert "square root" in _diagnosis(fro_squared)
    assert r"\sqrt{30} \approx 5.47722558 \approx 5.477$" in _steps(p)


def test_weight_decay_seed_instance():
    p = BANK["norms.weight_decay"].seed_instance()
    assert p.answer == "0.9900; 1.9300; 1.8088"
    assert p.check("0.99; 1.93; 1.8088").correct
    assert p.check(p.answer).correct
    assert p.check("0.990; 1.9300; 1.80876").correct  # 2·0.99¹⁰ = 1.808764…
    assert not p.check("1; 1.93; 1.8088").correct  # the factor must be exact to 4 decimals
    linear = p.check("0.99; 1.93; 1.8")
    assert not linear.correct and "compounds" in _diagnosis(linear)
    doubled = p.check("0.98; 1.93; 1.8088")
    assert not doubled.correct and "1 − 2ηλ" in _diagnosis(doubled)
    wrong_way = p.check("0.99; 2.03; 1.8088")
    assert "against the gradient" in _diagnosis(wrong_way)
    assert r"= 1.98 - 0.05 = 1.93$" in _steps(p)


def test_hadamard_seed_instance():
    p = BANK["matrices.hadamard"].seed_instance()
    assert p.answer == "[[5, 12], [21, 32]]"
    assert p.check(p.answer).correct
    assert p.check("[5 12; 21 32]").correct
    matmul = p.check("[[19, 22], [43, 50]]")
    assert not matmul.correct and "matrix product" in (matmul.diagnosis or "")
    added = p.check("[[6, 8], [10, 12]]")
    assert not added.correct and "added" in (added.diagnosis or "")
    assert r"$AB = \begin{bmatrix} 19 & 22 \\ 43 & 50 \end{bmatrix}$" in _steps(p)
    assert r"$(AB)_{11}$ is row 1 · column 1, $1 \cdot 5 + 2 \cdot 7 = 19$" in _steps(p)


def test_reshape_broadcast_seed_instance():
    p = BANK["tensors.reshape_broadcast"].seed_instance()
    assert p.answer == "(6, 4); (2, 4, 3); (2, 3, 4)"
    assert p.check(p.answer).correct
    assert p.check("6x4; 2 x 4 x 3; [2, 3, 4]").correct  # "2x4x3" is misread, see report
    total = p.check("(6, 24); (2, 4, 3); (2, 3, 4)")
    assert not total.correct and "not the total count" in _diagnosis(total)
    kept_ones = p.check("(6, 4); (2, 4, 3); (2, 1, 1)")
    assert not kept_ones.correct and "stretched" in _diagnosis(kept_ones)
    unpermuted = p.check("(6, 4); (2, 3, 4); (2, 3, 4)")
    assert not unpermuted.correct and not unpermuted.parts[1].correct
    assert r"$\frac{24}{6} = 4$" in _steps(p)
    assert "x.permute(0, 2, 1)" in p.prompt and "$b$ has shape $(2, 3, 1)$" in p.prompt


# Reviewer fixes: the check step's "≈ 1", and typographic minus signs in displayed text.

_ASCII_NEGATIVE = re.compile(r"(?<![A-Za-z_])-(?=[\d.(\[])")  # "-2", "-(", "-[" in displayed text


def test_magnitude_unit_check_step_is_exact():
    t = BANK["vectors.magnitude_unit"]
    rounded = t.instance(v=(-4, -2, 4))  # seed 11
    assert rounded.answer == "6.000; [-0.6667, -0.3333, 0.6667]"
    steps = _steps(rounded)
    # the squares of the unit entries are exact fractions: their sum is exactly 1, never "≈ 1"
    assert r"\|\hat{u}\|^2 = \frac{16}{36} + \frac{4}{36} + \frac{16}{36} = \frac{36}{36} = 1$ ✓" in steps
    assert (r"\frac{({-4}, {-2}, 4)}{6} = \left({-\frac{2}{3}}, {-\frac{1}{3}}, \frac{2}{3}\right)"
            r" \approx ({-0.6667}, {-0.3333}, 0.6667)$") in steps
    exact_sum = _steps(t.seed_instance())
    assert r"\|\hat{u}\|^2 = \frac{9}{25} + \frac{16}{25} = \frac{25}{25} = 1$ ✓" in exact_sum
    assert r"v = \|v\|\,\hat{u} = 5 \cdot (0.6, 0.8)$" in exact_sum
    irrational = t.instance(v=(-5, 6))
    assert irrational.answer == "7.810; [-0.6402, 0.7682]"
    assert r"\sqrt{61} \approx 7.81024968 \approx 7.810$" in _steps(irrational)  # the step ends at the canonical answer


def test_cosine_two_vectors_negative_display():
    p = BANK["cosine.two_vectors"].instance(a=(-1, 0, -1), b=(-1, -5, 2))  # seed 11
    assert p.answer == "-0.1291"
    steps = _steps(p)
    assert "a·b = (−1)·(−1) + 0·(−5) + (−1)·2 = −1" in steps
    assert r"= \frac{-1}{\sqrt{60}} \approx -0.12909944 \approx -0.1291$" in steps  # a formula: LaTeX
    assert "arccos(cos θ) ≈ 97.42°" in steps


def test_vector_families_display_typographic_minus():
    families = ("cosine.two_vectors", "cosine.angle", "vectors.magnitude_unit", "vectors.add_scale",
                "vectors.dot_product", "vectors.dot_sign_angle", "norms.vector_norms",
                "norms.weight_decay", "matrices.hadamard")
    for tid in families:
        t = BANK[tid]
        for seed in range(60):
            p = t.generate(seed)
            texts = [p.prompt, *p.hints, *(s.text for s in p.steps)]
            for text in texts:  # formulas ($...$) are LaTeX: their minus signs are typeset
                prose = "".join(piece for is_formula, piece in segments(text) if not is_formula)
                assert not _ASCII_NEGATIVE.search(prose), (tid, seed, text)
            assert "−" not in p.answer, (tid, seed, p.answer)  # the typed answer stays ASCII
