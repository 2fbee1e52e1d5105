"""What reaches the screen: user text inert, errors as one Chinese line, never a traceback.

Streamlit renders Markdown in st.markdown, st.caption, st.write, st.error and in widget, tab and
expander labels. Text from a file or a file name goes through `inert()` before any of those, or
is shown with st.text / st.dataframe, which do not render Markdown.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from lib.errors import HotlineError

log = logging.getLogger("hotline.ui")

UNEXPECTED = "出现意外错误，本次操作未完成，已有数据未受影响。请刷新页面重试；如果问题重复出现，请联系管理员。"

DOWNLOAD_FAILED = "无法生成下载文件，已记录。请刷新页面重试；如果问题重复出现，请联系管理员。"

"""Shown under a download button whose file could not be built (ui.overrides puts it in place
of Streamlit's English line; the cause is in the server's log)."""

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def inert(text: object) -> str:
    """Text that Streamlit's Markdown shows exactly as given: every special character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(text)))


def user_message(error: BaseException, filename: str = "") -> str:
    """The Chinese line for an error: a HotlineError's own message, else a generic one."""
    if isinstance(error, HotlineError):
        return error.message
    prefix = f"“{filename}”：" if filename else ""
    return f"{prefix}处理时出现意外错误，已记录。其他文件不受影响。"


def show_error(error: BaseException, filename: str = "") -> None:
    if not isinstance(error, HotlineError):
        log.error("unexpected error (%s)", filename or "page", exc_info=error)
    st.error(inert(user_message(error, filename)), icon=":material/error:")


@contextmanager
def guarded() -> Iterator[None]:
    """Run a block; a user error or a bug becomes a Chinese message instead of a traceback.

    Streamlit's own control flow (st.rerun, st.stop) derives from BaseException and passes.
    """
    try:
        yield
    except HotlineError as error:
        show_error(error)
    except Exception:
        log.exception("unexpected error in page")
        st.error(UNEXPECTED, icon=":material/error:")
