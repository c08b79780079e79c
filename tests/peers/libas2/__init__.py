"""libas2 0.8.2 (Node, RFC 4130): an AS2 implementation independent of pyas2lib, for interop tests.

Its node_modules are installed with ``npm ci`` from the pinned lock file into a cache folder keyed by the lock
file's hash (about 3 s the first time, nothing after): under a lock file, into a temporary folder renamed into
place, so concurrent runs neither install twice nor see half an installation. Node and npm must be installed:
without them the tests fail, naming what to install, rather than skip. Node runs with
``--security-revert=CVE-2023-46809`` so that it can decrypt RSA PKCS#1 v1.5 key transport, the only one pyas2lib sends.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REVERT = "--security-revert=CVE-2023-46809"


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "orderhub" / "libas2"


def install() -> Path:
    """A folder holding the peer script and its node_modules, installed from the lock file when missing."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            raise RuntimeError(
                f"the AS2 interop tests need {tool} (Node.js 20 or later): apt-get install -y nodejs npm"
            )
    lock = (HERE / "package-lock.json").read_bytes()
    folder = _cache_root() / hashlib.sha256(lock + (HERE / "package.json").read_bytes()).hexdigest()[:16]
    folder.parent.mkdir(parents=True, exist_ok=True)
    # concurrent runs (pytest-xdist, two checkouts) take turns; the folder appears whole or not at all
    with open(folder.parent / f"{folder.name}.lock", "w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            if not (folder / ".installed").exists():
                _npm_ci(folder)
            _replace(HERE / "libas2_peer.js", folder / "libas2_peer.js")  # next to its node_modules
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)
    return folder


def _replace(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` atomically: a node process starting meanwhile sees old or new, whole."""
    temporary = target.with_name(f".tmp-{os.getpid()}-{threading.get_ident()}-{target.name}")
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)


def _npm_ci(folder: Path) -> None:
    """``npm ci`` into a temporary folder beside ``folder``, then renamed to it (a half-installed folder from an
    interrupted run is replaced)."""
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
    try:
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(HERE / name, staging / name)
        run = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=staging,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if run.returncode != 0:
            raise RuntimeError(f"npm ci for the libas2 peer failed in {staging}:\n{run.stdout}\n{run.stderr}")
        (staging / ".installed").touch()
        if folder.exists():
            shutil.rmtree(folder)
        os.rename(staging, folder)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def node_command() -> list[str]:
    """``node`` with the security revert when this Node has the CVE-2023-46809 fix (20.11.1, 18.19.1 and
    later); an older Node still decrypts PKCS#1 v1.5 and would refuse the flag as unknown."""
    probe = subprocess.run(["node", REVERT, "-e", "0"], capture_output=True, timeout=30)
    return ["node", REVERT] if probe.returncode == 0 else ["node"]


@dataclass(frozen=True)
class Identity:
    """The peer's AS2 name, key and certificate, and orderhub's name and certificate as the peer knows them."""

    name: str
    key: Path
    cert: Path
    hub_name: str
    hub_cert: Path

    def env(self) -> dict[str, str]:
        return dict(
            os.environ,
            PEER_NAME=self.name,
            PEER_KEY=str(self.key),
            PEER_CERT=str(self.cert),
            HUB_NAME=self.hub_name,
            HUB_CERT=str(self.hub_cert),
        )


def _json_lines(lines: Iterator[str]) -> Iterator[dict[str, Any]]:
    for line in lines:
        if line.startswith("{"):
            yield json.loads(line)


def send(folder: Path, identity: Identity, url: str, **options: Any) -> dict[str, Any]:
    """libas2 sends one message to ``url`` and reads the MDN; its report as a dict."""
    run = subprocess.run(
        [*node_command(), "libas2_peer.js", "send", url, json.dumps(options)],
        cwd=folder,
        env=identity.env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    results = list(_json_lines(iter(run.stdout.splitlines())))
    if not results or "error" in results[-1]:
        raise AssertionError(f"libas2 sender failed: {run.stdout}\n{run.stderr}")
    return results[-1]


class Receiver:
    """A libas2 AS2 receiver on 127.0.0.1; :meth:`next_result` reads what it made of the next message."""

    def __init__(self, folder: Path, identity: Identity) -> None:
        self.process = subprocess.Popen(
            [*node_command(), "libas2_peer.js", "serve"],
            cwd=folder,
            env=identity.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        self._results = _json_lines(iter(self.process.stdout.readline, ""))
        first = next(self._results, None)
        if first is None or "listen" not in first:
            self.close()
            raise RuntimeError(f"the libas2 receiver did not start: {first}")
        self.url = f"http://127.0.0.1:{first['listen']}/as2"

    def next_result(self) -> dict[str, Any]:
        return next(self._results)

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
