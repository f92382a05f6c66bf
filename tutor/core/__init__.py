"""The pure core: answers, problems, scheduling. No Qt, no database."""
