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
    pk=1, level="any", wanted=(), seats=1, strong=False, broad=False, portfolio="", title="副局长", unit=None
) -> PostFacts:
    return PostFacts(
        post_id=pk,
        unit=unit or f"单位{pk}",
        unit_id=pk,
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
        minimum=0,
    )
    reasons = {u.cadre.secondment_id: u.reason for u in result.unplaced}
    assert "层级" in reasons[1]
    assert len(result.lines) == 1
    assert len(reasons) == 2


def test_a_forbidden_pair_is_never_in_the_plan_even_when_nothing_else_is_left():
    result = plan([cadre(1, level="section")], [post(1, level="division")], NAMES)
    assert result.lines == []
    assert result.unplaced[0].cadre.secondment_id == 1


def test_an_empty_plan_explains_that_no_post_is_free():
    result = plan([cadre(1)], [], NAMES)
    assert result.unplaced[0].reason == "没有空缺岗位"


def test_the_specialties_the_post_s_portfolio_names_count_as_well_as_the_wanted_ones():
    [suggestion] = rank_posts(cadre(skills={4}), [post(wanted={5}, portfolio="协助分管林业花木产业")], NAMES)
    part = next(p for p in suggestion.parts if p.key == "specialty")
    assert part.points == 2
    assert "1/2：林业花木" in part.explanation and "分管工作还写到林业花木" in part.explanation


def test_a_post_naming_the_cadre_s_specialty_only_in_its_portfolio_passes_the_strengths_test():
    [suggestion] = rank_posts(cadre(skills={3}), [post(portfolio="征地拆迁和安置")], NAMES)
    assert suggestion.three_tests[2][1] is True


def test_a_division_cadre_in_a_township_deputy_post_open_to_any_level_scores_lower_and_says_why():
    deputy = post(title="副乡长", unit="白石乡")
    [above] = rank_posts(cadre(level="division"), [deputy], NAMES)
    [fitting] = rank_posts(cadre(level="section"), [deputy], NAMES)
    assert above.total < fitting.total
    level = next(p for p in above.parts if p.key == "level")
    assert level.points == 0
    assert "副乡长" in level.explanation and "科级" in level.explanation and "大材小用" in level.explanation


def test_a_deputy_county_head_post_open_to_any_level_counts_as_division_level():
    [suggestion] = rank_posts(cadre(level="division"), [post(title="副县长", unit="县人民政府")], NAMES)
    assert next(p for p in suggestion.parts if p.key == "level").points == 2


def test_the_plan_never_puts_a_division_cadre_in_a_section_only_post():
    result = plan([cadre(1, level="division", skills={1})], [post(1, level="section", wanted={1})], NAMES)
    assert result.lines == []


def test_the_plan_proposes_no_line_below_the_minimum_and_says_so():
    result = plan([cadre(1, skills={1})], [post(1, wanted={2})], NAMES, minimum=3)
    assert result.lines == []
    assert "最低分 3" in result.unplaced[0].reason and "单位1 副局长" in result.unplaced[0].reason


def test_the_plan_never_proposes_a_zero_overlap_line_while_a_post_with_overlap_is_free():
    # The zero-overlap post scores higher on everything else, and would win on the total alone.
    plain = post(1, level="division", strong=True, broad=True)
    fitting = post(2, wanted={1, 2, 3, 4})
    result = plan([cadre(1, skills={1}, home="省财政厅")], [plain, fitting], NAMES, minimum=0)
    assert [line.post.post_id for line in result.lines] == [2]


def test_an_unplaced_cadre_is_told_the_post_went_to_a_higher_total_with_the_unit_that_asked():
    strong, weak = cadre(1, skills={1, 2}, name="甲"), cadre(2, skills={1}, name="乙")
    result = plan([strong, weak], [post(1, wanted={1, 2}, unit="县财政局")], NAMES, minimum=0)
    [unplaced] = result.unplaced
    assert unplaced.cadre.name == "乙"
    assert "甲" in unplaced.reason and "更高" in unplaced.reason
    assert (unplaced.unit_id, unplaced.unit) == (1, "县财政局")


def test_an_unplaced_cadre_in_a_tie_is_told_it_was_a_tie():
    result = plan([cadre(1, skills={1}), cadre(2, skills={1})], [post(1, wanted={1})], NAMES, minimum=0)
    [unplaced] = result.unplaced
    assert "同分" in unplaced.reason
