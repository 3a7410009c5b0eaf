"""Round 5 of the furniture classifier: forms of page furniture, each beside a story paragraph of like form that
must stay (core/articles/furniture.py). The texts are written for these tests, not taken from the evaluation set."""

from __future__ import annotations

from reader_app.core.articles.reading import parse_article

STORY = [
    "The regional council approved a new bus network on Tuesday after two years of consultation with residents.",
    "Fares will be frozen until the end of next year, while six new routes will link the outlying villages.",
    "Opposition councillors said the plan left the northern estates without an evening service at all.",
    "The first of the new routes is due to open in the spring, the council's transport committee said.",
]


def _parse(blocks: list[str], path: str = "x.txt"):
    return parse_article("\n\n".join(blocks) + "\n", article_id="x", path=path)


def _removed(a) -> list[str]:
    return [r.text for r in a.removed]


def test_a_standfirst_without_a_full_stop_stays_between_the_headline_and_the_story():
    """A page's standfirst reads like a sentence (stop-words, a verb) even without its full stop; a title under
    the byline does not."""
    standfirst = "Residents in the outlying villages have waited years for a service that runs after dark"
    a = _parse(["Menu", "Council backs new bus network", "Senior Transport Correspondent at Example Post",
                standfirst, *STORY, "Share this article"])
    assert a.title == "Council backs new bus network"
    assert a.text == "\n\n".join([standfirst, *STORY])
    assert "Senior Transport Correspondent at Example Post" in _removed(a)


def test_what_follows_a_rights_reserved_footer_at_the_end_is_the_pages():
    """After "All rights reserved" at the page's end, a station's sign-off (a sentence) is the page's too."""
    a = _parse(["Council backs new bus network", *STORY, "Share",
                "Copyright 2005 Example Broadcasting Group. All rights reserved.",
                "For breaking news, traffic and the forecast at any hour, tune in to KXYZ Channel 9."])
    assert a.text == "\n\n".join(STORY)
    assert "For breaking news, traffic and the forecast at any hour, tune in to KXYZ Channel 9." in _removed(a)


def test_a_rights_reserved_credit_inside_the_story_does_not_end_it():
    blocks = ["Council backs new bus network", STORY[0], "Share",
              "© 2005 Example Pictures. All rights reserved.", *STORY[1:],
              "The committee will publish the full timetable in a fortnight, before the consultation closes."]
    a = _parse(blocks)
    assert a.text == "\n\n".join([*STORY, blocks[-1]])


def test_a_photographer_credit_of_the_name_slash_agency_form_goes_and_a_slashed_sentence_stays():
    kept = "The Leeds/Bradford route carried seven million passengers last year, the operator said."
    a = _parse(["Council backs new bus network", "Share", STORY[0], "Photographer: Anna Berg/Example Pictures",
                STORY[1], kept, "Marek Nowak/North News", *STORY[2:]])
    assert a.text == "\n\n".join([*STORY[:2], kept, *STORY[2:]])
    assert {"Photographer: Anna Berg/Example Pictures", "Marek Nowak/North News"} <= set(_removed(a))


def test_a_contact_line_with_an_email_address_goes_and_a_sentence_naming_one_stays():
    kept = "Residents can send their views to the committee at buses@council.example, the council said."
    a = _parse(["Council backs new bus network", "Share", *STORY[:3], kept, STORY[3],
                "To reach the desk about this report: Omar Haddad in Leeds at ohaddad@post.example",
                "Press office: press@council.example | 0113 496 0000"])
    assert a.text == "\n\n".join([*STORY[:3], kept, STORY[3]])


def test_a_note_about_the_text_itself_after_the_page_lines_goes_but_not_right_after_the_story():
    note = "This text may differ from the broadcast version and may be revised after it has been checked."
    a = _parse(["Council backs new bus network", *STORY, "Share", note])
    assert a.text == "\n\n".join(STORY)
    assert note in _removed(a)
    last = "This transcript of the meeting will be published on the council's website next week, officials said."
    a = _parse(["Council backs new bus network", "Share", *STORY, last])
    assert a.text == "\n\n".join([*STORY, last])


