from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guazhi.access import get_visible_or_404, staff_required
from guazhi.forms import show_refusal, shown_order
from guazhi.history import change_log_for
from guazhi.paging import paginate
from guazhi.workflow import TransitionError

from . import services
from .filters import CadreFilter, UnitFilter
from .forms import AccountForm, CadreForm, UnitForm
from .sections import cadre_page
from .selectors import (
    cadre_list_queryset,
    cadres_visible_to,
    can_edit_cadre,
    can_see_personal_data,
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
        .prefetch_related("specialties"),
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
            "sections": cadre_page.render_for(request, cadre),
        },
    )


@staff_required
def cadre_create(request: HttpRequest) -> HttpResponse:
    form = CadreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cadre = services.create_cadre(actor=request.user, **form.cleaned_data)
        except TransitionError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Cadre %(name)s was added.") % {"name": cadre.name})
            return redirect(cadre)
    return render(request, "cadres/cadre_form.html", {"form": form})


@staff_required
def cadre_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cadre = get_visible_or_404(cadres_visible_to(request.user), pk=pk)
    form = CadreForm(request.POST or None, instance=cadre)
    if request.method == "POST" and form.is_valid():
        try:
            cadre = services.edit_cadre(cadre=cadre, actor=request.user, **form.cleaned_data)
        except TransitionError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The changes to %(name)s were saved.") % {"name": cadre.name})
            return redirect(cadre)
    return render(request, "cadres/cadre_form.html", {"form": form, "cadre": cadre})


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
    members = unit.memberships.select_related("user").order_by("role", "user__username")
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
