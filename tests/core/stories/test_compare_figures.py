"""Figures that broke or misled `compare` (core/stories/figures.py, compare.py): numbers too long for a float,
numbers in scientific notation, negative figures; and the side-by-side rows of long articles."""

from __future__ import annotations

from reader_app.core.stories.compare import compare
from reader_app.core.stories.figures import figures
from reader_app.core.stories.sentences import sentences_of
from reader_app.core.stories.thresholds import NORMAL


def _differences(a: str, b: str) -> list[tuple[str, str]]:
    c = compare("a", sentences_of(a), "b", sentences_of(b), NORMAL.align)
    return [(d.a_figure, d.b_figure) for d in c.differences]


def test_a_number_too_long_for_a_float_is_no_figure_and_no_error():
    huge = "1" + "0" * 320
    assert figures(f"The report counted {huge} people in the square.") == []
    assert figures(f"The fund lost ${huge}bn and {huge}% of its value.") == []
    assert _differences(f"The report counted {huge} people in the square last night.",
                        f"The report counted {huge}1 people in the square last night.") == []
    # A large number a float holds is still a figure.
    assert [(f.value, f.unit) for f in figures("They counted 1" + "0" * 30 + " grains.")] == [(1e30, "grain")]


def test_scientific_notation_is_one_number():
    assert [(f.value, f.unit, f.text) for f in figures("It cost 6.5e3 dollars.")] == [(6500.0, "dollar", "6.5e3 dollars")]
    assert figures("It cost 6.5e400 dollars.") == []  # beyond a float: no figure, not "6.5e"
    assert _differences("The dam cost 6.5e400 dollars to build in the end.",
                        "The dam cost 7.5e400 dollars to build in the end.") == []


def test_a_negative_figure_keeps_its_sign():
    for minus in "-–−":
        [f] = figures(f"Output changed by {minus}5% in the year to March.")
        assert (f.value, f.unit, f.text) == (-5.0, "%", f"{minus}5%")
    assert _differences("Prices changed by –5% in the year to March, the office said.",
                        "Prices changed by 6% in the year to March, the office said.") == [("–5%", "6%")]
    assert _differences("Prices changed by –5% in the year to March, the office said.",
                        "Prices changed by -5% in the year to March, the office said.") == []
    # A dash between two numbers or after a word is no minus sign.
    found = figures("Between 2019-2021 some 10-15 people and COVID-19 cases at 3-4%.")
    assert found and all(f.value > 0 for f in found)


def test_rows_of_a_reordered_article_read_in_order_in_both_columns():
    """The same 600 sentences in another order, some only in one article: the rows hold every sentence of
    each article once, A's column in A's order, aligned sentences side by side."""
    import random

    rng = random.Random(3)
    words = [f"w{n}x" for n in range(4000)]
    pool = [" ".join(rng.sample(words, 8)).capitalize() + "." for _ in range(700)]
    a = pool[:600]
    b = pool[100:700]
    rng.shuffle(b)
    c = compare("a", sentences_of(" ".join(a)), "b", sentences_of(" ".join(b)), NORMAL.align)
    assert [x for x, _, _ in c.rows if x is not None] == a
    assert sorted(y for _, y, _ in c.rows if y is not None) == sorted(b)
    assert all(x == y for x, y, s in c.rows if x is not None and y is not None)
    assert len(c.aligned) == 500 and len(c.only_a) == 100 and len(c.only_b) == 100


def test_figures_of_sentences_about_different_subjects_are_not_a_discrepancy():
    """The adversarial trial (BBC business): SpiceJet's "10 more aircraft" was flagged against Japan Airlines'
    "30 of the aircraft". Figures are set against each other only when the sentences share their subject
    (the names before the figure); a sentence naming none before it says nothing against it."""
    spicejet = "The airline, SpiceJet, will also have the option to acquire 10 more aircraft from Boeing."
    japan = "Japan Airlines has made a firm order for 30 of the aircraft from Boeing."
    same = "The airline, SpiceJet, has made a firm order for 30 of the aircraft from Boeing."
    unnamed = "The airline has made a firm order for 30 of the aircraft from Boeing."
    for other, flagged in ((japan, False), (same, True), (unnamed, True)):
        c = compare("a", sentences_of(spicejet), "b", sentences_of(other), 0.2)
        assert bool(c.differences) == flagged, (other, c.differences, c.aligned)


