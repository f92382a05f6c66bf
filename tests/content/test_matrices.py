"""Matrix families: each reproduces its seed chapter's own example."""

import re

from tutor.bank import load_bank
from tutor.core.mathtext import segments

BANK = load_bank()


def _steps(problem) -> str:
    return "\n".join(s.text for s in problem.steps)


def _diagnosis(verdict, part=None) -> str:
    v = verdict if part is None else verdict.parts[part]
    return (v.diagnosis or "") + " " + v.message


def test_matvec_seed():
    # 004 §3.1: W = [[1, 0], [2, 3], [0, 1]], x = [1, 2] → y = [1, 8, 2]
    p = BANK["matrices.matvec"].seed_instance()
    assert p.answer == "[1, 8, 2]"
    assert p.check(p.answer).correct
    assert p.check("(1, 8, 2)").correct
    row_sums = p.check("[1, 5, 1]")
    assert not row_sums.correct and "without multiplying by x" in _diagnosis(row_sums)
    assert r"$y_{2} = (2, 3) \cdot (1, 2) = 2 \cdot 1 + 3 \cdot 2 = 8$" in _steps(p)


def test_matmul_entries_seed():
    # 000 §A.5: [[1, 2], [3, 4]]·[[5, 6], [7, 8]] = [[19, 22], [43, 50]]
    p = BANK["matrices.matmul_entries"].seed_instance()
    assert p.answer == "[[19, 22], [43, 50]]"
    assert p.check(p.answer).correct
    assert p.check("[19 22; 43 50]").correct
    ba = p.check("[[23, 34], [31, 46]]")
    assert not ba.correct and "not commutative" in _diagnosis(ba)
    transposed = p.check("[[19, 43], [22, 50]]")
    assert not transposed.correct and "transpose" in _diagnosis(transposed)
    assert "5 + 14 = 19" in _steps(p) and "18 + 32 = 50" in _steps(p)


def test_matmul_entries_rectangular_002_example():
    # 002 §2.1: (2×3)·(3×2) = [[50, 68], [122, 167]]
    t = BANK["matrices.matmul_entries"]
    p = t.instance(A=((1, 2, 3), (4, 5, 6)), B=((7, 10), (8, 11), (9, 12)))
    assert p.answer == "[[50, 68], [122, 167]]"
    assert "7 + 16 + 27 = 50" in _steps(p)


def test_matmul_shapes_seed():
    # 002 §2.1: (2×3)·(3×2) = (2×2); 000 §A.4: inner dims must match
    p = BANK["matrices.matmul_shapes"].seed_instance()
    assert p.answer == "both; (2, 2); 3"
    assert p.check(p.answer).correct
    assert p.check("Both; 2x2; 3").correct
    ba_shape = p.check("both; (3, 3); 3")
    assert not ba_shape.correct and ba_shape.parts[0].correct
    assert "B·A" in _diagnosis(ba_shape, 1)
    outer = p.check("both; (2, 2); 2")
    assert "outer dimension" in _diagnosis(outer, 2)
    assert r"$(2 \times 3) \cdot (3 \times 2)$" in _steps(p) and r"$3 \times 3$" in _steps(p)


def test_matmul_shapes_mismatch():
    p = BANK["matrices.matmul_shapes"].instance(a_shape=(4, 3), b_shape=(3, 5))
    assert p.answer == "AB; (4, 5); 3"
    wrong = p.check("both; (4, 5); 3")
    assert not wrong.correct and "Only one" in _diagnosis(wrong, 0)
    assert r"$5 \neq 4$: shape mismatch" in _steps(p)


def test_column_combination_seed():
    # 000 §A.5 view 3: A·(2, 3) = 2·(1, 3) + 3·(2, 4) = (2, 6) + (6, 12) = (8, 18)
    p = BANK["matrices.column_combination"].seed_instance()
    assert p.answer == "[2, 6]; [6, 12]; [8, 18]"
    assert p.answer.endswith("[8, 18]")
    assert p.check(p.answer).correct
    assert p.check("(2, 6); (6, 12); (8, 18)").correct
    rows = p.check("[2, 6]; [6, 12]; [11, 16]")
    assert not rows.correct and "rows of A" in _diagnosis(rows, 2)
    scaled_row = p.check("[2, 4]; [6, 12]; [8, 18]")
    assert "row 1" in _diagnosis(scaled_row, 0)
    assert (r"$Ax = \begin{bmatrix} 2 \\ 6 \end{bmatrix} + \begin{bmatrix} 6 \\ 12 \end{bmatrix}"
            r" = \begin{bmatrix} 8 \\ 18 \end{bmatrix}$") in _steps(p)


