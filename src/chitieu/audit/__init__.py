"""Audit: extractions → findings. Each check is a small pure function."""
