"""A real OpenSSH sshd on 127.0.0.1, started for the test run and stopped after it.

It runs from its own folder (config, host keys, authorized keys, log) on a free high port, listens on
127.0.0.1 only and lets exactly one system user in, with SFTP only (``ForceCommand internal-sftp``).
Starting it needs root: sshd must start as root to switch to the user, and the user must exist in
/etc/passwd. The tests read and write the user's files directly on disk under ``data``.
"""

from __future__ import annotations

import fcntl
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SSHD = Path("/usr/sbin/sshd")  # sshd refuses to start unless called by its absolute path (it re-executes itself)
USERNAME = "ohsftp"
# The user's password lives in a root-only file so that test runs on the same machine (several engineers, CI
# jobs) share it: a fresh random password per run would break the password tests of a run already going.
STATE_DIR = Path("/var/lib/orderhub-tests")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(*args: str, stdin: str | None = None) -> str:
    done = subprocess.run(list(args), input=stdin, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:2])} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def _keygen(path: Path, key_type: str, passphrase: str = "") -> str:
    """Generate a key pair; return the public key line ("type base64 comment")."""
    bits = ["-b", "256"] if key_type == "ecdsa" else []
    _run(
        "ssh-keygen", "-q", "-t", key_type, *bits, "-N", passphrase, "-C", f"orderhub-test-{path.name}", "-f", str(path)
    )
    return path.with_suffix(".pub").read_text().strip()


def _sshd_version() -> tuple[int, int]:
    done = subprocess.run([str(SSHD), "-V"], capture_output=True, text=True)
    match = re.search(r"OpenSSH_(\d+)\.(\d+)", done.stderr + done.stdout)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    for child in map(int, children):
        found.append(child)
        found.extend(_descendants(child))
    return found


