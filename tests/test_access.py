"""lib.access: password hashes, the OIDC set-up read from [auth], and who may edit where."""

from __future__ import annotations

import base64

import pytest

from lib.__main__ import main
from lib.access import (
    ALGORITHM,
    AccessConfig,
    Request,
    hash_password,
    is_loopback,
    mode,
    oidc_editor,
    oidc_providers,
    parse_hash,
    role,
    served_locally,
    verify_password,
)
from lib.errors import BadPasswordHash

FAST = 1000  # iterations for tests; the stored hash carries its own count


def test_a_hash_verifies_its_password_only():
    encoded = hash_password("热线-12345", iterations=FAST)
    assert verify_password("热线-12345", encoded)
    assert not verify_password("热线-12346", encoded)
    assert not verify_password("", encoded)


def test_a_hash_has_the_django_layout_and_no_plain_password():
    encoded = hash_password("correct horse", iterations=FAST, salt="abc")
    algorithm, iterations, salt, digest = encoded.split("$")
    assert (algorithm, iterations, salt) == (ALGORITHM, str(FAST), "abc")
    assert len(base64.b64decode(digest)) == 32
    assert "correct horse" not in encoded


def test_each_hash_gets_its_own_salt():
    first, second = (hash_password("same", iterations=FAST) for _ in range(2))
    assert first != second
    assert verify_password("same", first) and verify_password("same", second)


def test_the_default_cost_is_high():
    assert parse_hash(hash_password("x"))[0] >= 600_000


@pytest.mark.parametrize(
    "encoded",
    [
        "",
        "plain-password",
        "pbkdf2_sha256$1000$salt",
        "md5$1000$salt$" + "A" * 44,
        "pbkdf2_sha256$many$salt$" + "A" * 44,
        "pbkdf2_sha256$0$salt$" + "A" * 44,
        "pbkdf2_sha256$99999999$salt$" + "A" * 44,
        "pbkdf2_sha256$1000$$" + "A" * 44,
        "pbkdf2_sha256$1000$salt$not base64!",
        "pbkdf2_sha256$1000$salt$QUJD",
    ],
)
def test_a_malformed_hash_is_a_configuration_error(encoded):
    with pytest.raises(BadPasswordHash):
        verify_password("anything", encoded)


OIDC = {
    "redirect_uri": "https://x/oauth2callback",
    "cookie_secret": "s" * 32,
    "client_id": "id",
    "client_secret": "secret",
    "server_metadata_url": "https://idp/.well-known/openid-configuration",
}


@pytest.mark.parametrize(
    ("auth", "providers"),
    [
        ({}, ()),
        ({"editor_password_hash": hash_password("x", iterations=FAST)}, ()),
        (OIDC, (None,)),
        ({k: v for k, v in OIDC.items() if k != "cookie_secret"}, ()),
        ({k: v for k, v in OIDC.items() if k != "client_secret"}, ()),
        (
            {
                "redirect_uri": "https://x/oauth2callback",
                "cookie_secret": "s",
                "microsoft": {
                    k: OIDC[k] for k in ("client_id", "client_secret", "server_metadata_url")
                },
                "client_kwargs": {"prompt": "login"},
            },
            ("microsoft",),
        ),
    ],
)
def test_oidc_is_detected_only_when_st_login_could_use_it(auth, providers):
    assert oidc_providers(auth) == providers


def test_config_from_auth_validates_the_hash_and_lowercases_the_emails():
    encoded = hash_password("x", iterations=FAST)
    config = AccessConfig.from_auth(
        {**OIDC, "editor_password_hash": encoded, "editor_emails": [" Li.Ming@Example.CN "]}
    )
    assert config == AccessConfig(encoded, (None,), frozenset({"li.ming@example.cn"}))
    assert config.configured
    assert not AccessConfig.from_auth({}).configured
    with pytest.raises(BadPasswordHash):
        AccessConfig.from_auth({"editor_password_hash": "hunter2"})


