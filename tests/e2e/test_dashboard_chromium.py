"""The simulator's dashboard (`/sim/`) driven in headless Chromium with real clicks: play the
buyer (pay, decline), see each notification's attempts, resend one and see the new attempt
arrive, and read the audit finding of a webhook that acks a forged notification.

`ANTOM_UPDATE_SCREENSHOT=1` also writes the screenshot shown in the README
(docs/dashboard.png)."""
import base64
import http.server
import json
import os
import threading
import time

from conftest import ROOT, AckingWebhook, antom_cli, webdriver


class AcksEverything(AckingWebhook):
    """Acks without verifying: the audit must name it."""
    received = []


def call(sim, tmp_path, endpoint, body):
    path = tmp_path / f"{endpoint}-{time.monotonic_ns()}.json"
    path.write_text(json.dumps(body))
    out = antom_cli("call", "--client-id", sim["client_id"], "--private-key", sim["merchant_private_key_file"],
                    "--antom-public-key", sim["antom_public_key_file"], "--gateway", sim["url"],
                    endpoint, "--body-file", str(path))
    assert out.returncode in (0, 4), out.stderr
    return json.loads(out.stdout)


def test_the_dashboard_plays_the_buyer_resends_and_shows_findings(audited_sim, browser, tmp_path):
    sim = audited_sim
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), AcksEverything)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{server.server_port}/hooks/antom"
    ids = {}
    # Whatever a merchant sent is shown as text: an injection in a paymentRequestId stays literal.
    attack = '<img src=x onerror="window.pwned=1">'
    for currency, value, request_id in [("EUR", "100", attack), ("KWD", "1999", "dash-kwd"),
                                        ("JPY", "1999", "dash-jpy"), ("USD", "1999", "dash-usd")]:
        ids[currency] = call(sim, tmp_path, "pay", {
            "paymentRequestId": request_id, "productCode": "CASHIER_PAYMENT",
            "paymentAmount": {"currency": currency, "value": value},
            "paymentMethod": {"paymentMethodType": "ALIPAY_CN"}, "paymentNotifyUrl": hook,
        })["paymentId"]

    port, session = browser

    def run(script, *args):
        return webdriver(port, "POST", f"/session/{session}/execute/sync", {"script": script, "args": list(args)})

    def section(currency):
        return run("return document.getElementById(arguments[0]).innerText", f"p-{ids[currency]}")

    def click(css):
        """Clicks a form's button and waits for the page its POST redirects to: navigating
        away before the form is sent would cancel it."""
        run("window.beforeClick = true")
        found = webdriver(port, "POST", f"/session/{session}/element", {"using": "css selector", "value": css})
        webdriver(port, "POST", f"/session/{session}/element/{list(found.values())[0]}/click", {})
        for _ in range(100):
            if run("return !window.beforeClick && document.readyState === 'complete'"):
                return
            time.sleep(0.05)
        raise AssertionError(f"clicking {css} loaded no page")

    def until(check, what):
        for _ in range(100):
            webdriver(port, "POST", f"/session/{session}/url", {"url": f"{sim['url']}/sim/"})
            if check():
                return
            time.sleep(0.1)
        raise AssertionError(f"{what}: {run('return document.body.innerText')}")

    webdriver(port, "POST", f"/session/{session}/window/rect", {"width": 1200, "height": 1500})
    webdriver(port, "POST", f"/session/{session}/url", {"url": f"{sim['url']}/sim/"})
    assert run("return document.querySelectorAll('section.payment').length") == 4
    assert attack in section("EUR") and "EUR 1.00" in section("EUR")
    assert "USD 19.99" in section("USD") and "JPY 1999" in section("JPY") and "KWD 1.999" in section("KWD")
    assert "PROCESSING" in section("USD")

    # The buyer pays the USD payment and declines the JPY one, by clicking.
    click(f"#p-{ids['USD']} button.pay")
    assert run("return location.pathname + location.hash") == f"/sim/#p-{ids['USD']}"
    click(f"#p-{ids['JPY']} button.decline")
    until(lambda: "SUCCESS" in section("USD") and "FAIL" in section("JPY"), "the buyer's clicks")

    # Each notification shows its attempts: the audit's forged probe, then the genuine one.
    until(lambda: run("return document.querySelectorAll(arguments[0]).length",
                      f"#p-{ids['USD']} tr.attempt") == 2, "the USD notification's attempts")
    usd = section("USD")
    assert "probe" in usd and "acked" in usd and "PAYMENT_RESULT" in usd

    # Resend: a new attempt of the same notification reaches the webhook and is listed.
    def delivered():
        return [json.loads(body) for _, _, body in AcksEverything.received
                if json.loads(body).get("paymentId") == ids["USD"]]
    before = len(delivered())
    click(f"#p-{ids['USD']} button.resend")
    until(lambda: run("return document.querySelectorAll(arguments[0]).length",
                      f"#p-{ids['USD']} tr.attempt") == 3, "the resent attempt")
    deliveries = delivered()
    assert len(deliveries) == before + 1 and deliveries[-1]["notifyType"] == "PAYMENT_RESULT"

    # A capture and a refund show under their payment.
    call(sim, tmp_path, "capture", {"captureRequestId": "dash-capture", "paymentId": ids["USD"],
                                    "captureAmount": {"currency": "USD", "value": "1999"}})
    call(sim, tmp_path, "refund", {"refundRequestId": "dash-refund", "paymentId": ids["USD"],
                                   "refundAmount": {"currency": "USD", "value": "500"}})
    until(lambda: "Captured USD 19.99" in section("USD") and "Refunded USD 5.00" in section("USD"),
          "the capture and the refund")

    # The webhook acked the forged copies: the audit says so on the page.
    findings = run("return document.getElementById('findings').innerText")
    assert "ACKED_FORGED_NOTIFICATION" in findings
    assert run("return document.querySelectorAll('script, img').length") == 0
    assert run("return typeof window.pwned") == "undefined"

    png = base64.b64decode(webdriver(port, "GET", f"/session/{session}/screenshot"))
    assert png.startswith(b"\x89PNG")
    if os.environ.get("ANTOM_UPDATE_SCREENSHOT"):
        (ROOT / "docs" / "dashboard.png").write_bytes(png)
    server.shutdown()
