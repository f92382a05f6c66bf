"""The matrix families on the precision contract (issue 8): the classic mistakes and the small
things the review saw on screen, one by one. The bank-wide rules are in
test_precision_contract.py.
"""

from __future__ import annotations

import functools
from fractions import Fraction

from tutor.bank import load_bank
from tutor.core.answers import AnswerSpec
from tutor.core.formatting import rounded

BANK = load_bank()
SEEDS = range(80)


@functools.cache
def _problems(tid: str):
    template = BANK[tid]
    return tuple(template.generate(seed) for seed in SEEDS)


def _parts(spec: AnswerSpec) -> tuple[AnswerSpec, ...]:
    return spec.parts if spec.kind == "multi" else (spec,)


def _mistakes(problem, index: int) -> list[str]:
    return [m.explanation for m in _parts(problem.spec)[index].mistakes]


def _some(tid: str, index: int, fragment: str) -> list:
    found = [p for p in _problems(tid) if any(fragment in e for e in _mistakes(p, index))]
    assert found, (tid, fragment)
    return found


# -- the classic mistakes, by name --------------------------------------------------------------


def test_matmul_entries_diagnoses_a_transpose_b():
    p = BANK["matrices.matmul_entries"].seed_instance()  # [[1, 2], [3, 4]]·[[5, 6], [7, 8]]
    v = p.check("[[26, 30], [38, 44]]")  # Aᵀ·B
    assert not v.correct and "Aᵀ·B" in v.message and not v.close
    assert "Hadamard" in p.check("[[5, 12], [21, 32]]").message
    assert "A·Bᵀ" in p.check("[[17, 23], [39, 53]]").message
    assert r"\begin{bmatrix} 19 & 22 \\ 43 & 50 \end{bmatrix}" in p.steps[-1].text


def test_matmul_entries_and_matvec_diagnose_the_sign_of_negative_products():
    q = BANK["matrices.matmul_entries"].instance(A=((1, -3), (1, 1)), B=((1, 2), (-4, -2)))
    assert q.answer == "[[13, 8], [-3, 0]]"
    slip = q.check("[[-11, -4], [-3, 0]]")
    assert "negative times a negative" in slip.message
    mv = BANK["matrices.matvec"].instance(W=((-2, 1), (1, 1), (3, 0)), x=(-1, 2))
    assert mv.answer == "[4, 1, -3]"
    assert "negative times a negative" in mv.check("[0, 1, -3]").message


def test_eigen_2x2_diagnoses_the_sign_slips():
    p = BANK["matrices.eigen_2x2"].seed_instance()  # [[4, 2], [1, 3]]: 5, 2; [2, 1], [-1, 1]
    assert p.answer == "5; 2; [2, 1]; [-1, 1]"
    assert "sign of v₁" in p.check("5; 2; [-2, 1]; [-1, 1]").parts[2].message
    assert "sign of the λ term" in p.check("-2; 2; [2, 1]; [-1, 1]").parts[0].message
    plus = _some("matrices.eigen_2x2", 0, "+ b·c")
    for q in plus[:10]:
        assert q.check(q.answer).correct


def test_eigen_2x2_eigenvalues_are_whole_and_one_off_is_not_rounding():
    p = BANK["matrices.eigen_2x2"].seed_instance()
    v = p.check("6; 2; [2, 1]; [-1, 1]").parts[0]
    assert not v.correct and "off by one" in v.message
    assert p.check("5.0; 2.00; [2.0, 1]; [-1, 1.0]").correct
    assert "whole number" in p.check("5.5; 2; [2, 1]; [-1, 1]").parts[0].message


def test_determinant_counts_and_mistakes():
    p = BANK["matrices.determinant"].instance(A=((1, 3), (2, 1)), area=2)
    assert p.answer == "-5; 10; yes"
    assert "Give det(A) and the area as whole numbers." in p.prompt
    assert "main diagonal" in p.check("1; 10; yes").parts[0].message  # a·d alone
    assert "not increased" in p.check("-5; 7; yes").parts[1].message  # |det| + area
    assert "never negative" in p.check("-5; -10; yes").parts[1].message
    assert "off by one" in p.check("-4; 10; yes").parts[0].message


