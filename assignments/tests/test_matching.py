"""The scoring and the plan, on plain values."""

from assignments.matching import CadreFacts, PostFacts, is_economic_unit, plan, rank_posts, score_all

NAMES = {
    1: "财政金融",
    2: "招商引资",
    3: "征地拆迁",
    4: "林业花木",
    5: "乡村振兴",
    6: "项目落地",
    7: "企业服务",
}


def cadre(pk=1, level="division", skills=(), wishes="", home="省财政厅", name=None) -> CadreFacts:
    return CadreFacts(
        secondment_id=pk,
        cadre_id=pk,
        name=name or f"干部{pk}",
        level_bucket=level,
        specialty_ids=frozenset(skills),
        wishes=wishes,
        home_unit=home,
        economic=is_economic_unit(home),
    )


def post(
    pk=1, level="any", wanted=(), seats=1, strong=False, broad=False, portfolio="", title="副局长"
) -> PostFacts:
    return PostFacts(
        post_id=pk,
        unit=f"单位{pk}",
        title=title,
        portfolio=portfolio,
        expected_level=level,
        specialty_ids=frozenset(wanted),
        free_seats=seats,
        strong_team=strong,
        broad_scope=broad,
    )


def test_the_specialty_part_says_how_many_wanted_specialties_match_and_which():
    [best] = rank_posts(cadre(skills={1, 2}), [post(wanted={1, 2, 3})], NAMES)
    part = next(p for p in best.parts if p.key == "specialty")
    assert (
        part.explanation == "专业特长匹配 2/3：招商引资、财政金融"
        or part.explanation == "专业特长匹配 2/3：财政金融、招商引资"
    )
    assert round(part.points, 2) == round(4 * 2 / 3, 2)


def test_a_full_post_is_never_suggested():
    ranked = rank_posts(cadre(skills={1}), [post(1, wanted={1}, seats=0), post(2)], NAMES)
    assert [s.post.post_id for s in ranked] == [2]


def test_a_post_demanding_another_level_is_never_suggested():
    ranked = rank_posts(cadre(level="section"), [post(1, level="division"), post(2, level="section")], NAMES)
    assert [s.post.post_id for s in ranked] == [2]


def test_a_cadre_with_no_level_fits_only_posts_open_to_any_level():
    ranked = rank_posts(cadre(level="other"), [post(1, level="division"), post(2, level="any")], NAMES)
    assert [s.post.post_id for s in ranked] == [2]


def test_the_post_that_fits_the_specialties_and_wishes_ranks_first():
    forestry = cadre(skills={4, 5}, wishes="希望到能发挥林业花木专长的岗位", home="省林业局")
    posts = [
        post(1, wanted={3, 6, 7}, strong=True, broad=True, title="副县长"),
        post(2, wanted={4, 5}, strong=True, title="林业局副局长"),
    ]
    ranked = rank_posts(forestry, posts, NAMES)
    assert ranked[0].post.post_id == 2
    wishes = next(p for p in ranked[0].parts if p.key == "wishes")
    assert "林业花木" in wishes.explanation


def test_economic_department_cadres_are_preferred_in_broad_scope_posts():
    finance, forestry = cadre(1, home="省财政厅"), cadre(2, home="省林业局")
    scores = score_all([finance, forestry], [post(broad=True)], NAMES)
    assert scores.economic[0, 0] > 0
    assert scores.economic[1, 0] == 0


def test_the_three_tests_follow_the_post_facts_and_the_specialty_fit():
    [suggestion] = rank_posts(cadre(skills={1}), [post(wanted={1}, strong=True, broad=False)], NAMES)
    assert [passed for _label, passed in suggestion.three_tests] == [True, False, True]


def test_the_plan_maximises_the_total_not_each_cadre_greedily():
    # Greedy would give cadre 1 the post both like best and leave cadre 2 with nothing fitting.
    a = cadre(1, skills={1, 2})
    b = cadre(2, skills={1})
    posts = [post(1, wanted={1}), post(2, wanted={2})]
    result = plan([a, b], posts, NAMES)
    placed = {line.cadre.secondment_id: line.post.post_id for line in result.lines}
    assert placed == {1: 2, 2: 1}
    assert not result.unplaced


def test_a_post_with_two_seats_takes_two_cadres_in_the_plan():
    result = plan([cadre(1, skills={1}), cadre(2, skills={1})], [post(1, wanted={1}, seats=2)], NAMES)
    assert sorted(line.cadre.secondment_id for line in result.lines) == [1, 2]


def test_cadres_with_no_acceptable_post_are_listed_with_the_reason():
    result = plan(
        [cadre(1, level="section"), cadre(2, level="division"), cadre(3, level="division")],
        [post(1, level="division")],
        NAMES,
    )
    reasons = dict((c.secondment_id, reason) for c, reason in result.unplaced)
    assert "层级" in reasons[1]
    assert len(result.lines) == 1
    assert len(reasons) == 2


def test_a_forbidden_pair_is_never_in_the_plan_even_when_nothing_else_is_left():
    result = plan([cadre(1, level="section")], [post(1, level="division")], NAMES)
    assert result.lines == []
    assert result.unplaced[0][0].secondment_id == 1


def test_an_empty_plan_explains_that_no_post_is_free():
    result = plan([cadre(1)], [], NAMES)
    assert result.unplaced[0][1] == "没有空缺岗位"
