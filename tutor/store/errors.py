"""The one exception the store raises for problems a learner can act on."""


class StoreError(Exception):
    """The progress database cannot be opened, upgraded, read or written.

    The message is meant for the learner: it says what is wrong and what to do.
    """
