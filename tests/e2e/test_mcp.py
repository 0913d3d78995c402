"""`antom mcp` driven by a real MCP client (the `mcp` package) over stdio, against the
simulator it runs in-process: the common flow end to end, an unknown outcome that refuses a
second pay until an inquiry settles it, notification verification, and bad input answered as
clear tool errors. No answer ever holds key material."""
import asyncio
import json
import re
import subprocess

import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from conftest import ANTOM


def run(steps):
    """Runs `steps(call)` against a fresh `antom mcp`; `call(tool, args)` returns (is_error, json)."""
    async def main():
        params = StdioServerParameters(command=ANTOM, args=["mcp"])
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()
                seen = []

                async def call(tool, args=None):
                    r = await session.call_tool(tool, args or {})
                    text = r.content[0].text
                    seen.append(text)
                    return bool(r.is_error), json.loads(text)

                listed = await session.list_tools()
                await steps(call, {t.name: t for t in listed.tools})
                return seen
    return asyncio.run(main())


def order(request_id, reference, notify=None):
    body = {"paymentRequestId": request_id, "productCode": "CASHIER_PAYMENT",
            "paymentAmount": {"currency": "USD", "value": "1999"},
            "paymentMethod": {"paymentMethodType": "GCASH"},
            "order": {"referenceOrderId": reference, "orderDescription": "digital goods",
                      "orderAmount": {"currency": "USD", "value": "1999"}}}
    if notify:
        body["paymentNotifyUrl"] = notify
    return body


def test_the_common_flow_with_the_red_lines_held():
    async def steps(call, tools):
        for t in ["list_endpoints", "describe_endpoint", "call_endpoint", "pay", "inquire_payment", "cancel",
                  "capture", "refund", "inquire_refund", "verify_notification", "sim_complete", "sim_arm_fault",
                  "sim_deliveries", "sim_audit", "notifications", "check_webhook"]:
            assert t in tools, t
        err, found = await call("list_endpoints", {"contains": "refund"})
        assert not err and "payments.refund" in [e["name"] for e in found["endpoints"]]
        err, pay = await call("describe_endpoint", {"endpoint": "pay"})
        assert not err and pay["request"]["paymentAmount"] == "Amount"
        assert "CASHIER_PAYMENT" in pay["types"]["ProductCodeType"]["enum"]

        # Pay, notified at the server's own webhook: pending at the cashier, verified, not final.
        err, inbox = await call("notifications")
        assert not err and inbox["received"] == [] and inbox["url"].startswith("http://127.0.0.1:")
        err, paid = await call("pay", {"body": order("mcp-1", "ord-1", inbox["url"])})
        assert not err and (paid["resultStatus"], paid["verified"], paid["final"]) == ("U", True, False)
        assert "inquire_payment" in paid["next"]
        # A second pay for the same order, under a new request id, is refused.
        err, refused = await call("pay", {"body": order("mcp-1b", "ord-1")})
        assert err and "refused" in refused["error"] and "mcp-1" in refused["error"]
        # The buyer pays; the inquiry settles it; now the order is final.
        err, _ = await call("sim_complete", {"payment_id": paid["data"]["paymentId"]})
        assert not err
        err, inquired = await call("inquire_payment", {"paymentRequestId": "mcp-1"})
        assert not err and inquired["final"] and inquired["data"]["paymentStatus"] == "SUCCESS"
        # The payment's notification arrived, verified over its raw bytes before it was read.
        # (The audit also sends a forged copy: it is refused, never read.)
        for _ in range(200):
            err, inbox = await call("notifications")
            verified = [n for n in inbox["received"] if n["verified"]]
            if verified:
                break
            await asyncio.sleep(0.05)
        assert verified[0]["kind"] == "PAYMENT_RESULT", inbox
        assert verified[0]["data"]["paymentRequestId"] == "mcp-1" and verified[0]["data"]["result"]["resultStatus"] == "S"
        assert all(n["error"] == "SIGNATURE_MISMATCH" for n in inbox["received"] if not n["verified"])
        err, refunded = await call("refund", {"body": {
            "refundRequestId": "mcp-1-r", "paymentId": paid["data"]["paymentId"],
            "refundAmount": {"currency": "USD", "value": "500"}}})
        assert not err and refunded["final"] and refunded["resultStatus"] == "S", refunded
        err, r = await call("inquire_refund", {"refundRequestId": "mcp-1-r"})
        assert not err and r["verified"]

        # A fault leaves the next pay's outcome unknown: a second pay is refused until an
        # inquiry says the payment is final.
        err, _ = await call("sim_arm_fault", {"path": "/payments/pay", "code": 9901})
        assert not err
        err, unknown = await call("pay", {"body": order("mcp-2", "ord-2")})
        assert not err and unknown["resultStatus"] == "U" and not unknown["final"]
        err, refused = await call("pay", {"body": order("mcp-2", "ord-2")})
        assert err and "refused" in refused["error"]
        err, inquired = await call("inquire_payment", {"paymentRequestId": "mcp-2"})
        assert not err and inquired["data"]["paymentStatus"] in ("SUCCESS", "PROCESSING")
        if not inquired["final"]:
            err, again = await call("pay", {"body": order("mcp-2", "ord-2")})
            assert err, "still pending: still refused"

        # A declined payment: the inquiry's own S is not the payment's; its status is FAIL.
        err, p3 = await call("pay", {"body": order("mcp-3", "ord-3")})
        await call("sim_decline", {"payment_id": p3["data"]["paymentId"]})
        err, inquired = await call("inquire_payment", {"paymentRequestId": "mcp-3"})
        assert inquired["final"] and "FAIL" in inquired["next"] and "succeeded" not in inquired["next"], inquired
        # An inquiry that cannot tell (no such order) is not final, and says so.
        err, nothing = await call("inquire_payment", {"paymentRequestId": "mcp-nope"})
        assert not nothing["final"] and nothing["resultCode"] == "ORDER_NOT_EXIST"
        # Two pays for one order sent at once: exactly one goes out.
        both = await asyncio.gather(call("pay", {"body": order("mcp-4a", "ord-4")}),
                                    call("pay", {"body": order("mcp-4b", "ord-4")}))
        assert sorted(err for err, _ in both) == [False, True], both
        # A pay without its paymentRequestId is refused before it is sent.
        body = order("x", "ord-5")
        del body["paymentRequestId"]
        err, refused = await call("pay", {"body": body})
        assert err and "paymentRequestId" in refused["error"]

        # The simulator's audit found no breach of a red line.
        err, audit = await call("sim_audit")
        assert not err and audit.get("findings", []) == [], audit

    seen = run(steps)
    text = "\n".join(seen)
    assert "PRIVATE KEY" not in text and not re.search(r"MII[A-Za-z0-9+/]{60}", text)


