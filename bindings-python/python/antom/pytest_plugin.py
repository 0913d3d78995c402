"""pytest plugin (registered on install): the `antom_simulator` fixture, one in-process
simulator per test, stopped after it."""
from __future__ import annotations

from typing import Iterator

import pytest

from antom.testing import Simulator


@pytest.fixture
def antom_simulator() -> Iterator[Simulator]:
    """An `antom.testing.Simulator` with a ready `.client`."""
    with Simulator() as sim:
        yield sim
