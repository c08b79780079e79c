"""AS2 (RFC 4130) on pyas2lib: the outbound connector (kind ``as2``) and the station the web app's inbound
endpoint (``orderhub.web``, ``POST /as2``) uses. One ``as2`` channel per partner relationship.

pyas2lib is imported only through :mod:`connectors.as2.station`, which applies the oscrypto fix first (see
:mod:`connectors.as2.oscrypto_fix`).

Settings for a partner running libas2 0.8.2 (Node), found in the interop tests:
``body_encoding: base64`` (its parser reads HTTP bodies as text) and ``mdn_signed: false`` (its signed MDNs do
not verify in OpenSSL, pyas2lib or libas2 itself; the MIC in its unsigned MDN is still checked). When it encrypts
to us it must wrap the content key with RSA-OAEP/SHA-1 (its default, OAEP/SHA-512, cannot be decrypted here).
"""
