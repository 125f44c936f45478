"""The roster pages: upload, preview, confirm, the blank template and the export.

An upload is kept between the preview and the confirmation through the
storage API, under a random token held in the uploader's session; any other
session asking for the token gets 404.
"""

import tempfile
from io import BytesIO

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadres.selectors import can_see_personal_data
from guazhi.access import NotVisible, lists_required, staff_required
from guazhi.downloads import XLSX, file_download
from guazhi.workflow import TransitionError

from .. import services
from ..forms import RosterUploadForm
from ..roster import (
    COLUMNS,
    REQUIRED_HEADERS,
    RosterFileError,
    RosterInvalid,
    check_roster,
    column_notes,
    delete_upload,
    general_notes,
    header_spellings,
    preview_rows,
    read_upload,
    sheet_rows,
    store_upload,
    summary_lines,
    upload_path,
    write_error_workbook,
    write_roster,
    write_template,
)
from ..selectors import secondments_visible_to
from .secondments import filtered_secondments

SESSION_KEY = "roster_uploads"


def _upload(request: HttpRequest, token: str) -> dict:
    upload = request.session.get(SESSION_KEY, {}).get(token)
    if upload is None:
        raise NotVisible
    return upload


def _forget(request: HttpRequest, token: str) -> None:
    uploads = dict(request.session.get(SESSION_KEY, {}))
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
    delete_upload(token)


def _xlsx(content, filename: str) -> FileResponse:
    content.seek(0)
    return file_download(content, filename, XLSX)


@staff_required
def roster_import(request: HttpRequest) -> HttpResponse:
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token = store_upload(form.cleaned_data["file"])
        uploads = dict(request.session.get(SESSION_KEY, {}))
        uploads[token] = {
            "name": form.cleaned_data["file"].name,
            "create_units": form.cleaned_data["create_units"],
        }
        request.session[SESSION_KEY] = uploads
        return redirect("assignments:roster_preview", token=token)
    notes = column_notes()
    columns = [(c.header, c.header in REQUIRED_HEADERS, notes[c.field]) for c in COLUMNS]
    return render(
        request,
        "assignments/roster_import.html",
        {"form": form, "columns": columns, "notes": general_notes(), "spellings": header_spellings()},
    )


@staff_required
def roster_preview(request: HttpRequest, token: str) -> HttpResponse:
    upload = _upload(request, token)
    try:
        check = check_roster(read_upload(token, name=upload["name"]), create_units=upload["create_units"])
    except RosterFileError as error:
        _forget(request, token)
        messages.error(request, error.message)
        return redirect("assignments:roster_import")
    return render(
        request,
        "assignments/roster_preview.html",
        {
            "upload": upload,
            "token": token,
            "check": check,
            "counts": check.counts(),
            "rows": preview_rows(check),
            "changes_anything": check.changes_anything,
        },
    )


@staff_required
@require_POST
def roster_confirm(request: HttpRequest, token: str) -> HttpResponse:
    upload = _upload(request, token)
    try:
        sheet = read_upload(token, name=upload["name"])
        check = services.import_roster(sheet=sheet, create_units=upload["create_units"], actor=request.user)
    except RosterFileError as error:
        _forget(request, token)
        messages.error(request, error.message)
        return redirect("assignments:roster_import")
    except RosterInvalid:
        messages.error(
            request, _("The roster no longer passes the check, as the records on file have changed.")
        )
        return redirect("assignments:roster_preview", token=token)
    except TransitionError as error:
        messages.error(request, error.message)
        return redirect("assignments:roster_preview", token=token)
    _forget(request, token)
    messages.success(
        request, format_html_join("", "<div>{}</div>", ((line,) for line in summary_lines(check)))
    )
    return redirect("assignments:secondment_list")


@staff_required
@require_POST
def roster_cancel(request: HttpRequest, token: str) -> HttpResponse:
    _upload(request, token)
    _forget(request, token)
    messages.info(request, _("The upload is discarded; nothing was imported."))
    return redirect("assignments:roster_import")


@staff_required
def roster_errors(request: HttpRequest, token: str) -> HttpResponse:
    """The uploaded workbook back, with a column naming each row's problems."""
    upload = _upload(request, token)
    try:
        check = check_roster(read_upload(token, name=upload["name"]), create_units=upload["create_units"])
    except RosterFileError as error:
        _forget(request, token)
        messages.error(request, error.message)
        return redirect("assignments:roster_import")
    # FileResponse closes the file once the download is sent.
    content = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    with default_storage.open(upload_path(token), "rb") as original, sheet_rows(original) as rows:
        write_error_workbook(rows, check, content)
    stem = upload["name"].rsplit(".", 1)[0] or _("roster")
    return _xlsx(content, _("%(name)s (problems marked).xlsx") % {"name": stem})


@staff_required
def roster_template(request: HttpRequest) -> HttpResponse:
    content = BytesIO()
    write_template(content)
    return _xlsx(content, _("Roster template.xlsx"))


@lists_required
def roster_export(request: HttpRequest) -> HttpResponse:
    """The secondment list as filtered, in the import's columns; personal data masked but for staff."""
    visible = secondments_visible_to(request.user).order_by("-term_start", "cadre__name_pinyin", "id")
    secondment_filter = filtered_secondments(request, visible)
    # FileResponse closes the file once the download is sent.
    content = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    write_roster(secondment_filter.qs, content, show_personal_data=can_see_personal_data(request.user))
    filename = _("Roster of seconded cadres %(date)s.xlsx") % {
        "date": timezone.localdate().strftime("%Y%m%d")
    }
    return _xlsx(content, filename)
