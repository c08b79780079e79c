"""The oscrypto 1.3.0 version-detection workaround. Each case runs in a fresh interpreter: the fix is about
the first import of oscrypto's libcrypto binding."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from connectors.as2 import oscrypto_fix


def run(code: str) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout.strip(), done.stderr


def system_needs_fix() -> bool:
    return oscrypto_fix.version_needs_fix(oscrypto_fix.libcrypto_version_string())


@pytest.mark.parametrize(
    "version,needed",
    [
        ("OpenSSL 3.0.19 27 Jan 2026", True),
        ("OpenSSL 3.0.10 1 Aug 2023", True),
        ("OpenSSL 3.5.1 1 Jul 2025", False),
        ("OpenSSL 3.0.9 30 May 2023", False),
        ("OpenSSL 1.1.1w  11 Sep 2023", False),
        ("LibreSSL 3.3.6", False),
    ],
)
def test_which_versions_need_the_fix(version, needed):
    assert oscrypto_fix.version_needs_fix(version) is needed


def test_without_the_fix_pyas2lib_does_not_import_on_this_openssl():
    if not system_needs_fix():  # the fix is then a no-op, proven by the next test
        return
    code, _, err = run("import pyas2lib")
    assert code != 0 and "Error detecting the version of libcrypto" in err


@pytest.mark.parametrize("block_cffi", [False, True], ids=["cffi", "ctypes"])
def test_with_the_fix_pyas2lib_imports_and_libcrypto_works(block_cffi):
    code, out, err = run(f"""
        import sys
        if {block_cffi}: sys.modules['cffi'] = None   # force oscrypto's ctypes binding
        import oscrypto
        from connectors.as2 import oscrypto_fix
        print(oscrypto_fix.apply(), oscrypto_fix.apply())   # the second call is a no-op
        import pyas2lib
        from oscrypto import asymmetric
        asymmetric.generate_pair('rsa', bit_size=1024)   # a real libcrypto call
        module = sys.modules['oscrypto._openssl._libcrypto_' + oscrypto.ffi()]
        print(oscrypto.ffi(), getattr(module, '__oscrypto_fix__', False))
    """)
    assert code == 0, err
    applied, binding = out.splitlines()
    need = system_needs_fix()
    assert applied == f"{need} {need}"
    assert binding == f"{'ctypes' if block_cffi else 'cffi'} {need}"


def test_station_import_applies_the_fix():
    code, out, err = run("import connectors.as2.station\nfrom connectors.as2 import oscrypto_fix\nprint('ok')")
    assert code == 0 and out == "ok", err


def test_apply_after_the_binding_was_loaded_is_refused():
    code, _, err = run("""
        import sys, oscrypto
        from connectors.as2 import oscrypto_fix
        sys.modules['oscrypto._openssl._libcrypto_' + oscrypto.ffi()] = object()  # loaded unpatched
        try:
            oscrypto_fix.apply()
        except RuntimeError:
            sys.exit(0)
        sys.exit(3)
    """)
    assert code == 0, err


def test_nothing_is_patched_once_oscrypto_ships_the_fix():
    code, out, err = run("""
        from connectors.as2 import oscrypto_fix
        oscrypto_fix.BUGGY = "not-in-source"    # as if the installed oscrypto had the upstream fix
        print(oscrypto_fix.apply())
    """)
    assert code == 0 and out == "False", err
