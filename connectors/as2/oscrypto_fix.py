"""Import-time workaround for oscrypto 1.3.0's OpenSSL version detection (pyas2lib depends on it).

Defect: oscrypto 1.3.0 (the last release; pyas2lib 1.4.4 needs it) finds the libcrypto version with
``re.search('\\b(\\d\\.\\d\\.\\d[a-z]*)\\b', version_string)`` at module level in
``oscrypto/_openssl/_libcrypto_cffi.py`` (and the same line in ``_libcrypto_ctypes.py``).
"OpenSSL 3.0.19 ..." does not match (two-digit patch level), so ``import pyas2lib`` raises
``LibraryNotFoundError: Error detecting the version of libcrypto`` on OpenSSL 3.0.10 and later.
Fixed on oscrypto master (wbond/oscrypto#75, #78) but never released; unofficial forks on the registry
are a supply-chain risk, and site-packages is never edited.

``oscrypto.use_openssl(libcrypto, libssl)`` does NOT help: it only records library paths; the same regex
still runs on the version string when ``_libcrypto_*`` is imported.

Workaround: if (and only if) the installed module still contains the buggy regex AND that regex fails on
the version string of the libcrypto oscrypto is about to load, :func:`apply` compiles the installed
``_libcrypto_cffi.py``/``_libcrypto_ctypes.py`` source with the regex widened to ``\\d+\\.\\d+\\.\\d+``
and registers it in ``sys.modules`` under its real name, so oscrypto's own ``from ._libcrypto_cffi import
...`` picks it up. Nothing on disk changes. For any version the old regex accepted, the new one yields the
same match, so behaviour is otherwise identical. Once oscrypto ships the fix, ``apply`` finds no buggy
regex and does nothing; then this module can go.

Usage: ``oscrypto_fix.apply()`` before the first ``import pyas2lib`` (done by ``connectors.as2.station``).
"""

from __future__ import annotations

import ctypes
import importlib.util
import re
import sys

BUGGY = r"'\\b(\\d\\.\\d\\.\\d[a-z]*)\\b'"  # as the literal appears in oscrypto's source
FIXED = r"'\\b(\\d+\\.\\d+\\.\\d+[a-z]*)\\b'"
_LIBRESSL = r"(?<=LibreSSL )(\d\.\d(\.\d)?)\b"  # oscrypto's own fallback, unchanged

applied = False  # True once the patched module is in sys.modules


def version_needs_fix(version_string: str) -> bool:
    """True if oscrypto 1.3.0's detection would reject this OpenSSL version string."""
    return not (re.search(r"\b(\d\.\d\.\d[a-z]*)\b", version_string) or re.search(_LIBRESSL, version_string))


def libcrypto_version_string() -> str:
    """The version string of the libcrypto oscrypto would load, read without importing its binding."""
    import oscrypto
    from oscrypto._ffi import get_library  # safe: does not load libcrypto

    path = oscrypto._backend_config().get("libcrypto_path") or get_library("crypto", "libcrypto.dylib", "42")
    lib = ctypes.CDLL(path)
    fn = getattr(lib, "OpenSSL_version", None) or lib.SSLeay_version
    fn.argtypes, fn.restype = [ctypes.c_int], ctypes.c_char_p
    return str(fn(0).decode("utf-8"))


def apply() -> bool:
    """Patch oscrypto's libcrypto version detection if needed. Idempotent.

    Returns True if the patched module is in use, False if no fix was needed.
    Raises RuntimeError if oscrypto's libcrypto binding was already imported unpatched.
    """
    global applied
    import oscrypto

    if applied or oscrypto.backend() != "openssl":
        return applied
    name = "oscrypto._openssl._libcrypto_" + oscrypto.ffi()  # 'cffi' or 'ctypes'
    if name in sys.modules:
        raise RuntimeError("oscrypto_fix.apply() must run before oscrypto's libcrypto is imported")
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None or spec.origin is None:
        return False
    source = spec.loader.get_source(name)  # type: ignore[attr-defined]
    if source is None or BUGGY not in source or not version_needs_fix(libcrypto_version_string()):
        return False
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        exec(compile(source.replace(BUGGY, FIXED, 1), spec.origin, "exec"), module.__dict__)
    except BaseException:
        del sys.modules[name]
        raise
    setattr(sys.modules["oscrypto._openssl"], name.rsplit(".", 1)[1], module)
    module.__oscrypto_fix__ = True  # type: ignore[attr-defined]
    applied = True
    return True
