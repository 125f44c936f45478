"""Columns holding a unit and the position held there in one cell (原单位及职务, 挂职单位及职务),
split against the units on file: the longest unit name the cell begins with."""

from django.utils.translation import gettext as _

from cadres.models import Unit

from .columns import HEADER_OF, squeeze
from .reading import RawRow, RosterSheet

# What may stand between the unit and the position: 省财政厅 预算处副处长, 省财政厅/预算处副处长.
_BETWEEN = " \t\r\n\u3000\xa0、，,/／:：-—|｜"
# Columns of their own naming units: a unit a roster names there counts as known when another
# column's cell begins with it (made with the import when it may create units, refused otherwise).
UNIT_FIELDS = ("sending_unit", "home_unit", "unit")


class UnitSplitter:
    def __init__(self, sheet: RosterSheet, units: dict[str, Unit]):
        self.columns = sheet.unit_columns
        names = set(units)
        if self.columns:
            for raw in sheet.rows:
                names.update(str(value) for name in UNIT_FIELDS if (value := raw.cells.get(name)))
        self.names = {squeeze(name): name for name in names if squeeze(name)}
        self.longest = max(map(len, self.names), default=0)

    def split(self, raw: RawRow) -> None:
        """Put each combined cell's unit and position in the row's cells, or a problem saying why not."""
        for combined in self.columns:
            unit_field, position_field = combined.fields
            text = raw.combined.get(unit_field)
            if not text:
                continue
            found = self._split(text)
            if found is None:
                raw.problems[unit_field] = _(
                    "No unit on file begins “%(value)s”: write the unit as it is on file and then the "
                    "position, or give %(unit)s and %(position)s in columns of their own."
                ) % {
                    "value": text[:100],
                    "unit": HEADER_OF[unit_field],
                    "position": HEADER_OF[position_field],
                }
                continue
            raw.cells[unit_field], raw.cells[position_field] = found

    def _split(self, text: str) -> tuple[str, str] | None:
        squeezed = squeeze(text)
        for length in range(min(len(squeezed), self.longest), 0, -1):
            name = self.names.get(squeezed[:length])
            if name is not None:
                return name, _after(text, length).strip(_BETWEEN)
        return None


def _after(text: str, count: int) -> str:
    """The text after its first ``count`` characters other than spaces."""
    for index, character in enumerate(text):
        if not squeeze(character):
            continue
        if count == 0:
            return text[index:]
        count -= 1
    return ""
