"""The vector, norm, cosine, Hadamard and tensor-shape families on the precision contract
(issue 8): their classic mistakes by name. The bank-wide rules are in test_precision_contract.py.
"""

from __future__ import annotations

from tutor.bank import load_bank

BANK = load_bank()
SEEDS = range(120)


# -- the classic mistakes, diagnosed by name on concrete variants ---------------------------------


def _said(verdict) -> str:
    return " ".join([verdict.diagnosis or "", verdict.message,
                     *(f"{p.diagnosis or ''} {p.message}" for p in verdict.parts)])


def test_dot_product_integer_slips() -> None:
    p = BANK["vectors.dot_product"].seed_instance()  # (1, 2, 3)·(2, 0, 1) = 5
    assert p.prompt.endswith("Give your answer as a whole number.")
    for typed in ("4", "6"):
        v = p.check(typed)
        assert not v.correct and not v.close and "off by one" in v.message
    assert "stopped one position early" in _said(p.check("2"))  # new
    assert "reverse order" in _said(p.check("7"))  # new
    assert "added the aligned entries" in _said(p.check("9"))


def test_add_scale_new_diagnoses() -> None:
    p = BANK["vectors.add_scale"].seed_instance()  # 2a − 3b, a = (3, 4), b = (4, 3)
    assert p.prompt.endswith("Give each entry as a whole number.")
    assert "left out both factors" in _said(p.check("[-1, 1]"))
    assert "scales only its own vector" in _said(p.check("[-42, -42]"))
    off = p.check("[-6, 0]")
    assert not off.correct and not off.close and "off by one" in off.message


def test_magnitude_unit_precision_and_new_diagnoses() -> None:
    p = BANK["vectors.magnitude_unit"].instance(v=(-5, 6))
    assert "Give each to 4 significant figures." in p.prompt
    assert p.check("sqrt(61); [-5/sqrt(61), 6/sqrt(61)]").correct
    coarse = p.check("7.81; [-0.6402, 0.7682]")
    assert coarse.parts[0].close and "4 significant figures (you gave 3)" in coarse.parts[0].message
    assert "(−3)² = 9, not −9" in _said(p.check("3.317; [-0.6402, 0.7682]"))  # √(−25 + 36), new
    assert "largest entry" in _said(p.check("7.810; [-0.8333, 1.000]"))  # new
    assert "Keep the signs" in _said(p.check("7.810; [0.6402, 0.7682]"))


def test_vector_norms_precision_and_new_diagnoses() -> None:
    p = BANK["norms.vector_norms"].instance(x=(5, -2, 1), A=((1, 2), (3, 4)))
    assert "Give ‖x‖₁ and ‖x‖∞ as whole numbers, and ‖x‖₂ and ‖A‖_F to 4 significant figures." in p.prompt
    assert p.answer == "8; 5.477; 5; 5.477"
    off = p.check("9; 5.477; 5; 5.477")
    assert not off.correct and "off by one" in off.parts[0].message and not off.parts[0].close
    assert "(−4)² = 16" in _said(p.check("8; 4.690; 5; 5.477"))  # √(25 − 4 + 1), new
    assert "lengths of the rows" in _said(p.check("8; 5.477; 5; 7.236"))  # √5 + √25, new
    assert "largest absolute entry" in _said(p.check("5; 5.477; 5; 5.477"))  # new
    assert "sum of the absolute values" in _said(p.check("8; 5.477; 8; 5.477"))  # new


def test_weight_decay_decimals_and_new_diagnoses() -> None:
    p = BANK["norms.weight_decay"].seed_instance()  # 0.9900; 1.9300; 1.8088
    assert p.prompt.endswith("Give each to 4 decimal places.")
    coarse = p.check("0.99; 1.93; 1.809")
    assert not coarse.correct and coarse.parts[2].close
    assert "4 decimal places (you gave 3)" in coarse.parts[2].message
    assert "one off" in p.check("0.99; 1.93; 1.8089").parts[2].message
    assert "approximation w·e^(−kηλ)" in _said(p.check("0.99; 1.93; 1.8097"))  # 2·e^(−0.1), new
    assert "decayed after the gradient step" in _said(p.check("0.99; 1.9305; 1.8088"))  # new
    assert "1 − 2ηλ" in _said(p.check("0.99; 1.91; 1.8088"))  # new: the penalty's factor in one update
    assert "1 − 2ηλ" in _said(p.check("0.99; 1.93; 1.6341"))  # new: 2·0.98¹⁰


