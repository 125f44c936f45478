"""The 干部任免审批表 exchanged as a .lrmx file: read into a cadre's form, written from a cadre.

``reading`` parses a file (defusedxml, size checked first) into an ``LrmxRecord``
without touching the database; ``filling`` matches it against what is on file
(units, specialties, a cadre with the same ID number) for the cadre form;
``writing`` makes the file from a cadre.
"""

from .reading import LrmxRecord, LrmxRefused, read_lrmx

__all__ = ["LrmxRecord", "LrmxRefused", "read_lrmx"]
