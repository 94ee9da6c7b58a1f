"""Scenarios: what-if overlays that return a new appraisal."""