def test_a_place_or_a_weekday_is_no_shared_subject():
    """The adversarial trial: two companies' results flagged as a discrepancy because both sentences said
    "in India" and "on Monday". Places and dates name no subject; a shared company still does."""
    tata = "On Monday, Tata Motors said in India that its profits rose by 25% over the year."
    infosys = "On Monday, Infosys said in India that its profits rose by 30% over the year."
    tata_again = "On Monday, Tata Motors said in India that its profits rose by 30% over the year."
    assert _differences(tata, infosys) == []
    assert _differences(tata, tata_again) == [("25%", "30%")]
    in_delhi = "In New Delhi on Friday, Wipro shares rose 4% in early trading, dealers said."
    in_delhi_too = "In New Delhi on Friday, Infosys shares rose 6% in early trading, dealers said."
    assert _differences(in_delhi, in_delhi_too) == []
    # places still tell two subjects apart: one country's exports are not another's
    assert _differences("UK exports rose by 3.2% last year to a new record, the figures showed.",
                        "US exports rose by 5.3% last year to a new record, the figures showed.") == []


def test_a_figure_rounding_the_other_is_no_discrepancy():
    """The adversarial trial: "£1.35bn" against "£1.3bn", "4.75%" against "4.8%" were flagged; one is the other
    to fewer decimals. A difference beyond rounding still is one."""
    a = "The bank said its profits reached £1.35bn in the year, and its margin was 4.75% at the end."
    rounded = "The bank said its profits reached £1.3bn in the year, and its margin was 4.8% at the end."
    assert _differences(a, rounded) == []
    assert _differences("The bank said its margin was 4.75% at the end of the year.",
                        "The bank said its margin was 4.9% at the end of the year.") == [("4.75%", "4.9%")]
    assert _differences("The bank said its profits reached £1.35bn in the year.",
                        "The bank said its profits reached £1.2bn in the year.") == [("£1.35bn", "£1.2bn")]
    # a whole number rounds only beside its sentence: a "4%" about another year agrees with no "3.7%"
    assert _differences("Shares in the club were up over 5% by noon after the new offer was made.",
                        "Shares in the club closed up 4.75% after the new offer was made.") == []
    assert _differences("Output grew 4% in the year before. The economy grew at a rate of 3.7% in the third quarter.",
                        "Output grew 4% in the year before. The economy grew at a rate of 3.8% in the third quarter."
                        ) == [("3.7%", "3.8%")]


def test_sentences_naming_only_where_and_when_are_set_against_each_other():
    """The adversarial trial: "In India, 300 people were hurt" against "In India, 400 people were hurt" was not
    flagged (a sentence naming only a place counted as naming a subject, none of it shared); another place is
    another event."""
    a = "In India, 300 people were hurt when the storm reached the coast, officials said."
    b = "In India, 400 people were hurt when the storm reached the coast, officials said."
    assert _differences(a, b) == [("300 people", "400 people")]
    assert _differences("On Monday, 300 people were hurt when the storm reached the coast, officials said.",
                        "On Monday, 400 people were hurt when the storm reached the coast, officials said.") \
        == [("300 people", "400 people")]
    assert _differences(a, "In Pakistan, 400 people were hurt when the storm reached the coast, officials said.") \
        == []


