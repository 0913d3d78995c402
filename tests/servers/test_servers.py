"""The same merchant app under four real servers, driven hard: many concurrent payments (fault
amounts among them) through the server's /pay, each PROCESSING payment completed or declined by
the buyer, the simulator's signed notifications delivered to the server's /notify, and forged
or tampered ones sent too. Then, for each server:
  - every payment reached exactly one final state, and its notification says the same;
  - every notification Antom sent was acked, once (no redelivery of an acked one), by a worker
    that verified it; every forged or tampered one was refused;
  - no worker crashed, no request hung (every call has a timeout), nothing was lost;
  - the work was spread over several workers (processes, or threads on the JVM);
  - `antom check webhook` passes the server's handler (genuine kinds and a redelivery acked,
    forgeries refused);
  - the simulator's audit (`antom check report`) found no red-line breach, having sent a forged
    copy ahead of every notification.
Throughput (payments/s through /pay) is printed and kept in target/servers.json."""
import concurrent.futures as cf
import json
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import ANTOM, ROOT, start

import antom

PAYMENTS = 120
# 9901: U first, success later; 9905: HTTP 500 once (the SDK retries the idempotent pay);
# 9906: F (balance); 9902: a slow answer.
AMOUNTS = ["1000", "1000", "1000", "9901", "9905", "9906", "9902"]


def post(url, body, headers=None):
    req = urllib.request.Request(url, data=body if isinstance(body, bytes) else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json", **(headers or {})}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def get(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())


def sim_client(info):
    return antom.Client(info["client_id"], open(info["merchant_private_key_file"]).read(),
                        open(info["antom_public_key_file"]).read(), gateway_url=info["url"])


def forged(info, server_url):
    """A notification signed with the wrong key, and a genuine-looking one whose body changed."""
    body = json.dumps({"notifyType": "PAYMENT_RESULT", "paymentRequestId": "forged",
                       "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"}}).encode()
    t = "2026-11-26T00:00:00Z"
    wrong = antom.sign_request(open(info["merchant_private_key_file"]).read(), "POST", "/notify", info["client_id"], t, body)
    headers = {"Client-Id": info["client_id"], "Request-Time": t, "Signature": wrong}
    out = [post(server_url + "/notify", body, headers)]
    out.append(post(server_url + "/notify", body.replace(b"forged", b"tampered"), headers))
    out.append(post(server_url + "/notify", body, {}))
    return out


