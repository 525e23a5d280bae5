"""Export errors, Qt-free so the text and SVG exports never need to import Qt."""

from __future__ import annotations


class ExportError(Exception):
    """A picture that cannot be made, with a message for the user (one line)."""


class ExportTooLarge(ExportError):
    """The PNG would be larger than Qt can paint or than the memory budget allows."""
