"""Widgets shared by the DermQuiz screens."""
