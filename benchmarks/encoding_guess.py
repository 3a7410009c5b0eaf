"""How often the encoding guess is right on files made to resemble real ones whose encoding is known: English
clippings (the BBC corpus) saved in Windows-1252 (curly quotes, dashes, £, accented names), UTF-8 clippings
with a few damaged bytes (a stray byte of a bad download or paste: the truth is "UTF-8, bytes replaced"), also
among as many or more good curly quotes and dashes, Windows-1252 with accented capitals next to quotes ("CAFÉ”"
is a valid UTF-8 pair),
English with a Russian name in Windows-1251, and Russian text in Windows-1251 and KOI8-R.

Prints, per kind of file, how many guesses were right and what the wrong ones were; asserts nothing.
`python benchmarks/encoding_guess.py [--files N]`
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader_app.core.articles.encodings import decode_replacing  # noqa: E402

BBC = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc-news"
if not BBC.is_dir():
    BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-news"
WESTERN = {"cp1252", "iso8859-1", "iso8859-15"}
RUSSIAN = ("Правительство объявило о новых мерах поддержки экономики в четверг. Министр финансов сказал, что "
           "бюджет выдержит нагрузку, а инфляция замедлится к концу года. Эксперты сомневаются в этом прогнозе.")
POLISH = ("Rząd ogłosił w czwartek nowe środki wsparcia dla gospodarki. Minister finansów powiedział, że budżet "
          "wytrzyma obciążenie, a inflacja zwolni do końca roku. Eksperci wątpią w tę prognozę.")
GREEK = ("Η κυβέρνηση ανακοίνωσε την Πέμπτη νέα μέτρα στήριξης της οικονομίας. Ο υπουργός οικονομικών είπε ότι "
         "ο προϋπολογισμός θα αντέξει το βάρος.")


def _english(n: int) -> list[str]:
    files = sorted(BBC.glob("*/*.txt"))
    rng = random.Random(7)
    texts = []
    for f in rng.sample(files, min(n, len(files))):
        text = f.read_text(encoding="utf-8", errors="replace")
        texts.append("".join(c for c in text if c < "\x80"))
    return texts


def _sprinkle(text: str, pieces: list[str], rng: random.Random) -> str:
    words = text.split(" ")
    for piece in pieces:
        i = rng.randrange(len(words))
        words[i] = words[i] + piece if rng.random() < 0.5 else piece + words[i]
    return " ".join(words)


def cases(n: int) -> list[tuple[str, str, bytes]]:
    """(kind, the right answer, bytes)."""
    rng = random.Random(11)
    out: list[tuple[str, str, bytes]] = []
    western = ["“", "”", "’", "–", "—", "£", "é", "café", "naïve", "Zoë", "€", "…"]
    for text in _english(n):
        out.append(("English in Windows-1252", "western",
                    _sprinkle(text, rng.sample(western, rng.randint(1, 4)), rng).encode("cp1252")))
        stray = [chr(rng.randrange(0x80, 0x100)) for _ in range(rng.randint(1, 4))]
        out.append(("UTF-8 with stray bytes", "utf-8",
                    _sprinkle(text, stray, rng).encode("utf-8").replace(b"\xc2", b"").replace(b"\xc3", b"")))
        out.append(("English + a Russian name, cp1251", "cp1251",
                    _sprinkle(text, [" Путин ", " Песков "][: rng.randint(1, 2)], rng).encode("cp1251")))
    # Kinds added later draw from their own generator, so the files of the kinds above stay as they were.
    rng2 = random.Random(13)
    for text in _english(n):
        good = rng2.sample(["“", "”", "’", "–", "—", "é", "£"], rng2.randint(1, 4))
        stray = [chr(rng2.randrange(0x80, 0x100)) for _ in range(rng2.randint(1, len(good)))]
        mixed = _sprinkle(_sprinkle(text, good, rng2), stray, rng2).encode("utf-8")
        for piece in stray:  # each stray character's lead byte dropped: one bad byte where it stood
            raw = piece.encode("utf-8")
            mixed = mixed.replace(raw, raw[1:], 1)
        out.append(("UTF-8, curly quotes + fewer stray bytes", "utf-8", mixed))
        capitals = rng2.sample(["CAFÉ”", "“ÉLYSÉE”", "SÃO PAULO", "ZOË’S", "MÜNCHEN—", "É‘"], rng2.randint(1, 3))
        out.append(("Windows-1252, accented capitals", "western", _sprinkle(text, capitals, rng2).encode("cp1252")))
    for _k in range(max(1, n // 4)):
        words = RUSSIAN.split(" ")
        rng.shuffle(words)
        body = " ".join(words)
        out.append(("Russian in cp1251", "cp1251", body.encode("cp1251")))
        out.append(("Russian in KOI8-R", "koi8-r", body.encode("koi8_r")))
        words = POLISH.split(" ")
        rng.shuffle(words)
        out.append(("Polish in Windows-1250", "cp1250", " ".join(words).encode("cp1250")))
        words = GREEK.split(" ")
        rng.shuffle(words)
        out.append(("Greek in Windows-1253", "cp1253", " ".join(words).encode("cp1253")))
    return out


def right(truth: str, encoding: str, replaced: int) -> bool:
    if truth == "western":
        return encoding in WESTERN
    if truth == "utf-8":
        return encoding == "utf-8" and replaced > 0
    return encoding == truth


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=200)
    args = ap.parse_args()
    totals: dict[str, Counter] = {}
    for kind, truth, data in cases(args.files):
        _, encoding, replaced = decode_replacing(data)
        tally = totals.setdefault(kind, Counter())
        tally["files"] += 1
        if right(truth, encoding, replaced):
            tally["right"] += 1
        else:
            tally[encoding] += 1
    for kind, tally in totals.items():
        wrong = ", ".join(f"{e} {c}" for e, c in tally.most_common() if e not in ("files", "right"))
        print(f"{kind:36} {tally['right']:4} of {tally['files']:4} right" + (f"   wrong: {wrong}" if wrong else ""))


if __name__ == "__main__":
    main()
