"""tutor: a spaced-repetition tutor for the math behind machine learning."""

__version__ = "0.1.0"