def test_a_dash_between_spaces_is_punctuation_not_a_minus_sign():
    """The BBC library's two Big Brother reports: "67% (A) vs - 67% (B)" was flagged, the dash of "on
    Friday - 67% of people" read as a minus sign. A sign binds to its digit; a dash standing apart does not."""
    a = ("McCririck faced the public vote on Friday and received 67% of the vote to keep him in the house, "
         "whilst Jackie Stallone was evicted.")
    b = "She and John McCririck faced the public vote on Friday - 67% of people voted to keep the racing pundit in the house."
    assert [(f.value, f.text) for f in figures(b)] == [(67.0, "67%")]
    assert _differences(a, b) == []
    assert [f.value for f in figures("Output fell (-5%) and then - 3% more.")] == [-5.0, 3.0]


def test_times_of_day_are_no_figures_to_compare():
    """The BBC library's dollar reports: "0950 GMT" against "1300 GMT" was flagged, two moments of two
    markets. Times of day are left out; the figures beside them are still compared."""
    a = "The dollar was buying 104.76 yen at 0950 GMT, 0.5% stronger on the day."
    b = ("At 1300 GMT, the euro was up 0.9% on the day at 1.3187 euros per US dollar.")
    assert [f.text for f in figures(a)] == ["104.76 yen", "0.5%"]
    assert [f.text for f in figures(b)] == ["0.9%", "1.3187 euros"]
    for clock in ("at 9.30am", "at 10 p.m.", "at 10:30", "by 1300 GMT"):
        assert figures(f"The market opened {clock} with 3,000 traders.") == [figures("3,000 traders")[0]], clock
    assert ("0950 GMT", "1300 GMT") not in _differences(
        "Shares in the bank were trading at 0950 GMT in London after the dollar moves.",
        "Shares in the bank were trading at 1300 GMT in London after the dollar moves.")


def test_minus_written_as_a_word_is_the_sign():
    """A trial: "fell to -5C" against "fell to minus 5C" was flagged as "-5C vs 5C"."""
    [f] = figures("Temperatures fell to minus 5C overnight in the Highlands.")
    assert (f.value, f.unit) == (-5.0, "c")
    assert _differences("Temperatures fell to -5C overnight in the Highlands, forecasters said.",
                        "Temperatures fell to minus 5C overnight in the Highlands, forecasters said.") == []
    assert _differences("Temperatures fell to minus 5C overnight in the Highlands, forecasters said.",
                        "Temperatures fell to minus 8C overnight in the Highlands, forecasters said.") != []


def test_figures_of_two_things_named_in_their_own_words_are_not_a_discrepancy():
    """The user trial (Sony PSP thread): the PSP's price "£130" was flagged against an adapter's "£25"."""
    psp = "When it goes on sale the PSP is likely to cost between £130 and £200."
    adapter = ("When it goes on sale the adapter is expected to cost about 5000 yen (£25), roughly the difference "
               "in price between the DS and the higher-priced Sony PSP.")
    assert _differences(psp, adapter) == []
    assert _differences(psp, "When it goes on sale the PSP is expected to cost about £180.") == [("£200", "£180")]


def test_figures_of_different_days_are_not_set_against_each_other_and_the_closest_pair_is_shown():
    """The user trial ("Dollar slides…"): Friday's $1.3652 was shown against Thursday's record $1.3666, while
    the pair meant, the record low of $1.3667 on Thursday against $1.3666, was not the one shown."""
    a = ("The dollar was trading at $1.3652 versus the euro on Friday morning after hitting a fresh record low of "
         "$1.3667 on Thursday.")
    b = "The dollar slid to a record $1.3666 versus the euro on Thursday, before bouncing back to $1.3636."
    assert _differences(a, b) == [("$1.3667", "$1.3666")]
    assert _differences("In December, mortgage lending in the UK rose by £4bn, the banks said.",
                        "In January, mortgage lending in the UK rose by £7.2bn, the banks said.") == []
    assert _differences("In January, mortgage lending in the UK rose by £4bn, the banks said.",
                        "In January, mortgage lending in the UK rose by £7.2bn, the banks said.") == [("£4bn", "£7.2bn")]
    # a year and a month of that year may be one time
    assert _differences("In the year to March 2004, the Indian economy grew by 8.5%, officials said.",
                        "In 2004, the Indian economy grew by 6.9%, officials said.") == [("8.5%", "6.9%")]


