"""``python -m tutor``.

The guard matters: the answer checker's SymPy worker is a spawned process, and spawn
re-imports the main module; without the guard it would start a second app.
"""

from tutor.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
