"""The selection pages read a fixed number of queries however many needs, nominees and messages."""

from django.urls import reverse

from conftest import client_for
from selection import services


def _nominate(need, make_cadre, sending_unit, liaison, name):
    nomination = services.nominate(
        need=need, sending_unit=sending_unit, reason="熟悉业务", cadre=make_cadre(name), actor=liaison
    )
    services.post_message(nomination=nomination, text="请补充近三年考核结果", actor=liaison)
    services.post_need_message(need=need, text="岗位需分管招商", actor=liaison)
    return nomination


NAMES = ["张一", "李二", "王三", "赵四", "钱五", "孙六", "周七"]


def test_a_need_with_many_nominees_and_messages_reads_as_few_queries_as_one_with_one(
    cycle_with_need, make_cadre, sending_unit, liaison, officer_client, django_assert_max_num_queries
):
    _cycle, need = cycle_with_need
    url = need.get_absolute_url()
    _nominate(need, make_cadre, sending_unit, liaison, NAMES[0])
    dora = client_for(liaison)
    with django_assert_max_num_queries(60) as staff_few:
        assert officer_client.get(url).status_code == 200
    with django_assert_max_num_queries(60) as liaison_few:
        assert dora.get(url).status_code == 200

    for name in NAMES[1:]:
        _nominate(need, make_cadre, sending_unit, liaison, name)

    with django_assert_max_num_queries(len(staff_few.captured_queries)):
        page = officer_client.get(url).content.decode()
    assert all(name in page for name in NAMES)
    with django_assert_max_num_queries(len(liaison_few.captured_queries)):
        assert dora.get(url).status_code == 200


def test_a_cycle_with_many_needs_and_nominees_reads_as_few_queries_as_one_with_one(
    make_cycle,
    unit_a,
    unit_b,
    make_post,
    make_cadre,
    sending_unit,
    liaison,
    officer_client,
    django_assert_max_num_queries,
):
    small, (need,) = make_cycle(needs=[{"unit": unit_a, "post": make_post(title="副局长")}])
    _nominate(need, make_cadre, sending_unit, liaison, NAMES[0])
    large, needs = make_cycle(
        name="2027年市派第二批",
        needs=[{"unit": unit_b, "post": make_post(unit=unit_b, title=f"镇长助理{n}")} for n in range(3)],
    )
    for index, name in enumerate(NAMES[1:]):
        _nominate(needs[index % 3], make_cadre, sending_unit, liaison, name)
    dora = client_for(liaison)

    for client in (officer_client, dora):
        with django_assert_max_num_queries(60) as few:
            assert client.get(small.get_absolute_url()).status_code == 200
        with django_assert_max_num_queries(len(few.captured_queries)):
            page = client.get(large.get_absolute_url()).content.decode()
        assert "镇长助理2" in page


def test_the_cycle_list_reads_as_few_queries_for_many_cycles_as_for_one(
    make_cycle, unit_a, make_post, officer_client, liaison, django_assert_max_num_queries
):
    make_cycle(needs=[{"unit": unit_a, "post": make_post(title="副局长")}])
    url = reverse("selection:cycle_list")
    dora = client_for(liaison)
    with django_assert_max_num_queries(60) as staff_few:
        officer_client.get(url)
    with django_assert_max_num_queries(60) as liaison_few:
        dora.get(url)

    for year in range(2028, 2033):
        make_cycle(
            name=f"{year}年省派第一批", needs=[{"unit": unit_a, "post": make_post(title=f"局长助理{year}")}]
        )

    with django_assert_max_num_queries(len(staff_few.captured_queries)):
        assert "2032年省派第一批" in officer_client.get(url).content.decode()
    with django_assert_max_num_queries(len(liaison_few.captured_queries)):
        assert dora.get(url).status_code == 200
