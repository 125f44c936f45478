"""Any spreadsheet upload measured before a reader opens it, whatever kind its content says it is.

A reader that tells a file's kind by its content (calamine does) reads a zip
as an .xlsx or as an .ods, whatever its name; so a zip is held to both
scans at once, in one pass of the zip guard, and an OLE file to the .xls scan.
"""

from .odsguard import CONTENT, ContentScanner
from .sheetguard import SheetLimits
from .xlsguard import OLE_MAGIC, check_xls
from .xlsxguard import XlsxInspector, order
from .zipguard import MemberReader, ZipLimits, check_zip, damaged

ZIP_MAGIC = b"PK\x03\x04"


def _head(source) -> bytes:
    if hasattr(source, "read"):
        source.seek(0)
        head = source.read(8)
        source.seek(0)
        return head
    with open(source, "rb") as handle:
        return handle.read(8)


def check_workbook(source, *, limits: SheetLimits | None = None, zip_limits: ZipLimits | None = None) -> None:
    """Refuse (UnsafeFile, saying why) an .xlsx, .ods or .xls that a reader should not be given.

    ``source`` is a path or a seekable binary file; a file is left at its start.
    """
    limits = limits or SheetLimits.from_settings()
    head = _head(source)
    if head.startswith(OLE_MAGIC):
        check_xls(source, limits=limits)
        return
    if not head.startswith(ZIP_MAGIC):
        raise damaged()
    zip_limits = zip_limits or ZipLimits.from_settings()
    xlsx = XlsxInspector(limits, zip_limits)

    def inspect(name: str) -> MemberReader | None:
        return ContentScanner(limits) if name == CONTENT else xlsx(name)

    check_zip(source, inspect=inspect, limits=zip_limits, order=order)
