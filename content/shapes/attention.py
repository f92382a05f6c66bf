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


# symbolic variants: the letters for the sequence lengths vary, so the prompt does too
SELF_LENGTHS = ("S", "N", "L")
CROSS_LENGTHS = (("S", "T"), ("N", "M"), ("L", "T"), ("S", "M"))  # (encoder, decoder)
LENGTHS = (10, 12, 16, 20, 32, 50, 64, 100, 128, 256, 512)


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
        setting = (f"a decoder sequence Y of shape {shape((B, q_name, D))} and an encoder output E of shape "
                   f"{shape((B, kv_name, D))}" if cross else f"a batch X of shape {shape((B, q_name, D))}")
        sizes = (f"B = batch, {kv_name} and {q_name} = sequence lengths" if cross else
                 f"B = batch, {q_name} = sequence length") + \
            ", D = model width, h = number of heads, d_head = D/h = head size"
        write = (f"Write the shapes with the symbols B, {kv_name + ', ' + q_name if cross else q_name}, D and h, "
                 "and the head size with the symbol d_head (not D/h).")
    else:
        setting = (f"a decoder sequence Y of shape {shape((B, T, D))} and an encoder output E of shape "
                   f"{shape((B, S, D))}" if cross else f"a batch X of shape {shape((B, S, D))}")
        sizes = f"{h} heads, so d_head = {D}/{h} = {dh}"
        write = "Give numeric shapes like (4, 16)."
    src_q, src_kv = ("Y", "E") if cross else ("X", "X")
    prompt = (
        f"Multi-head {'cross' if cross else 'self'}-attention on {setting} ({sizes}).\n"
        f"Q = {src_q}·W_Q, K = {src_kv}·W_K, V = {src_kv}·W_V, each W of shape {shape((D, D))}; Q, K and V are split "
        "into heads and permuted to the layout (batch, head, token, feature); scores = Q·Kᵀ/√d_head; "
        "weights = softmax(scores) over the keys; per-head output = weights·V; then the heads are merged "
        "and projected by W_O.\n"
        "Give, separated by ';': " + "; ".join(LABELS) + ".\n" + write
    )
    q_shape = (B, q_name, D)
    q_heads = (B, h, q_name, dh)
    scores = (B, h, q_name, kv_name)
    out_heads = (B, h, q_name, dh)
    final = (B, q_name, D)
    steps = [
        Step(f"{src_q}·W_Q is {shape((B, q_name, D))}·{shape((D, D))} = {shape(q_shape)}: a linear layer acts on the last "
             f"(feature) axis only; K and V are {shape((B, kv_name, D))}.", "Projections"),
        Step(f"Split the feature axis into {h} heads of size {dh}: reshape to {shape((B, q_name, h, dh))}, then "
             f"permute(0, 2, 1, 3) so the heads sit next to the batch: Q is {shape(q_heads)} and K, V are "
             f"{shape((B, h, kv_name, dh))}.", "Heads"),
        Step(f"Per head, entry (i, j) of Q·Kᵀ is query i dotted with key j, so K must be transposed: "
             f"{shape((q_name, dh))}·{shape((dh, kv_name))} = {shape((q_name, kv_name))}. With batch and heads: "
             f"{shape(scores)}. Dividing by √d_head and the softmax over the last axis keep the shape.",
             "Scores"),
        Step(f"weights·V: {shape((q_name, kv_name))}·{shape((kv_name, dh))} = {shape((q_name, dh))} per head, "
             f"so {shape(out_heads)}: one output vector per query.", "Per-head output"),
        Step(f"Permute back to {shape((B, q_name, h, dh))} and merge the heads: {h}·{dh} = {D} features, "
             f"{shape(final)}; W_O, of shape {shape((D, D))}, keeps it {shape(final)}, the shape of the "
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
        hints=["Linear layers act on the last axis. Heads: (B, len, D) → (B, h, len, d_head). Per head, "
               "Q·Kᵀ is (queries, d_head)·(d_head, keys) = (queries, keys)."],
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
