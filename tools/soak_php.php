<?php
// Soak of the PHP extension: N sign+verify pairs (1 in 10 with a bad key, so error paths run too)
// and M client calls against the simulator; prints one JSON line with RSS (before, after the
// signing, after the calls) and the growth of PHP's own heap (memory_get_usage).
// php -d extension=... soak_php.php N M (the simulator's JSON line in ANTOM_SIM_INFO).
declare(strict_types=1);

function rss_kb(): int
{
    preg_match('/VmRSS:\s+(\d+)/', file_get_contents('/proc/self/status'), $m);
    return (int) $m[1];
}

[$_, $nSign, $nCall] = $argv;
$info = json_decode(getenv('ANTOM_SIM_INFO'), true);
$key = file_get_contents($info['merchant_private_key_file']);
$pub = file_get_contents($info['merchant_public_key_file']);
$client = new Antom\Client(['clientId' => $info['client_id'], 'privateKey' => $key,
    'antomPublicKey' => file_get_contents($info['antom_public_key_file']), 'gatewayUrl' => $info['url'], 'maxRetries' => 0]);
$body = json_encode(['paymentRequestId' => 'soak', 'note' => str_repeat('x', 200)]);
$signVerify = function (int $i) use ($key, $pub, $body): void {
    if ($i % 10 === 9) {
        try {
            Antom\Signature::signRequest('garbage', 'POST', '/p', 'C1', 't', $body);
        } catch (Antom\InvalidKeyException $e) {
            return;
        }
        throw new RuntimeException('a bad key signed');
    }
    $h = Antom\Signature::signRequest($key, 'POST', '/p', 'C1', 't', $body);
    if (!Antom\Signature::verify($pub, 'POST', '/p', 'C1', 't', $body, $h)) {
        throw new RuntimeException('no verify');
    }
};
$pid = getmypid();
$call = function (int $i) use ($client, $pid): void {
    $r = $i % 2
        ? $client->pay(['paymentRequestId' => "soak-php-$pid-$i", 'paymentAmount' => ['currency' => 'USD', 'value' => '100'],
            'productCode' => 'CASHIER_PAYMENT', 'paymentMethod' => ['paymentMethodType' => 'ALIPAY_CN']])
        : $client->inquiryPayment(['paymentRequestId' => "soak-php-$pid-" . ($i - 1)]);
    if (!$r->verified) {
        throw new RuntimeException('unverified');
    }
};
for ($i = 0; $i < 1000; $i++) $signVerify($i);
for ($i = 0; $i < 200; $i++) $call($i);
gc_collect_cycles();
$heap0 = memory_get_usage();
$rss = [rss_kb()];
for ($i = 0; $i < (int) $nSign; $i++) $signVerify($i);
gc_collect_cycles();
$rss[] = rss_kb();
for ($i = 0; $i < (int) $nCall; $i++) $call($i + 1000);
gc_collect_cycles();
$rss[] = rss_kb();
echo json_encode(['binding' => 'php', 'sign_verify' => (int) $nSign, 'calls' => (int) $nCall, 'rss_kb' => $rss,
    'heap_growth_kb' => intdiv(memory_get_usage() - $heap0, 1024)]), "\n";
