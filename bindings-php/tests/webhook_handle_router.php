<?php
// A notify endpoint written with Antom\Webhook::handle, served by `php -S` (the built-in server
// gives the same $_SERVER and php://input as FPM). Each notification the handler sees is
// appended to ANTOM_HOOK_LOG as one JSON line; ANTOM_THROW_FIRST makes the first call throw.
declare(strict_types=1);

$client = new Antom\Client([
    'clientId' => 'M1',
    'privateKey' => file_get_contents(getenv('ANTOM_VECTORS') . '/test_private_merchant_pkcs8.pem'),
    'antomPublicKey' => file_get_contents(getenv('ANTOM_VECTORS') . '/test_public_spki.pem'),
]);
$log = getenv('ANTOM_HOOK_LOG');
Antom\Webhook::handle($client, function (Antom\Notification $n) use ($log): void {
    $seen = file_exists($log) ? count(file($log)) : 0;
    file_put_contents($log, json_encode(['kind' => $n->kind, 'model' => get_class($n->data)]) . "\n", FILE_APPEND | LOCK_EX);
    if ($seen === 0 && getenv('ANTOM_THROW_FIRST') === '1') {
        throw new RuntimeException('database down');
    }
});