def test_a_dated_print_locator_above_the_headline_is_not_the_headline():
    """A print edition's locator ("Газета … №12 от 05.04.2005, стр. 3") and its section go; the headline is the
    line the byline and the story follow."""
    story = ["Городские власти закрыли старый мост через реку на ремонт, который продлится до конца лета.",
             "По словам чиновников, движение транспорта будет перенаправлено на два соседних моста.",
             "Жители прибрежных районов жалуются, что дорога на работу теперь занимает вдвое больше времени."]
    a = _parse(["Газета «Вечерний город» №12 от 05.04.2005, стр. 3", "Городское хозяйство",
                "Старый мост закрыли на ремонт", "Анна Лебедева", story[0], "Фото: Иван Орлов", *story[1:]])
    assert a.title == "Старый мост закрыли на ремонт"
    assert a.text == "\n\n".join(story)
    assert "Газета «Вечерний город» №12 от 05.04.2005, стр. 3" in _removed(a)


def test_a_headline_that_names_its_year_stays_the_headline():
    a = _parse(["Budget 2005: what it means for you", "Share", *STORY])
    assert a.title == "Budget 2005: what it means for you"
    assert a.text == "\n\n".join(STORY)


def test_a_menu_of_short_labels_above_the_headline_marks_a_page():
    """Four labels of up to three words above a longer headline: a site's menu, though none is a known label."""
    a = _parse(["Northern Daily Gazette", "Local Politics", "Transport", "Opinion", "Council backs new bus network",
                *STORY, "Gazette Media Group"])
    assert a.title == "Council backs new bus network"
    assert a.text == "\n\n".join(STORY)
    assert _removed(a)[:4] == ["Northern Daily Gazette", "Local Politics", "Transport", "Opinion"]


def test_a_match_report_with_a_subtitle_keeps_its_lines():
    story = ["Henson's late penalty gave Wales their first win in Paris for a decade after a tense second half.",
             "France led by six points at the interval but could not hold on as Wales pressed in the final minutes."]
    a = _parse(["Wales v France", "Stade de France", "Six Nations", "Henson kick seals late win for Wales", *story])
    for line in ("Stade de France", "Six Nations", "Henson kick seals late win for Wales", *story):
        assert line in a.text, line


def test_a_button_link_closing_a_short_block_goes_and_a_sentence_ending_in_a_link_stays():
    kept = ("The figures were published on Tuesday by "
            "[the Office for National Statistics](https://ons.example/figures).")
    kept2 = "Residents can read the consultation responses [online](https://council.example/buses)"
    a = _parse(["# Council backs new bus network", "Share", STORY[0],
                "Got a tip for our transport desk? [Tell Us](https://post.example/tips)", STORY[1], kept, kept2,
                *STORY[2:], "Everything on the region's roads, every morning. [JOIN FREE](https://post.example/am)"],
               path="x.md")
    assert a.text == "\n\n".join([*STORY[:2], "The figures were published on Tuesday by the Office for National "
                                 "Statistics.", "Residents can read the consultation responses online", *STORY[2:]])


def test_a_short_block_that_is_mostly_links_goes_and_a_sentence_with_a_link_stays():
    """jusText's link density: a short block whose words are mostly link text is a pointer elsewhere."""
    kept = ("The council's [full report](https://council.example/report) runs to 300 pages and was published on "
            "Tuesday, officials said.")
    a = _parse(["# Council backs new bus network", STORY[0], kept,
                "More on [bus fares](https://post.example/fares) and [rail strikes](https://post.example/rail)",
                *STORY[1:]], path="x.md")
    assert a.text == "\n\n".join([STORY[0], "The council's full report runs to 300 pages and was published on "
                                 "Tuesday, officials said.", *STORY[1:]])


def test_a_line_of_handles_and_hashtags_goes_and_a_sentence_naming_a_handle_stays():
    kept = "The council posted the new timetable on its @CityBuses account on Tuesday morning, officials said."
    a = _parse(["Council backs new bus network", *STORY[:2], kept, "#buses #transport @CityCouncil", *STORY[2:]])
    assert a.text == "\n\n".join([*STORY[:2], kept, *STORY[2:]])
    assert "#buses #transport @CityCouncil" in _removed(a)


def test_a_reference_after_the_story_of_a_page_goes_and_a_study_named_in_the_story_stays():
    kept = "A study by Patel et al (2004) found that passengers valued reliability above speed, the council said."
    ref = "Further details: A. Patel et al, Journal of Transport Studies (2004). DOI: 10.1000/jts.2004.17"
    a = _parse(["Council backs new bus network", "Share", *STORY[:2], kept, *STORY[2:], ref, "Explore topics"])
    assert a.text == "\n\n".join([*STORY[:2], kept, *STORY[2:]])
    assert ref in _removed(a)


