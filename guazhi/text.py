"""Text as the Word and Excel files, and the database, can hold it."""

import re

# The control characters XML 1.0 cannot hold (all but tab, line feed and carriage return).
# A browser lets them through; python-docx and openpyxl refuse to write them, PostgreSQL refuses NUL.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# Digits and the few marks typed in full width by a Chinese input method, as their ASCII selves.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ．－／", "0123456789Xx.-/")


def half_width(text: str) -> str:
    """The text with full-width digits, X and date separators written as ASCII."""
    return text.translate(_FULL_WIDTH)


def is_number(text: str) -> bool:
    """Whether the text is a whole number in ASCII digits.

    ``str.isdigit`` also accepts ², ① and digits of other scripts, which ``int``
    then refuses or reads differently: input is checked with this instead.
    """
    return text.isascii() and text.isdigit()


def xml_safe(text: str) -> str:
    """The text without the characters a .docx or .xlsx file (or, for NUL, PostgreSQL) cannot hold."""
    return _NOT_IN_XML.sub("", text)
