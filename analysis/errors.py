"""Errors that carry a message meant for the user (shown in the UI, or one line on stderr by the CLI)."""

__all__ = ["InputError"]


class InputError(Exception):
    """Bad input a user can fix: an unreadable file, an empty speech, a broken stopword list."""
