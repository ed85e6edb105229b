"""List facts, contacts and sources whose check date is older than N months (default 12).

Usage: .venv/bin/python scripts/stale_facts.py [--months 12] [--fail]
With --fail it exits 1 when anything is stale (for a scheduled job); otherwise it only prints.
Missing sources or dates need no check here: the loaders refuse them (content/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from content import load_site  # noqa: E402


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def stale_entries(data_dir: Path, docs_dir: Path, months: int, today: dt.date) -> list[tuple[str, str, dt.date]]:
    data = load_site(data_dir, docs_dir)
    limit = months_before(today, months)
    rows = [("source", s.id, s.checked) for s in data.sources.values()]
    rows += [("fact", f.id, f.checked) for f in data.facts.values()]
    rows += [("contact", c.id, c.checked) for c in data.contacts.values()]
    return sorted((r for r in rows if r[2] < limit), key=lambda r: r[2])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--fail", action="store_true", help="exit 1 if anything is stale")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, default=ROOT / "data", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    rows = stale_entries(args.data, ROOT / "docs", args.months, args.today)
    if not rows:
        print(f"Nothing older than {args.months} months (checked against {args.today:%d.%m.%Y}).")
        return 0
    print(f"{len(rows)} entries last checked more than {args.months} months ago — re-check them and update 'checked':")
    for kind, ident, checked in rows:
        print(f"  {checked:%d.%m.%Y}  {kind:<8} {ident}")
    return 1 if args.fail else 0


if __name__ == "__main__":
    sys.exit(main())
