"""Sections of the secondment page that apps above this one contribute (see guazhi.sections)."""

from guazhi.sections import Section, SectionRegistry

secondment_page = SectionRegistry()

__all__ = ["Section", "secondment_page"]
