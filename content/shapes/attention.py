"""Shape walkthrough of multi-head attention: Q, K, V, Q·Kᵀ, softmax, output (000 §A.6, §A.11; 002 §2.1)."""

import random

from tutor.core.answers import AnswerSpec, Mistake
from tutor.core.formatting import shape
from tutor.core.problems import Figure, Step, Template, Variant

LABELS = (
    "shape of Q",
    "shape of Q split into heads",
    "shape of the scores",
    "shape of the per-head output",
    "shape of the final output",
)

QUESTIONS = tuple(label.replace(" Q", " $Q$") for label in LABELS)  # the same, with Q as a symbol


# symbolic variants: the letters for the sequence lengths vary, so the prompt does too
SELF_LENGTHS = ("S", "N", "L")
CROSS_LENGTHS = (("S", "T"), ("N", "M"), ("L", "T"), ("S", "M"))  # (encoder, decoder)
LENGTHS = (10, 12, 16, 20, 32, 50, 64, 100, 128, 256, 512)


D_HEAD = r"d_{\text{head}}"


def tname(d) -> str:
    """A dimension in a formula: 96, S, d_{\\text{head}}."""
    return D_HEAD if d == "d_head" else str(d)


def tsh(dims) -> str:
    """A shape in a formula: (B, h, S, d_{\\text{head}}), (8, 100, 384)."""
    return "(" + ", ".join(tname(d) for d in dims) + ")"


