"""``orderhub masterdata import FILE --kind K``: the API's master-data upsert from a CSV or JSON file.

The same rules and report as ``/api/v1/masterdata`` (see :mod:`orderhub.masterdata_upsert`); the audit trail
records ``--actor`` (default ``cli``). Prints one line per created, updated and rejected row and a summary
(``--json``: the report as JSON). Exit 1 when a row was rejected (the others are applied), 2 when the file
cannot be read at all (nothing applied).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any


def cmd_masterdata_import(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from orderhub.hub import Hub
    from orderhub.masterdata_rows import Kind, MasterDataFileError, read_csv
    from orderhub.masterdata_upsert import upsert
    from orderhub.settings import Settings

    kind = Kind(args.kind)
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".json":
            data = json.loads(text)
            if not isinstance(data, list):
                raise MasterDataFileError(f"{path}: a JSON file must hold a list of rows")
            rows: list[tuple[int, Any]] = list(enumerate(data, start=1))
            source = "api"
        else:
            rows, source = list(read_csv(kind, text)), "csv"
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, csv.Error, MasterDataFileError) as exc:
        print(f"orderhub: {path}: {exc}", file=sys.stderr)
        return 2
    hub = Hub(Settings.from_env())
    with Session(hub.engine) as session:
        report = upsert(session, kind, rows, actor=args.actor, source=source, dry_run=args.dry_run)
        if args.dry_run:
            session.rollback()
        else:
            session.commit()
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        for outcome in report.created:
            print(f"created   row {outcome.row}: {outcome.key}")
        for outcome in report.updated:
            changed = "; ".join(f"{name}: {c.old!r} → {c.new!r}" for name, c in outcome.changes.items())
            print(f"updated   row {outcome.row}: {outcome.key}: {changed}")
        for rejection in report.rejected:
            where = f" column {rejection.column}" if rejection.column else ""
            print(f"rejected  row {rejection.row}{where}: {rejection.reason}")
        print(report.summary())
    return 1 if report.rejected else 0


def add_commands(sub: Any) -> None:
    from orderhub.masterdata_kind import Kind

    p = sub.add_parser("masterdata", help="upsert master data from a file, with a report of what changed")
    msub = p.add_subparsers(dest="action", required=True)
    m = msub.add_parser("import", help="a CSV (the folder import's columns) or a JSON list of rows")
    m.add_argument("file")
    m.add_argument("--kind", required=True, choices=[k.value for k in Kind])
    m.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    m.add_argument("--json", action="store_true", help="print the report as JSON")
    m.add_argument("--actor", default="cli", help="who the audit trail names")
    m.set_defaults(func=cmd_masterdata_import)
