"""The work record in the administration: read there, a project corrected by the page's rules."""

from django.urls import reverse

from conftest import months_ago
from worklog import services
from worklog.choices import ProjectKind, ProjectRole


def _project(secondment, officer):
    return services.add_project(
        secondment=secondment,
        name="产业园标准厂房",
        kind=ProjectKind.CONSTRUCTION,
        role=ProjectRole.CARRIES,
        stage="立项",
        actor=officer,
    )


def _change(project, **changes) -> dict:
    data = {"name": project.name, "kind": project.kind, "role": project.role, "stage": project.stage}
    data.update(changes)
    return data


def test_an_administrator_corrects_a_project_under_their_name(admin_client, admin_user, officer, placed_in_a):
    project = _project(placed_in_a, officer)

    admin_client.post(
        reverse("admin:worklog_project_change", args=[project.pk]), _change(project, stage="开工")
    )

    project.refresh_from_db()
    assert project.stage == "开工"
    assert project.history.first().history_user == admin_user


def test_an_administrator_cannot_date_a_project_in_the_future(admin_client, officer, placed_in_a):
    project = _project(placed_in_a, officer)
    url = reverse("admin:worklog_project_change", args=[project.pk])

    answer = admin_client.post(url, _change(project, started_on="2999-01-01"), follow=True)

    assert "项目开始日期不能晚于今天。" in answer.content.decode()
    project.refresh_from_db()
    assert project.started_on is None


def test_monthly_records_are_read_in_the_administration_and_written_only_on_their_pages(
    admin_client, officer, placed_in_a
):
    record = services.file_monthly_record(
        secondment=placed_in_a, month=months_ago(1).replace(day=1), work_done="走访企业十二家", actor=officer
    )

    listing = admin_client.get(reverse("admin:worklog_monthlyrecord_changelist"))
    assert listing.status_code == 200 and placed_in_a.cadre.name in listing.content.decode()
    page = admin_client.get(reverse("admin:worklog_monthlyrecord_change", args=[record.pk]))
    assert page.status_code == 200 and "走访企业十二家" in page.content.decode()
    assert (
        admin_client.post(
            reverse("admin:worklog_monthlyrecord_change", args=[record.pk]), {"work_done": "改写"}
        ).status_code
        == 403
    )
    assert admin_client.get(reverse("admin:worklog_monthlyrecord_add")).status_code == 403
    assert admin_client.get(reverse("admin:worklog_project_add")).status_code == 403
