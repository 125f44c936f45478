"""What a measurement must achieve, compared on medians.

A target names what it is compared with by key, so that a page can be held
against another page (the admin changelist, the trivial view) measured in the
same run, on the same data and the same machine.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol


class Measured(Protocol):
    key: str
    median_ms: float | None


class Target(Protocol):
    def describe(self) -> str: ...

    def met(self, row: Measured, rows: Mapping[str, Measured]) -> bool | None:
        """True or False, or None when it cannot be judged (something was not measured)."""


def _reference(rows: Mapping[str, Measured], key: str) -> float | None:
    reference = rows.get(key)
    return reference.median_ms if reference is not None else None


@dataclass(frozen=True)
class WithinFactorOf:
    reference: str
    name: str
    factor: float = 1.0

    def describe(self) -> str:
        return f"≤ {self.name}" if self.factor == 1 else f"≤ {self.factor:g}× {self.name}"

    def met(self, row: Measured, rows: Mapping[str, Measured]) -> bool | None:
        reference = _reference(rows, self.reference)
        if row.median_ms is None or reference is None:
            return None
        return row.median_ms <= reference * self.factor


@dataclass(frozen=True)
class Under:
    milliseconds: float

    def describe(self) -> str:
        if self.milliseconds >= 1000:
            return f"< {self.milliseconds / 1000:g} s"
        return f"< {self.milliseconds:g} ms"

    def met(self, row: Measured, rows: Mapping[str, Measured]) -> bool | None:
        return None if row.median_ms is None else row.median_ms < self.milliseconds
