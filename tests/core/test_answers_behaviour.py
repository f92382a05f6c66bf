"""Specific behaviours of the answer checker: messages, positions, diagnoses, parts."""

from __future__ import annotations

import pytest

from tutor.core.answers import AnswerSpec, Mistake, Verdict, check, check_spec


def test_public_example() -> None:
    v = check("24/25", "0.96")
    assert v.correct is True
    assert v.message == ""
    assert isinstance(v, Verdict)


def test_check_accepts_spec_and_options() -> None:
    spec = AnswerSpec(kind="number", expected="0.5")
    assert check(spec, "1/2").correct
    assert check(spec, "50%", allow_percent=True).correct
    assert check_spec(spec, "0.5").correct
    assert check("x^2", "x*x", kind="expression", variables=["x"]).correct  # list coerced


# -- syntax errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "position", "fragment"),
    [
        ("(1+2))", 5, "Unexpected ')' at character 6 — there is no '(' for it to close"),
        ("2*(1+3", 2, "Missing ')' for the '(' at character 3"),
        ("1 + 2*", 5, "Missing number after '*' at character 6"),
        ("*2", 0, "Missing number before '*' at character 1"),
        ("sinn(1)", 0, "Unknown function 'sinn' at character 1 — did you mean sin?"),
        ("(1+2]", 4, "Mismatched brackets"),
        ("1 2", 2, "Missing operator before '2' at character 3"),
        ("()", 0, "Empty brackets at character 1"),
        ("2 = 2", 2, "Unexpected character '=' at character 3"),
        ("1.2.3", 3, "Unexpected '.' at character 4"),
        ("sqrt()", 0, "missing its input"),
    ],
)
def test_syntax_error_positions(given: str, position: int, fragment: str) -> None:
    v = check("3", given, kind="number")
    assert v.invalid and not v.correct
    assert v.position == position, v
    assert fragment in v.message, v.message


def test_position_counts_original_characters() -> None:
    # "π" becomes "pi" internally, but the position refers to what the learner typed
    v = check("3", "π+)", kind="number")
    assert v.invalid and v.position == 2, v


def test_unknown_variable_message_lists_variables() -> None:
    v = check("x*y", "x*q", kind="expression", variables=("x", "y"))
    assert v.invalid
    assert "Unknown variable 'q'" in v.message and "this answer uses x, y" in v.message
    assert v.position == 2


def test_case_hint_for_variables() -> None:
    v = check("2*x", "2X", kind="expression", variables=("x",))
    assert v.invalid and "case-sensitive" in v.message


def test_lookalike_letter_is_explained() -> None:
    v = check("x^2", "х^2", kind="expression", variables=("x",))  # Cyrillic х
    assert v.invalid and "looks like the letter 'x'" in v.message and v.position == 0


def test_decimal_comma_is_explained() -> None:
    v = check("0.96", "0,96", kind="number")
    assert v.invalid and "0.96" in v.message and "decimal point" in v.message


# -- shapes --------------------------------------------------------------------------------


def test_swapped_shape_diagnosis() -> None:
    v = check("(4, 16)", "(16, 4)", kind="shape")
    assert not v.correct and not v.invalid
    assert v.diagnosis == (
        "The dimensions are swapped: you gave (16, 4), the shape is (4, 16) — "
        "check which side is the batch / transposed."
    )
    assert v.diagnosis in v.message
    assert v.reading == "(16, 4)"


def test_shape_product_is_not_a_shape() -> None:
    v = check("(4, 16)", "4*16", kind="shape")
    assert not v.correct and not v.invalid
    assert "64" in v.message and "(4, 16)" in v.message


def test_shape_wrong_rank_and_wrong_dim_messages() -> None:
    assert "3 dimensions; expected 2" in check("(4, 16)", "(4, 16, 1)", kind="shape").message
    assert "2nd dimension is wrong" in check("(4, 16)", "(4, 8)", kind="shape").message
    perm = check("(B, S, H)", "(S, B, H)", kind="shape")
    assert perm.diagnosis and "wrong order" in perm.diagnosis


# -- numbers -------------------------------------------------------------------------------


def test_close_flag_for_rounding_slip() -> None:
    v = check("24/31", "0.77")
    assert not v.correct and v.close
    assert v.message == "Close — check your rounding: expected about 0.7742."
    far = check("24/31", "0.5")
    assert not far.close


