"""Reviewer fixes in the shapes families: W_lin vs width W, and D/h written for d_head."""

from tutor.bank import load_bank

BANK = load_bank()

W_LIN = r"W_{\mathrm{lin}}"  # the weight's name in the formulas
SAME_SIZE = "Same size — but write it as d_head, the symbol the question uses."


def _steps(p) -> str:
    return "\n".join(s.text for s in p.steps)


def _diagnosis(verdict, part) -> str:
    v = verdict.parts[part]
    return (v.diagnosis or "") + " " + v.message


def test_image_batch_weight_is_not_called_w():
    t = BANK["shapes.image_batch"]
    for p in [t.seed_instance()] + [t.generate(seed) for seed in range(30)]:
        assert "$(B, C, H, W) = " in p.prompt and "$W$ = width" in p.prompt
        assert W_LIN in p.prompt and f"shape of the weight matrix ${W_LIN}$" in p.prompt
        assert "shape of W;" not in p.prompt and "stores W " not in p.prompt
        assert rf"x {W_LIN}^\top" in p.prompt and "W^\\top" not in p.prompt.replace(rf"{W_LIN}^\top", "")
        steps = _steps(p)
        assert rf"${W_LIN}$ is $(\text{{out}}, \text{{in}})" in steps and f"${W_LIN}$ has" in steps
        assert "W is" not in steps and "W has" not in steps and "$W$ is" not in steps
        assert p.spec.parts[1].label == "shape of W_lin"
    p = t.seed_instance()
    assert p.answer == "(1000, 784); (10, 784); (1000, 10); 7850"
    swapped = p.check("(1000, 784); (784, 10); (1000, 10); 7850")
    assert not swapped.correct and "W_lin as (out, in)" in _diagnosis(swapped, 1)


def test_attention_d_over_h_is_diagnosed_not_just_wrong():
    t = BANK["shapes.attention"]
    for p in (t.seed_instance(), t.generate(12)):
        assert p.answer == "(B, S, D); (B, h, S, d_head); (B, h, S, S); (B, h, S, d_head); (B, S, D)"
        assert "d_head (not D/h)" in p.prompt
        for part, typed in ((1, "(B, h, S, D/h)"), (3, "(B, h, S, D / h)")):
            pieces = p.answer.split("; ")
            pieces[part] = typed
            v = p.check("; ".join(pieces))
            assert not v.correct
            assert SAME_SIZE in _diagnosis(v, part)
            assert all(v.parts[k].correct for k in range(5) if k != part)


def test_attention_d_over_h_cross_attention():
    p = BANK["shapes.attention"].instance(batch="B", q_len="S", kv_len="T", d_model="D", heads="h",
                                          symbolic=True)
    assert p.answer == "(B, T, D); (B, h, T, d_head); (B, h, T, S); (B, h, T, d_head); (B, T, D)"
    assert "d_head (not D/h)" in p.prompt and "T, D and h" in p.prompt
    v = p.check("(B, T, D); (B, h, T, D/h); (B, h, T, S); (B, h, T, D/h); (B, T, D)")
    assert not v.correct and SAME_SIZE in _diagnosis(v, 1) and SAME_SIZE in _diagnosis(v, 3)


def test_attention_numeric_head_size_as_quotient_is_accepted():
    p = BANK["shapes.attention"].instance(batch=8, q_len=100, kv_len=100, d_model=384, heads=4,
                                          symbolic=False)
    assert p.check("(8, 100, 384); (8, 4, 100, 384/4); (8, 4, 100, 100); (8, 4, 100, 96); (8, 100, 384)").correct
    assert "D/h" not in [m.answer for part in p.spec.parts for m in part.mistakes]
