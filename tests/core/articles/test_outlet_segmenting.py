"""Outlet names from domains: a label segmented from the counts of its own substrings (scanned for in
wordsegment's files) is segmented exactly as with the whole model, which a process loads only once it has
segmented a few labels (0.4-0.5 s: a new library's seeds name one domain)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader_app.core.articles import outlets

ROOT = Path(__file__).resolve().parents[3]

LABELS = [k.split(".")[0] for k in outlets.KNOWN_OUTLETS] + [
    "themoscowtimes", "kyivindependent", "straitstimes", "thehindu", "timesofindia", "irishtimes", "thelocal",
    "nowthisnews", "dailymail", "x9", "a", "abcdefghijklmnopqrstuvwxyz0123456789", "news24", "theseoultimes",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbc", "the", "moscowtimesmoscowtimes",
]


def test_a_label_scanned_for_is_segmented_as_with_the_whole_model():
    scanned = [tuple(outlets._scanned_segmenter(label).segment(label)) for label in LABELS]
    whole = [tuple(outlets._segmenter().segment(label)) for label in LABELS]
    assert scanned == whole
    assert ("the", "moscow", "times") in scanned  # the seeds' domain


_PROBE = """
import json, sys
from reader_app.core.articles import outlets
names, loaded = [], []
for domain in sys.argv[1:]:
    names.append(outlets.outlet_from_domain(domain))
    loaded.append(outlets._segmenter.cache_info().currsize > 0)
print(json.dumps([names, loaded]))
"""


def test_a_process_loads_the_whole_model_only_after_a_few_labels():
    domains = ["themoscowtimes.com", "www.themoscowtimes.com", "kyivindependent.org", "straitstimes.com",
               "irishtimes.com", "thehindu.com"]
    out = subprocess.run([sys.executable, "-c", _PROBE, *domains], check=True, cwd=ROOT, capture_output=True,
                         text=True).stdout
    names, loaded = json.loads(out)
    assert names == ["The Moscow Times", "The Moscow Times", "Kyiv Independent", "Straits Times", "Irish Times",
                     "The Hindu"]
    assert outlets.SCANS_BEFORE_LOADING == 3
    assert loaded == [False, False, False, False, True, True]  # three labels scanned for, then the model


def test_a_label_longer_than_a_domain_label_goes_to_the_whole_model():
    """A made-up URL's label of thousands of letters has millions of substrings: never scanned for."""
    domains = ["x" * 5000 + ".com", "themoscowtimes.com"]
    out = subprocess.run([sys.executable, "-c", _PROBE, *domains], check=True, cwd=ROOT, capture_output=True,
                         text=True, timeout=120).stdout
    names, loaded = json.loads(out)
    assert loaded == [True, True] and names[1] == "The Moscow Times"


def test_odd_domains_give_a_clean_name_or_none():
    assert outlets.outlet_from_domain("xn--mnchen-3ya.de") == "München"  # an internationalised name, decoded
    assert outlets.outlet_from_domain("the-local--herald.co.uk") == "The Local Herald"  # no double space
    assert outlets.outlet_from_domain("-foo-.net") == "FOO"  # no spaces at the ends
    for domain in ("::1", "127.0.0.1", "ｔｈｅｌｏｃａｌ.com", "---.com", "xn--zz.com"):
        assert outlets.outlet_from_domain(domain) is None, domain


def test_a_page_whose_site_is_named_by_its_host_gets_the_outlets_name():
    """The extractor names a site without a name of its own by its host ("www.ege-haber-24.com.tr"); the
    outlet is the name read from that host, as for a clipping's URL."""
    from reader_app.core.articles.reading import article_from_bytes

    body = " ".join(["Harbour pilots in the port walked out on Monday over pay and night shifts."] * 12)
    page = (f'<html><head><title>Pilots walk out</title><link rel="canonical" '
            f'href="https://www.tidalcoastreport.com/news/pilots"></head><body><article><h1>Pilots walk out</h1>'
            f'<p>{body}</p><p>{body}</p></article></body></html>').encode()
    article = article_from_bytes(page, name="pilots.html", article_id="p", path="/tmp/pilots.html")
    assert article.outlet == "Tidal Coast Report"
