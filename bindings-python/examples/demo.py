"""The demo payment flow in Python against the simulator, one line per step.

Usage: python demo.py '<the JSON line printed by antom sim>'
"""
import json
import pathlib
import queue
import sys
import threading
import urllib.request
from wsgiref.simple_server import WSGIRequestHandler, make_server

import antom
from antom.models import Amount, InquiryRefundRequest, PaymentMethod, PayQueryRequest, PayRequest, ProductCodeType, RefundRequest

info = json.loads(sys.argv[1])
client = antom.Client(
    info["client_id"],
    pathlib.Path(info["merchant_private_key_file"]),
    pathlib.Path(info["antom_public_key_file"]),
    gateway_url=info["url"],
)
inbox: "queue.Queue[antom.Notification]" = queue.Queue()


def webhook(environ, start_response):
    """A plain WSGI notify endpoint: verify the raw bytes first, act, then ack."""
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    headers = {k[5:].replace("_", "-"): v for k, v in environ.items() if k.startswith("HTTP_")}
    try:
        notification = client.verify_notification(environ["PATH_INFO"], headers, body)
    except antom.SignatureError:
        start_response("401 Unauthorized", [("Content-Type", "text/plain")])
        return [b"invalid signature"]
    inbox.put(notification)
    start_response("200 OK", [("Content-Type", "application/json")])
    return [antom.NOTIFICATION_ACK.encode()]


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


server = make_server("127.0.0.1", 0, webhook, handler_class=Quiet)
threading.Thread(target=server.serve_forever, daemon=True).start()
hook = f"http://127.0.0.1:{server.server_port}/antom/notify"
order = f"py-demo-{pathlib.Path('/proc/self').resolve().name}"
print(f"demo merchant {info['client_id']} on {info['url']} (webhook {hook})")

pay = client.pay(PayRequest(
    payment_request_id=order,
    payment_amount=Amount(currency="USD", value="1000"),
    product_code=ProductCodeType.CASHIER_PAYMENT,
    payment_method=PaymentMethod(payment_method_type="ALIPAY_CN"),
    payment_notify_url=hook,
))
payment_id = pay.data.payment_id
print(f"[1] pay {order}: {pay.result_status} {pay.result_code} (verified={pay.verified}) paymentId={payment_id}")
print(f"[2] checkout URL for the buyer: {pay.data.normal_url}")
req = urllib.request.Request(f"{info['url']}/sim/payments/{payment_id}/complete", method="POST", data=b"")
done = json.loads(urllib.request.urlopen(req).read())
print(f"[3] buyer paid through the simulator: paymentStatus={done['paymentStatus']}")
n = inbox.get(timeout=10)
print(f"[4] notification {n.kind} verified and acked: {n.result_status} {n.result_code} paymentId={n.data['paymentId']}")
inq = client.inquiry_payment(PayQueryRequest(payment_request_id=order))
print(f"[5] inquiryPayment: paymentStatus={inq.data['paymentStatus']} (verified={inq.verified})")
assert inq.data["paymentStatus"] == "SUCCESS"
refund = client.refund(RefundRequest(
    refund_request_id=f"{order}-refund-1",
    payment_id=payment_id,
    refund_amount=Amount(currency="USD", value="400"),
    refund_notify_url=hook,
))
print(f"[6] partial refund USD 4.00: {refund.result_status} {refund.result_code} refundId={refund.data.refund_id} (verified={refund.verified})")
n = inbox.get(timeout=10)
print(f"[7] notification {n.kind} verified and acked: refundStatus={n.data['refundStatus']}")
ir = client.inquiry_refund(InquiryRefundRequest(refund_request_id=f"{order}-refund-1"))
amount = ir.data.refund_amount.value if ir.data.refund_amount else None
print(f"[8] inquiryRefund: refundStatus={ir.data['refundStatus']} amount={amount} (verified={ir.verified})")
assert refund.is_success and ir.data["refundStatus"] == "SUCCESS"
server.shutdown()
print("demo complete: paid, notified, verified, refunded")