def test_cosine_two_vectors_exact_and_new_diagnoses() -> None:
    p = BANK["cosine.two_vectors"].seed_instance()  # 24/25
    assert p.answer == "0.9600"
    assert p.prompt.splitlines()[1].startswith("Give your answer to 4 significant figures.")
    for typed in ("0.96", "24/25", "0.9600"):
        assert p.check(typed).correct, typed
    assert "sum of the lengths" in _said(p.check("2.4"))  # 24 / (5 + 5), new
    assert "radians" in _said(p.check("0.2838"))  # arccos(0.96) in radians, new
    assert r"\frac{24}{25} = 0.96" in _steps(p)
    perpendicular = BANK["cosine.two_vectors"].instance(a=(1, 2), b=(-2, 1))
    assert perpendicular.answer == "0"
    steps = _steps(perpendicular)
    assert r"\frac{0}{\sqrt{25}} = 0$" in steps and r"\approx 0" not in steps
    assert "θ = arccos(0) = 90°" in steps


def test_cosine_angle_exact_angles_and_new_diagnoses() -> None:
    t = BANK["cosine.angle"]
    p = t.seed_instance()
    assert "Give cos θ to 4 significant figures, and θ in degrees to 2 decimal places." in p.prompt
    assert p.check("1/sqrt(2); 45").correct  # exactly 45°
    coarse = p.check("0.7071; 45.0")
    assert coarse.parts[1].correct  # 45.0 is exactly 45
    assert "long way round" in _said(p.check("0.7071; 315"))  # new
    assert r"$\theta = \arccos\left(\frac{1}{\sqrt{2}}\right) = 45^\circ$" in _steps(p)
    d1 = t.instance(a=(3, 4), b=(4, 3))
    short = d1.check("0.9600; 16.3")
    assert short.parts[1].close and "2 decimal places (you gave 1)" in short.parts[1].message
    right_angle = t.instance(a=(1, 2), b=(-2, 1))
    assert right_angle.answer == "0; 90.00"
    steps = _steps(right_angle)
    assert r"= 0 \approx" not in steps and r"\arccos(0) \approx" not in steps
    assert r"$\theta = \arccos(0) = 90^\circ$" in steps


def test_dot_sign_check_step_is_exact_where_it_can_be() -> None:
    t = BANK["vectors.dot_sign_angle"]
    for seed in SEEDS:
        p = t.generate(seed)
        steps = _steps(p)
        assert r"\approx 0$," not in steps and r"\theta \approx 90^\circ" not in steps, (seed, steps)
        assert r"\theta \approx 90.0^\circ" not in steps, (seed, steps)
    assert (r"$\cos\theta = \frac{1}{\sqrt{1} \cdot \sqrt{2}} \approx 0.7071$, $\theta = 45^\circ$ ✓"
            in _steps(t.seed_instance()))


def test_hadamard_entries_are_whole_numbers() -> None:
    p = BANK["matrices.hadamard"].seed_instance()
    assert p.prompt.endswith("Give each entry as a whole number.")
    off = p.check("[[5, 12], [21, 33]]")
    assert not off.correct and not off.close and "off by one" in off.message


def test_reshape_broadcast_left_alignment_and_unpermuted_are_diagnosed() -> None:
    t = BANK["tensors.reshape_broadcast"]
    p = t.instance(x=(2, 3, 4), reshape=(6, -1), perm=(0, 2, 1), a=(2, 1, 4), b=(3, 1))
    assert p.answer == "(6, 4); (2, 4, 3); (2, 3, 4)"
    left = p.check("(6, 4); (2, 4, 3); (3, 1, 4)")  # (3, 1) lined up with (2, 1, 4) from the left
    assert not left.correct and "aligns shapes from the right" in _said(left)  # new
    unpermuted = p.check("(6, 4); (2, 3, 4); (2, 3, 4)")
    assert "permute reorders the axes" in _said(unpermuted)  # new
    assert sum(
        any("aligns shapes from the right" in m.explanation for m in t.generate(s).spec.parts[2].mistakes)
        for s in SEEDS
    ) > 10


def _steps(p) -> str:
    return "\n".join(s.text for s in p.steps)


