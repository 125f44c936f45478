from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guazhi.access import get_visible_or_404, staff_required
from guazhi.forms import show_refusal, shown_order
from guazhi.history import change_log_for
from guazhi.paging import paginate
from guazhi.workflow import TransitionError, run_step

from .. import services
from ..choices import PostStatus
from ..forms import PostFilter, PostForm
from ..models import Post
from ..selectors import post_list_queryset, posts_visible_to


@staff_required
def post_list(request: HttpRequest) -> HttpResponse:
    post_filter = PostFilter(request.GET, queryset=post_list_queryset(request.user))
    page = paginate(request, post_filter.qs)
    return render(request, "assignments/post_list.html", {"filter": post_filter, "page": page})


@staff_required
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_visible_or_404(post_list_queryset(request.user), pk=pk)
    holders = post.assignments.select_related("secondment__cadre", "secondment__sending_unit").order_by(
        "end_date", "-start_date"
    )
    return render(
        request,
        "assignments/post_detail.html",
        {
            "post": post,
            "holders": holders,
            "can_withdraw": post.status == PostStatus.OPEN and post.held == 0,
            "can_reopen": post.status == PostStatus.WITHDRAWN,
            "history": change_log_for(request.user, post.history.all(), field_order=shown_order(PostForm())),
        },
    )


@staff_required
def post_create(request: HttpRequest) -> HttpResponse:
    # The batch plan links here for a cadre it could not place: the unit and the specialties asked for.
    specialties = [pk for pk in request.GET.getlist("specialty") if pk.isascii() and pk.isdigit()]
    form = PostForm(
        request.POST or None, initial={"unit": request.GET.get("unit"), "specialties": specialties}
    )
    if request.method == "POST" and form.is_valid():
        post = services.create_post(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The post %(post)s was added.") % {"post": post})
        return redirect(post)
    return render(request, "assignments/post_form.html", {"form": form})


@staff_required
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_visible_or_404(posts_visible_to(request.user).select_related("unit"), pk=pk)
    form = PostForm(request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(post=post, actor=request.user, **form.cleaned_data)
        except TransitionError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(post)
    elif request.method == "POST":
        _show_what_the_holders_rule_out(form, pk)
    return render(request, "assignments/post_form.html", {"form": form, "post": post})


def _show_what_the_holders_rule_out(form: PostForm, pk: int) -> None:
    """With the form's other mistakes, name at once what edit_post would refuse for the post as it is
    on file (the form has already put its values on the instance it was given)."""
    on_file = Post.objects.select_related("unit").get(pk=pk)
    data = form.cleaned_data
    refusals = services.post_change_refusals(on_file, unit=data.get("unit"), quota=data.get("quota"))
    for name, message in refusals.items():
        if name not in form.errors:
            form.add_error(name, message)


@staff_required
@require_POST
def post_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_visible_or_404(posts_visible_to(request.user).select_related("unit"), pk=pk)
    return run_step(
        request,
        lambda: services.withdraw_post(post=post, actor=request.user),
        _("The post is withdrawn and is no longer offered."),
        post,
    ) or redirect(post)


@staff_required
@require_POST
def post_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_visible_or_404(posts_visible_to(request.user).select_related("unit"), pk=pk)
    return run_step(
        request,
        lambda: services.reopen_post(post=post, actor=request.user),
        _("The post is open again."),
        post,
    ) or redirect(post)
