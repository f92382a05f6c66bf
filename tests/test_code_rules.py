"""House rules that are cheap to check by machine."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN_IN_CORE = ("PySide6", "sqlalchemy", "alembic", "tutor.store", "tutor.ui", "tutor.bank", "tutor.study")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_is_pure():
    for path in (ROOT / "tutor" / "core").rglob("*.py"):
        for name in _imports(path):
            assert not name.startswith(FORBIDDEN_IN_CORE), f"{path.relative_to(ROOT)} imports {name}"


def test_store_does_not_import_the_ui():
    for path in (ROOT / "tutor" / "store").rglob("*.py"):
        assert not any(n.startswith(("PySide6", "tutor.ui")) for n in _imports(path)), path


def test_no_eval_exec_or_sympify_anywhere():
    for folder in ("tutor", "content"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    fn = node.func
                    bare = fn.id if isinstance(fn, ast.Name) else ""
                    attr = fn.attr if isinstance(fn, ast.Attribute) else ""  # app.exec() is Qt's
                    assert bare not in {"eval", "exec", "sympify", "parse_expr"}, f"{path}:{node.lineno} calls {bare}"
                    assert attr not in {"sympify", "parse_expr"}, f"{path}:{node.lineno} calls {attr}"


@pytest.mark.skipif(shutil.which("ruff") is None and not (Path(sys.executable).parent / "ruff").exists(), reason="ruff not installed")
def test_ruff_is_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    result = subprocess.run([ruff, "check", "--no-cache", str(ROOT)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]
