"""What is left for a translator: unfinished entries of a .ts catalogue, per context.

    python packaging/translation_status.py                 # summary of every catalogue
    python packaging/translation_status.py -v              # and each unfinished source text
    python packaging/translation_status.py -v resources/i18n/airforce_studio_id.ts

Reads the .ts as lupdate left it (run packaging/update_translations.sh first, so new window
strings are in it). Exit status 1 when anything is unfinished, so a release script can stop.
An entry counts as unfinished when lupdate marks it so or when a form is empty.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

I18N = Path(__file__).resolve().parents[1] / "resources" / "i18n"


def unfinished(ts: Path) -> dict[str, list[str]]:
    """{context: [source, …]} of entries still needing a translation."""
    left: dict[str, list[str]] = defaultdict(list)
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or "(no context)"
        for message in context.iter("message"):
            node = message.find("translation")
            kind = "" if node is None else node.get("type", "")
            if kind in ("vanished", "obsolete"):
                continue
            forms = [] if node is None else (
                [f.text or "" for f in node.iter("numerusform")] or [node.text or ""])
            if kind == "unfinished" or not all(f.strip() for f in forms):
                left[name].append(message.findtext("source") or "")
    return left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("catalogues", nargs="*", type=Path,
                        help="the .ts files (default: every one in resources/i18n)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print each unfinished source text")
    args = parser.parse_args(argv)
    total = 0
    for ts in args.catalogues or sorted(I18N.glob("*.ts")):
        left = unfinished(ts)
        count = sum(len(v) for v in left.values())
        total += count
        print(f"{ts.name}: {count} unfinished")
        for context in sorted(left):
            print(f"  {context}: {len(left[context])}")
            if args.verbose:
                for source in left[context]:
                    print(f"      {source!r}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
