"""A crash campaign: workers SIGKILLed at a named window (``ORDERHUB_FAILPOINT``), restarted after the lease,
and the store checked after every restart. Used by tests/core/test_crash.py; the soak runs it longer."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

import yaml
from conftest import ROOT, Workspace
from sqlmodel import Session, select
from x12build import interchange, po_body

from orderhub.store.db import make_engine
from orderhub.store.models import InboundDocument, OrderRecord, OutboundDocument

LEASE_SECONDS = 1.0  # poll leases, document and outbox claims, folder claims: a dead worker's expire this fast

# the windows of the issue, by the failpoint that opens each
WINDOWS = {
    "receiving (raw stored, record not committed)": "after_raw_store",
    "between parse and commit": "after_parse",
    "between commit and acknowledging the source": "before_ack",
    "sending (sent, outbox row not marked)": "after_send",
}


def configure(workspace: Workspace) -> None:
    """Short leases everywhere, so that a restart may take over what the killed worker held."""
    path = workspace.root / "orderhub.yaml"
    config = yaml.safe_load(path.read_text())
    config["lease_seconds"] = LEASE_SECONDS
    config["channels"][0]["options"]["claim_timeout_seconds"] = LEASE_SECONDS
    path.write_text(yaml.safe_dump(config))


@dataclass
class Campaign:
    workspace: Workspace
    rng: random.Random
    dropped: dict[str, bytes] = field(default_factory=dict)
    kills: Counter[str] = field(default_factory=Counter)
    rounds: Counter[str] = field(default_factory=Counter)
    control: int = 0

    def _env(self, failpoint: str | None, after: int) -> dict[str, str]:
        env = {
            **os.environ,
            "ORDERHUB_DATA_DIR": str(self.workspace.root),
            "ORDERHUB_DATABASE_URL": self.workspace.settings.database_url,
            "ORDERHUB_CONFIG": str(self.workspace.root / "orderhub.yaml"),
        }
        env.pop("ORDERHUB_FAILPOINT", None)
        if failpoint:
            env["ORDERHUB_FAILPOINT"], env["ORDERHUB_FAILPOINT_AFTER"] = failpoint, str(after)
        return env

    def worker(self, failpoint: str | None = None, after: int = 1) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "orderhub.cli", "worker", "--once"],
            cwd=ROOT,
            env=self._env(failpoint, after),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
        )

    def _drop(self, name: str, data: bytes) -> None:
        self.workspace.drop(name, data)
        self.dropped[name] = data

    def drop_batch(self) -> None:
        """Three good POs (released: a 997 and an 855 each), one held, and one of: garbage, the same bytes as
        an earlier file under a new name."""
        for _ in range(3):
            self.control += 1
            n = self.control
            self._drop(f"po-{n:05d}.x12", interchange([po_body(f"PO-C{n}")], control=n))
        self.control += 1
        n = self.control
        held = po_body(f"PO-H{n}", part="NOSUCHITEM")
        self._drop(f"held-{n:05d}.x12", interchange([held], control=n))
        if self.rng.random() < 0.5 and self.dropped:
            original = self.rng.choice(sorted(self.dropped))
            self._drop(f"zz-again-{n:05d}.x12", self.dropped[original])
        else:
            self._drop(f"zz-garbage-{n:05d}.txt", f"not an order {n}\n".encode())

    def round(self, window: str) -> bool:
        """Drop a batch, run a worker that kills itself at ``window`` (at a random hit), wait out the lease,
        restart it without the failpoint, check. True if the worker was killed."""
        self.drop_batch()
        killed = self.worker(WINDOWS[window], after=self.rng.randint(1, 4))
        assert killed.returncode in (0, -9), killed.stdout[-3000:]
        self.rounds[window] += 1
        if killed.returncode == -9:
            self.kills[window] += 1
        time.sleep(LEASE_SECONDS + 0.3)
        restarted = self.worker()
        assert restarted.returncode == 0, restarted.stdout[-3000:]
        self.check()
        return killed.returncode == -9

    def check(self) -> None:
        ws = self.workspace
        assert sorted(p.name for p in ws.inbox.iterdir() if p.is_file()) == [], "sources left in the inbox"
        assert list((ws.inbox / ".claimed").iterdir()) == [], "claims left behind"
        with Session(make_engine(ws.settings.database_url)) as session:
            docs = list(session.exec(select(InboundDocument)))
            orders = list(session.exec(select(OrderRecord)))
            outbound = list(session.exec(select(OutboundDocument)))
        names = Counter(d.remote_key for d in docs)
        assert set(names) == set(self.dropped), "every source document has a record"
        assert [n for n, c in names.items() if c != 1] == [], "one record per source document"
        stuck = [(d.remote_key, d.status, d.claimed_until) for d in docs if d.status == "received" or d.claimed_until]
        assert stuck == [], "documents stuck in between"
        pos = Counter(o.po_number for o in orders)
        assert [p for p, c in pos.items() if c != 1] == [], "one order per PO"
        released = {o.order_id for o in orders if o.status == "released"}
        acks855 = Counter(o.order_id for o in outbound if o.doc_type == "855")
        assert set(acks855) == released and set(acks855.values()) <= {1}, "exactly one 855 per released order"
        unsent = [(o.filename, o.status, o.claimed_until) for o in outbound if o.status != "sent" or o.claimed_until]
        assert unsent == [], "outbound documents stuck in between"
        isa13 = Counter((o.partner_id, o.interchange_control_number) for o in outbound)
        assert set(isa13.values()) <= {1}, "a control number used twice"
        files = sorted(p.name for p in ws.outbox.iterdir() if not p.name.startswith("."))
        assert files == sorted(o.filename for o in outbound), "one file per outbound document, none twice"

    def report(self) -> str:
        lines = [f"{'window':<48} {'rounds':>6} {'kills':>6}"]
        for window in WINDOWS:
            lines.append(f"{window:<48} {self.rounds[window]:>6} {self.kills[window]:>6}")
        lines.append(f"{'total':<48} {sum(self.rounds.values()):>6} {sum(self.kills.values()):>6}")
        lines.append(f"source documents: {len(self.dropped)}")
        return "\n".join(lines)


def run_campaign(workspace: Workspace, kills_per_window: int, seed: int = 9) -> Campaign:
    configure(workspace)
    workspace.hub()  # migrate and load master data once
    campaign = Campaign(workspace, random.Random(seed))
    for window in WINDOWS:
        tries = 0
        while campaign.kills[window] < kills_per_window:
            campaign.round(window)
            tries += 1
            assert tries <= 3 * kills_per_window + 3, f"the failpoint of {window!r} is never reached"
    return campaign