def test_close_within_ten_times_tolerance() -> None:
    assert check("0.7742", "0.78").close
    assert not check("0.7742", "0.9").close


def test_builtin_number_diagnoses() -> None:
    assert "opposite sign" in (check("0.5", "-0.5").diagnosis or "")
    assert "percentage" in (check("24/31", "77.42").diagnosis or "")
    assert "factor of 2" in (check("3", "6").diagnosis or "")
    assert "reciprocal" in (check("4", "0.25").diagnosis or "")


def test_undefined_and_non_finite_grade_wrong() -> None:
    for given in ("1/0", "inf", "nan", "ln(0)"):
        v = check("1", given)
        assert not v.correct and not v.invalid and v.message, (given, v)


def test_hostile_numbers_are_invalid_not_slow() -> None:
    for given in ("9^9^9", "9**9**9**9", "factorial(10^9)", "(10^7)!", "10^10^10", "e^1000"):
        v = check("1", given)
        assert v.invalid and "too large" in v.message, (given, v)


def test_reading_echoes_arithmetic_and_value() -> None:
    v = check("24/31", "0.8*0.3/0.31")
    assert v.correct and v.reading == "0.8·0.3/0.31 = 0.774194"


def test_decimals_requires_rounding() -> None:
    spec = AnswerSpec(kind="number", expected="0.7742", decimals=2)
    assert check_spec(spec, "0.77").correct and check_spec(spec, "0.774").correct
    v = check_spec(spec, "0.78")
    assert not v.correct and not v.close and "last digit" in v.message
    v = check_spec(spec, "0.8")
    assert not v.correct and v.close and "2 decimal places" in v.message


# -- expressions ---------------------------------------------------------------------------


def test_reading_for_ambiguous_division() -> None:
    right = check("1/(2*x)", "1/2x", kind="expression", variables=("x",))
    assert right.correct and right.reading == "1/(2·x)" and right.message == ""
    wrong = check("x/2", "1/2x", kind="expression", variables=("x",))
    assert not wrong.correct and wrong.reading == "1/(2·x)"
    assert "1/(2·x)" in wrong.message and "(1/2)x" in wrong.message


def test_reading_for_e_power_and_sin_squared() -> None:
    v = check("exp(2*x)", "e^2x", kind="expression", variables=("x",))
    assert not v.correct and v.reading == "e^2·x" and "e^(2x)" in v.message
    s = check("sin(x)^2", "sin^2(x)", kind="expression", variables=("x",))
    assert s.correct and s.reading == "sin(x)^2"
    inv = check("asin(x)", "sin^-1(x)", kind="expression", variables=("x",))
    assert inv.invalid and "asin" in inv.message


def test_expression_reading_is_normalised() -> None:
    v = check("2*x*cos(x^2)", "2x cos(x²)", kind="expression", variables=("x",))
    assert v.correct and v.reading == "2·x·cos(x^2)"


def test_expression_domain_issue_reported() -> None:
    v = check("x", "sqrt(x)^2 * x/x", kind="expression", variables=("x",))
    assert v.correct


# -- vectors and matrices ------------------------------------------------------------------


def test_vector_length_message() -> None:
    v = check("[0.2, 0.8]", "[0.2, 0.8, 0.1]", kind="vector")
    assert not v.correct and not v.invalid
    assert v.message == "Your vector has 3 entries; expected 2."


def test_vector_names_wrong_entry() -> None:
    v = check("[1, 2, 3]", "[1, 5, 3]", kind="vector")
    assert v.message.startswith("The 2nd entry is wrong")


def test_vector_sign_and_order_diagnoses() -> None:
    assert "opposite sign" in (check("[1, 2]", "[-1, -2]", kind="vector").diagnosis or "")
    assert "reverse order" in (check("[1, 2]", "[2, 1]", kind="vector").diagnosis or "")


def test_matrix_shape_message() -> None:
    v = check("[[1,2],[3,4]]", "[[1,2,3],[4,5,6]]", kind="matrix")
    assert not v.invalid and v.message.startswith("Your matrix is 2×3; expected 2×2")
    t = check("[[1,2],[3,4]]", "[[1,3],[2,4]]", kind="matrix")
    assert t.diagnosis == "You gave the transpose."
    e = check("[[1,2],[3,4]]", "[[1,2],[3,5]]", kind="matrix")
    assert "row 2, column 2" in e.message


