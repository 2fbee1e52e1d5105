"""The editor role on screen: the sidebar's sign-in, and the gate in front of every edit.

lib.access decides; this module feeds it the secrets, the request and the session. Pages ask
`can_edit()` before drawing an edit control, and every write goes through `editing_store()`,
which refuses a viewer even if an edit control was somehow reached.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st
from streamlit import config as st_config

from lib.access import (
    AccessConfig,
    Mode,
    Request,
    Role,
    mode,
    oidc_editor,
    role,
    served_locally,
    verify_password,
)
from lib.errors import AccessError, BadPasswordHash
from lib.review.log import LOCAL_AUTHOR
from lib.store import Store
from ui import state
from ui.safe import inert

OPEN_NOTE = "未设置编辑密码：仅限本机访问，所有人可编辑"
CLOSED_NOTE = "未设置编辑密码，编辑已停用：只能浏览和下载"
WRONG_PASSWORD = "密码不正确。"
PASSWORD_EDITOR = "编辑者（密码登录）"
_SIGNED_IN = "access.signed-in-with"
_FORWARDING = ("X-Forwarded-For", "X-Forwarded-Host", "X-Real-Ip", "Forwarded")


@dataclass(frozen=True)
class Access:
    """This session's standing; `problem` is the configuration error that closed editing."""

    mode: Mode
    role: Role
    config: AccessConfig | None
    problem: str = ""


def current() -> Access:
    try:
        config, problem = AccessConfig.from_auth(_auth_section()), ""
    except BadPasswordHash as error:
        config, problem = None, error.message
    now = mode(config, served_locally(st_config.get_option("server.address"), _request()))
    signed_in = config is not None and _signed_in(config)
    return Access(now, role(now, signed_in), config, problem)


def can_edit() -> bool:
    return current().role == "editor"


def editing_store() -> Store:
    """The store, for a write; AccessError for a viewer."""
    if not can_edit():
        raise AccessError()
    return state.store()


def author() -> str:
    """Who the review log names for this session's edits: the signed-in account's name, an
    editor signed in by password, or 本机 where the app is open to this machine alone."""
    if current().mode == "open":
        return LOCAL_AUTHOR
    user = st.user.to_dict()
    if user.get("is_logged_in"):
        return str(user.get("name") or user.get("email") or PASSWORD_EDITOR)
    return PASSWORD_EDITOR


def viewer_note(what: str) -> None:
    """Say in place of an edit control why it is not there."""
    how = "请在侧边栏以编辑者身份登录" if current().mode == "sign-in" else "本应用未开放编辑"
    st.info(f"{what}需要编辑权限：{how}。", icon=":material/lock:")


def sidebar() -> None:
    access = current()
    with st.sidebar.container(key="access"):
        if access.problem:
            st.error(inert(access.problem), icon=":material/key_off:")
        elif access.mode == "open":
            st.warning(OPEN_NOTE, icon=":material/lock_open:")
        elif access.mode == "closed":
            st.info(CLOSED_NOTE, icon=":material/lock:")
        elif access.role == "editor":
            _signed_in_as_editor()
        else:
            _sign_in(access.config)


def _auth_section() -> Mapping:
    if not st.secrets.load_if_toml_exists():
        return {}
    return st.secrets.get("auth") or {}


def _request() -> Request:
    headers = st.context.headers
    ip = st.context.ip_address
    return Request(
        host=headers.get("Host"),
        client_ip=ip if isinstance(ip, str) else None,
        forwarded=any(name in headers for name in _FORWARDING),
    )


def _signed_in(config: AccessConfig) -> bool:
    """By password this session (against the hash configured now), or through st.login."""
    if config.password_hash and st.session_state.get(_SIGNED_IN) == config.password_hash:
        return True
    return bool(config.oidc_providers) and oidc_editor(config, st.user.to_dict())


def _signed_in_as_editor() -> None:
    st.markdown(":green-badge[:material/edit: 编辑者]")
    if st.button("退出编辑", icon=":material/logout:", key="access-sign-out"):
        st.session_state.pop(_SIGNED_IN, None)
        if st.user.to_dict().get("is_logged_in"):
            st.logout()
        st.rerun()


def _sign_in(config: AccessConfig) -> None:
    st.markdown(":gray-badge[:material/visibility: 查看者：可浏览和下载]")
    with st.expander("编辑者登录", icon=":material/login:"):
        if config.password_hash:
            _password_form(config.password_hash)
        for provider in config.oidc_providers:
            label = f"用 {inert(provider)} 账号登录" if provider else "用单位账号登录"
            if st.button(label, key=f"access-oidc-{provider or 'default'}"):
                st.login(provider)


def _password_form(password_hash: str) -> None:
    with st.form("access-sign-in", border=False, clear_on_submit=True):
        password = st.text_input("编辑密码", type="password", key="access-password")
        submitted = st.form_submit_button("登录")
    if not submitted:
        return
    if verify_password(password, password_hash):
        st.session_state[_SIGNED_IN] = password_hash
        st.rerun()
    st.error(WRONG_PASSWORD, icon=":material/error:")
