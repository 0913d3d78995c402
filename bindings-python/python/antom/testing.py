"""The Antom simulator inside your own tests: no account, no network, no separate process.

    with antom.testing.Simulator() as sim:
        r = sim.client.pay(...)                       # a ready antom.Client
        sim.complete(r.data.payment_id)               # the buyer pays; the notification is sent
        assert sim.deliveries()[-1]["acked"]

It runs in this process on a free 127.0.0.1 port, verifies every request, signs every answer and
notification, and plays the buyer and the faults through its controls (`complete`, `decline`,
`arm_fault`, `deliveries`, `audit`, ...). Under pytest the `antom_simulator` fixture gives one
per test (the plugin `antom.pytest_plugin` is registered on install).
"""
from __future__ import annotations

import json
import pathlib
from typing import Any, Dict

from antom import _antom
from antom._client import AsyncClient, Client
from antom._sim_controls import SimControls

__all__ = ["Simulator"]


class Simulator(SimControls):
    """A simulator started in-process (its options: `SimControls.__init__`); `close()` (or
    leaving the `with`) stops it and removes its key files."""

    __slots__ = ("_native", "info", "url", "client_id", "client")

    def _start(self, options: str) -> None:
        self._native = _antom._Simulator(options)
        #: What `antom sim` prints: url, client_id and the key files.
        self.info: Dict[str, Any] = json.loads(self._native.info)
        self.url: str = self.info["url"]
        self.client_id: str = self.info["client_id"]
        #: A client for this simulator (the merchant's key, the simulator's public key).
        self.client: Client = self.new_client()

    def new_client(self, **options: Any) -> Client:
        """Another client for this simulator, with client options (e.g. `max_retries=0`)."""
        return Client(*self._client_args(), gateway_url=self.url, **options)

    def async_client(self, **options: Any) -> AsyncClient:
        """An `antom.AsyncClient` for this simulator."""
        return AsyncClient(*self._client_args(), gateway_url=self.url, **options)

    def _client_args(self) -> tuple[str, pathlib.Path, pathlib.Path]:
        return (self.client_id, pathlib.Path(self.info["merchant_private_key_file"]),
                pathlib.Path(self.info["antom_public_key_file"]))

    def _control(self, name: str, args: Dict[str, Any]) -> Any:
        return json.loads(self._native.control(name, json.dumps(args)))

    def close(self) -> None:
        """Stops the server; later controls raise `InvalidInputError`."""
        self._native.stop()

    def __enter__(self) -> "Simulator":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"antom.testing.Simulator(url={self.url!r}, client_id={self.client_id!r})"
