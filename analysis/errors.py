"""Errors that carry a message meant for the user (shown in the UI, or one line on stderr by the CLI)."""

import errno

__all__ = ["InputError", "Note", "os_reason_zh"]


class InputError(Exception):
    """Bad input a user can fix: an unreadable file, an empty speech, a broken stopword list.

    ``str(exc)`` is the English message (what the command line prints); ``zh`` is the same message in Chinese for
    the dashboard. :meth:`message` picks one by UI language.
    """

    def __init__(self, message: str, *, zh: str | None = None) -> None:
        super().__init__(message)
        self.zh = zh

    def message(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" and self.zh else str(self)


class Note(str):
    """A remark for the user in both languages, like :class:`InputError`: the string itself is the English text
    (what the command line prints), ``zh`` the Chinese one; :meth:`message` picks one by UI language."""

    def __new__(cls, en: str, *, zh: str) -> "Note":
        note = super().__new__(cls, en)
        note.zh = zh
        return note

    def message(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else str(self)


_OS_REASONS_ZH = {
    errno.ENOENT: "文件或文件夹不存在", errno.EACCES: "没有访问权限", errno.EPERM: "没有访问权限",
    errno.EISDIR: "这是一个文件夹", errno.ENOTDIR: "路径中有一项不是文件夹", errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统是只读的", errno.EEXIST: "已经存在", errno.ENAMETOOLONG: "文件名太长",
    errno.EIO: "读写出错", errno.EMFILE: "打开的文件太多", errno.EBUSY: "正被占用", errno.ELOOP: "符号链接循环",
}


def os_reason_zh(exc: OSError) -> str:
    """Why an operating-system call failed, in Chinese (``exc.strerror`` is the system's English wording)."""
    if exc.errno in _OS_REASONS_ZH:
        return _OS_REASONS_ZH[exc.errno]
    return f"系统错误 {exc.errno}：{exc.strerror}" if exc.errno is not None else f"系统错误：{exc}"
