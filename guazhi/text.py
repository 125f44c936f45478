"""Text as the Word and Excel files, and the database, can hold it."""

import re

# The control characters XML 1.0 cannot hold (all but tab, line feed and carriage return).
# A browser lets them through; python-docx and openpyxl refuse to write them, PostgreSQL refuses NUL.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_safe(text: str) -> str:
    """The text without the characters a .docx or .xlsx file (or, for NUL, PostgreSQL) cannot hold."""
    return _NOT_IN_XML.sub("", text)
