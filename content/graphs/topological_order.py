"""Topological order of a computation DAG with the chapter's Kahn's algorithm (002 §2.7)."""

import random
from collections import deque

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.problems import Figure, Step, Template, Variant

# computation graphs: node labels and edges (producer → consumer)
GRAPHS = {
    "linear": (
        ("x", "W", "Wx", "b", "Wx+b"),
        (("x", "Wx"), ("W", "Wx"), ("Wx", "Wx+b"), ("b", "Wx+b")),
    ),
    "mlp": (
        ("x", "W1", "h=W1·x", "r=ReLU(h)", "W2", "y=W2·r", "t", "loss"),
        (("x", "h=W1·x"), ("W1", "h=W1·x"), ("h=W1·x", "r=ReLU(h)"), ("r=ReLU(h)", "y=W2·r"),
         ("W2", "y=W2·r"), ("y=W2·r", "loss"), ("t", "loss")),
    ),
    "residual": (
        ("x", "W", "Wx", "r=ReLU(Wx)", "s=x+r", "LayerNorm(s)"),
        (("x", "Wx"), ("W", "Wx"), ("Wx", "r=ReLU(Wx)"), ("r=ReLU(Wx)", "s=x+r"), ("x", "s=x+r"),
         ("s=x+r", "LayerNorm(s)")),
    ),
    "attention": (
        ("X", "Q", "K", "V", "S=QKᵀ", "A=softmax(S)", "out=AV"),
        (("X", "Q"), ("X", "K"), ("X", "V"), ("Q", "S=QKᵀ"), ("K", "S=QKᵀ"), ("S=QKᵀ", "A=softmax(S)"),
         ("A=softmax(S)", "out=AV"), ("V", "out=AV")),
    ),
    "regularised": (
        ("w", "x", "p=w·x", "y", "e=p−y", "e²", "λ‖w‖²", "L"),
        (("w", "p=w·x"), ("x", "p=w·x"), ("p=w·x", "e=p−y"), ("y", "e=p−y"), ("e=p−y", "e²"),
         ("w", "λ‖w‖²"), ("e²", "L"), ("λ‖w‖²", "L")),
    ),
    "logistic": (
        ("x", "w", "wx", "b", "z=wx+b", "σ(z)", "y", "BCE"),
        (("x", "wx"), ("w", "wx"), ("wx", "z=wx+b"), ("b", "z=wx+b"), ("z=wx+b", "σ(z)"),
         ("σ(z)", "BCE"), ("y", "BCE")),
    ),
    "autodiff": (
        ("x", "x²", "w", "w·x²", "const 5", "z"),  # never a bare "5": nodes are numbered
        (("x", "x²"), ("x²", "w·x²"), ("w", "w·x²"), ("w·x²", "z"), ("const 5", "z")),
    ),
}


# the labels that are formulas, as LaTeX; words ("loss", "BCE", "const 5") stay prose
TEX = {
    "Wx": "Wx", "wx": "wx", "Wx+b": "Wx + b", "W1": "W_1", "W2": "W_2",
    "h=W1·x": "h = W_1 x", "r=ReLU(h)": r"r = \mathrm{ReLU}(h)", "y=W2·r": "y = W_2 r",
    "r=ReLU(Wx)": r"r = \mathrm{ReLU}(Wx)", "s=x+r": "s = x + r", "LayerNorm(s)": r"\mathrm{LayerNorm}(s)",
    "S=QKᵀ": r"S = Q K^\top", "A=softmax(S)": r"A = \mathrm{softmax}(S)", "out=AV": r"\mathrm{out} = AV",
    "p=w·x": r"p = w \cdot x", "e=p−y": "e = p - y", "e²": "e^2", "λ‖w‖²": r"\lambda \|w\|^2",
    "z=wx+b": "z = wx + b", "σ(z)": r"\sigma(z)", "x²": "x^2", "w·x²": r"w \cdot x^2",
}


def label_text(label: str) -> str:
    """A node's label in text: a formula ($S = Q K^\\top$, $x$) or a word (loss, BCE, const 5)."""
    if label in TEX:
        return f"${TEX[label]}$"
    return f"${label}$" if len(label) == 1 and label.isascii() and label.isalpha() else label


def draw(rng: random.Random) -> dict:
    name = rng.choice(sorted(GRAPHS))
    labels, edges = GRAPHS[name]
    while True:
        order = tuple(rng.sample(labels, len(labels)))
        index = {lab: i + 1 for i, lab in enumerate(order)}
        numbered = tuple(sorted((index[u], index[v]) for u, v in edges))
        # skip listings where the numbering already is the answer: there is nothing to work out
        if _kahn(len(order), numbered)[0] != list(range(1, len(order) + 1)):
            return {"labels": order, "edges": numbered}


def _adjacency(n: int, edges) -> dict[int, list[int]]:
    adj = {i: [] for i in range(1, n + 1)}
    for u, v in sorted(edges):
        adj[u].append(v)
    return adj


def _kahn(n: int, edges, lifo: bool = False) -> tuple[list[int], list[str]]:
    """The chapter's topo_sort (FIFO queue); with ``lifo`` a stack instead. Returns (order, trace)."""
    adj = _adjacency(n, edges)
    indeg = {i: 0 for i in adj}
    for u in adj:
        for v in adj[u]:
            indeg[v] += 1
    q = deque(i for i in adj if indeg[i] == 0)
    order, trace = [], []
    while q:
        u = q.pop() if lifo else q.popleft()
        order.append(u)
        notes = []
        for v in adj[u]:
            indeg[v] -= 1
            if indeg[v] == 0:
                q.append(v)
                notes.append(f"{v}: in-degree {indeg[v] + 1}→0, append {v}")
            else:
                notes.append(f"{v}: in-degree {indeg[v] + 1}→{indeg[v]}")
        trace.append(f"pop {u}" + (f" ({'; '.join(notes)})" if notes else "")
                     + f" → queue [{', '.join(map(str, q))}]")
    return order, trace


