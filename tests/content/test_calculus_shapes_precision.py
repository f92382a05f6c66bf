"""Calculus and shape families on the precision contract (issue 8): their classic mistakes by
name and the small things seen on screen. The bank-wide rules are in test_precision_contract.py.
"""

from __future__ import annotations

from tutor.bank import load_bank

BANK = load_bank()

MIGRATED = [
    "calculus.backprop_relu",
    "calculus.chain_rule",
    "calculus.derivative_limit",
    "calculus.derivative_table",
    "calculus.gradient_descent",
    "calculus.hessian_classify",
    "calculus.jacobian_linear",
    "calculus.partial_gradient",
    "calculus.reverse_mode",
    "calculus.sigmoid_gradient",
    "calculus.softmax_ce_gradient",
    "gradient.mse_linear",
    "shapes.attention",
    "shapes.image_batch",
    "shapes.mlp_two_layer",
]
MIGRATED = [f for f in MIGRATED if f in BANK]


# -- the classic mistakes added with the migration ------------------------------------------------


def _part(verdict, index: int):
    v = verdict.parts[index]
    return (v.diagnosis or "") + " " + v.message


def test_chain_rule_inner_derivative_only_is_diagnosed() -> None:
    p = BANK["calculus.chain_rule"].seed_instance()  # z = (3x + 1)²: dz/dx = 6(3x + 1) = 24 at x = 1
    assert p.answer == "6*(3*x+1); 24" and "Give dy/dx at x = 1 as a whole number." in p.prompt
    v = p.check("3; 3")
    assert "only the inner derivative" in _part(v, 0) and "only the inner derivative" in _part(v, 1)
    off = p.check("6*(3*x+1); 25").parts[1]
    assert not off.close and "round" not in off.message
    q = BANK["calculus.chain_rule"].instance(outer="sin", a=1, k=2, b=0, x0=1)  # 2cos(1) = 1.0806
    assert q.answer == "2*x*cos(x^2); 1.081" and "4 significant figures" in q.prompt
    assert q.check("2x cos(x^2); 1.08").parts[1].close
    assert "only the inner derivative" in _part(q.check("2x cos(x^2); 2"), 1)


def test_parameter_counts_are_exact_whole_numbers_with_their_slips_named() -> None:
    mlp = BANK["shapes.mlp_two_layer"].seed_instance()  # 8 → 16 → 3: 195 parameters
    assert mlp.answer.endswith("; 195")
    assert "Give the total number of parameters as a whole number." in mlp.prompt
    shapes = "; ".join(mlp.answer.split("; ")[:4])
    assert "first layer only" in _part(mlp.check(f"{shapes}; 144"), 4)
    assert "one bias per output" in _part(mlp.check(f"{shapes}; {8 * 16 + 8 + 16 * 3 + 16}"), 4)
    near = mlp.check(f"{shapes}; 196").parts[4]
    assert not near.close and "off by one" in near.message
    img = BANK["shapes.image_batch"].seed_instance()
    assert "Give the number of parameters as a whole number." in img.prompt
    assert "one bias per output" in _part(img.check("(1000, 784); (10, 784); (1000, 10); 8624"), 3)


def test_hessian_positive_determinant_of_a_maximum_is_explained() -> None:
    p = BANK["calculus.hessian_classify"].instance(form="quadratic", coef=(-1, 0, -1), point=(0, 0))
    assert p.answer == "maximum"
    assert "only says the eigenvalues share a sign" in p.check("minimum").message


def test_jacobian_entries_are_whole_numbers() -> None:
    p = BANK["calculus.jacobian_linear"].seed_instance()
    assert "as whole numbers" in p.prompt
    v = p.check("[50, 123]; (2, 3); [9, 12, 15]; [[7, 8, 9], [14, 16, 18]]").parts[0]
    assert not v.correct and "off by one" in v.message


def test_attention_prompts_vary_and_cross_attention_has_two_lengths() -> None:
    t = BANK["shapes.attention"]
    prompts = [t.generate(seed).prompt for seed in range(300)]
    assert len(prompts) - len(set(prompts)) < 35  # was 89 of 300 before
    symbolic = {p for p in prompts if "d_head (not D/h)" in p}
    assert len(symbolic) >= 5
    numeric_cross = [t.generate(s) for s in range(300)
                     if "cross-attention" in prompts[s] and "d_head (not D/h)" not in prompts[s]]
    assert numeric_cross
    for p in numeric_cross:
        q_len, kv_len = p.params["q_len"], p.params["kv_len"]
        assert q_len != kv_len and p.answer.split("; ")[2].endswith(f"{q_len}, {kv_len})")
