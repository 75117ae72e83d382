"""Hosts made on this machine: network namespaces that reach the servers through relays.

A ``Host`` is a network namespace with one veth link to this machine; the
servers (PostgreSQL, Redis) stay on this machine's loopback and a ``Relay``
bound on the link's outside address is the only way to them. Processes in two
such hosts cannot reach each other or this machine's loopback (with IP
forwarding off, the default): they are as apart as two machines sharing a
database and a queue. Making them needs root and iproute2.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

REDIS = ("127.0.0.1", 6379)
POSTGRES = ("127.0.0.1", 5432)


class Relay:
    """Forwards ``host``:<port> to ``target``; ``start`` again after ``stop`` reuses the port."""

    def __init__(self, target: tuple[str, int], host: str = "127.0.0.1") -> None:
        self.target = target
        self.host = host
        self.port = 0
        self.listener: socket.socket | None = None
        self.open: list[socket.socket] = []
        self.lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        if self.listener is not None:
            with contextlib.suppress(OSError):  # wakes the blocked accept() on Linux
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
        with self.lock:
            for sock in self.open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target, timeout=5)
            server.settimeout(None)
            with self.lock:
                self.open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@dataclass
class Host:
    """A network namespace linked to this machine: ``address`` inside, ``gateway`` outside."""

    name: str
    address: str
    gateway: str

    def run(self, command: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        process: subprocess.Popen[bytes] = subprocess.Popen(
            ["ip", "netns", "exec", self.name, *command], **kwargs
        )
        return process

    def reaches(self, address: tuple[str, int]) -> bool:
        """Whether a TCP connection from inside this host to ``address`` opens."""
        probe = f"import socket; socket.create_connection({address!r}, timeout=2)"
        return self.run([sys.executable, "-c", probe], stderr=subprocess.DEVNULL).wait(30) == 0

    def relay(self, target: tuple[str, int], relays: list[Relay]) -> int:
        """A relay to ``target`` on this host's link (added to ``relays``); its port."""
        relay = Relay(target, host=self.gateway)
        relay.start()
        relays.append(relay)
        return relay.port

    def urls(self, redis_url: str, database_url: str, relays: list[Relay]) -> dict[str, str]:
        """The two server URLs as this host reaches them (through relays on its link)."""
        user = database_url.split("//", 1)[1].split("@", 1)[0]
        database = database_url.rsplit("/", 1)[1]
        redis_db = redis_url.rsplit("/", 1)[1]
        return {
            "redis_url": f"redis://{self.gateway}:{self.relay(REDIS, relays)}/{redis_db}",
            "database_url": f"postgresql://{user}@{self.gateway}:"
            f"{self.relay(POSTGRES, relays)}/{database}",
        }


def hosts_unavailable() -> str | None:
    """Why hosts cannot be made here, or None."""
    if os.geteuid() != 0:
        return "network namespaces need root"
    if shutil.which("ip") is None:
        return "network namespaces need iproute2 (`ip`)"
    return None


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True)


@contextlib.contextmanager
def network_hosts() -> Iterator[Callable[[str], Host]]:
    """A factory of hosts (``make(label)``); every namespace made is deleted after."""
    made: list[str] = []
    subnet = random.randrange(16, 240)  # one /24 per host: 10.231.<subnet>.0

    def make(label: str) -> Host:
        name, index = f"cv{label[:3]}{uuid.uuid4().hex[:6]}", subnet + len(made)
        outside, inside = f"{name}h", f"{name}n"
        gateway, address = f"10.231.{index}.1", f"10.231.{index}.2"
        _ip("netns", "add", name)
        made.append(name)
        _ip("link", "add", outside, "type", "veth", "peer", "name", inside)
        _ip("link", "set", inside, "netns", name)
        _ip("addr", "add", f"{gateway}/24", "dev", outside)
        _ip("link", "set", outside, "up")
        _ip("-n", name, "addr", "add", f"{address}/24", "dev", inside)
        _ip("-n", name, "link", "set", inside, "up")
        _ip("-n", name, "link", "set", "lo", "up")
        return Host(name, address, gateway)

    try:
        yield make
    finally:
        for name in made:
            subprocess.run(["ip", "netns", "del", name], check=False, capture_output=True)
