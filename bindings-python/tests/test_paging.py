"""Auto-pagination against the in-process simulator: every object once, across pages fetched
as they are used up; a page that is not a verified S raises, never ends the list quietly."""
import asyncio

import pytest

import antom
from antom.testing import Simulator

HOLDS = "payments.reserve.inquireHoldList"


@pytest.fixture(scope="module")
def sim():
    with Simulator() as s:
        for i in range(5):
            hold = s.client.call("payments.reserve.createHold", {
                "holdRequestId": f"py-page-{i}", "holdAmount": {"currency": "USD", "value": "100"}})
            assert hold.is_success, hold.raw
        yield s


def test_list_all_walks_every_page(sim):
    first = sim.client.list_page(HOLDS, {"limit": 2})
    assert first.verified and len(first.items) == 2 and first.next_page is not None
    ids = [h["holdId"] for h in sim.client.list_all(HOLDS, {"limit": 2})]
    assert len(ids) == 5 and ids == sorted(ids) and len(set(ids)) == 5
    # Keyword arguments are the body, as for every endpoint method.
    assert [h["holdId"] for h in sim.client.list_all(HOLDS, limit=3)] == ids
    # By hand: three pages of 2, 2 and 1; the last has no token.
    sizes, page = [], None
    while True:
        r = sim.client.list_page(HOLDS, {"limit": 2}, page)
        sizes.append(len(r.items))
        page = r.next_page
        if page is None:
            break
    assert sizes == [2, 2, 1]
    # Any other answer has no items and no token.
    other = sim.client.call(HOLDS, {"limit": 2})
    assert other.items is None and other.next_page is None


def test_async_list_all(sim):
    async def walk():
        client = sim.async_client()
        return [h["holdId"] async for h in client.list_all(HOLDS, {"limit": 2})]
    ids = asyncio.run(walk())
    assert len(ids) == 5 and ids == sorted(ids)


def test_a_page_that_is_not_a_verified_success_raises(sim):
    with pytest.raises(antom.InvalidResponseError) as e:
        list(sim.client.list_all(HOLDS, {"limit": 500}))
    assert e.value.result_code == "PARAM_ILLEGAL"
    # The second page's signature is corrupted: the first page came, then the error.
    walk = sim.client.list_all(HOLDS, {"limit": 2})
    assert next(walk) and next(walk)
    sim.arm_fault("/payments/reserve/inquireHoldList", 9903)
    with pytest.raises(antom.SignatureError):
        next(walk)
    with pytest.raises(antom.InvalidInputError):
        list(sim.client.list_all("payments.pay", {}))
    with pytest.raises(antom.InvalidInputError):
        sim.client.list_page(HOLDS, {}, '{"holdId": "x"}')