def test_a_notification_is_verified_before_it_is_trusted():
    async def steps(call, tools):
        err, e = await call("verify_notification", {
            "path": "/notify", "headers": {"Signature": "algorithm=RSA256,keyVersion=1,signature=abc",
                                           "Client-Id": "SANDBOX_X", "Request-Time": "1"},
            "body": '{"notifyType":"PAYMENT_RESULT","result":{"resultStatus":"S"}}'})
        assert err and e["kind"] in ("SIGNATURE_MISMATCH", "INVALID_HEADER", "INVALID_INPUT") and "Not verified" in e["next"]
    run(steps)


@pytest.mark.parametrize("tool,args,says", [
    ("pay", {}, "needs `body`"),
    ("pay", {"body": {"paymentRequestId": "x", "paymentAmount": {"currency": "USD", "value": 1999}}},
     "paymentAmount.value must be a JSON string"),
    ("pay", {"body": {"paymentRequestId": "x", "productCode": "CASH_PAYMENT"}}, "not one of ProductCodeType"),
    ("pay", {"body": {"paymentRequestID": "x"}}, "paymentRequestID is not a field here"),
    ("call_endpoint", {"endpoint": "payments.nope", "body": {}}, "no endpoint named"),
    ("describe_endpoint", {"endpoint": 5}, "must be a JSON"),
    ("inquire_payment", {"paymentRequestId": "x", "extra": 1}, "takes no `extra`"),
    ("sim_arm_fault", {"path": "/payments/pay", "code": 1234}, "simulator"),
])
def test_bad_input_is_a_clear_tool_error(tool, args, says):
    async def steps(call, tools):
        err, answer = await call(tool, args)
        assert err, answer
        assert says in json.dumps(answer), answer
    run(steps)


def test_it_answers_initialize_and_stops_cleanly_when_the_client_goes():
    hello = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
             "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}
    p = subprocess.run([ANTOM, "mcp"], input=json.dumps(hello) + "\n", capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and "panicked" not in p.stderr, p.stderr
    assert json.loads(p.stdout.splitlines()[0])["result"]["serverInfo"]["name"] == "antom"


def test_check_webhook_plays_antom_against_a_handler():
    import http.server
    import threading

    class Careless(http.server.BaseHTTPRequestHandler):
        """Answers 200 to anything, forgeries included, and never with the ack."""
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"OK")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Careless)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    async def steps(call, tools):
        err, report = await call("check_webhook", {"url": f"http://127.0.0.1:{server.server_port}/antom/notify"})
        assert err and report["passed"] is False
        checks = {c["check"]: c for c in report["checks"]}
        assert len(checks) >= 8
        assert not any(c["passed"] for name, c in checks.items() if "forged" in name), checks
    try:
        run(steps)
    finally:
        server.shutdown()


