"""Sections of the cadre page that apps above this one contribute (see guazhi.sections)."""

from guazhi.sections import Section, SectionRegistry

cadre_page = SectionRegistry()

__all__ = ["Section", "cadre_page"]