def test_two_places_in_a_chart_are_two_weekends_not_a_discrepancy():
    """The user trial ("Fockers fuel festive film chart"): two weekends' box-office reports were one event, and
    each film's takings of one weekend were flagged against the next's. A film in second place one weekend
    and fourth the next took different sums; two reports of one place and weekend are still compared."""
    a = ("Comedy Fat Albert - co-written by Bill Cosby - entered the chart in second place after opening on "
         "Christmas Day, taking $12.7m (£6.6m).")
    b = ("Comedy Fat Albert - co-written by Bill Cosby - moved down the chart to fourth place after taking "
         "$10.7m (£5.6m).")
    assert _differences(a, b) == []
    assert _differences("The sequel took $44.7m (£23.2m) between 24 and 26 December, according to studio estimates.",
                        "It took $42.8m (£23.7m) at the weekend, according to studio estimates.") == []
    assert len(_differences(a, a.replace("$12.7m (£6.6m)", "$14.1m (£7.3m)"))) == 1  # the closer of the two pairs


def test_a_unit_is_a_content_word_next_to_its_number():
    """The BBC library's flags: a team sheet's substitution minutes ("(Bergkamp 68), Henry" against "(Clichy
    82), Henry") were "68 Henrys" against "82", and "53.3 in December" a count of "in". A unit is a content
    word reached without crossing a bracket or a comma; "per cent" is a percentage."""
    assert figures("Almunia, Lauren, Toure, Van Persie (Bergkamp 68), Henry.") == []
    assert figures("The index fell to 51.8 from a revised 53.3 in December.") == []
    assert figures("The firm sold 2,000, the company said.") == []
    assert [(f.value, f.unit) for f in figures("Sales rose 5 per cent in the year.")] == [(5.0, "%")]
    assert _differences("Sales at the chain rose 5 per cent in the year, the company said.",
                        "Sales at the chain rose 5% in the year, the company said.") == []
    assert [f.text for f in figures("some 6,000 people and 3,000 Russian troops")] == ["6,000 people",
                                                                                      "3,000 Russian troops"]


def test_two_moments_of_one_day_are_two_times():
    """The BBC library's flags ("Dollar hits new low versus euro" / "Dollar hovers around record lows"): the
    rate "in late trading in New York on Friday" against the rate "on Friday morning" (of another Friday, as it
    happens): a rate moves within a day, so two moments of it are two times; one Friday and that Friday's
    morning may be one."""
    late = "This compares with $1.354 to the euro in late trading in New York on Friday, which was then a record low."
    morning = ("The dollar was trading at $1.3652 versus the euro on Friday morning after hitting a fresh record low "
               "of $1.3667 on Thursday.")
    assert _differences(late, morning) == []
    assert _differences(late.replace("late trading", "trading"), morning) == [("$1.354", "$1.3652")]