# -- choices -------------------------------------------------------------------------------


def test_choice_messages() -> None:
    spec = AnswerSpec(kind="choice", expected="obtuse", choices=("acute", "right", "obtuse"))
    assert check_spec(spec, "obt").reading == "obtuse"
    bad = check_spec(spec, "straight")
    assert bad.invalid and "acute, right, obtuse" in bad.message
    ambiguous = AnswerSpec(kind="choice", expected="oblique", choices=("obtuse", "oblique"))
    v = check_spec(ambiguous, "ob")
    assert v.invalid and "obtuse or oblique" in v.message


# -- mistakes ------------------------------------------------------------------------------

COSINE = AnswerSpec(
    kind="number",
    expected="0.96",
    mistakes=(
        Mistake("24", "You computed the dot product but did not divide by the norms."),
        Mistake("0.04", "That is 1 minus the cosine similarity (a distance), not the similarity."),
    ),
)


def test_declared_mistake_diagnosed() -> None:
    v = check_spec(COSINE, "24")
    assert not v.correct and not v.invalid
    assert v.diagnosis == "You computed the dot product but did not divide by the norms."
    assert v.diagnosis in v.message
    v2 = check_spec(COSINE, "1/25")
    assert v2.diagnosis and "distance" in v2.diagnosis
    assert check_spec(COSINE, "0.5").diagnosis is None


def test_declared_mistake_on_shape_overrides_builtin() -> None:
    spec = AnswerSpec(
        kind="shape",
        expected="(32, 10)",
        mistakes=(Mistake("(10, 32)", "W has one row per output unit."),),
    )
    v = check_spec(spec, "10x32")
    assert v.diagnosis == "W has one row per output unit."
    assert "W has one row per output unit." in v.message


# -- multi-part ----------------------------------------------------------------------------

MLP = AnswerSpec(
    kind="multi",
    parts=(
        AnswerSpec(kind="shape", expected="(4, 16)", label="shape of h"),
        AnswerSpec(
            kind="shape",
            expected="(16, 10)",
            label="shape of W₂",
            mistakes=(Mistake("(10, 16)", "PyTorch's Linear stores W as (out, in)."),),
        ),
        AnswerSpec(kind="number", expected="170", label="parameters"),
    ),
)


def test_multi_part_verdicts() -> None:
    v = check_spec(MLP, "(4, 16); (16, 10); 170")
    assert v.correct and len(v.parts) == 3 and all(p.correct for p in v.parts)
    assert v.reading == "(4, 16); (16, 10); 170"
    w = check_spec(MLP, "4x16; (10, 16); 170")
    assert not w.correct and not w.invalid
    assert [p.correct for p in w.parts] == [True, False, True]
    assert "Part 2 (shape of W₂) is wrong" in w.message
    assert w.diagnosis == "PyTorch's Linear stores W as (out, in)."
    assert "Parts 1 and 3 are right." in w.message


def test_multi_part_count_and_invalid_part() -> None:
    v = check_spec(MLP, "(4, 16); (16, 10)")
    assert v.invalid and v.message == "This question has 3 parts separated by ';' — you gave 2."
    bad = check_spec(MLP, "(4, 16); (16, 10; 170")
    assert bad.invalid and bad.message.startswith("Part 2 (shape of W₂):")
    assert bad.position == 9  # the '(' of part 2 in the text as typed
    assert bad.parts[0].correct


def test_multi_semicolons_inside_brackets_do_not_split() -> None:
    spec = AnswerSpec(expected="[1 2; 3 4]; 5")
    assert check_spec(spec, "[1 2; 3 4]; 5").correct


def test_multi_close_and_auto_parts() -> None:
    v = check("1/2; 24/31", "0.5; 0.77")
    assert not v.correct and v.close and v.parts[1].close


# -- determinism ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "given", "kind", "options"),
    [
        ("2*x*cos(x^2)", "2x cos(x²)", "expression", {"variables": ("x",)}),
        ("sin(x)", "x - x^3/6", "expression", {"variables": ("x",)}),
        ("24/31", "0.77", "number", {}),
        ("(4, 16)", "(16, 4)", "shape", {}),
    ],
)
def test_deterministic(expected: str, given: str, kind: str, options: dict) -> None:
    first = check(expected, given, kind, **options)
    for _ in range(3):
        assert check(expected, given, kind, **options) == first


