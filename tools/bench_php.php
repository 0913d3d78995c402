<?php
// PHP section of docs/benchmarks.md: sign and verify through the extension next to
// openssl_sign/openssl_verify with key objects and `openssl speed rsa2048`, in one run.
declare(strict_types=1);

$root = dirname(__DIR__);
$v = json_decode(file_get_contents("$root/tests/vectors/vectors.json"), true);
$privPem = file_get_contents("$root/tests/vectors/test_private_pkcs8.pem");
$pubPem = file_get_contents("$root/tests/vectors/test_public_spki.pem");
$body = json_encode(['paymentRequestId' => 'order-123456', 'note' => str_repeat('x', 900)]);
[$p, $cid, $t] = ['/ams/api/v1/payments/pay', 'C1', '1700000000000'];
$content = "POST $p\n$cid.$t.$body";
$privKey = openssl_pkey_get_private($privPem);
$pubKey = openssl_pkey_get_public($pubPem);
$header = Antom\Signature::signRequest($privPem, 'POST', $p, $cid, $t, $body);
openssl_sign($content, $rawSig, $privKey, OPENSSL_ALGO_SHA256);

function rate(callable $f, float $seconds = 2.0): float
{
    $f();
    $n = 0;
    $start = hrtime(true);
    while (($elapsed = (hrtime(true) - $start) / 1e9) < $seconds) {
        for ($i = 0; $i < 20; $i++) {
            $f();
        }
        $n += 20;
    }
    return $n / $elapsed;
}

$results = [
    ['Antom\\Signature::signRequest', rate(fn () => Antom\Signature::signRequest($privPem, 'POST', $p, $cid, $t, $body)), 'sign'],
    ['Antom\\Signature::verify', rate(fn () => Antom\Signature::verify($pubPem, 'POST', $p, $cid, $t, $body, $header)), 'verify'],
    ['openssl_sign (key object)', rate(function () use ($content, $privKey) { openssl_sign($content, $s, $privKey, OPENSSL_ALGO_SHA256); }), 'sign'],
    ['openssl_verify (key object)', rate(fn () => openssl_verify($content, $rawSig, $pubKey, OPENSSL_ALGO_SHA256)), 'verify'],
];
preg_match('/^rsa\s+2048 bits\s+[\d.]+s\s+[\d.]+s\s+([\d.]+)\s+([\d.]+)/m', (string) shell_exec('openssl speed -seconds 3 rsa2048 2>/dev/null'), $m);
[$os, $ov] = [(float) $m[1], (float) $m[2]];
$rows = array_map(fn ($r) => sprintf('| %s | %s | %.2fx |', $r[0], number_format($r[1]), $r[1] / ($r[2] === 'sign' ? $os : $ov)), $results);
$text = "## PHP extension (release antom.so, PHP " . PHP_VERSION . ", 1 KB body)\n\n"
    . sprintf("`openssl speed rsa2048` in the same run: %s signs/s, %s verifies/s.\n\n", number_format($os), number_format($ov))
    . "| operation | ops/s | vs OpenSSL |\n|---|---:|---:|\n" . implode("\n", $rows) . "\n\n"
    . "`Antom\\Signature` parses each distinct key text once (the core's key cache);\n"
    . "an `Antom\\Client` parses its keys once per process.\n";
$doc = "$root/docs/benchmarks.md";
$current = file_get_contents($doc);
$block = "<!-- php:begin -->\n" . rtrim($text) . "\n<!-- php:end -->";
$current = str_contains($current, '<!-- php:begin -->')
    ? preg_replace('/<!-- php:begin -->.*?<!-- php:end -->/s', str_replace(['\\', '$'], ['\\\\', '\\$'], $block), $current)
    : rtrim($current) . "\n\n" . $block . "\n";
file_put_contents($doc, $current);
echo $text;