def test_low_rank_counts_are_exact_and_the_factor_has_4_significant_figures():
    t = BANK["matrices.low_rank"]
    p = t.instance(m=2048, n=1024, r=64)
    assert p.answer == "64; 196608; 2097152; 10.67"
    assert p.prompt.endswith(
        "Give the rank of ΔW, the parameters of B and A and the parameters of a full ΔW as "
        "whole numbers, and the reduction factor to 4 significant figures."
    )
    assert p.check("64; 196,608; 2,097,152; 32/3").correct
    coarse = p.check("64; 196608; 2097152; 10.7").parts[3]
    assert coarse.close and "4 significant figures (you gave 3)" in coarse.message
    assert r"10.66666667\ldots \approx 10.67$" in p.steps[-1].text
    assert "twice the larger" in p.check("64; 262144; 2097152; 10.67").parts[1].message
    assert "saves" in p.check("64; 1900544; 2097152; 10.67").parts[1].message
    assert "does not depend on r" in p.check("64; 196608; 134217728; 10.67").parts[2].message
    assert "compared the ranks" in p.check("64; 196608; 2097152; 16").parts[3].message
    assert "parameter count" in p.check("196608; 196608; 2097152; 10.67").parts[0].message


def test_low_rank_says_one_column_for_rank_one():
    p = BANK["matrices.low_rank"].instance(m=1024, n=512, r=1)
    steps = "\n".join(s.text for s in p.steps)
    assert "1 columns" not in steps and "1 outer products" not in steps
    assert "B's single column" in steps and "a single outer product" in steps
    assert "only 1 dimension:" in steps or "1 dimensions" not in steps
    many = BANK["matrices.low_rank"].seed_instance()
    assert "B's 16 columns" in many.steps[0].text and "a sum of 16 outer products" in many.steps[0].text


def test_svd_truncation_answers_at_4_significant_figures_with_the_steps_agreeing():
    t = BANK["matrices.svd_truncation"]
    p = t.instance(sigma=(6, 4, 3, 1.5), k=1)
    assert p.answer == "5.220; 0.6564; 0.5692"
    assert "Give each to 4 significant figures." in p.prompt
    for text, value in zip(p.answer.split("; "), (r"\approx 5.220", r"\approx 0.6564", r"\approx 0.5692"), strict=True):
        assert value in "\n".join(s.text for s in p.steps), text
    assert p.check("sqrt(27.25); 0.6564; 36/63.25").correct
    assert p.check("5.22; 0.6564; 0.5692").parts[0].close
    seed = t.seed_instance()
    assert r"\sqrt{25} = 5$ (5.000 to 4 significant figures)" in seed.steps[1].text
    assert r"\frac{5}{13} \approx 0.3846154\ldots \approx 0.3846$" in seed.steps[3].text
    assert "relative error" in seed.check("0.3846; 0.3846; 0.8521").parts[0].message
    assert "spectral norm" in seed.check("5; 0.3333; 0.8521").parts[1].message  # σ₂/σ₁ = 4/12
    assert "‖A₁‖_F" in seed.check("5; 0.4167; 0.8521").parts[1].message  # 5/12
    assert "squares add" in seed.check("5; 0.3846; 0.6154").parts[2].message  # 1 − 5/13


def test_outer_product_rank_is_a_whole_number_and_sums_are_diagnosed():
    p = BANK["matrices.outer_product"].seed_instance()  # (1, 3)·(5, 6)ᵀ
    assert p.answer == "(2, 2); [[5, 6], [15, 18]]; 1"
    assert "Give the rank and the entries of u·vᵀ as whole numbers." in p.prompt
    assert "uᵢ + vⱼ" in p.check("(2, 2); [[6, 7], [8, 9]]; 1").parts[1].message
    assert "rank is 1" in p.check("(2, 2); [[5, 6], [15, 18]]; 2").parts[2].message
    q = BANK["matrices.outer_product"].instance(u=(1, 2, 3), v=(1, 2))
    assert "number of rows" in q.check("(3, 2); [[1, 2], [2, 4], [3, 6]]; 3").parts[2].message


