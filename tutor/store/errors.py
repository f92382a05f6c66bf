"""The exceptions the store raises for problems a learner can act on."""


class StoreError(Exception):
    """The progress database cannot be opened, upgraded, read or written.

    The message is meant for the learner: it says what is wrong and what to do.
    ``passing`` is true when trying again soon may work (the database is busy or locked by
    another program, the connection to the server dropped); false when something must change
    first (the disk is full, the file became read-only, the schema is too new).
    """

    def __init__(self, message: str, *, passing: bool = False) -> None:
        super().__init__(message)
        self.passing = passing


class LearnerNeeded(StoreError):
    """The database holds several learners and none was named: the caller must choose one."""

    def __init__(self, names: list[str]) -> None:
        listed = ", ".join(names)
        super().__init__(
            f"This progress database has several learners ({listed}). Choose one with "
            "--learner NAME or the TUTOR_LEARNER environment variable."
        )
        self.names = names
