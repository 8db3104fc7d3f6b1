"""chitieu: Vietnamese local-government target reports turned into data."""

__version__ = "0.1.0"
EXTRACTOR_VERSION = "4"  # raised when extraction changes, so that `ingest --reextract` redoes stored documents
