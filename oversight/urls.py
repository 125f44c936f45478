from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from cadres import account_views

from .views import home, summary, watches

# The pages that read every app, under the paths they have always had.
oversight_patterns = [
    path("watch/<slug:key>/", watches.watch_list, name="watch_list"),
    path("reports/summary/", summary.summary, name="summary"),
    path("reports/summary.docx", summary.summary_docx, name="summary_docx"),
    path("reports/summary.xlsx", summary.summary_xlsx, name="summary_xlsx"),
]

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("cadres/", include("cadres.urls")),
    path("secondments/", include((oversight_patterns, "oversight"))),
    path("secondments/", include("assignments.urls")),
    path("secondments/", include("worklog.urls")),
    path("secondments/", include("living.urls")),
    path("appraisals/", include("evaluations.urls")),
    path("selection/", include("selection.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = _("Seconded cadres: administration")
admin.site.site_title = _("Seconded cadres")
admin.site.index_title = _("Administration")
