"""An SFTP folder listing that survives file names which are not UTF-8.

paramiko decodes every name of a listing as strict UTF-8: one file named in Latin-1 (``Bestellung-\xe4.edi``
from an old Windows tool) raised UnicodeDecodeError for the whole listing, so no file of that inbox was ever
polled again. Here such a name is kept with surrogate escapes (as ``os.listdir`` does), and :func:`wire` turns
it back into the server's exact bytes for open, rename and remove.
"""

from __future__ import annotations

import paramiko
from paramiko.sftp import CMD_CLOSE, CMD_HANDLE, CMD_NAME, CMD_OPENDIR, CMD_READDIR, SFTPError


def wire(path: str) -> bytes:
    """A path as the bytes the server knows it by (paramiko takes bytes paths as they are)."""
    return path.encode("utf-8", "surrogateescape")


def list_folder(sftp: paramiko.SFTPClient, path: str) -> list[paramiko.SFTPAttributes]:
    """``sftp.listdir_attr(path)``, with undecodable names kept as surrogate escapes instead of failing."""
    kind, message = sftp._request(CMD_OPENDIR, wire(path))  # type: ignore[attr-defined]  # noqa: SLF001
    if kind != CMD_HANDLE:
        raise SFTPError("Expected handle")
    handle = message.get_binary()
    found: list[paramiko.SFTPAttributes] = []
    try:
        while True:
            try:
                kind, message = sftp._request(CMD_READDIR, handle)  # type: ignore[attr-defined]  # noqa: SLF001
            except EOFError:  # the end of the folder
                break
            if kind != CMD_NAME:
                raise SFTPError("Expected name response")
            for _ in range(message.get_int()):
                name = message.get_string().decode("utf-8", "surrogateescape")
                long_name = message.get_string().decode("utf-8", "replace")
                attributes = paramiko.SFTPAttributes._from_msg(message, name, long_name)  # type: ignore[attr-defined]  # noqa: SLF001
                if name not in (".", ".."):
                    found.append(attributes)
    finally:
        sftp._request(CMD_CLOSE, handle)  # type: ignore[attr-defined]  # noqa: SLF001
    return found
