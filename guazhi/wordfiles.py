"""Word documents as a county office files them: 公文 fonts, sizes, margins and page numbers.

python-docx starts from a template of Calibri and blue headings. Every document
the system writes starts here instead: A4 with the margins asked for, Chinese
set in the East Asian font slot of every run (Word takes Chinese from
``w:eastAsia``, not from the Latin font name), and the fonts a county report
uses (GB/T 9704): the title in 方正小标宋简体, the body in 仿宋_GB2312, first-level
headings in 黑体 and second-level ones in 楷体_GB2312. Where a reader's machine
lacks a font, Word falls back to the one its font table names as the
alternative (方正小标宋简体 → 黑体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体).
"""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from .text import xml_safe

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
# The font Word uses where the reader's machine lacks the one asked for.
FALLBACKS = {TITLE_FONT: HEADING_FONT, BODY_FONT: "仿宋", SUBHEADING_FONT: "楷体"}

# Sizes by the names offices give them (号).
SIZE_2 = Pt(22)  # 二号: the title
SIZE_3 = Pt(16)  # 三号: body and headings
SIZE_4 = Pt(14)  # 四号: page numbers
SIZE_SMALL_4 = Pt(12)  # 小四: tables
SIZE_5 = Pt(10.5)  # 五号: wide tables

# GB/T 9704 margins: 37 mm at the top, 35 at the bottom, 28 on the left (the binding side), 26 on the right.
OFFICIAL_MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
# Fixed line spacing that gives the standard 22 lines of 三号 text on a page.
BODY_LINE = Pt(28.9)


def set_font(run, name: str, size=None, *, bold: bool | None = None) -> None:
    """The run in the font ``name`` for Chinese and for Latin text alike (eastAsia as well as ascii)."""
    run.font.name = name
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)
    fonts.set(qn("w:hint"), "eastAsia")
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.bold = bold


def add_run(paragraph, text: str, font: str = BODY_FONT, size=SIZE_3, *, bold: bool | None = None):
    run = paragraph.add_run(xml_safe(text))
    set_font(run, font, size, bold=bold)
    return run


def _defaults_in(document, font: str, size) -> None:
    """The document's default run properties: the font in every slot, no theme fonts, Chinese."""
    styles = document.styles.element
    r_pr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = r_pr.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)
    language = r_pr.find(qn("w:lang"))
    if language is not None:
        language.set(qn("w:val"), "zh-CN")
        language.set(qn("w:eastAsia"), "zh-CN")
    normal = document.styles["Normal"]
    normal.font.name = font
    normal.font.size = size
    normal_fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        normal_fonts.set(qn(slot), font)
    spacing = normal.paragraph_format
    spacing.space_before = spacing.space_after = Pt(0)


def _font_table_with_fallbacks(document) -> None:
    """Name each Chinese font in the font table, with the font Word takes where it is missing."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(part.blob)
    for name, fallback in FALLBACKS.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alternative = OxmlElement("w:altName")
        alternative.set(qn("w:val"), fallback)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        font.append(alternative)
        font.append(charset)
        table.append(font)
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def new_document(*, font: str = BODY_FONT, size=SIZE_3, margins: dict | None = None, title: str = ""):
    """An empty A4 document in portrait, the given margins (公文 margins by default) and body font."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, length in (margins or OFFICIAL_MARGINS).items():
        setattr(section, f"{side}_margin", length)
    _defaults_in(document, font, size)
    _font_table_with_fallbacks(document)
    properties = document.core_properties
    properties.title = xml_safe(title)
    properties.author = properties.last_modified_by = _("County Party committee organization department")
    properties.comments = ""
    return document


def body_paragraph(document, text: str, *, indent: bool = True, font: str = BODY_FONT, size=SIZE_3):
    """A paragraph of the body: first line indented two characters, fixed line spacing."""
    paragraph = document.add_paragraph()
    form = paragraph.paragraph_format
    form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    form.line_spacing = BODY_LINE
    if indent:
        form.first_line_indent = Pt(size.pt * 2)
    add_run(paragraph, text, font, size)
    return paragraph


def _outline_level(paragraph, level: int) -> None:
    """The paragraph as a heading in Word's navigation pane, without a heading style's look."""
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    paragraph._p.get_or_add_pPr().append(outline)


def title(document, text: str):
    """The document's title: 方正小标宋简体 二号, centred, with a blank line after it."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    form = paragraph.paragraph_format
    form.space_after = SIZE_3
    form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    form.line_spacing = Pt(36)
    add_run(paragraph, text, TITLE_FONT, SIZE_2)
    _outline_level(paragraph, 0)
    return paragraph


def heading(document, text: str, level: int = 1):
    """一、… in 黑体 (level 1) or （一）… in 楷体_GB2312 (level 2), 三号, indented like the body."""
    paragraph = body_paragraph(document, text, font=HEADING_FONT if level == 1 else SUBHEADING_FONT)
    paragraph.paragraph_format.keep_with_next = True
    _outline_level(paragraph, level)
    return paragraph


def page_numbers(document) -> None:
    """Every page's number at the foot, centred, as offices print it: — 1 —."""
    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_run(paragraph, "— ", PAGE_NUMBER_FONT, SIZE_4)
        run = add_run(paragraph, "", PAGE_NUMBER_FONT, SIZE_4)
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
            if kind:
                mark = OxmlElement("w:fldChar")
                mark.set(qn("w:fldCharType"), kind)
                run._r.append(mark)
            elif text == " PAGE ":
                code = OxmlElement("w:instrText")
                code.set(qn("xml:space"), "preserve")
                code.text = text
                run._r.append(code)
            else:
                shown = OxmlElement("w:t")
                shown.text = text
                run._r.append(shown)
        add_run(paragraph, " —", PAGE_NUMBER_FONT, SIZE_4)


def table(document, rows: list[list], *, header: bool = True, size=None, font: str = BODY_FONT):
    """A bordered table of text (the first row its header, in 黑体); smaller type for wide tables."""
    size = size or (SIZE_SMALL_4 if len(rows[0]) <= 5 else SIZE_5)
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    grid.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = grid.cell(r, c)
            cell.text = ""
            lines = str(value if value is not None else "").splitlines() or [""]
            paragraph = cell.paragraphs[0]
            for index, line in enumerate(lines):
                if index:
                    paragraph = cell.add_paragraph()
                in_header = header and r == 0
                add_run(paragraph, line, HEADING_FONT if in_header else font, size)
    return grid


def page_break_before(paragraph) -> None:
    paragraph.paragraph_format.page_break_before = True


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
