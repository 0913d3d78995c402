"""One client shared by threads, asyncio, and across os.fork(); the GIL is released."""
import asyncio
import os
import threading
import time

import antom
from conftest import make_client, pay_body


def test_threads_share_one_client(client):
    errors, results = [], []

    def work(i):
        try:
            results.append(client.pay(pay_body(f"thr-{i}")).verified)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and results == [True] * 16


def test_the_gil_is_released_during_a_slow_call(sim):
    client = make_client(sim, timeout=0.8, max_retries=0)
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.01)

    t = threading.Thread(target=ticker)
    t.start()
    try:
        client.pay(pay_body("gil-1", "9902"))
    except antom.OutcomeUnknownError:
        pass
    stop.set()
    t.join()
    assert len(ticks) > 30, "another Python thread kept running while the call waited"


def test_asyncio_client(sim):
    async def main():
        client = make_client(sim, cls=antom.AsyncClient)
        pays = await asyncio.gather(*(client.pay(pay_body(f"aio-{i}")) for i in range(10)))
        assert all(p.verified and p.result_code == "PAYMENT_IN_PROCESS" for p in pays)
        inq = await client.inquiry_payment(payment_request_id="aio-3")
        assert inq.data["paymentStatus"] == "PROCESSING"
        try:
            await client.pay(pay_body("aio-bad", "9903"))
        except antom.SignatureError as e:
            assert e.kind == "SIGNATURE_MISMATCH"
        else:
            raise AssertionError("expected SignatureError")
        return True

    assert asyncio.run(main())


def test_the_client_survives_fork(client):
    assert client.pay(pay_body("fork-parent")).verified
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = 0 if client.pay(pay_body("fork-child")).verified else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    # A child killed by a signal has an exit status of 0 too: it must have exited.
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, f"the child could not use the client ({status:#x})"
    assert client.inquiry_payment(payment_request_id="fork-child").data["paymentStatus"] == "PROCESSING"


def test_the_async_client_survives_fork(sim):
    """A forked child awaits a call on an AsyncClient its parent used (it used to hang)."""
    aclient = make_client(sim, antom.AsyncClient)

    async def pay(request_id):
        return (await aclient.pay(pay_body(request_id))).verified

    assert asyncio.run(pay("afork-parent"))
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            signal_alarm = __import__("signal")
            signal_alarm.alarm(20)  # a hang must fail the test, not block it
            code = 0 if asyncio.run(pay("afork-child")) else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, f"the child failed: {status}"
    assert asyncio.run(pay("afork-parent-2"))
