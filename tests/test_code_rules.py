"""House rules that are cheap to check by machine."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str | None:
    """The tool beside this interpreter (the test venv's), else one on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_import_contracts_hold():
    """Layers and purity, as the contracts in pyproject.toml state them (import-linter)."""
    lint_imports = _tool("lint-imports")
    assert lint_imports is not None, "import-linter is part of the test extras"
    result = subprocess.run([lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:]
    assert "0 broken" in result.stdout


def test_content_imports_only_the_core():
    """content/ is not a package import-linter can see: its families may use tutor.core only."""
    for path in (ROOT / "content").rglob("*.py"):
        for name in _imports(path):
            if name.startswith("tutor"):
                assert name.startswith("tutor.core"), f"{path.relative_to(ROOT)} imports {name}"


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


@pytest.mark.skipif(_tool("ruff") is None, reason="ruff not installed")
def test_ruff_is_clean():
    ruff = _tool("ruff")
    result = subprocess.run([ruff, "check", "--no-cache", str(ROOT)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]