@pytest.mark.parametrize(
    ("user", "emails", "editor"),
    [
        ({"is_logged_in": True, "email": "a@x.cn"}, (), True),
        ({"is_logged_in": True, "email": "A@X.cn"}, ("a@x.cn",), True),
        ({"is_logged_in": True, "email": "b@x.cn"}, ("a@x.cn",), False),
        ({"is_logged_in": False, "email": "a@x.cn"}, (), False),
        ({"email": "test@example.com"}, (), False),
    ],
)
def test_a_signed_in_oidc_user_edits_if_on_the_list(user, emails, editor):
    config = AccessConfig(oidc_providers=(None,), editor_emails=frozenset(emails))
    assert oidc_editor(config, user) is editor


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True),
        ("localhost:8501", True),
        ("LOCALHOST", True),
        ("app.localhost", True),
        ("127.0.0.1", True),
        ("127.0.0.1:8501", True),
        ("127.8.9.1", True),
        ("[::1]:8501", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("192.168.1.20:8501", False),
        ("hotline.gov.cn", False),
        ("localhost.evil.com", False),
        ("[2001:db8::1]:80", False),
        ("", False),
        (None, False),
    ],
)
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("server_address", "request_", "local"),
    [
        (None, Request(), True),
        (None, Request("localhost:8501"), True),
        ("127.0.0.1", Request("127.0.0.1:8501"), True),
        ("localhost", Request("[::1]:8501"), True),
        ("0.0.0.0", Request("localhost:8501"), False),
        ("192.168.1.20", Request("192.168.1.20:8501"), False),
        (None, Request("hotline.gov.cn"), False),
        (None, Request("localhost:8501", client_ip="192.168.1.7"), False),
        ("127.0.0.1", Request("127.0.0.1:8501", forwarded=True), False),
        ("127.0.0.1", Request("hotline.gov.cn"), False),
    ],
)
def test_served_locally(server_address, request_, local):
    assert served_locally(server_address, request_) is local


@pytest.mark.parametrize(
    ("config", "local", "signed_in", "expected"),
    [
        (AccessConfig(), True, False, ("open", "editor")),
        (AccessConfig(), False, False, ("closed", "viewer")),
        (AccessConfig("h"), True, False, ("sign-in", "viewer")),
        (AccessConfig("h"), True, True, ("sign-in", "editor")),
        (AccessConfig("h"), False, True, ("sign-in", "editor")),
        (AccessConfig(oidc_providers=(None,)), False, False, ("sign-in", "viewer")),
        (None, True, True, ("closed", "viewer")),
    ],
)
def test_mode_and_role(config, local, signed_in, expected):
    current = mode(config, local)
    assert (current, role(current, signed_in)) == expected


def answers(monkeypatch, *typed: str) -> None:
    """What the user types at each getpass prompt."""
    replies = iter(typed)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(replies))


def test_cli_hash_password_prints_a_hash_of_the_password_only(monkeypatch, capsys):
    answers(monkeypatch, "热线编辑密码2024", "热线编辑密码2024")
    assert main(["hash-password"]) == 0
    out = capsys.readouterr().out
    assert "热线编辑密码2024" not in out
    line = out.splitlines()[-1]
    assert line.startswith('editor_password_hash = "pbkdf2_sha256$')
    assert out.splitlines()[-2] == "[auth]"
    assert verify_password("热线编辑密码2024", line.split('"')[1])


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (("short", "short"), "密码至少 8 个字符，未生成\n"),
        (("热线编辑密码2024", "热线编辑密码2025"), "两次输入的密码不一致，未生成\n"),
    ],
)
def test_cli_hash_password_refuses(monkeypatch, capsys, typed, message):
    answers(monkeypatch, *typed)
    assert main(["hash-password"]) == 2
    assert capsys.readouterr() == ("", message)
