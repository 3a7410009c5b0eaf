"""One window per data folder: a second launch hands over to the first, or opens read-only.

The first instance holds an flock on the data folder's `instance.lock` (released by the kernel even after
kill -9) and listens on a QLocalServer named after the data folder. A second instance finds the lock taken,
asks the first to come forward and exits; if the first does not answer, it opens read-only with a notice.
A first instance whose window has closed but which is still ending (an import stopping) answers "closing"
instead of raising a window that is gone: the second waits for it to end (`wait_for_first`), then opens.

Signals: `activation_requested()` in the first instance when a second one asks it to come forward.
"""

from __future__ import annotations

import hashlib
import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader_app.core.storage.locks import InstanceLock
from reader_app.paths import AppPaths

if TYPE_CHECKING:  # QtNetwork loads when the server starts, after the window's first frame
    from PySide6.QtNetwork import QLocalServer

log = logging.getLogger(__name__)

HANDOVER_TIMEOUT_MS = 1500
CLOSING_WAIT_S = 30.0  # how long a launch waits for a closing first instance to end before opening read-only
HANDED_OVER, CLOSING = "ok", "closing"  # the first instance's answers


def server_name(app_paths: AppPaths) -> str:
    digest = hashlib.sha1(str(app_paths.data).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"reader-app-{digest}"


class InstanceGuard(QObject):
    """Decides whether this process is the data folder's first window."""

    activation_requested = Signal()

    def __init__(self, app_paths: AppPaths, parent: QObject | None = None):
        super().__init__(parent)
        self._paths = app_paths
        self._lock = InstanceLock(app_paths.lock_file)
        self._server: QLocalServer | None = None
        self.is_primary = False
        self._closing = False

    def claim(self, listen: bool = True) -> bool:
        """True if this is the first instance; it then listens for later ones now, or when `listen()` is
        called (the window does that after its first frame: a second launch in that instant opens read-only)."""
        self.is_primary = self._lock.acquire()
        if self.is_primary and listen:
            self.listen()
        return self.is_primary

    def listen(self) -> None:
        from PySide6.QtNetwork import QLocalServer  # here: QtNetwork stays off the start-up path (see above)

        if self.is_primary and self._server is None:
            name = server_name(self._paths)
            QLocalServer.removeServer(name)  # a socket left by a killed first instance
            self._server = QLocalServer(self)
            self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            if not self._server.listen(name):
                log.warning("cannot listen for other instances: %s", self._server.errorString())
            self._server.newConnection.connect(self._on_connection)

    def closing(self) -> None:
        """This instance's window has closed: later launches are told so (CLOSING), not handed over to it."""
        self._closing = True

    def hand_over(self) -> str | None:
        """Ask the first instance to come forward: HANDED_OVER when it did, CLOSING when it is ending, None when
        it did not answer."""
        from PySide6.QtNetwork import QLocalSocket  # only when another window has the library: off start-up

        sock = QLocalSocket()
        sock.connectToServer(server_name(self._paths))
        if not sock.waitForConnected(HANDOVER_TIMEOUT_MS):
            return None
        sock.write(b"activate\n")
        sock.flush()
        answer = bytes(sock.readAll().data()).strip() if sock.waitForReadyRead(HANDOVER_TIMEOUT_MS) else b""
        sock.disconnectFromServer()
        return {b"ok": HANDED_OVER, b"closing": CLOSING}.get(answer)

    def wait_for_first(self, seconds: float = CLOSING_WAIT_S) -> bool:
        """Wait up to `seconds` for the (closing) first instance to end; True when this one is then the first."""
        deadline = time.monotonic() + seconds
        while not self.claim(listen=False):
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.2)
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        conn = self._server.nextPendingConnection()
        if conn is None:
            return

        def answer() -> None:
            if bytes(conn.readAll().data()).startswith(b"activate"):
                conn.write(f"{CLOSING if self._closing else HANDED_OVER}\n".encode())
                conn.flush()
                if not self._closing:
                    self.activation_requested.emit()
            conn.disconnectFromServer()

        conn.readyRead.connect(answer)
        conn.disconnected.connect(conn.deleteLater)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.release()