@pytest.mark.parametrize("name", ["gunicorn", "node-cluster", "php-fpm", "mono", "jdk-httpserver", "spring-boot"])
def test_server(name, sim, tmp_path):
    info = json.loads(sim)
    server = start(name, tmp_path, sim)
    run = f"{name}-{int(time.time())}"
    try:
        orders = [{"id": f"{run}-{i}", "amount": AMOUNTS[i % len(AMOUNTS)], "notify": server.url + "/notify"} for i in range(PAYMENTS)]
        started = time.perf_counter()
        with cf.ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(lambda o: post(server.url + "/pay", o), orders))
            refusals = list(pool.map(lambda _: forged(info, server.url), range(10)))
        elapsed = time.perf_counter() - started
        results = {}
        for order, (status, text) in zip(orders, answers):
            assert status == 200, f"{name}: /pay answered {status}: {text}"
            results[order["id"]] = json.loads(text)
        pids = {r["pid"] for r in results.values()}
        # No SDK error reached the app: faults are answers (U, F), not exceptions.
        errors = {k: r for k, r in results.items() if "error" in r}
        assert not errors, f"{name}: {errors}"
        # The buyer finishes every payment still in process: complete or decline, alternating.
        for i, (oid, r) in enumerate(sorted(results.items())):
            if r["status"] == "U" and r["paymentId"]:
                action = "complete" if i % 3 else "decline"
                post(f"{info['url']}/sim/payments/{r['paymentId']}/{action}", b"")
        for batch in refusals:
            for status, text in batch:
                assert status != 200 and "SUCCESS" not in text, f"{name}: a forged notification was acked: {text}"

        client = sim_client(info)
        final = {}
        deadline = time.time() + 90
        for oid in results:
            while True:
                r = client.inquiry_payment(payment_request_id=oid)
                status = r.data.get("paymentStatus")
                if status in ("SUCCESS", "FAIL") or time.time() > deadline:
                    break
                time.sleep(0.1)
            final[oid] = status
        assert all(s in ("SUCCESS", "FAIL") for s in final.values()), f"{name}: not final: {final}"

        # Every payment that was in process gets its result notified (a synchronous F is final in
        # the answer itself); each arrives verified, once per delivery.
        notified = {oid for oid, r in results.items() if r["status"] == "U"}

        def seen():
            return [json.loads(line) for line in server.log.read_text().splitlines() if line.strip()]
        while time.time() < deadline and len({n["id"] for n in seen()}) < len(notified):
            time.sleep(0.2)
        notes = seen()
        by_id = {}
        for n in notes:
            by_id.setdefault(n["id"], set()).add(n["status"])
        missing = notified - set(by_id)
        assert not missing, f"{name}: notifications lost: {sorted(missing)[:5]}"
        for oid, statuses in by_id.items():
            assert oid in final, f"{name}: a notification for an unknown payment {oid}"
            assert statuses == {"S" if final[oid] == "SUCCESS" else "F"}, f"{name}: {oid} is {final[oid]}, notified {statuses}"
        deliveries = get(f"{info['url']}/sim/notifications")["deliveries"]
        acked = {}
        for d in deliveries:
            if d["acked"]:
                acked[d["id"]] = acked.get(d["id"], 0) + 1
        assert all(n == 1 for n in acked.values()), f"{name}: a notification acked twice"
        assert len(acked) == len(notified), f"{name}: {len(acked)} notifications acked for {len(notified)} payments"
        # Each ack is one verified delivery recorded by the app.
        assert len(notes) == len(acked), f"{name}: {len(notes)} recorded, {len(acked)} acked"
        assert len(pids) >= 2, f"{name}: one worker did all the work"
        # The integration checklist, executed: `antom check webhook` against this server's handler.
        key = tmp_path / "sim" / "antom_private_key.pem"
        check = subprocess.run([ANTOM, "check", "webhook", server.url + "/notify", "--antom-private-key", str(key),
                                "--client-id", info["client_id"]], capture_output=True, text=True, timeout=120)
        assert check.returncode == 0, f"{name}: {check.stdout}{check.stderr}"
        audit = subprocess.run([ANTOM, "check", "report", "--sim", info["url"]], capture_output=True, text=True,
                               timeout=60)
        assert audit.returncode == 0, f"{name}: {audit.stdout}{audit.stderr}"
        assert "PASS  ACKED_FORGED_NOTIFICATION" in audit.stdout, audit.stdout
    finally:
        codes = server.stop()
    # Stopped by SIGTERM: a clean exit, or killed by that very signal (mono's listener loop), or
    # the JVM's 143 after its shutdown hooks ran; never a crash (abort, segfault).
    output = (tmp_path / f"{name}.out").read_text()
    assert all(c in (0, -15, 143) for c in codes), f"{name}: exits {codes}\n{output[-2000:]}"
    assert "hs_err_pid" not in output and "SIGSEGV" not in output, f"{name}: the JVM crashed\n{output[-2000:]}"
    assert "panicked" not in output
    throughput = PAYMENTS / elapsed
    print(f"{name}: {PAYMENTS} payments in {elapsed:.2f} s = {throughput:.0f}/s over {len(pids)} workers; exits {codes}")
    out = ROOT / "target" / "servers.json"
    data = json.loads(out.read_text()) if out.exists() else {}
    data[name] = {"payments": PAYMENTS, "seconds": round(elapsed, 3), "per_second": round(throughput, 1), "workers": len(pids)}
    out.write_text(json.dumps(data, indent=1))
