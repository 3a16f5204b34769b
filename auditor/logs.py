"""The program's log: what changed (imports, finalising, issuing, restores, bundles) and every error no
one expected, with its traceback, in a rotating file in the user's log folder.

Configured once by whoever starts the program (the ``auditor`` command, the app); the core only calls
``logging.getLogger(__name__)``. The log is read by whoever supports the inspector, so it holds no
personal data: callers log counts, hashes and document numbers, never names or pay, and every line
passes through a formatter that masks anything shaped like an ID number, should an exception's
message carry one. ``AUDITOR_LOG_DIR`` moves the folder (the tests use it: they never write to the
user's real one).
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from logging.handlers import RotatingFileHandler

ENV = "AUDITOR_LOG_DIR"
FILE_NAME = "auditor.log"
MAX_BYTES = 1 << 20  # 1 MB a file, five older files kept: months of ordinary use, never a full disk
BACKUPS = 5
LOGGERS = ("auditor", "ui")  # only the program's own records: libraries may log what they were handed
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_ID_LIKE = re.compile(r"(?<![0-9A-Za-z０-９])[0-9０-９]{17}[0-9０-９XxＸｘ](?![0-9A-Za-z０-９])")  # not inside hex
_handler: _Handler | None = None


class _Handler(logging.Handler):
    """The rotating file, opened at the first record: a command that logs nothing (``auditor score``) never
    loads ``logging.handlers`` and what it brings (socket, pickle, queue: ~6 ms of every start)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.baseFilename = os.path.abspath(path)
        self._file: RotatingFileHandler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            from logging.handlers import RotatingFileHandler

            try:
                self._file = RotatingFileHandler(self.baseFilename, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                 encoding="utf-8")
            except OSError:
                self.handleError(record)
                return
            self._file.handleError = self.handleError  # type: ignore[method-assign]  # dropped, as here
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 — logging's name
        """A log that cannot be written (disk full, the file held by another process on Windows) must never
        stop the program or print a traceback on the user's terminal: the record is dropped."""

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


class _Masking(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_ids(super().format(record))


def mask_ids(text: str) -> str:
    """``text`` with every run shaped like an ID number (18 digits, or 17 and X) shown masked."""
    from .idcard import mask, normalize

    return _ID_LIKE.sub(lambda m: mask(normalize(m.group())), text)


def log_dir() -> Path:
    """``AUDITOR_LOG_DIR`` if set, else the user's log folder (platformdirs)."""
    override = os.environ.get(ENV)
    if override:
        return Path(override)
    from platformdirs import user_log_dir

    return Path(user_log_dir("auditor", appauthor=False))


def configure(level: int | str = logging.INFO) -> Path | None:
    """Send the program's records at ``level`` and above to the rotating file; return its path.

    Calling it again moves the log if ``AUDITOR_LOG_DIR`` changed and otherwise only sets the level.
    None when the folder cannot be written: the program then runs on without a log."""
    global _handler
    path = log_dir() / FILE_NAME
    if _handler is None or Path(_handler.baseFilename) != path.absolute():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8"):  # it can be written: else no log at all, as the callers expect
                pass
        except OSError:
            return None
        handler = _Handler(path)
        handler.setFormatter(_Masking(FORMAT))
        for name in LOGGERS:
            if _handler is not None:
                logging.getLogger(name).removeHandler(_handler)
            logging.getLogger(name).addHandler(handler)
        if _handler is not None:
            _handler.close()
        _handler = handler
    for name in LOGGERS:
        logging.getLogger(name).setLevel(level)
    return Path(_handler.baseFilename)


def current_file() -> Path | None:
    """Where the log is being written, or None before :func:`configure` (or when it failed)."""
    return Path(_handler.baseFilename) if _handler is not None else None


def stop() -> None:
    """Detach and close the file (the tests, between folders); records then go nowhere until configured again."""
    global _handler
    if _handler is not None:
        for name in LOGGERS:
            logging.getLogger(name).removeHandler(_handler)
        _handler.close()
        _handler = None
