"""A real Dovecot 2.3 IMAP server on 127.0.0.1, started for the test run and stopped after it.

It listens on two free high ports: implicit TLS (IMAPS) and plain IMAP where STARTTLS is required,
both with a server certificate for localhost / 127.0.0.1 signed by a CA made for the run. Users live
in a passwd-file (added while the server runs: Dovecot re-reads the file when it changes), mail is
maildir under the server's own folder, owned by an unprivileged system user (Dovecot refuses to run
mail processes as root). XOAUTH2 is real: an oauth2 passdb validates HS256 JWTs locally against a
key in a dict folder, so ``token_for(user)`` mints a token the server accepts.

Needs root (to run the master and switch to the mail user): anything else raises RuntimeError.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from imapclient import IMAPClient

from connectors.base import Outcome

DOVECOT = "/usr/sbin/dovecot"
DOVEADM = "/usr/bin/doveadm"
MAIL_USER = "ohmail"
HOST = "127.0.0.1"
USERS_AHEAD = 100
EC_KEY = ("ec", "-pkeyopt", "ec_paramgen_curve:prime256v1")  # quicker to generate than RSA


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class Message:
    uid: int
    flags: tuple[bytes, ...]
    subject: str
    message_id: str


class DovecotServer:
    """A private Dovecot: ``start()``, ``add_user()``, ``stop()``; ``close()`` removes everything."""

    def __init__(self) -> None:
        if os.geteuid() != 0:
            raise RuntimeError("the Dovecot test server must be started as root (it switches to a mail user)")
        if not os.path.exists(DOVECOT):
            raise RuntimeError("Dovecot not found: run tests/peers/ensure-system-packages.sh")
        for user in ("dovecot", "dovenull"):  # created by the dovecot-core package
            try:
                pwd.getpwnam(user)
            except KeyError:
                raise RuntimeError(f"system user {user!r} missing: reinstall dovecot-core") from None
        self.root = Path(tempfile.mkdtemp(prefix="orderhub-dovecot-", dir="/tmp"))  # short: socket paths
        self.root.chmod(0o755)  # Dovecot's unprivileged auth and login processes read below it
        self.host = HOST
        self.starttls_port = _free_port()
        self.imaps_port = _free_port()
        self.ca_file = self.root / "ca.pem"
        self.other_ca_file = self.root / "other-ca.pem"  # a CA that signed nothing of this server's
        self.passwd = self.root / "passwd"
        self.conf = self.root / "dovecot.conf"
        self.log = self.root / "dovecot.log"
        self.jwt_key = os.urandom(32)  # signs the XOAUTH2 test tokens (HS256)
        self._proc: subprocess.Popen[bytes] | None = None
        self._unused: list[tuple[str, str]] = []
        self._setup()

    # -- set-up ---------------------------------------------------------------------------------------
    def _setup(self) -> None:
        try:
            pwd.getpwnam(MAIL_USER)
        except KeyError:
            subprocess.run(
                ["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell",
                 "/usr/sbin/nologin", MAIL_USER],
                check=True, capture_output=True,
            )  # fmt: skip
        self._certificates()
        mail = self.root / "mail"
        mail.mkdir()
        shutil.chown(mail, MAIL_USER, MAIL_USER)
        mail.chmod(0o700)
        self._unused = [(f"u{uuid.uuid4().hex[:10]}", uuid.uuid4().hex) for _ in range(USERS_AHEAD)]
        self.passwd.write_text("".join(f"{user}:{{PLAIN}}{password}\n" for user, password in self._unused))
        self.passwd.chmod(0o644)
        # oauth2 local validation looks keys up as shared/<azp>/<alg>/<kid> ("default" when absent).
        keys = self.root / "keys" / "default" / "HS256"
        keys.mkdir(parents=True)
        (keys / "default").write_text(base64.b64encode(self.jwt_key).decode())  # no newline: base64-decoded
        (self.root / "oauth2.conf.ext").write_text(
            f"introspection_mode = local\nlocal_validation_key_dict = fs:posix:prefix={self.root}/keys/\n"
            "username_attribute = sub\n"
        )
        self.conf.write_text(self._config())
        subprocess.run(["doveconf", "-c", str(self.conf), "-n"], check=True, capture_output=True)

    def _openssl(self, *args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=self.root)

    def _certificates(self) -> None:
        for name in ("ca", "other-ca"):
            self._openssl(
                "req", "-x509", "-newkey", *EC_KEY, "-nodes", "-days", "2", "-keyout", f"{name}.key",
                "-out", f"{name}.pem", "-subj", f"/CN=orderhub test {name}",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            )  # fmt: skip
        (self.root / "server.ext").write_text(
            "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
        )
        self._openssl("req", "-newkey", *EC_KEY, "-nodes", "-keyout", "server.key", "-out", "server.csr",
                      "-subj", "/CN=localhost")  # fmt: skip
        self._openssl(
            "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-days", "2", "-out", "server.pem", "-extfile", "server.ext",
        )  # fmt: skip

    def _config(self) -> str:
        r = self.root
        return f"""\