def test_bad_spec_never_raises() -> None:
    assert check("1", "1", kind="bogus").invalid
    assert check("1", "1", not_an_option=3).invalid
    assert check("(((", "1").invalid
    assert check_spec(AnswerSpec(kind="number", expected="9^9^9"), "1").invalid


def test_thousands_separators_are_read_for_counts_and_echoed():
    v = check("131072", "131,072", "number")
    assert v.correct and "thousands" in v.reading
    assert not check("1.5", "1,500", "number").correct  # read as 1500, and the reading says so
    assert check("0.96", "0,96", "number").invalid  # a leading 0 can only be a decimal comma


def test_column_vector_typed_as_nested_lists():
    assert check("[1, 8, 2]", "[[1],[8],[2]]", "vector").correct
    assert not check("[1, 8, 2]", "[[1],[8],[3]]", "vector").correct


def test_choice_options_are_normalised_like_answers():
    assert check("Bᵀ", "BT", "choice", choices=("Bᵀ", "Aᵀ")).correct
    assert check("Bᵀ", "Bᵀ", "choice", choices=("Bᵀ", "Aᵀ")).correct
    assert not check("Bᵀ", "AT", "choice", choices=("Bᵀ", "Aᵀ")).correct


def test_compact_three_and_four_dimensional_shapes():
    assert check("(2, 4, 3)", "2x4x3", "shape").correct
    assert check("(8, 3, 32, 32)", "8X3X32X32", "shape").correct
    assert not check("(2, 4, 3)", "2x4x4", "shape").correct


def test_sigma_is_the_logistic_function_unless_declared_as_a_variable():
    assert check("sigmoid(x)*(1-sigmoid(x))", "σ(x)(1-σ(x))", "expression", variables=("x",)).correct
    assert check("sigma*x", "σ(x)", "expression", variables=("x", "sigma")).correct


def test_a_longer_decimal_is_judged_by_its_own_digits():
    assert check("0.333", "1/3", "number").correct  # an exact form of the author's rounding
    assert check("9.6", "9.6", "number", decimals=6).correct
    assert not check("9.6", "9.61", "number", decimals=6).correct


def test_expressions_are_also_compared_below_zero_where_both_are_real():
    assert not check("abs(x)", "x", "expression", variables=("x",)).correct
    assert not check("sqrt(x^2)", "x", "expression", variables=("x",)).correct
    # equal on the positive domain, and 2·ln(x) is not real below zero: not held against it
    assert check("ln(x^2)", "2*ln(x)", "expression", variables=("x",)).correct


def test_rounded_to_four_or_more_decimal_places_is_accepted():
    assert check("0.006614", "0.0066", "number").correct
    assert check("[0.006614, 0.9756]", "[0.0066, 0.9756]", "vector").correct
    assert not check("0.006614", "0.0067", "number").correct
    assert not check("0.00003", "0.0000", "number").correct


def test_degrees_may_be_written_after_a_number():
    for given in ("45°", "45 degrees", "45 deg"):
        v = check("45", given, "number")
        assert v.correct and "degrees" in v.reading
    assert not check("45", "44°", "number").correct


def test_choice_accepts_natural_wordings():
    angles = ("acute", "right", "obtuse")
    for given in ("right angle", "a right angle", "perpendicular", "orthogonal"):
        assert check("right", given, "choice", choices=angles).correct, given
    extrema = ("minimum", "maximum", "saddle")
    assert check("minimum", "local minimum", "choice", choices=extrema).correct
    assert check("saddle", "saddle point", "choice", choices=extrema).correct
    assert check("dependent", "not independent", "choice", choices=("independent", "dependent")).correct
    assert not check("right", "obtuse angle", "choice", choices=angles).correct


def test_a_scaled_vector_is_diagnosed():
    v = check("[2, 1]", "[4, 2]", "vector")
    assert not v.correct and "2 times" in v.diagnosis


def test_a_declared_mistake_speaks_for_itself():
    spec = AnswerSpec(kind="shape", expected="(4, 16)", mistakes=(Mistake("(4, 8)", "That is the input's shape."),))
    v = check_spec(spec, "(4, 8)")
    assert v.message == "That is the input's shape." and v.diagnosis == v.message
