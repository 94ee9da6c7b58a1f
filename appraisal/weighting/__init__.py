"""Weights from a weighting workshop: the elicitation methods' arithmetic (:mod:`.methods`),
pure and checked against their published sources (docs/weights.md)."""
