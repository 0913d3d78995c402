<?php
// The merchant app every server test runs, in PHP under php-fpm (behind nginx): one request per
// script run, the client built per request as PHP apps do; workers recycle (pm.max_requests).
// Serves /pay, /notify and /health (see wsgi_app.py).
declare(strict_types=1);

$info = json_decode(getenv('ANTOM_SIM_INFO') ?: $_SERVER['ANTOM_SIM_INFO'], true);
$log = getenv('APP_LOG') ?: $_SERVER['APP_LOG'];
$client = new Antom\Client(['clientId' => $info['client_id'], 'privateKey' => file_get_contents($info['merchant_private_key_file']),
    'antomPublicKey' => file_get_contents($info['antom_public_key_file']), 'gatewayUrl' => $info['url']]);
$uri = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$body = file_get_contents('php://input');
header('Content-Type: application/json');
if ($uri === '/health') {
    echo 'ok';
} elseif ($uri === '/pay') {
    $order = json_decode($body, true);
    try {
        $r = $client->pay(['paymentRequestId' => $order['id'], 'paymentAmount' => ['currency' => 'USD', 'value' => $order['amount']],
            'productCode' => 'CASHIER_PAYMENT', 'paymentMethod' => ['paymentMethodType' => 'ALIPAY_CN'], 'paymentNotifyUrl' => $order['notify']]);
        echo json_encode(['status' => $r->resultStatus, 'code' => $r->resultCode, 'paymentId' => $r->data['paymentId'] ?? null, 'pid' => getmypid()]);
    } catch (Antom\AntomException $e) {
        echo json_encode(['error' => $e->getKind(), 'outcomeUnknown' => $e->isOutcomeUnknown(), 'pid' => getmypid()]);
    }
} elseif ($uri === '/notify') {
    $headers = [];
    foreach ($_SERVER as $k => $v) {
        if (str_starts_with($k, 'HTTP_')) {
            $headers[str_replace('_', '-', substr($k, 5))] = $v;
        }
    }
    try {
        $n = $client->verifyNotification($_SERVER['REQUEST_URI'], $headers, $body);
        file_put_contents($log, json_encode(['pid' => getmypid(), 'type' => $n->kind, 'id' => $n->data['paymentRequestId'] ?? null,
            'status' => $n->data['result']['resultStatus'] ?? null]) . "\n", FILE_APPEND | LOCK_EX);
        echo Antom\Notification::ACK;
    } catch (Antom\AntomException $e) {
        http_response_code(401);
        echo json_encode(['refused' => $e->getKind()]);
    }
} else {
    http_response_code(404);
    echo '{}';
}
