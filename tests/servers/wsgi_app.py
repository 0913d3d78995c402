"""The merchant app every server test runs, in Python (WSGI, under gunicorn --preload): the
client is built once at import, in the master, before the workers fork.

POST /pay {"id", "amount", "notify"}: pays through the SDK and answers its outcome as JSON.
POST /notify: verifies the raw body, appends the notification to $APP_LOG, acks; refuses
anything unverified with 401 and no ack. GET /health: ok."""
import json
import os

import antom

INFO = json.loads(os.environ["ANTOM_SIM_INFO"])
CLIENT = antom.Client(INFO["client_id"], open(INFO["merchant_private_key_file"]).read(),
                      open(INFO["antom_public_key_file"]).read(), gateway_url=INFO["url"])


def pay(order):
    try:
        r = CLIENT.pay({"paymentRequestId": order["id"], "paymentAmount": {"currency": "USD", "value": order["amount"]},
                        "productCode": "CASHIER_PAYMENT", "paymentMethod": {"paymentMethodType": "ALIPAY_CN"},
                        "paymentNotifyUrl": order["notify"]})
        return {"status": r.result_status, "code": r.result_code, "paymentId": r.data.get("paymentId"), "pid": os.getpid()}
    except antom.AntomError as e:
        return {"error": e.kind, "outcomeUnknown": e.outcome_unknown, "pid": os.getpid()}


def notify(environ, body):
    headers = {k[5:].replace("_", "-"): v for k, v in environ.items() if k.startswith("HTTP_")}
    try:
        n = CLIENT.verify_notification(environ.get("PATH_INFO", "/notify"), headers, body)
    except antom.AntomError as e:
        return "401 Unauthorized", json.dumps({"refused": e.kind})
    line = json.dumps({"pid": os.getpid(), "type": n.kind, "id": n.data.get("paymentRequestId"),
                       "status": (n.data.get("result") or {}).get("resultStatus")})
    with open(os.environ["APP_LOG"], "a") as f:
        f.write(line + "\n")
    return "200 OK", antom.NOTIFICATION_ACK


def app(environ, start_response):
    path = environ.get("PATH_INFO", "")
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    if path == "/health":
        status, out = "200 OK", "ok"
    elif path == "/pay":
        status, out = "200 OK", json.dumps(pay(json.loads(body)))
    elif path == "/notify":
        status, out = notify(environ, body)
    else:
        status, out = "404 Not Found", "{}"
    data = out.encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]
