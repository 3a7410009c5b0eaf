"""Photo captions and read-time lines that a user trial found kept in the story (core/articles/cleanup.py and
furniture.py): each goes, and is listed among the removed text; a sentence of like words about a photo or minutes
stays. The clippings are written for these tests."""

from __future__ import annotations

from reader_app.core.articles.reading import parse_article

HEADLINE = "Storm floods coastal towns as rivers burst their banks"
STORY = [
    "Heavy rain flooded dozens of homes along the coast on Tuesday, and rescue crews worked through the night.",
    "The Environment Agency said rivers in three counties had burst their banks and more rain was expected.",
    "Officials said the clean-up would take weeks and urged people to stay away from the flooded areas.",
]
# sentences of the story that mention photos, images, credits or minutes: never furniture
KEPT = [
    "A photo taken by a resident shows the high street under a metre of water, and it was shared widely.",
    "It took the council 4 min to read out the list of closed roads at the briefing, a spokesman said.",
    "The photographer said the image was taken minutes before the bridge collapsed into the river.",
    "The picture was later sold to Getty Images.",
    "Reading time at the library was cut to 40 minutes a day while the building dried out, staff said.",
    "He said the first estimate was wrong. Credit for the rescue went to the coastguard and volunteers.",
]


def _parse(blocks: list[str]):
    return parse_article("\n\n".join(blocks) + "\n", article_id="x", path="x.txt")


def _check(furniture: list[str]) -> None:
    """Each furniture line, at the top and in the middle of a clipping, goes and is listed as removed; the
    sentences of KEPT beside it stay."""
    for line in furniture:
        for blocks in ([HEADLINE, line, STORY[0], *KEPT, *STORY[1:]], [HEADLINE, STORY[0], *KEPT, line, *STORY[1:]]):
            a = _parse(blocks)
            assert a.text == "\n\n".join([STORY[0], *KEPT, *STORY[1:]]), line
            assert line in [r.text for r in a.removed], line


def test_bbc_style_image_captions_and_sources_go_with_or_without_a_full_stop():
    _check(["Image caption, Residents were evacuated from homes in Portreath on Tuesday.",
            "Image caption, Residents were evacuated from homes in Portreath on Tuesday",
            "Image source, Getty Images",
            "Media caption, Watch: the moment the sea wall gave way"])


def test_a_caption_ending_in_its_credit_goes():
    _check(["Traders on the floor of the New York Stock Exchange. Photograph: Spencer Platt/Getty Images",
            "Residents wade through a flooded street in Portreath (Photo by John Smith/Getty Images)",
            "Residents wade through a flooded street in Portreath. (Getty Images)",
            "Residents wade through a flooded street in Portreath. Getty Images",
            "Residents wade through a flooded street in Portreath. Image: Reuters",
            "A lifeboat crew reaches a stranded car. Picture by Jane Doe / PA Media"])


def test_read_time_lines_in_their_other_forms_go():
    _check(["Read time: 4 min", "Estimated reading time: 4 minutes", "4 min read · Jun 3, 2024",
            "Jane Reporter · 5 min read"])


def test_caption_lines_joined_in_a_plain_text_paragraph_go_whole():
    """A plain-text clipping joins a picture's lines into one paragraph ("Image source, Reuters Image caption,
    …"): it goes as one removed block."""
    a = parse_article("\n\n".join([HEADLINE, STORY[0], "Image source, Reuters\nImage caption, The central bank's "
                                   "governor spoke to reporters in London", *STORY[1:]]) + "\n",
                      article_id="x", path="x.txt")
    assert a.text == "\n\n".join(STORY)
    assert any(r.text.startswith("Image source, Reuters") for r in a.removed)


def test_a_sentence_of_the_story_that_repeats_a_short_headline_stays():
    """Found while writing the clippings above: a lede that repeats the headline's words ("Bridge repairs
    begin") was taken for a citation of the page, and a one-paragraph file was refused as holding no text."""
    lede = "The council said on Monday that bridge repairs begin next week and will last until the spring."
    a = _parse(["Bridge repairs begin", lede])
    assert a.text == lede
    cited = "This article was published with the headline: Bridge repairs begin next week."
    b = _parse(["Bridge repairs begin next week", lede, STORY[1], cited])
    assert cited in [r.text for r in b.removed] and lede in b.text


def test_a_caption_line_with_its_agency_in_brackets_goes():
    _check(["A firefighter tackles the blaze (Getty Images)",
            "Protesters gather outside Downing Street (PA Media)",
            "Residents wade through a flooded street (Photo: John Smith/Reuters)"])


def test_a_reported_sentence_naming_an_agency_stays_whatever_follows_it():
    """A credit at a sentence's end makes a caption of a description, never of a report: these stay whole."""
    for line in ["A spokesman for Reuters/Getty Images declined to comment.",
                 "A spokesman for the agency declined to comment. Reuters",
                 "Asked about the sale, the agency said it had no comment. Getty Images",
                 "The council said it would appeal (Reuters)"]:
        for blocks in ([HEADLINE, STORY[0], line, *STORY[1:]], [HEADLINE, STORY[0], *KEPT, *STORY[1:], line]):
            a = _parse(blocks)
            assert line in [p.text for p in a.paragraphs], line
            assert line not in [r.text for r in a.removed], line
