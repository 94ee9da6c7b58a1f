"""Scoring: pure functions from an appraisal to a Result."""
