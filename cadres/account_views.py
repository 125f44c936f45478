"""Staff manage the people of a unit from its page: add a leader or a liaison (a new login or an
existing one), set a new password (changed by its holder at the next login), end a membership,
deactivate an account. Everything goes through ``services`` and is kept in the history."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from guazhi.access import get_visible_or_404, staff_required
from guazhi.forms import show_refusal
from guazhi.middleware import MUST_CHANGE_PASSWORD
from guazhi.people import person_name
from guazhi.workflow import TransitionError

from . import services
from .account_forms import EXISTING, AddPersonForm, ResetPasswordForm
from .choices import MembershipRole
from .models import Unit, UnitMembership
from .selectors import units_visible_to


def _unit(request: HttpRequest, pk: int) -> Unit:
    return get_visible_or_404(units_visible_to(request.user), pk=pk)


def _membership(unit: Unit, membership_pk: int) -> UnitMembership:
    return get_visible_or_404(
        UnitMembership.objects.filter(unit=unit).select_related("user"), pk=membership_pk
    )


@staff_required
def person_add(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    form = AddPersonForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = data.get("user") if data["who"] == EXISTING else None
            if user is None:
                user = services.create_account(
                    username=data["username"],
                    family_name=data["family_name"],
                    given_name=data["given_name"],
                    email=data["email"],
                    password=data["password"],
                    actor=request.user,
                )
            services.add_membership(user=user, unit=unit, role=data["role"], actor=request.user)
        except TransitionError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                _("%(name)s now acts for %(unit)s as %(role)s.")
                % {"name": person_name(user), "unit": unit.name, "role": MembershipRole(data["role"]).label},
            )
            return redirect(unit)
    return render(request, "cadres/unit_person_add.html", {"unit": unit, "form": form})


def _confirm_page(request, unit, membership, *, title, question, button, consequence=""):
    return render(
        request,
        "cadres/unit_person_confirm.html",
        {
            "unit": unit,
            "membership": membership,
            "title": title,
            "question": question,
            "consequence": consequence,
            "button": button,
        },
    )


def _last_leader(unit: Unit, membership: UnitMembership) -> bool:
    return (
        membership.role == MembershipRole.LEADER
        and not UnitMembership.objects.filter(unit=unit, role=MembershipRole.LEADER, user__is_active=True)
        .exclude(pk=membership.pk)
        .exists()
    )


def _after(request, unit, step, success) -> HttpResponse:
    try:
        step()
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(unit)


@staff_required
def person_end(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    membership = _membership(unit, membership_pk)
    names = {"name": person_name(membership.user), "unit": unit.name, "role": membership.get_role_display()}
    if request.method == "POST":
        return _after(
            request,
            unit,
            lambda: services.end_membership(membership=membership, actor=request.user),
            _("%(name)s no longer acts for %(unit)s as %(role)s.") % names,
        )
    return _confirm_page(
        request,
        unit,
        membership,
        title=_("End a membership"),
        question=_("%(name)s will no longer act for %(unit)s as %(role)s.") % names,
        consequence=_(
            "No one else leads %(unit)s: it will show on the overview page until a leader is added."
        )
        % names
        if _last_leader(unit, membership)
        else "",
        button=_("End the membership"),
    )


@staff_required
def person_deactivate(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    membership = _membership(unit, membership_pk)
    names = {"name": person_name(membership.user), "unit": unit.name}
    if request.method == "POST":
        return _after(
            request,
            unit,
            lambda: services.deactivate_account(user=membership.user, actor=request.user),
            _("The account of %(name)s is deactivated.") % names,
        )
    return _confirm_page(
        request,
        unit,
        membership,
        title=_("Deactivate an account"),
        question=_("%(name)s will no longer be able to sign in, for %(unit)s or any other unit.") % names,
        consequence=_(
            "No one else leads %(unit)s: it will show on the overview page until a leader is added."
        )
        % names
        if _last_leader(unit, membership)
        else "",
        button=_("Deactivate the account"),
    )


@staff_required
def person_password(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    unit = _unit(request, pk)
    membership = _membership(unit, membership_pk)
    form = ResetPasswordForm(membership.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reset_password(
                user=membership.user, password=form.cleaned_data["new_password1"], actor=request.user
            )
        except TransitionError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                _("A new password is set for %(name)s; they must change it at the next login.")
                % {"name": person_name(membership.user)},
            )
            return redirect(unit)
    return render(
        request, "cadres/unit_person_password.html", {"unit": unit, "membership": membership, "form": form}
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's own page; a password chosen here ends the request to change it."""

    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=form.user)
        self.request.session.pop(MUST_CHANGE_PASSWORD, None)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["must_change"] = bool(self.request.session.get(MUST_CHANGE_PASSWORD))
        return context
