"""Developer commands: ``python -m tutor.store (revision "message" | check)``; see migrate.py."""

import sys

from tutor.store.migrate import main

sys.exit(main())