def _kill(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class SshdServer:
    """A private sshd. ``start()`` / ``stop()`` / ``restart()`` keep the port, keys and files; ``close()`` removes all.

    Exposes what a connector's configuration needs: ``host``, ``port``, ``username``, ``password``,
    ``client_key_path`` (unencrypted), ``protected_key_path`` + ``protected_key_passphrase``,
    ``host_key_line`` (ed25519, the pin), ``host_key_lines`` (every host key by type) and ``data``, the
    user's folder on disk where SFTP sessions start (relative remote paths resolve against it).
    """

    def __init__(self, username: str = USERNAME) -> None:
        if os.geteuid() != 0:
            raise RuntimeError(
                "the SFTP tests start a private OpenSSH sshd on 127.0.0.1 and create the system user "
                f"{username!r} (useradd, chpasswd): they must run as root, as CI does"
            )
        if not SSHD.exists() or shutil.which("ssh-keygen") is None:
            raise RuntimeError("OpenSSH server not installed: run tests/peers/ensure-system-packages.sh as root")
        self.host = "127.0.0.1"
        self.port = _free_port()
        self.username = username
        self.password = ""
        # Under the world-writable temp folder: fine without ChrootDirectory (which would need every path
        # component root-owned); the authorized_keys file there needs "StrictModes no".
        self.root = Path(tempfile.mkdtemp(prefix="orderhub-sshd-"))
        self.root.chmod(0o755)  # sshd reads authorized_keys as the user, who must be able to traverse
        self.data = self.root / "data"
        self.config_path = self.root / "sshd_config"
        self.log_path = self.root / "sshd.log"
        self.pid_path = self.root / "sshd.pid"
        self.client_key_path = self.root / "client_ed25519"
        self.protected_key_path = self.root / "client_protected_ed25519"
        self.protected_key_passphrase = "orderhub-test-passphrase"
        self.host_key_lines: dict[str, str] = {}
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def host_key_line(self) -> str:
        return self.host_key_lines["ssh-ed25519"]

    # -- set-up ---------------------------------------------------------------------------------------
    def _ensure_user(self) -> None:
        STATE_DIR.mkdir(mode=0o700, exist_ok=True)
        with open(STATE_DIR / "sftp-user.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # two runs starting at once must not race on useradd / chpasswd
            try:
                pwd.getpwnam(self.username)
            except KeyError:
                _run("useradd", "--system", "-M", "-d", "/nonexistent", "-s", "/usr/sbin/nologin", self.username)
            secret = STATE_DIR / f"{self.username}.password"
            if not secret.exists():
                secret.write_text(secrets.token_urlsafe(18))
                secret.chmod(0o600)
            self.password = secret.read_text().strip()
            # Always set it: a fresh useradd leaves the account locked, and sshd (UsePAM no) then refuses
            # even key logins ("account is locked").
            _run("chpasswd", stdin=f"{self.username}:{self.password}\n")

    def _write_config(self) -> None:
        sftp = f"internal-sftp -d {self.data} -u 0022"  # -d: sessions start in the data folder
        lines = [
            f"Port {self.port}",
            "ListenAddress 127.0.0.1",
            "AddressFamily inet",
            f"PidFile {self.pid_path}",
            *(f"HostKey {self.root / name}" for name in ("host_ed25519", "host_ecdsa")),
            "UsePAM no",
            "PasswordAuthentication yes",
            "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes",
            "PermitRootLogin no",
            f"AuthorizedKeysFile {self.root / 'authorized_keys'}",
            "StrictModes no",
            f"AllowUsers {self.username}",
            "AllowTcpForwarding no",
            "X11Forwarding no",
            "PermitTTY no",
            "MaxStartups 100",
            f"Subsystem sftp {sftp}",
            f"ForceCommand {sftp}",
            "LogLevel VERBOSE",
        ]
        if _sshd_version() >= (9, 8):
            # From 9.8 sshd penalises a source address after failed logins; every test comes from 127.0.0.1.
            lines.append("PerSourcePenalties no")
        self.config_path.write_text("\n".join(lines) + "\n")

    def _setup(self) -> None:
        self._ensure_user()
        user = pwd.getpwnam(self.username)
        self.data.mkdir(exist_ok=True)
        os.chown(self.data, user.pw_uid, user.pw_gid)
        for key_type, name in (("ed25519", "host_ed25519"), ("ecdsa", "host_ecdsa")):
            line = _keygen(self.root / name, key_type)
            self.host_key_lines[line.split()[0]] = line
        client = _keygen(self.client_key_path, "ed25519")
        protected = _keygen(self.protected_key_path, "ed25519", self.protected_key_passphrase)
        (self.root / "authorized_keys").write_text(f"{client}\n{protected}\n")
        (self.root / "authorized_keys").chmod(0o644)
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege-separation dir; absent in containers
        self._write_config()
        _run(str(SSHD), "-t", "-f", str(self.config_path))  # a bad config fails here with sshd's own words

    # -- life cycle -----------------------------------------------------------------------------------
    def start(self) -> SshdServer:
        if not self.host_key_lines:
            self._setup()
        if self._process is not None:
            return self
        log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        # -D: stay in the foreground so this object owns the process; -E: log to our file, not syslog.
        self._process = subprocess.Popen(
            [str(SSHD), "-D", "-f", str(self.config_path), "-E", str(self.log_path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                self._process = None
                raise RuntimeError(f"sshd exited at start; see {self.log_path}: {self._log_tail()}")
            if f"Server listening on 127.0.0.1 port {self.port}" in self.log(log_offset):
                return self
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"sshd did not listen on 127.0.0.1:{self.port}; see {self.log_path}")

    def _log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-500:] if self.log_path.exists() else ""

    def log(self, offset: int = 0) -> str:
        """The server log from byte ``offset``: listening, connections, logins and their failures.

        SFTP operations are not in it: internal-sftp re-opens logging to syslog in the session process, so
        the ``-E`` file never sees its opens and renames.
        """
        if not self.log_path.exists():
            return ""
        with open(self.log_path, "rb") as handle:
            handle.seek(offset)
            return handle.read().decode(errors="replace")

    def session_pids(self) -> list[int]:
        """The per-connection sshd processes (monitor and session child of every open connection)."""
        return _descendants(self._process.pid) if self._process else []

    def kill_connections(self) -> int:
        """Drop every open SSH connection from the server side, as a crash or a network cut would."""
        pids = self.session_pids()
        _kill(pids)
        deadline = time.monotonic() + 5
        while self.session_pids() and time.monotonic() < deadline:
            time.sleep(0.01)  # the listener reaps its children; until then pgrep still lists them
        return len(pids)

    def stop(self) -> None:
        """Stop listening and drop every connection; files, keys and port stay for ``start()``."""
        if self._process is None:
            return
        sessions = self.session_pids()  # found before the listener dies: afterwards they are init's children
        self._process.kill()
        self._process.wait(timeout=5)
        _kill(sessions)
        self._process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def close(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    # -- the user's files -----------------------------------------------------------------------------
    def give(self, path: Path) -> None:
        """Hand a file or folder the test created on disk to the SFTP user, as if the user had made it."""
        user = pwd.getpwnam(self.username)
        os.chown(path, user.pw_uid, user.pw_gid)

    def login_options(self, **more: object) -> dict[str, object]:
        """The SFTP connector's options to log in here with the client key (plus ``more``)."""
        return {
            "host": self.host,
            "port": self.port,
            "username": self.username,
            "private_key_path": str(self.client_key_path),
            "host_key": self.host_key_line,
            **more,
        }

    def folder(self, relative: str) -> Path:
        """A folder under ``data`` owned by the user (parents included)."""
        path = self.data
        for part in Path(relative).parts:
            path = path / part
            path.mkdir(exist_ok=True)
            self.give(path)
        return path
