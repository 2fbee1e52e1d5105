"""Typed errors a user can meet, each with its Chinese message.

The UI and the CLI turn them into text in one place: `str(error)` is the line the user reads,
naming the file and what is wrong. Anything else escaping the library is a bug.
"""

from __future__ import annotations

import errno


class HotlineError(Exception):
    """Base of every error meant for a user."""

    reason = "无法处理"

    def __init__(self, filename: str = "", detail: str = ""):
        self.filename = filename
        self.detail = detail
        super().__init__(self.message)

    def __reduce__(self):
        """Pickle as (filename, detail), so an error raised in the sandbox's child arrives whole."""
        return type(self), (self.filename, self.detail)

    @property
    def message(self) -> str:
        text = f"“{self.filename}”：{self.reason}" if self.filename else self.reason
        return f"{text}（{self.detail}）" if self.detail else text


class RejectedFile(HotlineError):
    """The input file is refused before or during parsing."""

    reason = "文件无法读取"


class EmptyFile(RejectedFile):
    reason = "文件为空"


class UnsupportedFormat(RejectedFile):
    reason = "不支持的文件格式，请上传 PDF、Word（.docx）、文本（.txt/.md）或页面图片（PNG、JPEG）"


class CorruptFile(RejectedFile):
    reason = "文件已损坏或格式不完整，无法打开"


class EncryptedPdf(RejectedFile):
    reason = "文件已加密（设有打开密码），请上传未加密的版本"


class TooLarge(RejectedFile):
    reason = "文件超过大小上限"


class TooManyPages(RejectedFile):
    reason = "文件页数超过上限"


class TooComplex(RejectedFile):
    reason = "文件过于复杂，解析超时或超出内存上限"


class NotABulletin(RejectedFile):
    reason = "不是政务服务热线工作通报（未找到通报的期号、月份或评价表）"


class StoreError(HotlineError):
    """The store cannot complete an operation; nothing was changed."""

    reason = "数据库操作失败，已有数据未受影响"


class StoreUnavailable(StoreError):
    reason = "无法连接数据库，请检查数据库地址与服务状态"


class StoreNotCreated(StoreUnavailable):
    """A new SQLite store's folder or file cannot be made (`filename` is the database file)."""

    reason = "无法创建数据库"


class StoreReadOnly(StoreError):
    reason = "数据库只读，本次操作未保存，已有数据未受影响"


class StoreFull(StoreError):
    reason = "磁盘已满，本次操作未保存，已有数据未受影响"


class StoreFullReading(StoreError):
    """SQLite needs room for its shared-memory file even to read a WAL database."""

    reason = "磁盘已满，无法读取数据库"


class BriefingError(HotlineError):
    """A briefing cannot be made for what was asked; nothing was written."""

    reason = "无法生成接听日简报"


class UnknownUnit(BriefingError):
    reason = "通报库中没有这个单位，请检查名称（可用简称或别名）"


class MonthNotLoaded(BriefingError):
    reason = "通报库中没有该月份的通报"


class AccessError(HotlineError):
    """An edit was refused, or the editor sign-in is not set up right."""

    reason = "需要编辑权限：请先在侧边栏以编辑者身份登录"


class BadPasswordHash(AccessError):
    reason = (
        "编辑密码配置无效（.streamlit/secrets.toml 的 [auth] editor_password_hash），编辑已停用；"
        "请用 python -m lib hash-password 重新生成"
    )


class BackupError(HotlineError):
    """A backup cannot be written or restored; the store is unchanged."""

    reason = "备份文件无法使用，数据库未作改动"


class NotABackup(BackupError):
    reason = "不是热线通报分析台的备份文件，数据库未作改动"


class BackupDamaged(BackupError):
    reason = "备份文件已损坏或不完整，数据库未作改动"


class BackupIncompatible(BackupError):
    reason = "备份文件来自不兼容的版本，数据库未作改动"


class StoreNotEmpty(BackupError):
    reason = "目标数据库已有数据，未恢复；确认用备份覆盖全部数据请加 --force"


class RulesError(HotlineError):
    """The rules file (score weights, bands, precision, pools) is not usable."""

    reason = "评价规则文件有误，请修正后重新启动"


class OutputError(HotlineError):
    """A file the app or the CLI writes (`filename` is its path) could not be written; nothing
    was left at that path (lib/outputs.py)."""

    reason = "无法写入，未生成文件"


class SandboxUnavailable(HotlineError):
    """The parse sandbox could not be started; `filename` is the file that was not parsed."""

    reason = "无法启动解析进程，文件未解析"


_OS_CAUSES = {
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘已满",
    errno.ENOENT: "文件夹不存在",
    errno.ENOTDIR: "文件夹不存在",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "文件系统只读",
    errno.EISDIR: "已有同名文件夹",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "磁盘读写错误",
}


def os_cause(error: OSError) -> str:
    """Why a write failed, in the user's words: 磁盘已满, 文件夹不存在, 没有写入权限, 只读…"""
    if error.errno in _OS_CAUSES:
        return _OS_CAUSES[error.errno]
    return f"系统错误 {error.errno}" if error.errno else "系统错误"


class ViewError(HotlineError):
    """A 自助分析 view cannot be saved or opened as asked; nothing was changed."""

    reason = "无法使用该视图"


class ViewNameTaken(ViewError):
    reason = "已有同名的视图，请换一个名称（同名视图不会被覆盖）"


class BadViewName(ViewError):
    reason = "视图名称须为 1–40 个字，不能含换行等控制字符"


class ViewNotFound(ViewError):
    reason = "链接中的视图不存在（可能已被删除），下面显示的是默认设置"


class ViewOutdated(ViewError):
    reason = "该视图保存的设置已不适用于本程序（字段或选项已变化），下面显示的是默认设置"


class BadPeriod(HotlineError):
    """A period written in a form the app does not read."""

    reason = "期间写法无法识别"
    forms = "应为 2024-05、2024Q2、2024H1、2024 或 2024-03~2024-05"


class ReviewError(HotlineError):
    """A review decision, correction or undo was refused; nothing was written."""

    reason = "未作记录"

    @property
    def message(self) -> str:
        return f"{self.detail}，{self.reason}" if self.detail else self.reason


class SourceUnavailable(HotlineError):
    """The page picture behind a value cannot be drawn (no PDF, no position, a bad page)."""

    reason = "无法显示原文页面"
