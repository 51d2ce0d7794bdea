"""The arithmetic and request variation behind docs/benchmarks.md (bench/timing.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from bench.timing import (
    REPORT_PERIODS,
    SEARCH_WORDS,
    Round,
    filter_combinations,
    form_options,
    median_ratio,
    percentile,
    varied_path,
)


def test_percentile_is_nearest_rank_so_it_is_always_an_observed_value() -> None:
    values = [float(n) for n in range(1, 21)]  # 1..20
    assert percentile(values, 0.95) == 19.0
    assert percentile(values, 0.5) == 10.0
    assert percentile([7.0, 3.0, 5.0], 0.95) == 7.0
    assert percentile([4.0], 0.95) == 4.0
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_the_ratio_is_the_median_of_per_round_ratios_not_a_ratio_of_medians() -> None:
    # The load changes between rounds: the floor and the page slow down together.
    rounds = [
        Round(static_ms=(1.0,), view_ms=(10.0, 10.0, 12.0), page_ms=(20.0, 20.0, 30.0)),  # 2×
        Round(static_ms=(2.0,), view_ms=(40.0,), page_ms=(120.0,)),  # 3×
        Round(static_ms=(4.0,), view_ms=(5.0,), page_ms=(50.0,)),  # 10×
    ]
    assert median_ratio(rounds, against="view") == 3.0
    # A ratio of overall medians would say 50 / 10 = 5×.
    assert median_ratio(rounds, against="static") == 20.0
    with pytest.raises(ValueError):
        median_ratio(rounds, against="page")
    with pytest.raises(ValueError):
        median_ratio([], against="view")


def test_form_options_reads_the_selects_of_the_served_filter_form() -> None:
    page = """
    <form><select name="country" id="c"><option value="">Both countries</option>
      <option value="KG">Kyrgyzstan</option><option value="TJ" selected>Tajikistan</option></select>
    <select id="s" name="status"><option value="active">Active</option></select>
    <select name="empty"><option value="">Any</option></select>
    <select><option value="x">no name</option></select></form>
    """
    assert form_options(page) == {"country": ["KG", "TJ"], "status": ["active"]}


def test_every_timed_request_of_a_page_is_a_new_question() -> None:
    combos = filter_combinations({"country": ["KG", "TJ"], "status": ["active", "closed"]})
    paths = [
        varied_path("/en/projects/", kind="list", index=i, combinations=combos)
        for i in range(len(combos))
    ]
    assert len(set(paths)) == len(paths) > 100
    kinds = {tuple(sorted(parse_qs(urlsplit(p).query))) for p in paths}
    assert kinds == {
        ("q",),
        ("country",),
        ("status",),
        ("country", "q"),
        ("q", "status"),
        ("country", "status"),
    }
    searches = [varied_path("/en/search/?q=x", kind="search", index=i) for i in range(1000)]
    assert len(set(searches)) == 1000
    assert parse_qs(urlsplit(searches[0]).query)["q"] == [SEARCH_WORDS[0]]
    # The same index always gives the same request: runs are comparable.
    assert filter_combinations({"country": ["KG"]}) == filter_combinations({"country": ["KG"]})


def test_staff_reports_get_a_new_period_and_keep_their_subject() -> None:
    paths = [
        varied_path(
            "/en/staff/reports/donor/?project=7&date_from=2025-01-01&date_to=2025-12-31",
            kind="period",
            index=i,
        )
        for i in range(len(REPORT_PERIODS))
    ]
    assert len(set(paths)) == len(REPORT_PERIODS)
    for path in paths:
        query = parse_qs(urlsplit(path).query)
        assert query["project"] == ["7"]
        assert len(query["date_from"]) == len(query["date_to"]) == 1
    assert varied_path("/en/news/12/", kind="fixed", index=5) == "/en/news/12/"
