"""Errors raised for unreadable input. They carry a message key and parameters, never prose.

ChitieuError
└── ReadError            the file cannot be turned into a SourceDocument
    (keys: read.empty, read.too_large, read.unsupported, read.corrupt, read.zip_bomb,
     read.needs_ocr, read.no_converter, read.convert_failed, read.not_found, read.encoding)
"""

from __future__ import annotations


class ChitieuError(Exception):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class ReadError(ChitieuError):
    pass
