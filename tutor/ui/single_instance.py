"""One window per data directory: a second ``tutor`` on the same folder brings the first forward.

The first window listens on a local socket named after the data directory; a second process
that reaches it asks it to come forward and exits, saying so. (Two windows on one folder would
each keep their own queue of unsaved answers, and a second daily backup.) A socket left by a
process that was killed is removed and taken over.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE = b"raise\n"
CONNECT_MS = 500


def server_name(data_dir: Path) -> str:
    """The socket's name: the folder, resolved, and the user (names are global on some systems)."""
    key = f"{os.getuid() if hasattr(os, 'getuid') else ''}:{Path(data_dir).expanduser().resolve()}"
    return "tutor-" + hashlib.sha256(key.encode()).hexdigest()[:24]


def ask_running_window(data_dir: Path) -> bool:
    """True when a tutor window already has ``data_dir`` open (and was asked to come forward)."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(RAISE)
    socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later ``tutor`` processes on the same folder; ``raise_requested`` asks the
    window to come to the front."""

    raise_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(data_dir)
        if not self.server.listen(name):
            QLocalServer.removeServer(name)  # left by a process that did not close (killed)
            self.server.listen(name)
        self.server.newConnection.connect(self._connected)

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def _connected(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            self.raise_requested.emit()
