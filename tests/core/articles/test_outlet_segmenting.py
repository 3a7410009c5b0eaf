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