def draw(rng: random.Random) -> dict:
    if rng.random() < 0.12:
        if rng.random() < 0.5:
            q_len = kv_len = rng.choice(SELF_LENGTHS)
        else:
            q_len, kv_len = rng.choice(CROSS_LENGTHS)
        return {"batch": "B", "q_len": q_len, "kv_len": kv_len, "d_model": "D", "heads": "h", "symbolic": True}
    while True:
        heads = rng.choice([2, 4, 6, 8, 12, 16])
        d_model = rng.choice([64, 96, 128, 192, 256, 384, 512, 768, 1024])
        if d_model % heads:
            continue
        batch = rng.choice([2, 3, 4, 8, 16, 32, 64])
        q_len = rng.choice(LENGTHS)
        kv_len = q_len if rng.random() < 0.6 else rng.choice(LENGTHS)
        dims = {batch, q_len, kv_len, d_model, heads, d_model // heads}
        if len(dims) == 5 + (kv_len != q_len):  # all different, so a misplaced dimension shows
            return {"batch": batch, "q_len": q_len, "kv_len": kv_len, "d_model": d_model,
                    "heads": heads, "symbolic": False}


def build(batch, q_len, kv_len, d_model, heads, symbolic) -> Variant:
    B, T, S, D, h = batch, q_len, kv_len, d_model, heads
    dh = "d_head" if symbolic else D // h
    cross = S != T
    # in cross-attention the queries have length T (decoder) and the keys/values length S (encoder)
    # a symbolic cross-attention names the encoder length q_len and the decoder length kv_len
    # (as in "S" and "T"): the queries come from the decoder
    q_name, kv_name = (S, T) if cross and symbolic else (T, S)
    if symbolic:
        setting = (f"a decoder sequence $Y$ of shape ${tsh((B, q_name, D))}$ and an encoder output $E$ of shape "
                   f"${tsh((B, kv_name, D))}$" if cross else f"a batch $X$ of shape ${tsh((B, q_name, D))}$")
        sizes = (f"$B$ = batch, ${kv_name}$ and ${q_name}$ = sequence lengths" if cross else
                 f"$B$ = batch, ${q_name}$ = sequence length") + \
            f", $D$ = model width, $h$ = number of heads, ${D_HEAD} = D/h$ = head size"
        write = (f"Write the shapes with the symbols B, {kv_name + ', ' + q_name if cross else q_name}, D and h, "
                 "and the head size with the symbol d_head (not D/h).")
    else:
        setting = (f"a decoder sequence $Y$ of shape ${tsh((B, T, D))}$ and an encoder output $E$ of shape "
                   f"${tsh((B, S, D))}$" if cross else f"a batch $X$ of shape ${tsh((B, S, D))}$")
        sizes = f"{h} heads, so ${D_HEAD} = {D}/{h} = {dh}$"
        write = "Give numeric shapes like (4, 16)."
    src_q, src_kv = ("Y", "E") if cross else ("X", "X")
    prompt = (
        f"Multi-head {'cross' if cross else 'self'}-attention on {setting} ({sizes}).\n"
        f"$Q = {src_q} W_Q$, $K = {src_kv} W_K$, $V = {src_kv} W_V$, each $W$ of shape ${tsh((D, D))}$; "
        "$Q$, $K$ and $V$ are split into heads and permuted to the layout (batch, head, token, feature); "
        rf"$\text{{scores}} = \frac{{Q K^\top}}{{\sqrt{{{D_HEAD}}}}}$; "
        r"$\text{weights} = \mathrm{softmax}(\text{scores})$ over the keys; "
        r"$\text{per-head output} = \text{weights} \cdot V$; then the heads are merged "
        "and projected by $W_O$.\n"
        "Give, separated by ';': " + "; ".join(QUESTIONS) + ".\n" + write
    )
    q_shape = (B, q_name, D)
    q_heads = (B, h, q_name, dh)
    scores = (B, h, q_name, kv_name)
    out_heads = (B, h, q_name, dh)
    final = (B, q_name, D)
    dot = r" \cdot "
    steps = [
        Step(f"${src_q} W_Q$ is ${tsh((B, q_name, D))}{dot}{tsh((D, D))} = {tsh(q_shape)}$: a linear layer acts on "
             f"the last (feature) axis only; $K$ and $V$ are ${tsh((B, kv_name, D))}$.", "Projections"),
        Step(f"Split the feature axis into ${h}$ heads of size ${tname(dh)}$: reshape to ${tsh((B, q_name, h, dh))}$, "
             f"then permute(0, 2, 1, 3) so the heads sit next to the batch: $Q$ is ${tsh(q_heads)}$ and $K$, $V$ are "
             f"${tsh((B, h, kv_name, dh))}$.", "Heads"),
        Step(r"Per head, entry $(i, j)$ of $Q K^\top$ is query $i$ dotted with key $j$, so $K$ must be transposed: "
             f"${tsh((q_name, dh))}{dot}{tsh((dh, kv_name))} = {tsh((q_name, kv_name))}$. With batch and heads: "
             rf"${tsh(scores)}$. Dividing by $\sqrt{{{D_HEAD}}}$ and the softmax over the last axis keep the shape.",
             "Scores"),
        Step(rf"$\text{{weights}} \cdot V$: ${tsh((q_name, kv_name))}{dot}{tsh((kv_name, dh))} = {tsh((q_name, dh))}$ "
             f"per head, so ${tsh(out_heads)}$: one output vector per query.", "Per-head output"),
        Step(f"Permute back to ${tsh((B, q_name, h, dh))}$ and merge the heads: ${h}{dot}{tname(dh)} = {D}$ features, "
             f"${tsh(final)}$; $W_O$, of shape ${tsh((D, D))}$, keeps it ${tsh(final)}$, the shape of the "
             f"{'decoder input' if cross else 'input'}.", "Merge"),
    ]
    # D/h is the head size too, but the question asks for the symbol d_head
    same_size = ([((B, h, q_name, "D/h"), "Same size — but write it as d_head, the symbol the question uses.")]
                 if symbolic else [])
    cands = [
        [((B, q_name, dh), f"W_Q maps all {D} features at once; the split into heads of size {dh} comes next.")]
        + ([((B, kv_name, D), "The queries come from the decoder sequence Y, so Q has its length.")]
           if cross else []),
        same_size + [((B, q_name, h, dh), "That is the reshape alone; attention needs the heads before the tokens: "
                              f"permute to {shape(q_heads)}."),
         ((B, h, q_name, D), f"Each head gets d_head = {dh} features, not all {D}.")],
        [((B, h, q_name, dh), f"That is Q's shape; Q·Kᵀ contracts the feature axis: "
                              f"{shape((q_name, dh))}·{shape((dh, kv_name))} = {shape((q_name, kv_name))}."),
         ((B, q_name, kv_name), f"Each of the {h} heads has its own score matrix: keep the head axis."),
         ((B, h, dh, dh), "(d_head, d_head) would be Qᵀ·K; the scores compare tokens with tokens.")]
        + ([((B, h, kv_name, q_name), "Rows are queries and columns are keys: the scores are "
                                      f"{shape((q_name, kv_name))}, not the transpose.")] if cross else []),
        same_size + [((B, h, q_name, kv_name), f"That is the attention weights; multiplying by V ({shape((kv_name, dh))} per "
                                   f"head) gives {shape((q_name, dh))}.")]
        + ([((B, h, kv_name, dh), "There is one output per query, so the length is the decoder's.")]
           if cross else []),
        [((B, h, q_name, dh), f"Merge the heads: permute back and reshape to {shape(final)}."),
         ((B, q_name, dh), f"Concatenating {h} heads of {dh} features gives back {D}.")],
    ]
    parts = []
    for label, dims, options in zip(LABELS, (q_shape, q_heads, scores, out_heads, final), cands, strict=True):
        mistakes, seen = [], {dims}
        for wrong, why in options:
            if wrong not in seen:
                seen.add(wrong)
                mistakes.append(Mistake(shape(wrong), why))
        parts.append(AnswerSpec(kind="shape", expected=shape(dims), label=label, mistakes=tuple(mistakes)))
    return Variant(
        prompt=prompt,
        answer=AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=tuple(parts)),
        steps=steps,
        hints=[r"Linear layers act on the last axis. Heads: "
               rf"$(B, \text{{len}}, D) \to (B, h, \text{{len}}, {D_HEAD})$. Per head, $Q K^\top$ is "
               rf"$(\text{{queries}}, {D_HEAD}) \cdot ({D_HEAD}, \text{{keys}}) = (\text{{queries}}, \text{{keys}})$."],
        figure=Figure("tensor_shapes", {
            "tensors": [[src_q, list(q_shape), f"K, V from {src_kv}: {shape((B, kv_name, D))}" if cross else ""],
                        ["Q", list(q_heads), f"K, V: {shape((B, h, kv_name, dh))}"],
                        ["scores", list(scores), "queries × keys"],
                        ["per-head out", list(out_heads), ""],
                        ["out", list(final), ""]],
            "ops": [f"·W_Q, split into {h} heads", "Q·Kᵀ / √d_head", "softmax, ·V", "merge heads, ·W_O"]},
            placement="solution"),
    )


TEMPLATES = [
    Template(
        id="shapes.attention",
        title="Shape walkthrough: multi-head attention",
        topic="shapes",
        draw=draw,
        build=build,
        prerequisites=("matrices.transpose_shapes", "tensors.reshape_broadcast"),
        difficulty=3,
        # 000 §A.6: (S, d)·(d, S) = (S, S); §A.11: heads as (B, num_heads, S, d_head)
        seed_params={"batch": "B", "q_len": "S", "kv_len": "S", "d_model": "D", "heads": "h", "symbolic": True},
        source="000 §A.6, §A.11; 002 §2.1",
    )
]