def _dfs_order(n: int, edges) -> list[int]:
    """A depth-first topological order (reverse post-order, sources in listing order)."""
    adj = _adjacency(n, edges)
    seen, post = set(), []

    def visit(u: int) -> None:
        seen.add(u)
        for v in adj[u]:
            if v not in seen:
                visit(v)
        post.append(u)

    indeg = {i: sum(1 for _, v in edges if v == i) for i in adj}
    for u in adj:
        if indeg[u] == 0 and u not in seen:
            visit(u)
    return post[::-1]


def _is_topological(order: list[int], edges) -> bool:
    pos = {node: k for k, node in enumerate(order)}
    return all(pos[u] < pos[v] for u, v in edges)


def _vec(order) -> str:
    return "[" + ", ".join(map(str, order)) + "]"


def build(labels, edges) -> Variant:
    # a constant node labelled by a bare number would read like a node id: call it "const 5"
    labels = tuple(f"const {lab}" if str(lab).isdigit() else lab for lab in labels)
    n = len(labels)
    adj = _adjacency(n, edges)
    order, trace = _kahn(n, edges)
    indeg = {i: sum(1 for _, v in edges if v == i) for i in adj}
    listing = "\n".join(
        f"    {i} ({label_text(labels[i - 1])}) → " + (", ".join(map(str, adj[i])) if adj[i] else "nothing")
        for i in adj
    )
    prompt = (
        "A forward pass builds this computation graph; each node is listed with the nodes that use its "
        f"output:\n{listing}\n"
        "Run the chapter's topo_sort (Kahn's algorithm): start a queue with the in-degree-0 nodes in listing "
        "order; repeatedly pop the front node, output it, and lower the in-degree of each node it points to "
        "(in the order listed), appending a node to the back when its in-degree reaches 0.\n"
        "Give the output order as a list of node numbers, like [3, 1, 2, ...]."
    )
    sources = [i for i in adj if indeg[i] == 0]
    steps = [
        Step("In-degrees (number of inputs): " + ", ".join(f"{i}: {indeg[i]}" for i in adj), "Count inputs"),
        Step(f"Nodes with in-degree 0 (leaves: inputs and parameters): queue [{', '.join(map(str, sources))}]",
             "Start"),
        Step("\n".join(trace), "Process the queue"),
        Step(f"Output: {_vec(order)} = " + ", ".join(label_text(labels[i - 1]) for i in order)
             + f". Every edge points forward in this order. backward() walks it in reverse, "
             f"{_vec(order[::-1])}, applying the chain rule from the output back to the leaves.",
             "Result"),
    ]
    expected = _vec(order)
    seen = {expected}
    mistakes = []

    def add(candidate: list[int], why: str) -> None:
        text = _vec(candidate)
        if text not in seen:
            seen.add(text)
            mistakes.append(Mistake(text, why))

    add(order[::-1], "That is the reverse order — the order backward() visits the nodes. "
                     "The forward pass starts from the leaves with in-degree 0.")
    add(_kahn(n, edges, lifo=True)[0], "That takes nodes from the back of the queue (a stack). It is a valid "
                                       "topological order, but topo_sort pops from the front: first in, first out.")
    add(_dfs_order(n, edges), "That is a depth-first order (reverse post-order). It is a valid topological "
                              "order, but topo_sort is breadth-first: it outputs nodes in the order they "
                              "become ready, from a first-in, first-out queue.")
    listed = list(range(1, n + 1))
    if _is_topological(listed, edges):
        add(listed, "That is the listing order. It happens to be a valid topological order, but topo_sort "
                    "outputs the nodes in the order they become ready.")
    else:
        bad = next((u, v) for u, v in edges if u > v)
        add(listed, f"That is just the listing order: node {bad[1]} would come before node {bad[0]}, "
                    "whose output it needs.")
    answer = AnswerSpec(kind="vector", expected=expected, integer=True, mistakes=tuple(mistakes))
    return Variant(
        prompt=f"{prompt}\n{precision_sentence(answer)}",
        answer=answer,
        steps=steps,
        hints=[
            "Count each node's inputs (its in-degree). The queue starts with the nodes that have none; "
            "a node joins the back of the queue when its last input has been output.",
        ],
        figure=Figure("dag", {"nodes": [f"{i}: {lab}" for i, lab in enumerate(labels, 1)],
                              "edges": [[u, v] for u, v in edges], "order": order}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="graphs.topological_order",
        title="Topological order of a computation graph",
        topic="graphs",
        draw=draw,
        build=build,
        difficulty=2,
        # 002 §2.7: dag = {"x": ["Wx"], "W": ["Wx"], "Wx": ["Wx+b"], "b": ["Wx+b"], "Wx+b": []}
        # prints ['x', 'W', 'b', 'Wx', 'Wx+b'], i.e. nodes [1, 2, 4, 3, 5] in listing order
        seed_params={"labels": ("x", "W", "Wx", "b", "Wx+b"), "edges": ((1, 3), (2, 3), (3, 5), (4, 5))},
        source="002 §2.7",
    )
]
