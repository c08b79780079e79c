"""``orderhub eval DIR``: capture accuracy on documents with hand-written expectations (see orderhub.evaluate)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def cmd_eval(args: argparse.Namespace) -> int:
    import logging

    from orderhub.evaluate import evaluate, report

    logging.getLogger("orderhub").setLevel(logging.WARNING)
    for noisy in ("pdfminer", "pdfplumber", "PIL"):  # their DEBUG output would bury the table
        logging.getLogger(noisy).setLevel(logging.WARNING)
    groups = evaluate(args.directory, learn=args.learn)
    print(report(groups, verbose=args.verbose))
    wrong = sum(len(g.wrong_released) for g in groups.values())
    return 1 if wrong and args.fail_on_wrong else 0


def cmd_templates(args: argparse.Namespace) -> int:
    """The PDF templates in use: the shipped ones and those learned from reviewed orders, with what each pins."""
    from orderhub.cli import _settings
    from orderhub.layouts import describe
    from parsers.pdf.templates import load_learned, load_templates

    learned, problems = load_learned(_settings().templates_dir)
    for template in (*load_templates(), *learned):
        print(describe(template))
    for problem in problems:
        print(f"SKIPPED {problem}")
    return 1 if problems else 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("templates", help="list the PDF templates: shipped, and learned from reviewed orders")
    p.set_defaults(func=cmd_templates)
    p = sub.add_parser("eval", help="capture accuracy on DIR's documents and their NAME.expected.json")
    p.add_argument("directory", type=Path)
    p.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    p.add_argument(
        "--learn",
        action="store_true",
        help="review each held clean PDF as a reviewer would (the expected order) and learn its layout before the next",
    )
    p.add_argument("--fail-on-wrong", action="store_true", help="exit 1 when any released order is wrong")
    p.set_defaults(func=cmd_eval)
