from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guazhi.access import get_visible_or_404, is_org_staff, staff_required
from guazhi.downloads import DOCX, download, file_download
from guazhi.forms import show_refusal, shown_order
from guazhi.history import change_log_for
from guazhi.paging import paginate
from guazhi.workflow import TransitionError

from . import services
from .approval_form import approval_form, approval_form_name, sheet_context
from .filters import CadreFilter, UnitFilter
from .forms import AccountForm, CadreForm, UnitForm
from .lrmx import upload as lrmx_upload
from .lrmx.writing import lrmx_file_name, write_lrmx
from .people_log import unit_people_log
from .photos import content_type_of, is_pending, pending_path
from .sections import cadre_page
from .selectors import (
    cadre_list_queryset,
    cadres_visible_to,
    can_edit_cadre,
    can_see_personal_data,
    family_history,
    units_visible_to,
)


@staff_required
def cadre_list(request: HttpRequest) -> HttpResponse:
    cadre_filter = CadreFilter(request.GET, queryset=cadre_list_queryset(request.user))
    page = paginate(request, cadre_filter.qs)
    return render(
        request,
        "cadres/cadre_list.html",
        {
            "filter": cadre_filter,
            "page": page,
        },
    )


@login_required
def cadre_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cadre = get_visible_or_404(
        cadres_visible_to(request.user)
        .select_related("home_unit", "account")
        .prefetch_related("specialties", "family_members"),
        pk=pk,
    )
    can_edit = can_edit_cadre(request.user)
    return render(
        request,
        "cadres/cadre_detail.html",
        {
            "cadre": cadre,
            "can_edit": can_edit,
            "show_personal_data": can_see_personal_data(request.user),
            "history": change_log_for(
                request.user, cadre.history.all(), field_order=shown_order(CadreForm())
            ),
            "family_history": family_history(request.user, cadre),
            "sections": cadre_page.render_for(request, cadre),
        },
    )


def _photo_response(handle, name: str) -> HttpResponse:
    response = file_download(handle, name, content_type_of(name))
    response["Content-Disposition"] = response["Content-Disposition"].replace("attachment", "inline", 1)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def cadre_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """The cadre's photograph, to those who may see the cadre; anyone else is answered 404."""
    cadre = get_visible_or_404(cadres_visible_to(request.user), pk=pk)
    if not cadre.photo:
        raise Http404
    try:
        handle = cadre.photo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return _photo_response(handle, f"{cadre.name}{cadre.photo.name[-4:]}")


@staff_required
def cadre_lrmx(request: HttpRequest, pk: int) -> HttpResponse:
    """The cadre's 干部任免审批表 as a .lrmx file (ID number and phone in full: staff only)."""
    cadre = get_visible_or_404(
        cadres_visible_to(request.user).select_related("home_unit").prefetch_related("specialties"), pk=pk
    )
    return download(write_lrmx(cadre), lrmx_file_name(cadre), "application/xml")


@staff_required
def cadre_approval_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The cadre's 干部任免审批表 as an A4 Word document in the official layout, to print or file."""
    cadre = get_visible_or_404(
        cadres_visible_to(request.user).select_related("home_unit").prefetch_related("specialties"), pk=pk
    )
    return download(approval_form(cadre), approval_form_name(cadre), DOCX)


@staff_required
def cadre_approval_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The cadre's 干部任免审批表 as a page to print on A4 from the browser."""
    cadre = get_visible_or_404(
        cadres_visible_to(request.user).select_related("home_unit").prefetch_related("specialties"), pk=pk
    )
    return render(request, "cadres/approval_form_print.html", sheet_context(cadre))


@login_required
def pending_photo(request: HttpRequest, token: str) -> HttpResponse:
    """A photograph read from a .lrmx file and not yet saved, shown on the form that will keep it."""
    path = pending_path(token)
    if not is_pending(token, request.session) or not default_storage.exists(path):
        raise Http404
    handle = default_storage.open(path, "rb")
    kind = ".png" if handle.read(4) == b"\x89PNG" else ".jpg"
    handle.seek(0)
    return _photo_response(handle, f"photo{kind}")


def _cadre_form_page(request, form, cadre=None, upload_form=None) -> HttpResponse:
    return render(
        request,
        "cadres/cadre_form.html",
        {"form": form, "cadre": cadre, "upload_form": upload_form or lrmx_upload.LrmxUploadForm()},
    )


