"""Learner progress: attempts kept in SQLite, spaced-repetition review, mistakes, statistics.

Plain Python: nothing here imports Textual.
"""
