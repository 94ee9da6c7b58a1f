"""Analyses that consume a Result: dominance, switching values, Monte Carlo, value for money, diff."""
