"""Readers: bytes of a report file → SourceDocument. One module per format; no extraction here."""