def test_outer_product_seed():
    # 000 §A.5 view 2: (1, 3)ᵀ·(5, 6) = [[5, 6], [15, 18]]
    p = BANK["matrices.outer_product"].seed_instance()
    assert p.answer == "(2, 2); [[5, 6], [15, 18]]; 1"
    assert p.check(p.answer).correct
    assert p.check("2x2; [5 6; 15 18]; 1").correct
    inner = p.check("(1, 1); [[5, 6], [15, 18]]; 1")
    assert "inner product" in _diagnosis(inner, 0)
    transposed = p.check("(2, 2); [[5, 15], [6, 18]]; 1")
    assert "v·uᵀ" in _diagnosis(transposed, 1)
    rank = p.check("(2, 2); [[5, 6], [15, 18]]; 2")
    assert "rank is 1" in _diagnosis(rank, 2)
    assert r"$3 \cdot \begin{bmatrix} 5 & 6 \end{bmatrix} = \begin{bmatrix} 15 & 18 \end{bmatrix}$" in _steps(p)


def test_transpose_shapes_seed():
    # 000 §A.6: Q, K of shape (S, d): Q·Kᵀ is (S, d)·(d, S) = (S, S)
    p = BANK["matrices.transpose_shapes"].seed_instance()
    assert p.answer == "(d, S); (S, S); no"
    assert p.check(p.answer).correct
    assert p.check("d x S; S×S; No").correct
    untransposed = p.check("(S, d); (S, S); no")
    assert "shape of K" in _diagnosis(untransposed, 0)
    wrong_inner = p.check("(d, S); (d, d); no")
    assert "inner" in _diagnosis(wrong_inner, 1)
    assert r"$(S \times d) \cdot (d \times S) = S \times S$" in _steps(p)


def test_transpose_shapes_product_and_backprop():
    t = BANK["matrices.transpose_shapes"]
    p = t.instance(mode="product", dims=(2, 3, 4))
    assert p.answer == "(4, 2); (4, 2); no"
    assert r"$(4 \times 3) \cdot (3 \times 2) = 4 \times 2$" in _steps(p)
    assert "A·B itself" in _diagnosis(p.check("(2, 4); (4, 2); no"), 0)
    q = t.instance(mode="backprop", dims=(10, 784))
    assert q.answer == "(784, 10); (10,); (784,)"
    assert "shape of x" in _diagnosis(q.check("(784, 10); (10,); (10,)"), 2)


def test_determinant_seed():
    # 000 §A.7: diag(2, 3) → det = 6, the unit square becomes a 2×3 rectangle of area 6
    p = BANK["matrices.determinant"].seed_instance()
    assert p.answer == "6; 6; yes"
    assert p.check(p.answer).correct
    assert p.check("6.0; 6; Yes").correct
    sign = p.check("-6; 6; yes")
    assert not sign.correct and "a·d − b·c" in _diagnosis(sign, 0)
    singular = p.check("6; 6; no")
    assert "invertible" in _diagnosis(singular, 2)
    assert r"$\det(A) = 2 \cdot 3 = 6$" in _steps(p)


def test_determinant_singular_and_negative():
    t = BANK["matrices.determinant"]
    p = t.instance(A=((1, 2), (2, 4)), area=1)
    assert p.answer == "0; 0; no"
    assert "not invertible" in _diagnosis(p.check("0; 0; yes"), 2)
    q = t.instance(A=((1, 3), (2, 1)), area=2)
    assert q.answer == "-5; 10; yes"
    assert "never negative" in _diagnosis(q.check("-5; -10; yes"), 1)


def test_low_rank_seed():
    # 000 §A.8: m = n = 4096, r = 16 → 16·8192 = 131,072 vs 16,777,216: a 128× reduction
    p = BANK["matrices.low_rank"].seed_instance()
    assert p.answer == "16; 131072; 16777216; 128.0"
    assert p.check(p.answer).correct
    assert p.check("16; 16*8192; 4096^2; 128").correct
    assert p.check("16; 131,072; 16,777,216; 128").correct
    off_by_one = p.check("16; 131071; 16777216; 128")
    assert not off_by_one.correct, "counts must be exact"
    assert "off by one" in off_by_one.parts[1].message and not off_by_one.parts[1].close
    rounded_count = p.check("16; 1.31e5; 16777216; 128")
    assert rounded_count.parts[1].close and "exact whole number" in rounded_count.parts[1].message
    only_b = p.check("16; 65536; 16777216; 128")
    assert "only B" in _diagnosis(only_b, 1)
    full_rank = p.check("4096; 131072; 16777216; 128")
    assert "min(m, n)" in _diagnosis(full_rank, 0)
    assert r"$r(m + n) = 16 \cdot 8{,}192 = 131{,}072$" in _steps(p) and "16{,}777{,}216" in _steps(p)