def test_from_the_merchants_words_to_a_refunded_payment_through_the_guide():
    """"I sell digital goods in Southeast Asia and want Alipay and GCash": the guide asks back
    (two products fit; "Alipay" is two methods in the schema), the answers choose cashier
    payment with GCASH, and its sequence runs to a verified, notified, refunded payment."""
    async def steps(call, tools):
        assert "guide" in tools and "guide_product" in tools
        err, found = await call("guide", {"description": "I sell digital goods in Southeast Asia and want Alipay and GCash"})
        assert not err and found["status"] == "clarify", found
        assert {"cashier-payment", "payment-session"} <= {c["product"] for c in found["candidates"]}
        assert found["region"]["region"] == "asia"
        methods = {m["word"]: m["values"] for m in found["paymentMethods"]}
        assert methods["gcash"] == ["GCASH"] and {"ALIPAY_CN", "ALIPAY_HK"} <= set(methods["alipay"])
        assert any("ALIPAY_CN" in q for q in found["questions"]) and any("Which one" in q for q in found["questions"])
        # The merchant answers: the buyer is redirected to the wallet; GCash first.
        err, found = await call("guide", {"description": "digital goods, redirect the buyer to the wallet, GCash"})
        assert not err and found["status"] == "clear" and found["candidates"][0]["product"] == "cashier-payment"
        err, plan = await call("guide_product", {"product": "cashier-payment", "method": "GCASH", "language": "python"})
        assert not err, plan
        sequence = [s["endpoint"] for s in plan["sequence"]]
        assert sequence == ["payments.pay", "payments.inquiryPayment", "payments.refund", "payments.inquiryRefund"]
        assert "AlipayPayResultNotify" in [n["type"] for n in plan["notifications"]]
        assert any("untrusted" in r for r in plan["redLines"])
        assert len(plan["starters"]) == 1 and 'payment_method_type="GCASH"' in plan["starters"][0]["code"]
        env = plan["environment"]
        assert env["ANTOM_GATEWAY_URL"].startswith("http://127.0.0.1:") and env["ANTOM_CLIENT_ID"]
        assert all(open(env[k]).read(1) for k in ("ANTOM_PRIVATE_KEY_FILE", "ANTOM_PUBLIC_KEY_FILE"))
        err, bad = await call("guide_product", {"product": "cashier-payment", "method": "NOT_A_METHOD"})
        assert err and "NOT_A_METHOD" in bad["error"]
        err, bad = await call("guide_product", {"product": "crypto"})
        assert err and "cashier-payment" in bad["error"]

        # The sequence, through the server's tools, with GCASH.
        err, inbox = await call("notifications")
        err, paid = await call("pay", {"body": order("guide-1", "guide-ord-1", inbox["url"])})
        assert not err and paid["resultStatus"] == "U" and not paid["final"]
        err, _ = await call("sim_complete", {"payment_id": paid["data"]["paymentId"]})
        assert not err
        err, inquired = await call("inquire_payment", {"paymentRequestId": "guide-1"})
        assert not err and inquired["final"] and inquired["data"]["paymentStatus"] == "SUCCESS"
        for _ in range(200):
            err, inbox = await call("notifications")
            if any(n["verified"] for n in inbox["received"]):
                break
            await asyncio.sleep(0.05)
        assert any(n["verified"] and n["kind"] == "PAYMENT_RESULT" for n in inbox["received"]), inbox
        err, refunded = await call("refund", {"body": {"refundRequestId": "guide-1-r", "paymentId": paid["data"]["paymentId"],
                                                       "refundAmount": {"currency": "USD", "value": "999"}, "refundNotifyUrl": inbox["url"]}})
        assert not err and refunded["resultStatus"] == "S" and refunded["final"]
        err, status = await call("inquire_refund", {"refundRequestId": "guide-1-r"})
        assert not err and status["data"]["refundStatus"] == "SUCCESS"
    seen = run(steps)
    assert not any("PRIVATE KEY" in s for s in seen)


def test_a_direct_payment_from_the_business_account_is_guarded_like_a_pay():
    """aba.funds.createDirectPayment moves money by paymentRequestId too: after an answer that is
    not final, a second one for the same id is refused, and the way out is its own inquiry."""
    async def steps(call, tools):
        body = {"paymentRequestId": "aba-1", "payToAmount": {"currency": "USD", "value": "100"}}
        err, _ = await call("sim_arm_fault", {"path": "/aba/funds/createDirectPayment", "code": 9903})
        assert not err
        # The answer's signature is corrupted: an error whose outcome is unknown, never final.
        err, first = await call("call_endpoint", {"endpoint": "aba.funds.createDirectPayment", "body": body})
        assert err and first["kind"] == "SIGNATURE_MISMATCH" and first.get("final") is not True, first
        assert "aba.funds.inquireDirectPayment" in first["next"], first
        err, again = await call("call_endpoint", {"endpoint": "aba.funds.createDirectPayment", "body": body})
        assert err and "refused" in again["error"], again
    run(steps)


def test_check_webhook_is_never_pointed_at_this_servers_own_inbox():
    """The server's own webhook verifies what it receives: a genuine notification from the check
    would settle a pay that never happened, so the check refuses it (by any loopback name)."""
    async def steps(call, tools):
        err, inbox = await call("notifications")
        assert not err
        for url in (inbox["url"], inbox["url"].replace("127.0.0.1", "localhost")):
            err, refused = await call("check_webhook", {"url": url})
            assert err and "own webhook" in refused["error"], refused
        err, inbox = await call("notifications")
        assert inbox["received"] == []
    run(steps)
