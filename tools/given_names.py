"""Print the given names of reader_app/core/entities/given_names.py (folded, sorted), to make that table again.

    pip install faker && python tools/given_names.py > /tmp/names.txt

The given names are Faker's first-name lists (MIT licence), every locale written in Latin letters. Faker's
locale "en" also lists rare names that are places or words ("London", "Berlin", "West", "Royal"); a name found
only there that is a country, a state or a large city, or one of the commonest English words, is left out, but
for a few that are given names in their own right (ADDED).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader_app.core.entities import gazetteer  # noqa: E402
from reader_app.core.entities.builtin import _common  # noqa: E402

ADDED = ("adelaide", "constantine", "dallas", "denver", "houston", "raleigh")


def faker_given_names() -> dict[str, set[str]]:
    """Given name -> the Faker locales listing it."""
    import faker.providers.person as person

    out: dict[str, set[str]] = {}
    for m in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"faker.providers.person.{m.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            names = getattr(provider, attr, None)
            if not names or isinstance(names, property):
                continue
            for name in names:
                if isinstance(name, str) and name.replace("-", "").isalpha() and all(ord(c) < 0x250 for c in name):
                    out.setdefault(name, set()).add(m.name)
    return out


def main() -> int:
    places = gazetteer.places()
    names = {gazetteer.fold(n) for n, locales in faker_given_names().items()
             if not (locales == {"en"} and (places.get(gazetteer.fold(n)) == gazetteer.STRONG or _common(n)))}
    table = sorted({n for n in names if " " not in n} | set(ADDED))
    print(textwrap.fill(" ".join(table), 116, break_on_hyphens=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