def test_svd_truncation_seed():
    # 000 §A.9 gives the rule ‖A − A_k‖_F² = σ_{k+1}² + …; the seed has no numbers:
    # σ = (12, 4, 3), k = 1 → error √(16 + 9) = 5, ‖A‖_F = 13, relative error 5/13
    p = BANK["matrices.svd_truncation"].seed_instance()
    assert p.answer == "5.000; 0.3846; 0.8521"
    assert p.check("5; 0.3846; 0.8521").correct  # 5 is exactly the error
    assert p.check(p.answer).correct
    assert p.check("sqrt(25); 5/13; 144/169").correct
    summed = p.check("7; 0.3846; 0.8521")
    assert "squares" in _diagnosis(summed, 0)
    squared = p.check("25; 0.3846; 0.8521")
    assert "square root" in _diagnosis(squared, 0)
    dropped = p.check("5; 0.3846; 0.1479")
    assert "dropped" in _diagnosis(dropped, 2)
    assert "$4^2 + 3^2 = 25$" in _steps(p) and r"\sqrt{169} = 13$" in _steps(p)


def test_eigen_2x2_seed():
    # 002 §2.1: A = [[4, 2], [1, 3]] → λ² − 7λ + 10 = 0 → 5, 2; v₁ = [2, 1], v₂ = [-1, 1]
    p = BANK["matrices.eigen_2x2"].seed_instance()
    assert p.answer == "5; 2; [2, 1]; [-1, 1]"
    assert p.check(p.answer).correct
    assert p.check("5.0; 2; (2, 1); (-1, 1)").correct
    order = p.check("2; 5; [2, 1]; [-1, 1]")
    assert "larger" in _diagnosis(order, 0)
    sign = p.check("-2; -5; [2, 1]; [-1, 1]")
    assert "sign" in _diagnosis(sign, 0).lower()
    swapped = p.check("5; 2; [-1, 1]; [2, 1]")
    assert "other eigenvalue" in _diagnosis(swapped, 2)
    steps = _steps(p)
    assert r"$\lambda^2 - 7\lambda + 10 = 0$" in steps
    assert r"$\begin{bmatrix} {-1} & 2 \\ 1 & {-2} \end{bmatrix} v = 0$" in steps


def test_eigen_2x2_draws_real_distinct_integer_eigenvalues():
    t = BANK["matrices.eigen_2x2"]
    for seed in range(100):
        p = t.generate(seed)
        lam1, lam2 = (int(x) for x in p.answer.split(";")[:2])
        assert lam1 > lam2


# Reviewer fixes: minus signs, orientation wording, 1-based indexing, σ lists.

_ASCII_NEGATIVE = re.compile(r"(?<![A-Za-z_])-(?=[\d.(\[])")  # "-2", "-(", "-[" in displayed text


def _displayed(p) -> list[str]:
    return [p.prompt, *p.hints, *(s.text for s in p.steps), *(s.title for s in p.steps)]


def test_matrix_families_display_typographic_minus():
    families = ("matrices.matvec", "matrices.outer_product", "matrices.column_combination",
                "matrices.determinant", "matrices.eigen_2x2", "matrices.matmul_entries")
    for tid in families:
        t = BANK[tid]
        for seed in range(60):
            p = t.generate(seed)
            for text in _displayed(p):  # formulas ($...$) are LaTeX: their minus signs are typeset
                prose = "".join(piece for is_formula, piece in segments(text) if not is_formula)
                assert not _ASCII_NEGATIVE.search(prose), (tid, seed, text)
            assert "−" not in p.answer, (tid, seed, p.answer)  # the typed answer stays ASCII


def test_determinant_diagonal_negative_entries():
    t = BANK["matrices.determinant"]
    both = t.instance(A=((-2, 0), (0, -2)), area=10)  # seed 28
    assert both.answer == "4; 40; yes"
    steps = _steps(both)
    assert r"$\det(A) = ({-2}) \cdot ({-2}) = 4$" in steps and r"{-2} \cdot {-2}" not in steps
    assert "stretches by -" not in steps and "flips both axes" in steps
    one = t.instance(A=((2, 0), (0, -2)), area=4)  # seed 63
    assert one.answer == "-4; 16; yes"
    steps = _steps(one)
    assert r"$\det(A) = 2 \cdot ({-2}) = {-4}$" in steps
    assert r"scales areas by $|\det(A)| = 4$ and flips orientation" in steps
    assert r"$\det(A) = {-4} \neq 0$" in steps


