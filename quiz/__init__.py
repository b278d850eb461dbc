"""DermQuiz: learn dermatopathology from cases, in the terminal."""

__version__ = "0.1.0"
