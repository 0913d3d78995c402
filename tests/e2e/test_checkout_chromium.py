"""The simulator's checkout page driven in headless Chromium (Debian's chromium and
chromium-driver, over WebDriver): click "Pay", then see the signed notification arrive at a
real webhook and verify it with `antom verify`."""
import http.server
import json
import threading
import time

from conftest import AckingWebhook, antom_cli, webdriver


class Webhook(AckingWebhook):
    received = []


def test_clicking_pay_completes_the_payment_and_sends_a_verified_notification(sim, browser, tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Webhook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{server.server_port}/hooks/antom"
    body = tmp_path / "pay.json"
    body.write_text(json.dumps({
        "paymentRequestId": "browser-1", "productCode": "CASHIER_PAYMENT",
        "paymentAmount": {"currency": "USD", "value": "4200"},
        "paymentMethod": {"paymentMethodType": "ALIPAY_CN"}, "paymentNotifyUrl": hook,
    }))
    keys = ["--client-id", sim["client_id"], "--private-key", sim["merchant_private_key_file"],
            "--antom-public-key", sim["antom_public_key_file"], "--gateway", sim["url"]]
    out = antom_cli("call", *keys, "pay", "--body-file", str(body))
    assert out.returncode == 4, out.stderr  # U PAYMENT_IN_PROCESS: the buyer is at the cashier
    checkout = json.loads(out.stdout)["normalUrl"]

    port, session = browser
    webdriver(port, "POST", f"/session/{session}/url", {"url": checkout})
    assert "PROCESSING" in webdriver(port, "POST", f"/session/{session}/execute/sync",
                                      {"script": "return document.body.innerText", "args": []})
    pay = webdriver(port, "POST", f"/session/{session}/element", {"using": "css selector", "value": "#pay"})
    element = list(pay.values())[0]
    webdriver(port, "POST", f"/session/{session}/element/{element}/click", {})
    result = ""
    for _ in range(100):
        result = webdriver(port, "POST", f"/session/{session}/execute/sync",
                           {"script": "var e = document.getElementById('result'); return e ? e.innerText : ''", "args": []})
        if result:
            break
        time.sleep(0.1)
    assert result == "Payment SUCCESS"

    for _ in range(100):
        if Webhook.received:
            break
        time.sleep(0.1)
    server.shutdown()
    path, headers, raw = Webhook.received[0]
    headers = {k.lower(): v for k, v in headers.items()}
    (tmp_path / "notify.json").write_bytes(raw)
    verify = antom_cli("verify", "--public-key", sim["antom_public_key_file"], "--client-id", headers["client-id"],
                       "--path", path, "--time", headers["request-time"], "--body-file", str(tmp_path / "notify.json"),
                       "--signature", headers["signature"])
    assert verify.stdout.strip() == "valid", verify.stderr
    notification = json.loads(raw)
    assert notification["notifyType"] == "PAYMENT_RESULT"
    assert notification["result"]["resultStatus"] == "S"
    assert notification["paymentRequestId"] == "browser-1"


def test_the_checkout_page_shows_merchant_text_escaped_and_amounts_by_minor_units(sim, browser, tmp_path):
    """What the merchant sends is shown as text, never run: an HTML/JS injection in the order
    description and the merchant name stays literal; amounts read by the currency's minor units."""
    attack_description = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>\'"&'
    attack_merchant = '"><script>window.pwned=3</script>'
    body = tmp_path / "pay.json"
    body.write_text(json.dumps({
        "paymentRequestId": "browser-xss", "productCode": "CASHIER_PAYMENT",
        "paymentAmount": {"currency": "KWD", "value": "1999"},
        "paymentMethod": {"paymentMethodType": "KNET"},
        "order": {"referenceOrderId": "o-1", "orderDescription": attack_description,
                  "merchant": {"merchantName": attack_merchant}},
    }))
    keys = ["--client-id", sim["client_id"], "--private-key", sim["merchant_private_key_file"],
            "--antom-public-key", sim["antom_public_key_file"], "--gateway", sim["url"]]
    out = antom_cli("call", *keys, "pay", "--body-file", str(body))
    assert out.returncode == 4, out.stderr
    checkout = json.loads(out.stdout)["normalUrl"]

    port, session = browser
    webdriver(port, "POST", f"/session/{session}/url", {"url": checkout})

    def run(script):
        return webdriver(port, "POST", f"/session/{session}/execute/sync", {"script": script, "args": []})

    def text(element_id):
        return run(f"return document.getElementById('{element_id}').innerText")

    assert text("description") == attack_description
    assert text("merchant") == attack_merchant
    assert text("amount") == "KWD 1.999"
    assert text("method") == "KNET"
    assert run("return document.querySelectorAll('img, script').length") == 0
    assert run("return typeof window.pwned") == "undefined"
    assert "Pay KWD 1.999" in run("return document.getElementById('pay').innerText")