def test_determinant_general_negative():
    p = BANK["matrices.determinant"].instance(A=((-4, -2), (-1, 3)), area=1)
    assert p.answer == "-14; 14; yes"
    assert r"({-4}) \cdot 3 - ({-2}) \cdot ({-1}) = ({-12}) - 2 = {-14}$" in _steps(p)


def test_eigen_2x2_negative_eigenvalue_display():
    p = BANK["matrices.eigen_2x2"].instance(A=((0, 6), (1, -1)))  # seed 11
    assert p.answer == "2; -3; [3, 1]; [-2, 1]"
    assert p.check(p.answer).correct
    steps = _steps(p)
    assert r"$\lambda_2 = {-3}$" in steps and r"\lambda_2 = -3" not in steps  # braced: a sign
    assert r"$(A - ({-3}) I)v = 0$" in steps and r"$v = \begin{bmatrix} {-2} \\ 1 \end{bmatrix}$" in steps
    assert r"with $\operatorname{tr}(A) = {-1}$ and $\det(A) = {-6}$" in steps
    assert "Eigenvector for λ₂ = −3" in [s.title for s in p.steps]


def test_matmul_entries_one_based():
    p = BANK["matrices.matmul_entries"].seed_instance()
    steps = _steps(p)
    assert (r"(row 1 of A) · (column 1 of B): $C_{11} = (1, 2) \cdot (5, 7) = 1 \cdot 5 + 2 \cdot 7 = 5 + 14 = 19$"
            in steps)
    assert "(row 2 of A) · (column 2 of B): $C_{22} =" in steps
    assert "C[0" not in steps and "C_{0" not in steps and "C_{1" in steps
    titles = [s.title for s in p.steps]
    assert "Row 1 of C" in titles and "Row 2 of C" in titles and "Row 0 of C" not in titles
    q = BANK["matrices.matmul_entries"].instance(A=((1, -3), (1, 1), (3, 3)), B=((1, 2), (4, -2)))
    assert (r"(row 3 of A) · (column 2 of B): $C_{32} = (3, 3) \cdot (2, {-2}) = 3 \cdot 2 + 3 \cdot ({-2})"
            r" = 6 + ({-6}) = 0$") in _steps(q)


def test_svd_truncation_lists_kept_values():
    t = BANK["matrices.svd_truncation"]
    two = t.instance(sigma=(15, 12, 9, 4, 1), k=2).steps[0].text  # seed 11
    assert r"keeps $\sigma_{1}$ and $\sigma_{2}$ together" in two
    assert r"$A_{2} = \sigma_{1} u_{1} v_{1}^\top + \sigma_{2} u_{2} v_{2}^\top$." in two
    assert r"\dots" not in two
    one = _steps(t.seed_instance())
    assert r"keeps $\sigma_{1}$ together with its singular vectors" in one
    assert r"$A_{1} = \sigma_{1} u_{1} v_{1}^\top$." in one
    three = _steps(t.instance(sigma=(9, 5, 3, 1), k=3))
    assert r"keeps $\sigma_{1}$, $\sigma_{2}$ and $\sigma_{3}$" in three and "remaining one to zero" in three
    four = _steps(t.instance(sigma=(9, 7, 5, 3, 1), k=4))
    assert r"$\sigma_{1}, \dots, \sigma_{4}$" in four
    assert r"\sigma_{1} u_{1} v_{1}^\top + \dots + \sigma_{4} u_{4} v_{4}^\top" in four


def test_minus_signs_in_matvec_outer_and_columns():
    mv = BANK["matrices.matvec"].instance(W=((-2, 0, 2), (-2, 1, 0), (-3, -2, 0)), x=(1, 3, -1))
    assert mv.answer == "[-4, 1, -9]"
    # a formula: LaTeX, its negatives braced so that they are typeset as signs
    assert r"({-2}, 0, 2) \cdot (1, 3, {-1}) = ({-2}) \cdot 1 + 0 \cdot 3 + 2 \cdot ({-1}) = {-4}$" in _steps(mv)
    op = BANK["matrices.outer_product"].instance(u=(-3, 4), v=(-1, -3))
    assert (r"row 1: $({-3}) \cdot \begin{bmatrix} {-1} & {-3} \end{bmatrix} = \begin{bmatrix} 3 & 9 \end{bmatrix}$"
            in _steps(op))
    cc = BANK["matrices.column_combination"].instance(A=((-1, 3), (2, 5)), x=(2, -3))
    assert (r"$x_{2} a_{2} = {-3} \begin{bmatrix} 3 \\ 5 \end{bmatrix}"
            r" = \begin{bmatrix} {-9} \\ {-15} \end{bmatrix}$") in _steps(cc)
