"""Determinant of a 2×2: area scaling, orientation, invertibility (000 §A.7)."""

import random

from tutor.core.answers import AnswerSpec, Mistake, precision_sentence
from tutor.core.authoring import with_mistakes
from tutor.core.formatting import num, pretty, tex_matrix, tex_num, tex_term
from tutor.core.problems import Figure, Step, Template, Variant

YES_NO = ("yes", "no")


def _column(values) -> str:
    """A column vector in a formula."""
    return tex_matrix([[v] for v in values])


def _n(x) -> str:
    """A number for display, with a typographic minus: −4."""
    return pretty(num(x))


def draw(rng: random.Random) -> dict:
    area = rng.choice([1, 1, 1, 2, 3, 4, 5, 10])
    kind = rng.choice(["general", "general", "general", "singular", "diagonal"])
    if kind == "diagonal":
        a, d = rng.choice([-3, -2, 2, 3, 4, 5]), rng.choice([-2, 2, 3, 4, 5, 6])
        return {"A": ((a, 0), (0, d)), "area": area}
    while True:
        if kind == "singular":  # second row a multiple of the first
            row = (rng.randint(-3, 4), rng.randint(-3, 4))
            c = rng.choice([-2, -1, 2, 3])
            A = (row, (c * row[0], c * row[1]))
        else:
            A = tuple(tuple(rng.randint(-4, 5) for _ in range(2)) for _ in range(2))
        (a, b), (c, d) = A
        det = a * d - b * c
        nonzero = all(A[0]) and all(A[1])
        if nonzero and (det == 0) == (kind == "singular") and a * d + b * c != det:
            return {"A": A, "area": area}


def build(A, area) -> Variant:
    (a, b), (c, d) = A
    det = a * d - b * c
    new_area = abs(det) * area
    invertible = "yes" if det != 0 else "no"
    region = "the unit square (area 1)" if area == 1 else f"a region of area {area}"
    diagonal = b == 0 and c == 0
    if diagonal:
        flipped = [axis for axis, v in (("x", a), ("y", d)) if v < 0]
        flips = ("" if not flipped else
                 ", and flips both axes" if len(flipped) == 2 else f", and flips the {flipped[0]} axis")
        meaning = (f"A is diagonal: it stretches x by {abs(a)} and y by {abs(d)}{flips}, "
                   rf"so $\det(A) = {tex_term(a)} \cdot {tex_term(d)} = {tex_num(det)}$.")
    else:
        meaning = (rf"$\det(A) = ad - bc = {tex_term(a)} \cdot {tex_term(d)} - {tex_term(b)} \cdot {tex_term(c)}"
                   rf" = {tex_term(a * d)} - {tex_term(b * c)} = {tex_num(det)}$")
    if det > 0:
        orient = (rf"$\det(A) = {det} > 0$: A scales areas by {det} and preserves orientation"
                  + (" (flipping both axes is a rotation by 180°)." if diagonal and a < 0 else "."))
    elif det < 0:
        orient = (rf"$\det(A) = {tex_num(det)} < 0$: A scales areas by $|\det(A)| = {abs(det)}$ and flips "
                  "orientation (a reflection is involved).")
    else:
        orient = (r"$\det(A) = 0$: the columns are parallel, A collapses the plane onto a line "
                  "and every area becomes 0.")
    steps = [
        Step(meaning, "Determinant"),
        Step(orient, "Sign"),
        Step(
            f"The unit square maps to the parallelogram spanned by A's columns "
            rf"${_column((a, c))}$ and ${_column((b, d))}$, of area $|\det(A)| = {abs(det)}$"
            + (rf" (a ${abs(a)} \times {abs(d)}$ rectangle)." if diagonal else ".")
            + (rf" Every area is scaled by the same factor: ${area} \cdot {abs(det)} = {new_area}$."
               if area != 1 else ""),
            "Area scaling",
        ),
        Step(
            rf"$\det(A) = {tex_num(det)} \neq 0$: A is invertible; no information is lost, x can be recovered "
            "from $Ax$." if det != 0 else
            r"$\det(A) = 0$: A is not invertible; A destroys information (points along a line map "
            "to the same output), so x cannot be recovered from $Ax$.",
            "Invertibility",
        ),
    ]
    det_candidates = [
        (a * d + b * c, "The 2×2 determinant subtracts the anti-diagonal product: "
                        "det = a·d − b·c, not a·d + b·c."),
        (b * c - a * d, "Check the order: det = a·d − b·c (main diagonal first)."),
        (a * b - c * d, "Multiply along the diagonals: det = a·d − b·c, with a, d on the main "
                        "diagonal and b, c on the other."),
        (a + d, "That is the trace a + d; the determinant is a·d − b·c."),
        (a * d, "You stopped after the main diagonal: subtract the other diagonal's product "
                "b·c too."),
    ]
    area_candidates = [
        (det * area, "An area is never negative: the image has area |det(A)| times the "
                     "original; the sign of det only records a flip."),
        (abs(det), f"Scale the original area too: {area}·|det(A)|."),
        (area, "Applying A changes areas by the factor |det(A)|."),
        (abs(a * d + b * c) * area, "The 2×2 determinant is a·d − b·c, not a·d + b·c."),
        (abs(det) + area, f"Areas are multiplied by |det(A)|, not increased by it: "
                          f"{area}·{abs(det)}."),
    ]
    inv_text = (
        "det(A) = 0, so A squashes the plane onto a line: it is not invertible."
        if det == 0 else
        f"det(A) = {_n(det)} ≠ 0, so A is invertible"
        + (" (a negative determinant only flips orientation)." if det < 0 else ".")
    )
    other = "yes" if invertible == "no" else "no"
    parts = (
        with_mistakes(AnswerSpec(kind="integer", expected=str(det), label="det(A)"),
                      det_candidates),
        with_mistakes(AnswerSpec(kind="integer", expected=str(new_area), label="the area"),
                      area_candidates),
        AnswerSpec(kind="choice", expected=invertible, choices=YES_NO, label="invertible",
                   mistakes=(Mistake(other, inv_text),)),
    )
    spec = AnswerSpec(kind="multi", expected="; ".join(p.expected for p in parts), parts=parts)
    prompt = (
        f"$A = {tex_matrix(A)}$.\n"
        rf"Give, separated by ';': $\det(A)$; the area of the image of {region} under $x \mapsto Ax$; "
        "is A invertible? (yes or no)\n" + precision_sentence(spec)
    )
    return Variant(
        prompt=prompt,
        answer=spec,
        steps=steps,
        hints=[r"For $A = \begin{bmatrix} a & b \\ c & d \end{bmatrix}$, $\det(A) = ad - bc$. "
               r"$|\det(A)|$ is the factor by which A scales areas; $\det(A) = 0$ means A is not invertible."],
        figure=Figure("parallelogram", {"u": [a, c], "v": [b, d], "det": det}, placement="solution"),
    )


TEMPLATES = [
    Template(
        id="matrices.determinant",
        title="Determinant: area scaling and invertibility",
        topic="linear algebra",
        draw=draw,
        build=build,
        prerequisites=("matrices.matmul_entries",),
        difficulty=2,
        seed_params={"A": ((2, 0), (0, 3)), "area": 1},
        source="000 §A.7",
    )
]
