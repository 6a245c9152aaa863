"""Errors that carry a message meant for the user (shown in the UI, or one line on stderr by the CLI)."""

__all__ = ["InputError"]


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
