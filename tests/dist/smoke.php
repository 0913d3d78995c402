<?php
// Runs with the antom.so unpacked from dist/ (`php -d extension=...`, no Rust on PATH): every
// shared signature vector, then one payment against the simulator. Env: ANTOM_VECTORS, SIM_INFO.
declare(strict_types=1);

function check(bool $ok, string $what): void
{
    if (!$ok) {
        fwrite(STDERR, "FAILED: $what\n");
        exit(1);
    }
}

check(extension_loaded('antom'), 'the extension is loaded');
$v = json_decode(file_get_contents(getenv('ANTOM_VECTORS')), true);
$passed = 0;
foreach ($v['sign_cases'] as $c) {
    foreach ([$v['keys']['private_pkcs8_base64'], $v['keys']['private_pkcs1_base64']] as $key) {
        check(Antom\Signature::signRequest($key, $c['method'], $c['path'], $c['client_id'], $c['time'], $c['body']) === $c['signature_header'], $c['name']);
    }
    check(Antom\Signature::verify($v['keys']['public_spki_base64'], $c['method'], $c['path'], $c['client_id'], $c['time'], $c['body'], $c['signature_header']), 'verify ' . $c['name']);
    $passed++;
}
foreach ($v['verify_must_fail'] as $c) {
    if (isset($c['content_override'])) {
        continue; // raw content, below the API
    }
    $header = 'algorithm=RSA256,keyVersion=1,signature=' . $c['signature_urlencoded'];
    check(!Antom\Signature::verify($v['keys']['public_spki_base64'], $c['method'], $c['path'], $c['client_id'], $c['time'], $c['body'], $header), $c['name']);
    $passed++;
}
$sim = json_decode(getenv('SIM_INFO'), true);
$client = new Antom\Client([
    'clientId' => $sim['client_id'],
    'privateKey' => file_get_contents($sim['merchant_private_key_file']),
    'antomPublicKey' => file_get_contents($sim['antom_public_key_file']),
    'gatewayUrl' => $sim['url'],
]);
$r = $client->pay(['paymentRequestId' => 'dist-php-1', 'productCode' => 'CASHIER_PAYMENT',
    'paymentAmount' => ['currency' => 'USD', 'value' => '1000'], 'paymentMethod' => ['paymentMethodType' => 'ALIPAY_CN']]);
check([$r->resultStatus, $r->resultCode, $r->verified] === ['U', 'PAYMENT_IN_PROCESS', true], 'pay');
check($client->inquiryPayment(['paymentRequestId' => 'dist-php-1'])->data['paymentStatus'] === 'PROCESSING', 'inquiry');
// The typed models load by themselves from antom.so (no require, no Composer).
$typed = $client->pay(new Antom\Models\PayRequest(paymentRequestId: 'dist-php-2', productCode: Antom\Models\ProductCodeType::CASHIER_PAYMENT,
    paymentAmount: new Antom\Models\Amount(currency: 'USD', value: '1000'), paymentMethod: new Antom\Models\PaymentMethod(paymentMethodType: 'ALIPAY_CN')));
check($typed->data instanceof Antom\Models\PayResponse && $typed->data->paymentAmount->value === '1000', 'typed pay');
$passed++;
// The in-process simulator ships in antom.so: a pay and the buyer's completion, no process.
$inproc = new Antom\Testing\Simulator();
$paid = $inproc->client()->pay(['paymentRequestId' => 'dist-php-3', 'productCode' => 'CASHIER_PAYMENT',
    'paymentAmount' => ['currency' => 'USD', 'value' => '1000'], 'paymentMethod' => ['paymentMethodType' => 'ALIPAY_CN']]);
check($inproc->complete($paid->data->paymentId)['paymentStatus'] === 'SUCCESS', 'in-process simulator');
$inproc->stop();
$passed++;
echo "php extension: $passed passed, 0 failed\n";
