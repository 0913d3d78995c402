<?php
// The demo payment flow in PHP against the simulator, one line per step. The webhook is this
// same file served by `php -S` (see the bottom): it verifies the raw body first, then acks.
// Usage: php -d extension=antom.so demo.php '<the JSON line printed by antom sim>'
declare(strict_types=1);

// The typed models load by themselves: the extension carries them (no require, no Composer).
use Antom\Models\{Amount, InquiryRefundRequest, PaymentMethod, PayQueryRequest, PayRequest, PayResultNotify, ProductCodeType, RefundRequest};

if (PHP_SAPI === 'cli-server') {
    $client = new Antom\Client([
        'clientId' => getenv('DEMO_CLIENT_ID'), 'gatewayUrl' => getenv('DEMO_GATEWAY'),
        'privateKey' => file_get_contents(getenv('DEMO_MERCHANT_KEY')), 'antomPublicKey' => file_get_contents(getenv('DEMO_ANTOM_KEY')),
    ]);
    try {
        $n = $client->verifyNotification($_SERVER['REQUEST_URI'], getallheaders(), file_get_contents('php://input'));
    } catch (Antom\SignatureException $e) {
        http_response_code(401);
        echo 'invalid signature';
        return;
    }
    // Verified: now act on it, typed. A payment result names its order and amount.
    $seen = ['kind' => $n->kind, 'status' => $n->resultStatus, 'code' => $n->resultCode, 'data' => $n->data];
    if ($n->data instanceof PayResultNotify) {
        $seen['order'] = $n->data->paymentRequestId;
        $seen['amount'] = $n->data->paymentAmount->value . ' ' . $n->data->paymentAmount->currency;
    }
    file_put_contents(getenv('DEMO_INBOX'), json_encode($seen) . "\n", FILE_APPEND | LOCK_EX);
    header('Content-Type: application/json');
    echo Antom\Notification::ACK;
    return;
}

$info = json_decode($argv[1], true);
$client = new Antom\Client([
    'clientId' => $info['client_id'], 'gatewayUrl' => $info['url'],
    'privateKey' => file_get_contents($info['merchant_private_key_file']),
    'antomPublicKey' => file_get_contents($info['antom_public_key_file']),
]);
$inbox = tempnam(sys_get_temp_dir(), 'antom-demo');
$sock = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) explode(':', stream_socket_get_name($sock, false))[1];
fclose($sock);
$env = ['DEMO_CLIENT_ID' => $info['client_id'], 'DEMO_GATEWAY' => $info['url'], 'DEMO_MERCHANT_KEY' => $info['merchant_private_key_file'],
    'DEMO_ANTOM_KEY' => $info['antom_public_key_file'], 'DEMO_INBOX' => $inbox];
$server = proc_open([PHP_BINARY, '-d', 'extension=' . getenv('ANTOM_EXTENSION'), '-S', "127.0.0.1:$port", __FILE__],
    [1 => ['file', '/dev/null', 'a'], 2 => ['file', '/dev/null', 'a']], $pipes, null, $env + getenv());
for ($i = 0; $i < 100 && !@fsockopen('127.0.0.1', $port); $i++) {
    usleep(50000);
}
$hook = "http://127.0.0.1:$port/antom/notify";
$next = function (int $n) use ($inbox): array {
    for ($i = 0; $i < 400 && count(file($inbox)) < $n; $i++) {
        usleep(25000);
    }
    $lines = file($inbox);
    if (count($lines) < $n) {
        throw new RuntimeException('no notification arrived');
    }
    return json_decode($lines[$n - 1], true);
};

$order = 'php-demo-' . getmypid();
echo "demo merchant {$info['client_id']} on {$info['url']} (webhook $hook)\n";
$pay = $client->pay(new PayRequest(
    paymentRequestId: $order,
    paymentAmount: new Amount(currency: 'USD', value: '1000'),
    productCode: ProductCodeType::CASHIER_PAYMENT,
    paymentMethod: new PaymentMethod(paymentMethodType: 'ALIPAY_CN'),
    paymentNotifyUrl: $hook,
));
$paid = $pay->data; // a PayResponse
$paymentId = $paid->paymentId;
printf("[1] pay %s: %s %s (verified=%s) paymentId=%s\n", $order, $pay->resultStatus, $pay->resultCode, var_export($pay->verified, true), $paymentId);
printf("[2] checkout URL for the buyer: %s\n", $paid->normalUrl);
$done = json_decode(file_get_contents("{$info['url']}/sim/payments/$paymentId/complete", false, stream_context_create(['http' => ['method' => 'POST']])), true);
printf("[3] buyer paid through the simulator: paymentStatus=%s\n", $done['paymentStatus']);
$n = $next(1);
printf("[4] notification %s verified and acked: %s %s order=%s amount=%s paymentId=%s\n", $n['kind'], $n['status'], $n['code'], $n['order'], $n['amount'], $n['data']['paymentId']);
$inq = $client->inquiryPayment(new PayQueryRequest(paymentRequestId: $order));
printf("[5] inquiryPayment: paymentStatus=%s (verified=%s)\n", $inq->data->paymentStatus, var_export($inq->verified, true));
$refund = $client->refund(new RefundRequest(
    refundRequestId: "$order-refund-1",
    paymentId: $paymentId,
    refundAmount: new Amount(currency: 'USD', value: '400'),
    refundNotifyUrl: $hook,
));
printf("[6] partial refund USD 4.00: %s %s refundId=%s (verified=%s)\n", $refund->resultStatus, $refund->resultCode, $refund->data->refundId, var_export($refund->verified, true));
$n = $next(2);
printf("[7] notification %s verified and acked: refundStatus=%s\n", $n['kind'], $n['data']['refundStatus']);
$ir = $client->inquiryRefund(new InquiryRefundRequest(refundRequestId: "$order-refund-1"));
$refunded = $ir->data; // an InquiryRefundResponse
printf("[8] inquiryRefund: refundStatus=%s amount=%s (verified=%s)\n", $refunded->refundStatus, $refunded->refundAmount->value, var_export($ir->verified, true));
proc_terminate($server);
proc_close($server);
unlink($inbox);
if ($refunded->refundStatus !== 'SUCCESS') {
    exit(1);
}
echo "demo complete: paid, notified, verified, refunded\n";
