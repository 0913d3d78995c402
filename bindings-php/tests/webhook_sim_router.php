<?php
// A merchant's notify endpoint (Antom\Webhook::handle under `php -S`) for a simulator running
// in the test process: the client id and key files come from ANTOM_SIM_INFO; each notification
// handled is appended to ANTOM_HOOK_LOG as one JSON line.
declare(strict_types=1);

$info = json_decode(getenv('ANTOM_SIM_INFO'), true);
$client = new Antom\Client([
    'clientId' => $info['client_id'],
    'privateKey' => file_get_contents($info['merchant_private_key_file']),
    'antomPublicKey' => file_get_contents($info['antom_public_key_file']),
]);
$log = getenv('ANTOM_HOOK_LOG');
Antom\Webhook::handle($client, function (Antom\Notification $n) use ($log): void {
    file_put_contents($log, json_encode(['kind' => $n->kind, 'model' => get_class($n->data),
        'paymentRequestId' => $n->data->paymentRequestId ?? null]) . "\n", FILE_APPEND | LOCK_EX);
});
