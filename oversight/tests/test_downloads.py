"""Every file the application sends goes out under a Chinese name (RFC 5987 ``filename*``) with a plain
ASCII name for clients that cannot read it."""

import re
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import TODAY
from guazhi.tests.samples import PDF


@pytest.fixture
def files(officer_client, make_review, make_cadre, post, settings, tmp_path):
    """A review fed back, with a training plan and a self-summary attached."""
    settings.MEDIA_ROOT = tmp_path
    review = make_review(make_cadre("张国华"), post, "fed_back", batch="2024年省派第二批")
    secondment = review.secondment
    officer_client.post(
        reverse("assignments:training_plan_edit", args=[secondment.pk]),
        {"text": "", "attachment": SimpleUploadedFile("plan.pdf", PDF), "filed_on": TODAY.isoformat()},
    )
    review.self_summary_file.save("x.pdf", SimpleUploadedFile("summary.pdf", PDF))
    review.self_summary_filename = "summary.pdf"
    review.save()
    return {"review": review, "secondment": secondment}


def _name(response) -> tuple[str, str]:
    header = response["Content-Disposition"]
    assert header.startswith("attachment; ")
    plain = re.search(r'filename="([^"]*)"', header).group(1)
    encoded = unquote(re.search(r"filename\*=UTF-8''(\S+)", header).group(1))
    return plain, encoded


def test_every_download_has_its_chinese_name_and_an_ascii_one(officer_client, files):
    review, secondment = files["review"], files["secondment"]
    since = review.secondment.term_start.year
    expected = {
        reverse("oversight:summary_docx") + f"?since={since}": f"{since}年以来挂职干部工作情况.docx",
        reverse("oversight:summary_xlsx") + f"?since={since}": f"{since}年以来挂职干部工作情况.xlsx",
        reverse("assignments:roster_template"): "挂职干部花名册模板.xlsx",
        reverse("assignments:roster_export"): f"挂职干部花名册{TODAY:%Y%m%d}.xlsx",
        reverse("assignments:training_plan_download", args=[secondment.pk]): "张国华培养计划.pdf",
        reverse("evaluations:review_summary_file", args=[review.pk]): "张国华个人总结.pdf",
        reverse("evaluations:review_download", args=[review.pk]): "张国华挂职干部鉴定表.docx",
        reverse("cadres:cadre_lrmx", args=[secondment.cadre.pk]): "张国华干部任免审批表.lrmx",
        reverse("cadres:cadre_approval_form", args=[secondment.cadre.pk]): "张国华干部任免审批表.docx",
        reverse("evaluations:review_forms_download")
        + "?batch=2024年省派第二批": "2024年省派第二批挂职干部鉴定表.docx",
    }
    for url, name in expected.items():
        response = officer_client.get(url)
        assert response.status_code == 200, url
        plain, encoded = _name(response)
        assert encoded == name
        assert plain.isascii() and plain.endswith(name.rsplit(".", 1)[1]) and len(plain) > 5


def test_the_ascii_name_is_the_chinese_one_in_pinyin(officer_client, files):
    response = officer_client.get(reverse("evaluations:review_download", args=[files["review"].pk]))
    assert _name(response)[0] == "zhangguohuaguazhiganbujiandingbiao.docx"
