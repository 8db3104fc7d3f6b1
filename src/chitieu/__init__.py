"""chitieu: Vietnamese local-government target reports turned into data."""

__version__ = "0.1.0"
EXTRACTOR_VERSION = "1"
