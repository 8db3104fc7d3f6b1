"""Evaluation: one rulebook for the direction of an indicator and the status of a target."""