def test_an_author_note_after_the_page_lines_goes_but_a_last_paragraph_about_a_person_stays():
    note = "Omar Haddad is a transport reporter at the Example Post. He previously covered local government."
    a = _parse(["Council backs new bus network", *STORY, "Share this article", note])
    assert a.text == "\n\n".join(STORY)
    assert note in _removed(a)
    last = "Mary Jones is a bus driver on the number 12 route and says the changes are long overdue."
    a = _parse(["Council backs new bus network", "Share", *STORY, last])
    assert a.text == "\n\n".join([*STORY, last])


def test_a_call_to_act_before_a_separator_goes_and_a_sentence_starting_with_its_word_stays():
    kept = "Search teams worked through the night to free the passengers, the fire service said."
    a = _parse(["Council backs new bus network", STORY[0], "Advertisement - Scroll to continue", STORY[1], kept,
                "Share | 12 comments", *STORY[2:]])
    assert a.text == "\n\n".join([*STORY[:2], kept, *STORY[2:]])
    assert {"Advertisement - Scroll to continue", "Share | 12 comments"} <= set(_removed(a))


def test_a_photo_by_credit_goes_and_a_sentence_about_a_photo_stays():
    kept = "Photos taken by passengers showed the bus stuck in floodwater on the ring road, the council said."
    a = _parse(["Council backs new bus network", STORY[0], "Photo by Anna Berg on Example Pictures", STORY[1], kept,
                "Image courtesy of the City Archive", *STORY[2:]])
    assert a.text == "\n\n".join([*STORY[:2], kept, *STORY[2:]])


def test_russian_relative_timestamps_beside_the_pages_lines_go():
    story = ["Городские власти закрыли старый мост через реку на ремонт, который продлится до конца лета.",
             "По словам чиновников, движение транспорта будет перенаправлено на два соседних моста."]
    a = _parse(["Старый мост закрыли на ремонт", "3 часа назад", "Поделиться", *story, "Сохранить",
                "вчера в 14:30"])
    assert a.text == "\n\n".join(story)
    assert {"3 часа назад", "вчера в 14:30"} <= set(_removed(a))


def test_a_byline_and_a_dateline_do_not_make_a_page_of_an_article_ending_in_a_list():
    """An article's own details (a byline, a date) are no page chrome: its closing list of winners stays."""
    story = ["The History Boys won three prizes at the theatre awards in London on Sunday night, the organisers said.",
             "Alan Bennett's play about a group of sixth-formers was named best new play by the judges."]
    winners = ["Best actor - Richard Griffiths for The History Boys", "Best new play - The History Boys",
               "Best musical actress - Laura Michelle Kelly"]
    a = _parse(["History Boys lead stage awards", "By Ian Youngs", "14 March 2005", *story, *winners])
    assert a.text == "\n\n".join([*story, *winners])


def test_a_long_call_to_share_and_follow_goes_and_a_quoted_follow_stays():
    """"Like this article? Share it with your friends and follow us on Facebook and Instagram." stayed in a
    clipping (found by a new-user trial): a call to act longer than a short line's 60 characters."""
    quoted = ('"We ask people to follow us on the new routes and tell us where the buses should stop," the '
              "committee's chair said.")
    a = _parse(["Council backs new bus network", *STORY[:2], quoted, *STORY[2:],
                "Like this article? Share it with your friends and follow us on Facebook and Instagram."])
    assert a.text == "\n\n".join([*STORY[:2], quoted, *STORY[2:]])


def test_a_byline_line_gives_the_outlet_and_the_date_it_names():
    """'*By Sam Patel · The Ledger · 10 February 2005*' gave the byline only (new-user trial)."""
    a = parse_article("# Council backs new bus network\n\n*By Sam Patel · The Ledger · 10 February 2005*\n\n"
                      + "\n\n".join(STORY) + "\n", article_id="x", path="x.md")
    assert (a.byline, a.outlet, a.date) == ("Sam Patel", "The Ledger", "2005-02-10")
    assert a.text == "\n\n".join(STORY)
    b = parse_article("Council backs new bus network\n\nBy Sam Patel | Transport\n\n" + "\n\n".join(STORY) + "\n",
                      article_id="y", path="y.txt")
    assert (b.byline, b.outlet, b.date) == ("Sam Patel", None, None)  # a section's name, not an outlet
