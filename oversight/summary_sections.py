"""The county summary as the county's report on its seconded cadres sets it out, section by section:
一、基本情况, 二、锻炼使用情况, 三、考核管理情况, 四、存在的问题和下一步工作.

Every sentence is said from the figures the summary computed (no query here): the
counts and names, the posts held, the indicators, the confirmed grades, the talks
and the watches' counts today. The page and the Word file both lay these out.
"""

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .summary_tables import Table

if TYPE_CHECKING:
    from .summary import Summary

NUMERALS = "一二三四五六七八九十"


def numeral(index: int) -> str:
    """一 for 1 … 十 for 10, then 十一, 十二 … as headings count."""
    if index <= 10:
        return NUMERALS[index - 1]
    tens, ones = divmod(index, 10)
    return f"{NUMERALS[tens - 1] if tens > 1 else ''}十{NUMERALS[ones - 1] if ones else ''}"


def _html(paragraphs: list[str]) -> SafeString:
    # Thousands of sentences in a large county: escaped and joined here rather than in a template loop.
    return mark_safe("\n".join(f"<p>{html.escape(text)}</p>" for text in paragraphs))


@dataclass
class Part:
    """A second-level part, headed （一）, （二） …: sentences, then tables, and the chart drawn from them."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    chart: str = ""
    heading: str = ""

    def paragraphs_html(self) -> SafeString:
        return _html(self.paragraphs)


@dataclass
class Section:
    """A first-level section, headed 一、, 二、 …: its own sentences, then its parts."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    heading: str = ""

    def paragraphs_html(self) -> SafeString:
        return _html(self.paragraphs)


def _numbered(sections: list[Section]) -> list[Section]:
    for index, section in enumerate(sections, start=1):
        section.heading = _("%(number)s. %(title)s") % {"number": numeral(index), "title": section.title}
        parts = [part for part in section.parts if part.paragraphs or part.tables]
        for position, part in enumerate(parts, start=1):
            part.heading = _("(%(number)s) %(title)s") % {"number": numeral(position), "title": part.title}
        section.parts = parts
    return sections


def _tables(summary: "Summary") -> dict[str, Table]:
    return {table.key: table for table in summary.tables}


