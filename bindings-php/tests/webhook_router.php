<?php
// A plain-PHP notify endpoint served by `php -S`: verify the raw body first, then ack.
// Each received notification is appended to ANTOM_HOOK_LOG as one JSON line.
declare(strict_types=1);

$client = new Antom\Client([
    'clientId' => getenv('ANTOM_CLIENT_ID'),
    'privateKey' => file_get_contents(getenv('ANTOM_MERCHANT_KEY')),
    'antomPublicKey' => file_get_contents(getenv('ANTOM_ANTOM_KEY')),
    'gatewayUrl' => getenv('ANTOM_GATEWAY'),
]);
$failFirst = (int) getenv('ANTOM_FAIL_FIRST');
$log = getenv('ANTOM_HOOK_LOG');
try {
    $n = $client->verifyNotification($_SERVER['REQUEST_URI'], getallheaders(), file_get_contents('php://input'));
} catch (Antom\SignatureException $e) {
    file_put_contents($log, json_encode(['error' => $e->getKind()]) . "\n", FILE_APPEND | LOCK_EX);
    http_response_code(401);
    echo 'invalid signature';
    return;
}
file_put_contents($log, json_encode(['kind' => $n->kind, 'status' => $n->resultStatus, 'data' => $n->data]) . "\n", FILE_APPEND | LOCK_EX);
$seen = count(file($log));
if ($seen <= $failFirst) {
    http_response_code(500);
    echo 'busy';
    return;
}
header('Content-Type: application/json');
echo Antom\Notification::ACK;
