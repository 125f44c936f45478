"""The feedback letter (反馈函) to the sending unit: a 公文 telling it the end-of-term result, with the
挂职干部鉴定表 appended from a new page, as one Word document."""

from django.utils.translation import gettext as _
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from guazhi import wordfiles
from guazhi.dates import long_date

from .documents import MARGINS, form_into
from .selectors import ReviewSheet


def letter_title(sheet: ReviewSheet) -> str:
    return _("Feedback letter on the end-of-term appraisal of %(name)s") % {"name": sheet.cadre.name}


def _right(document, text: str) -> None:
    paragraph = wordfiles.body_paragraph(document, text, indent=False)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.paragraph_format.right_indent = Pt(32)


def feedback_letter_docx(sheet: ReviewSheet) -> bytes:
    """The letter as the organization department signs it, then the cadre's 鉴定表 on pages of its own."""
    review, secondment, cadre = sheet.review, sheet.secondment, sheet.cadre
    title = letter_title(sheet)
    document = wordfiles.new_document(title=title)
    wordfiles.title(document, title)
    wordfiles.body_paragraph(document, f"{secondment.sending_unit.name}：", indent=False)
    end = secondment.actual_end or secondment.term_end
    wordfiles.body_paragraph(
        document,
        _(
            "Comrade %(name)s, seconded by your unit, served in our county from %(start)s to %(end)s as "
            "%(posts)s. At the end of the term the organization department, with the receiving unit, "
            "appraised the term; the grade is %(grade)s."
        )
        % {
            "name": cadre.name,
            "start": long_date(secondment.term_start),
            "end": long_date(end),
            "posts": sheet.posts_text or "—",
            "grade": review.get_final_grade_display() or "—",
        },
    )
    wordfiles.body_paragraph(
        document,
        _(
            "The appraisal form is sent back to you with this letter, for the cadre's personnel file. "
            "Please confirm its receipt in the seconded cadre management system."
        ),
    )
    wordfiles.body_paragraph(
        document, _("Attachment: appraisal form of %(name)s") % {"name": cadre.name}, indent=True
    )
    wordfiles.body_paragraph(document, "", indent=False)
    _right(document, _("County Party committee organization department"))
    _right(document, long_date(review.fed_back_on) if review.fed_back_on else "")
    wordfiles.page_numbers(document)
    form_section = document.add_section(WD_SECTION.NEW_PAGE)
    for side, length in MARGINS.items():
        setattr(form_section, f"{side}_margin", length)
    form_into(document, sheet)
    return wordfiles.to_bytes(document)
