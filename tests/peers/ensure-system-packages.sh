#!/usr/bin/env bash
# The real servers the tests start on 127.0.0.1 need these system packages. As root (CI) they are
# installed with apt; otherwise the script names them and stops.
set -euo pipefail
missing=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if ! id postgres >/dev/null 2>&1 && [ ${#missing[@]} -eq 0 ]; then
  missing+=(postgresql)
fi
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)  # libas2, the AS2 peer of the interop tests
[ -x /usr/bin/chromium ] || missing+=(chromium)  # the review pages are tested in a real headless browser
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  echo "installing system packages for the test servers: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "make test needs these system packages (install them as root): ${missing[*]}" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