def _percent(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"


def _basic_facts(summary: "Summary") -> Section:
    tables = _tables(summary)
    return Section(
        _("Basic facts"),
        paragraphs=summary.paragraphs()[:1],
        parts=[
            Part(_("Where they come from"), tables=[tables["by_tier"], tables["by_sending_unit"]]),
            Part(_("When they arrived"), tables=[tables["by_year"]], chart="arrivals"),
        ],
    )


def _work(summary: "Summary") -> Section:
    placements = summary.placements
    units = len({p.unit for p in placements})
    opening = (
        _("The %(count)d seconded cadres in post serve in %(units)d units:")
        % {"count": len(placements), "units": units}
        if placements
        else _("No seconded cadre is in post now.")
    )
    matched, placed = summary.specialty_match
    fit = []
    if summary.median_days_to_post is not None:
        fit.append(
            _("From reporting for duty to the first post took %(days)s days (the median).")
            % {"days": f"{summary.median_days_to_post:g}"}
        )
    if placed:
        fit.append(
            _(
                "%(matched)d of %(placed)d placements (%(rate)s) put the cadre in a post that wants one of "
                "their specialties."
            )
            % {"matched": matched, "placed": placed, "rate": _percent(matched, placed)}
        )
    return Section(
        _("How they are put to work"),
        paragraphs=[opening],
        parts=[
            Part(_("Who serves where, doing what"), paragraphs=summary.paragraphs()[1:]),
            _projects(summary),
            Part(
                _("Units they serve in"),
                tables=[_tables(summary)["by_receiving_unit"]],
                chart="receiving_units",
            ),
            Part(_("People and posts"), paragraphs=fit),
            *_selection(summary),
        ],
    )


def _projects(summary: "Summary") -> Part:
    """The projects the cadres led or carried (主持/承担): a sentence per cadre, and the table by kind and unit."""
    table = summary.projects.table
    return Part(
        _("Projects led and carried"),
        paragraphs=summary.projects.paragraphs,
        tables=[table] if table is not None and table.rows else [],
    )


def _selection(summary: "Summary") -> list[Part]:
    """Selection before arrival (按需选派): the seats asked for, filled, and the arrivals through a need."""
    figures = summary.selection
    if figures is None or not figures.seats:
        return []
    sentence = _(
        "Published selection cycles asked for %(seats)d cadres: %(filled)d filled, %(unfilled)d not yet."
    ) % {"seats": figures.seats, "filled": figures.filled, "unfilled": figures.unfilled}
    if figures.arrivals:
        sentence += _(" %(through)d of %(arrivals)d arrivals came through a need (需求满足率 %(rate)s).") % {
            "through": figures.arrivals_through_needs,
            "arrivals": figures.arrivals,
            "rate": _percent(figures.arrivals_through_needs, figures.arrivals),
        }
    keys = ("selection_by_unit", "selection_by_specialty")
    return [Part(_("Selection by need"), paragraphs=[sentence], tables=[_tables(summary)[k] for k in keys])]


def _grades_sentences(table: Table) -> list[str]:
    """One sentence per round of the grades table, whatever grades its columns count."""
    sentences = []
    for title, total, *counts in table.rows:
        given = "、".join(f"{label}{n}" for label, n in zip(table.headers[2:], counts, strict=True) if n)
        sentences.append(
            _("%(round)s: %(total)d confirmed, %(grades)s.")
            % {"round": title, "total": total, "grades": given}
        )
    return sentences


def _management(summary: "Summary") -> Section:
    tables = _tables(summary)
    held, due = summary.talks
    talks = (
        _(
            "%(held)d talks were held against %(due)d due (one on reporting and one every %(days)d days): %(rate)s."
        )
        % {"held": held, "due": due, "days": summary.talk_interval, "rate": _percent(held, due)}
        if due
        else _("No talk was due yet.")
    )
    grades = tables["grades_by_round"]
    routine = tables["routine_grades_by_round"]
    open_items = sum(count for _watch, count in summary.neglects())
    care = (
        [
            _("As of %(date)s, %(count)d items of care are open across the units (table below).")
            % {"date": summary.today_text, "count": open_items}
        ]
        if summary.watch_counts
        else []
    )
    alerts = [tables["units_with_most_alerts"]] if "units_with_most_alerts" in tables else []
    return Section(
        _("Appraisals and care"),
        parts=[
            Part(
                _("Appraisals"),
                paragraphs=_grades_sentences(grades)
                or ([] if routine.rows else [_("No appraisal has been confirmed yet.")]),
                tables=[grades] if grades.rows else [],
                chart="grades_by_round" if grades.rows else "",
            ),
            *(
                [
                    Part(
                        _("Routine appraisals"),
                        paragraphs=_grades_sentences(routine),
                        tables=[routine],
                        chart="routine_grades_by_round",
                    )
                ]
                if routine.rows
                else []
            ),
            Part(_("Talks"), paragraphs=[talks]),
            Part(_("Day-to-day care"), paragraphs=care, tables=[t for t in alerts if t.rows]),
        ],
    )


def _problems(summary: "Summary") -> Section:
    """What the watches hold today, neglects first: one part each, with what clears it."""
    parts = [
        Part(
            str(watch.label),
            paragraphs=[
                _("%(count)d seconded cadres. %(next)s")
                % {"count": count, "next": watch.remedy or watch.hint}
            ],
        )
        for watch, count in [*summary.neglects(), *summary.notices()]
        if count
    ]
    opening = (
        [_("As of %(date)s, the watches of the system hold the following.") % {"date": summary.today_text}]
        if parts
        else [_("As of %(date)s, nothing the system watches is open.") % {"date": summary.today_text}]
    )
    return Section(_("Problems and the work ahead"), paragraphs=opening, parts=parts)


def report_sections(summary: "Summary") -> list[Section]:
    """The four sections of the report. Without a user (summary_report) there are no watches of one's
    own, and the fourth section is left out."""
    sections = [_basic_facts(summary), _work(summary), _management(summary)]
    if summary.watch_counts:
        sections.append(_problems(summary))
    return _numbered(sections)
