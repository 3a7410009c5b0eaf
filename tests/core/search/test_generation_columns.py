"""The search engine's per-document columns (outlet, year by document number, for facets and filters) hold
one string per outlet and per year, not one per article: 100,000 articles from a few outlets and years."""

from __future__ import annotations


def test_articles_of_one_outlet_and_year_share_the_strings(library):
    gen = library.engine.generation()
    by_outlet: dict[str, str] = {}
    by_year: dict[str, str] = {}
    for outlet, year in zip(gen.outlets, gen.years, strict=True):
        assert by_outlet.setdefault(outlet, outlet) is outlet
        assert by_year.setdefault(year, year) is year
    assert len(by_outlet) < len(gen.outlets) and len(by_year) < len(gen.years)  # the seeds share some