def test_column_combination_diagnoses_swapped_weights_and_dropped_signs():
    p = BANK["matrices.column_combination"].seed_instance()  # A = [[1, 2], [3, 4]], x = (2, 3)
    assert "Give each entry as a whole number." in p.prompt
    assert "wrong columns" in p.check("[2, 6]; [6, 12]; [7, 17]").parts[2].message
    assert "scaled a₁ by x₂" in p.check("[3, 9]; [6, 12]; [8, 18]").parts[0].message
    q = BANK["matrices.column_combination"].instance(A=((-1, 3), (2, 5)), x=(2, -3))
    assert "minus sign" in q.check("[-2, 4]; [-9, -15]; [7, 19]").parts[2].message


def test_matmul_shapes_inner_dimension_is_a_whole_number():
    p = BANK["matrices.matmul_shapes"].instance(a_shape=(4, 3), b_shape=(3, 5))
    assert p.prompt.endswith("Give the inner dimension as a whole number.")
    assert "outer dimension" in p.check("AB; (4, 5); 4").parts[2].message
    assert "number of entries" in p.check("AB; (4, 5); 20").parts[2].message


def test_transpose_shapes_detects_a_forgotten_transpose_when_a_b_is_square():
    t = BANK["matrices.transpose_shapes"]
    p = t.instance(mode="product", dims=(3, 5, 3))
    assert p.answer == "(3, 3); (5, 5); no"
    forgot = p.check("(3, 3); (3, 3); no").parts[1]  # Aᵀ·Bᵀ taken as A·B
    assert not forgot.correct and "shape of A·B" in forgot.message
    assert "reverses the order" in p.check("(3, 3); (5, 5); yes").parts[2].message
    for q in _problems("matrices.transpose_shapes"):
        if q.params["mode"] == "product":
            m, n, k = q.params["dims"]
            forgot_all = q.check(f"({m}, {k}); ({m}, {k}); yes")  # every transpose ignored
            assert not forgot_all.correct, (q.seed, q.params)
    rectangular = t.instance(mode="product", dims=(2, 3, 4))
    assert rectangular.answer == "(4, 2); (4, 2); no"


def test_eigen_2x2_check_step_is_true_for_negative_and_zero_eigenvalues():
    t = BANK["matrices.eigen_2x2"]
    for p in _problems("matrices.eigen_2x2"):
        check = p.steps[-1].text
        lam1, lam2 = (int(x) for x in p.answer.split("; ")[:2])
        assert "only stretches" not in check
        if lam2 < 0:
            assert "flips $v_2$" in check, (p.seed, check)
        if lam1 < 0:
            assert "flips $v_1$" in check, (p.seed, check)
        if 0 in (lam1, lam2):
            assert "zero vector" in check, (p.seed, check)
        if lam1 > 0 and lam2 > 0:
            assert "flips" not in check and "zero vector" not in check
    flip = t.instance(A=((-3, -4), (2, 3)))  # λ = 1 and −1
    assert r"$\lambda = {-1} < 0$ also flips $v_2$" in flip.steps[-1].text


def test_svd_relative_error_exact_forms_and_rounded_forms_agree():
    p = BANK["matrices.svd_truncation"].seed_instance()
    for typed in ("5; 5/13; 144/169", "5.000; 0.38462; 0.85207", "√25; 0.3846; 0.8521"):
        assert p.check(typed).correct, typed
    short = p.check("5.000; 0.385; 0.852")
    assert all(part.close for part in short.parts[1:]) and not short.correct


def test_rounded_helper_matches_the_canonical_factor():
    # the worked steps and the canonical answer use the same rounding of the exact ratio
    p = BANK["matrices.low_rank"].instance(m=512, n=768, r=16)
    assert p.answer.endswith("; 19.20")
    assert rounded(Fraction(393216, 20480), sig_figs=4) == "19.20"
    assert "19.2$ (19.20 to 4 significant figures)" in p.steps[-1].text