base_dir = {r}/run
state_dir = {r}/state
log_path = {self.log}
instance_name = orderhub-test-{r.name}
protocols = imap
listen = {HOST}
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 1
# ssl = required refuses plaintext LOGIN before STARTTLS, except from "secured" clients: Dovecot counts
# a client connecting from the server's own address as secured, so on loopback the client must insist.
ssl = required
ssl_cert = <{r}/server.pem
ssl_key = <{r}/server.key
ssl_dh = </usr/share/dovecot/dh.pem
auth_mechanisms = plain login xoauth2 oauthbearer
# otherwise each failed login waits 2 s, and anvil's penalty doubles it per failure from the same IP
auth_failure_delay = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {self.passwd}
  mechanisms = plain login
}}
passdb {{
  driver = oauth2
  args = {r}/oauth2.conf.ext
  mechanisms = xoauth2 oauthbearer
}}
# allow_all_users: doveadm's user lookups must not need a passdb (both passdbs are mechanism-bound)
userdb {{
  driver = static
  args = uid={MAIL_USER} gid={MAIL_USER} home={r}/mail/%u allow_all_users=yes
}}
mail_location = maildir:~/Maildir
mail_fsync = never  # a throw-away server: speed over durability
service imap-login {{
  inet_listener imap {{
    address = {HOST}
    port = {self.starttls_port}
  }}
  inet_listener imaps {{
    address = {HOST}
    port = {self.imaps_port}
    ssl = yes
  }}
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""

    # -- life cycle -----------------------------------------------------------------------------------
    def start(self) -> DovecotServer:
        # Foreground (-F), our child, leading its own process group: stop() ends exactly this instance.
        self._proc = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.conf)], stdin=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + 15
        for port in (self.starttls_port, self.imaps_port):
            while True:
                try:
                    socket.create_connection((HOST, port), timeout=1).close()
                    break
                except OSError:
                    if self._proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"Dovecot did not listen on {HOST}:{port}; see {self.log}") from None
                    time.sleep(0.05)
        return self

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        # SIGTERM to the master alone leaves its imap and imap-login processes serving the open
        # connections (measured): signal the whole group, as a machine going down would.
        os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        try:
            proc.wait(timeout=5)
            while time.monotonic() < deadline:
                os.killpg(proc.pid, 0)
                time.sleep(0.05)
            os.killpg(proc.pid, signal.SIGKILL)  # (or only zombies are left, which nobody reaped yet)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        except ProcessLookupError:
            pass  # every process of the group is gone

    def close(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def doveadm(self, *args: str) -> str:
        done = subprocess.run([DOVEADM, "-c", str(self.conf), *args], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"doveadm {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def kill_connections(self, user: str) -> None:
        """Drop the user's IMAP connections server-side (as an idle timeout or a restart would)."""
        self.doveadm("kick", user)

    def logins(self, user: str) -> list[str]:
        """The server's log lines of the user's successful logins (they say TLS, or "secured" if not)."""
        return [line for line in self.log.read_text().splitlines() if "Login: user=<" + user + ">" in line]

    # -- users ----------------------------------------------------------------------------------------
    def add_user(self) -> ImapPeer:
        """A new user with an empty mailbox, so each test starts clean against the one server."""
        if not self._unused:
            # Dovecot re-reads a changed passwd-file at most once a second: write users ahead, in bulk.
            users = {f"u{uuid.uuid4().hex[:10]}": uuid.uuid4().hex for _ in range(USERS_AHEAD)}
            with open(self.passwd, "a") as handle:
                handle.writelines(f"{user}:{{PLAIN}}{password}\n" for user, password in users.items())
            self._unused = list(users.items())
            time.sleep(1.1)
        user, password = self._unused.pop()
        return ImapPeer(self, user, password)

    def token_for(self, user: str, ttl: int = 3600) -> str:
        """An HS256 JWT the server's oauth2 passdb accepts for ``user``."""
        now = int(time.time())
        header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        body = _b64url(json.dumps({"sub": user, "iat": now, "nbf": now, "exp": now + ttl}).encode())
        signature = hmac.new(self.jwt_key, f"{header}.{body}".encode(), hashlib.sha256).digest()
        return f"{header}.{body}.{_b64url(signature)}"


class ImapPeer:
    """One user's mailbox seen directly over IMAPS (the contract's peer: put / pending / filed)."""

    def __init__(self, server: DovecotServer, user: str, password: str) -> None:
        self.server, self.user, self.password = server, user, password
        self.host, self.ca_file = server.host, server.ca_file
        self.processed_folder, self.error_folder = "Processed", "Error"

    def client(self) -> IMAPClient:
        context = ssl.create_default_context(cafile=str(self.ca_file))
        client = IMAPClient(self.host, self.server.imaps_port, ssl_context=context, timeout=10)
        client.login(self.user, self.password)
        return client

    def channel_options(self, state_file: Path) -> dict[str, str | int]:
        """The options of an `imap` channel reading this mailbox over IMAPS with its password."""
        return {
            "host": self.host,
            "port": self.server.imaps_port,
            "security": "ssl",
            "ca_file": str(self.ca_file),
            "username": self.user,
            "password": self.password,
            "state_file": str(state_file),
        }

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        self.append_many([raw], folder)

    def append_many(self, messages: list[bytes], folder: str = "INBOX") -> None:
        with self.client() as client:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            client.multiappend(folder, messages)  # one command, one round trip

    def messages(self, folder: str = "INBOX") -> list[Message]:
        with self.client() as client:
            if not client.folder_exists(folder):
                return []
            client.select_folder(folder, readonly=True)
            found = client.fetch("1:*", ["FLAGS", "BODY.PEEK[HEADER.FIELDS (SUBJECT MESSAGE-ID)]"])
        out = []
        for uid, item in sorted(found.items()):
            head = next(v for k, v in item.items() if k.startswith(b"BODY[HEADER"))
            fields = message_from_bytes(head, policy=policy.default)
            out.append(Message(uid, item[b"FLAGS"], str(fields["Subject"] or ""), str(fields["Message-ID"] or "")))
        return out

    def recreate(self, folder: str) -> None:
        """Delete and create the folder again: the server gives it a new UIDVALIDITY and UIDs from 1."""
        with self.client() as client:
            client.delete_folder(folder)
            client.create_folder(folder)

    # -- the contract's view --------------------------------------------------------------------------
    def put(self, name: str, data: bytes) -> None:
        self.append(mail_with_attachment(name, data))

    def pending(self) -> list[str]:
        return sorted(m.subject for m in self.messages("INBOX"))

    def filed(self, outcome: Outcome) -> list[str]:
        folder = self.error_folder if outcome is Outcome.FAILED else self.processed_folder
        return sorted(m.subject for m in self.messages(folder))

    def delivered(self) -> dict[str, bytes]:
        return {}  # IMAP is inbound only

    def expire_claims(self) -> None:
        pass  # the last UID is stored only on ack: a restarted connector has nothing to expire


def mail_with_attachment(name: str, data: bytes, message_id: str | None = None, body: str = "PO attached") -> bytes:
    """A customer's mail carrying ``data`` as the attachment ``name``; the subject is ``name`` too."""
    message = EmailMessage()
    message["From"] = "buyer@customer.example"
    message["To"] = "orders@seller.example"
    message["Subject"] = name
    message["Message-ID"] = message_id or make_msgid(domain="customer.example")
    message.set_content(body)
    message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return message.as_bytes()
