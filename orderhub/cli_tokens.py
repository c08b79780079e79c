"""``orderhub tokens create|list|revoke``: API tokens for the ERP, reviewers and admins (see :mod:`orderhub.tokens`).

The token is printed once, on creation; only its salted hash is stored.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def cmd_tokens(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from orderhub.hub import Hub
    from orderhub.roles import Role
    from orderhub.settings import Settings
    from orderhub.store.repo import audit
    from orderhub.tokens import create_token, list_tokens, revoke

    hub = Hub(Settings.from_env())
    with Session(hub.engine) as session:
        if args.action == "create":
            token, row = create_token(session, args.name, Role(args.role), created_by=args.actor)
            audit(session, "token", str(row.id), "created", note=f"{row.name} ({row.role})", actor=args.actor)
            session.commit()
            print(token)
            print(f"token {row.id} {row.name!r} ({row.role}); shown once, store it now", file=sys.stderr)
        elif args.action == "list":
            for row in list_tokens(session):
                state = f"revoked {row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else "active"
                used = f"last used {row.last_used_at:%Y-%m-%d %H:%M}" if row.last_used_at else "never used"
                print(f"{row.id:>4}  {row.name:<24} {row.role:<9} oh_{row.prefix}_…  {state}, {used}")
        else:
            try:
                row = revoke(session, args.token_id)
            except LookupError as exc:
                print(exc, file=sys.stderr)
                return 1
            audit(session, "token", str(row.id), "revoked", note=row.name, actor=args.actor)
            session.commit()
            print(f"token {row.id} {row.name!r} revoked")
    return 0


def add_commands(sub: Any) -> None:
    from orderhub.roles import Role  # not orderhub.tokens: building the parser must not load the store

    p = sub.add_parser("tokens", help="create, list or revoke API tokens (ERP, reviewer, admin)")
    tsub = p.add_subparsers(dest="action", required=True)
    t = tsub.add_parser("create", help="print a new token (once)")
    t.add_argument("name", help="who holds it, e.g. erp-prod or a reviewer's name")
    t.add_argument("--role", required=True, choices=[r.value for r in Role])
    t.add_argument("--actor", default="cli")
    tsub.add_parser("list")
    t = tsub.add_parser("revoke")
    t.add_argument("token_id", type=int)
    t.add_argument("--actor", default="cli")
    p.set_defaults(func=cmd_tokens)
