"""Who may change the library: viewers browse and download; editors upload, replace, delete
and edit aliases.

Pure decisions, no streamlit (ui/access.py reads the secrets and the request and draws the
sign-in). An editor signs in with the password whose PBKDF2 hash is `[auth]
editor_password_hash` in .streamlit/secrets.toml (`python -m lib hash-password` prints one),
or through st.login when an OIDC provider is configured in [auth]. With neither, everyone may
edit, but only while the app is served to this machine alone; otherwise nobody may.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from lib.errors import BadPasswordHash

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000
MAX_ITERATIONS = 10_000_000
MIN_PASSWORD_LENGTH = 8
_DIGEST_BYTES = 32
_OIDC_KEYS = ("client_id", "client_secret", "server_metadata_url")

Role = Literal["viewer", "editor"]
Mode = Literal["sign-in", "open", "closed"]
"""sign-in: editors sign in; open: no secret, served locally, everyone edits; closed: nobody edits."""


def hash_password(password: str, iterations: int = ITERATIONS, salt: str | None = None) -> str:
    """'pbkdf2_sha256$<iterations>$<salt>$<base64 digest>' (Django's layout)."""
    salt = salt or secrets.token_urlsafe(16)
    digest = _derive(password, salt, iterations)
    return f"{ALGORITHM}${iterations}${salt}${base64.b64encode(digest).decode()}"


def verify_password(password: str, encoded: str) -> bool:
    """True when `password` is the one `encoded` was made from; compared in constant time."""
    iterations, salt, expected = parse_hash(encoded)
    return bool(password) and hmac.compare_digest(_derive(password, salt, iterations), expected)


def parse_hash(encoded: str) -> tuple[int, str, bytes]:
    """(iterations, salt, digest) of a stored hash; BadPasswordHash if it is not one of ours."""
    parts = encoded.split("$") if isinstance(encoded, str) else []
    if len(parts) != 4 or parts[0] != ALGORITHM or not parts[1].isdigit() or not parts[2]:
        raise BadPasswordHash()
    iterations = int(parts[1])
    try:
        digest = base64.b64decode(parts[3], validate=True)
    except (binascii.Error, ValueError):
        raise BadPasswordHash() from None
    if not 1 <= iterations <= MAX_ITERATIONS or len(digest) != _DIGEST_BYTES:
        raise BadPasswordHash()
    return iterations, parts[2], digest


def _derive(password: str, salt: str, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations)


@dataclass(frozen=True)
class AccessConfig:
    """The [auth] section as far as editing goes.

    `oidc_providers`: the st.login provider names configured (None is the unnamed default).
    `editor_emails`: when given, only these signed-in OIDC users are editors.
    """

    password_hash: str | None = None
    oidc_providers: tuple[str | None, ...] = ()
    editor_emails: frozenset[str] = frozenset()

    @classmethod
    def from_auth(cls, auth: Mapping) -> AccessConfig:
        """From the [auth] mapping of secrets.toml; BadPasswordHash for a malformed hash."""
        password_hash = auth.get("editor_password_hash") or None
        if password_hash is not None:
            parse_hash(password_hash)
        emails = auth.get("editor_emails") or ()
        return cls(
            password_hash, oidc_providers(auth), frozenset(str(e).strip().lower() for e in emails)
        )

    @property
    def configured(self) -> bool:
        return bool(self.password_hash or self.oidc_providers)


def oidc_providers(auth: Mapping) -> tuple[str | None, ...]:
    """The providers st.login can use: Streamlit needs redirect_uri and cookie_secret, and the
    client settings either in [auth] itself or in an [auth.NAME] table."""
    if not (auth.get("redirect_uri") and auth.get("cookie_secret")):
        return ()
    named = tuple(
        name
        for name, value in auth.items()
        if isinstance(value, Mapping) and all(value.get(k) for k in _OIDC_KEYS)
    )
    default = (None,) if all(auth.get(k) for k in _OIDC_KEYS) else ()
    return default + named


def oidc_editor(config: AccessConfig, user: Mapping) -> bool:
    """A user signed in through st.login is an editor, if on the list when there is one."""
    if user.get("is_logged_in") is not True:
        return False
    email = str(user.get("email") or "").strip().lower()
    return not config.editor_emails or email in config.editor_emails


@dataclass(frozen=True)
class Request:
    """What the server knows of one browser session's connection."""

    host: str | None = None
    client_ip: str | None = None
    forwarded: bool = False


def is_loopback(host: str | None) -> bool:
    """'localhost', '127.0.0.1:8501', '[::1]:8501', '::1' … with or without a port."""
    if not host:
        return False
    name = host.strip().lower()
    if name.startswith("["):
        name = name[1:].split("]", 1)[0]
    elif name.count(":") == 1:
        name = name.split(":", 1)[0]
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def served_locally(server_address: str | None, request: Request) -> bool:
    """True only when the session can come from this machine alone.

    The server must not be bound to a non-loopback address on purpose (`server.address`), the
    connection must come from loopback without a proxy's forwarding headers, and the browser
    must have asked for a loopback host (a proxy passing the public name fails this). No Host
    at all means no HTTP request (a test harness), which is local.
    """
    if server_address and not is_loopback(server_address):
        return False
    if request.forwarded or (request.client_ip and not is_loopback(request.client_ip)):
        return False
    return request.host is None or is_loopback(request.host)


def mode(config: AccessConfig | None, local: bool) -> Mode:
    """`config` None means the configuration is broken: fail closed."""
    if config is None:
        return "closed"
    if config.configured:
        return "sign-in"
    return "open" if local else "closed"


def role(current: Mode, signed_in: bool) -> Role:
    if current == "open" or (current == "sign-in" and signed_in):
        return "editor"
    return "viewer"