@staff_required
def cadre_create(request: HttpRequest) -> HttpResponse:
    if lrmx_upload.is_upload(request):
        upload_form, uploaded = lrmx_upload.read_upload(request)
        if uploaded is not None and uploaded.existing is not None:
            return lrmx_upload.comparison_page(request, uploaded, uploaded.existing)
        kwargs = lrmx_upload.filled_form_kwargs(uploaded) if uploaded else {}
        return _cadre_form_page(
            request, CadreForm(session=request.session, **kwargs), upload_form=upload_form
        )
    form = CadreForm(request.POST or None, request.FILES or None, session=request.session)
    if request.method == "POST" and form.is_valid():
        try:
            cadre = services.create_cadre(actor=request.user, **form.cleaned_data)
        except TransitionError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Cadre %(name)s was added.") % {"name": cadre.name})
            return redirect(cadre)
    return _cadre_form_page(request, form)


@staff_required
def cadre_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cadre = get_visible_or_404(cadres_visible_to(request.user), pk=pk)
    if lrmx_upload.is_upload(request):
        upload_form, uploaded = lrmx_upload.read_upload(request)
        if uploaded is not None:
            return lrmx_upload.comparison_page(request, uploaded, cadre)
        return _cadre_form_page(
            request, CadreForm(instance=cadre, session=request.session), cadre, upload_form
        )
    chosen = lrmx_upload.chosen_values(request, cadre)
    if chosen is not None:
        form = CadreForm(instance=cadre, session=request.session, **chosen)
        return _cadre_form_page(request, form, cadre)
    form = CadreForm(request.POST or None, request.FILES or None, instance=cadre, session=request.session)
    if request.method == "POST" and form.is_valid():
        try:
            cadre = services.edit_cadre(cadre=cadre, actor=request.user, **form.cleaned_data)
        except TransitionError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The changes to %(name)s were saved.") % {"name": cadre.name})
            return redirect(cadre)
    return _cadre_form_page(request, form, cadre)


@staff_required
def cadre_account(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the cadre their own login; the password is shown once, on the page that answers."""
    cadre = get_visible_or_404(cadres_visible_to(request.user).select_related("account"), pk=pk)
    if cadre.account_id is not None:
        messages.info(request, _("%(name)s already has a login.") % {"name": cadre.name})
        return redirect(cadre)
    form = AccountForm(request.POST or None, initial={"username": cadre.name_pinyin.replace(" ", "")})
    if request.method == "POST" and form.is_valid():
        try:
            cadre, password = services.give_account(cadre=cadre, actor=request.user, **form.cleaned_data)
        except TransitionError as error:
            show_refusal(form, error)
        else:
            return render(
                request,
                "cadres/account_given.html",
                {"cadre": cadre, "username": cadre.account.username, "password": password},
            )
    return render(request, "cadres/account_form.html", {"form": form, "cadre": cadre})


@staff_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = units_visible_to(request.user).annotate(
        member_count=Count("memberships", distinct=True),
        home_cadre_count=Count("home_cadres", distinct=True),
    )
    unit_filter = UnitFilter(request.GET, queryset=units.order_by("tier", "name"))
    page = paginate(request, unit_filter.qs)
    return render(request, "cadres/unit_list.html", {"filter": unit_filter, "page": page})


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_visible_or_404(units_visible_to(request.user), pk=pk)
    members = unit.memberships.select_related("user", "user__account").order_by("role", "user__username")
    home_cadres = (
        cadres_visible_to(request.user)
        .filter(home_unit=unit)
        .select_related("home_unit")
        .order_by("name_pinyin", "id")
    )
    page = paginate(request, home_cadres)
    return render(
        request,
        "cadres/unit_detail.html",
        {
            "unit": unit,
            "members": members,
            "people_log": unit_people_log(unit) if is_org_staff(request.user) else None,
            "page": page,
            "can_edit": can_edit_cadre(request.user),
            "show_personal_data": can_see_personal_data(request.user),
        },
    )


@staff_required
def unit_create(request: HttpRequest) -> HttpResponse:
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.create_unit(actor=request.user, **form.cleaned_data)
        except TransitionError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Unit %(name)s was added.") % {"name": unit.name})
            return redirect(unit)
    return render(request, "cadres/unit_form.html", {"form": form})


@staff_required
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_visible_or_404(units_visible_to(request.user), pk=pk)
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.edit_unit(unit=unit, actor=request.user, **form.cleaned_data)
        except TransitionError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The changes to %(name)s were saved.") % {"name": unit.name})
            return redirect(unit)
    return render(request, "cadres/unit_form.html", {"form": form, "unit": unit})
