"""Extraction: SourceDocument → Extraction. Pure functions; no database, web or terminal."""