def test_market_prices_are_compared_only_when_known_to_be_of_one_day():
    """The BBC library's flags: oil prices and exchange rates of two articles of different days ("Brent crude
    in London gained $1.32 to $44.45" in a report of Thursday against "Brent crude fell 32 cents to $49.74" in
    one of Tuesday; the dollar's rate in yen on Wednesday and on Friday). A market price moves from day to day:
    it is set against another only when both are known to be of one day, from their sentence ("on Tuesday") or
    their article's opening sentence; a sum ("$5bn") is no price."""
    tuesday = ("Oil prices retreated from four-month highs in early trading on Tuesday after producers' cartel Opec "
               "said it was now unlikely to cut production. In London, Brent crude fell 32 cents to $49.74 a barrel.")
    thursday = ("Crude oil prices surged back above the $47 a barrel mark on Thursday after an energy market watchdog "
                "raised its forecasts for global demand. US light crude rose $1.64 to $47.10, while Brent crude in "
                "London gained $1.32 to $44.45.")
    assert _differences(tuesday, thursday) == []
    assert _differences(tuesday, thursday.replace("Thursday", "Tuesday")) == [("$49.74", "$44.45")]
    # Neither sentence nor opening dates it ("closed at $53.03"): not known to be Tuesday's close.
    assert _differences("A barrel of US crude oil closed up $2.80 to $51.15 in New York on Tuesday.",
                        "Prices rose. US light sweet crude futures jumped to $53.09 a barrel in New York before "
                        "closing at $53.03.") == []
    wednesday = ("The dollar regained some lost ground against most major currencies on Wednesday. The dollar was "
                 "buying 104.76 yen at 0950 GMT, 0.5% stronger on the day.")
    friday = ("The US dollar hovered close to record lows against the euro on Friday. One dollar was buying "
              "102.55 yen.")
    assert _differences(wednesday, friday) == []
    assert _differences(wednesday, friday.replace("Friday", "Wednesday")) == [("104.76 yen", "102.55 yen")]
    # Both sentences of Thursday: the record low, $1.3667 against $1.3666, is still shown.
    assert _differences("The dollar was trading at $1.3652 versus the euro on Friday morning after hitting a fresh "
                        "record low of $1.3667 on Thursday.",
                        "The dollar slid to a record $1.3666 versus the euro on Thursday, before bouncing back to "
                        "$1.3636.") == [("$1.3667", "$1.3666")]
    # A sum is no market price: the day does not matter.
    assert _differences("The other main US mortgage firm Freddie Mac restated earnings by $5bn after a probe of its "
                        "shares and books.",
                        "Freddie Mac, the country's other largest mortgage firm, was forced to restate its earnings "
                        "by $4.4bn after an investigation of its shares and books.") == [("$5bn", "$4.4bn")]


def test_a_forecast_is_not_set_against_an_outcome():
    """The BBC library's flags ("India's Maruti sees profits jump" / "Wipro beats forecasts once again"): a
    profit made, "1.33bn rupees", against a profit "forecast to be 4.1bn rupees". Two forecasts are still
    compared (the PSP "is likely to cost £130 … £200" against "is expected to cost about £180")."""
    made = "Profit was 1.33bn rupees compared with 874.2m rupees a year earlier."
    assert _differences(made, "Profit had been forecast to be 4.1bn rupees.") == []
    assert _differences(made, "Profit had been 4.1bn rupees.") == [("1.33bn", "4.1bn")]
    # of one sentence's figures, the one its clause gives as foreseen is the forecast
    assert _differences("Profit rose to 5.3bn rupees, beating forecasts of 4.1bn rupees.",
                        "Profit rose to 4.4bn rupees, the company said.") == [("5.3bn", "4.4bn")]
    assert _differences("When it goes on sale the PSP is likely to cost between £130 and £200.",
                        "When it goes on sale the PSP is expected to cost about £180.") == [("£200", "£180")]


def test_figures_of_two_named_sources_are_two_measures():
    """The BBC library's flags: Halifax's average house price, "£162,086", against Nationwide's, "£152,879" (its
    article opens "…, says the Nationwide building society"); the BBA's mortgage lending against the Bank's.
    Two named sources of a sum or a rate are two surveys; a sentence naming none has its article's opening's.
    Counts of people are still compared whoever gives them, and one source's two figures are too."""
    halifax = "The average price of a house in the UK now stands at £162,086, Halifax said."
    nationwide = ("Prices of homes in the UK rose a seasonally adjusted 0.5% in February, says the Nationwide "
                  "building society. The price of an average UK property now stands at £152,879.")
    assert _differences(halifax, nationwide) == []
    assert _differences(halifax, nationwide.replace("Nationwide", "Halifax")) == [("£162,086", "£152,879")]
    assert _differences("According to Labor Department figures, US firms added only 146,000 jobs in January.",
                        "According to Labor Department figures, 157,000 new jobs were added last month.") \
        == [("146,000 jobs", "157,000 new jobs")]
    assert _differences("The quake left at least 23,000 people dead, the UN said.",
                        "The quake left at least 25,000 people dead, the Red Cross said.") \
        == [("23,000 people", "25,000 people")]
