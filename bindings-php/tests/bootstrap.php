<?php
// Shared helpers for the PHPUnit suite: the repository paths and a real `antom sim` process.
declare(strict_types=1);

const ANTOM_ROOT = __DIR__ . '/../..';
const VECTORS = ANTOM_ROOT . '/tests/vectors';

function antom_vectors(): array
{
    return json_decode(file_get_contents(VECTORS . '/vectors.json'), true);
}

final class Sim
{
    public array $info;
    private $proc;
    private string $dir;

    /** @param string[] $extra more `antom sim` arguments, e.g. ['--tls'] */
    public function __construct(array $extra = [])
    {
        $bin = getenv('ANTOM_BIN') ?: ANTOM_ROOT . '/target/debug/antom';
        $this->dir = sys_get_temp_dir() . '/antom-php-' . bin2hex(random_bytes(6));
        $this->proc = proc_open(array_merge([$bin, 'sim', '--time-scale', '0.0005', '--slow-ms', '1500', '--state-dir', $this->dir], $extra),
            [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'a']], $pipes);
        $line = fgets($pipes[1]);
        if ($line === false) {
            throw new RuntimeException('the simulator did not start');
        }
        $this->info = json_decode($line, true);
    }

    public function client(array $extra = []): Antom\Client
    {
        return new Antom\Client($extra + [
            'clientId' => $this->info['client_id'],
            'privateKey' => file_get_contents($this->info['merchant_private_key_file']),
            'antomPublicKey' => file_get_contents($this->info['antom_public_key_file']),
            'gatewayUrl' => $this->info['url'],
        ]);
    }

    public function post(string $path, ?array $json = null): array
    {
        $http = ['method' => 'POST', 'ignore_errors' => true];
        if ($json !== null) {
            $http['header'] = 'Content-Type: application/json';
            $http['content'] = json_encode($json);
        }
        // Over --tls, PHP trusts the simulator's CA for these control calls too.
        $ssl = isset($this->info['ca_certificate_file']) ? ['cafile' => $this->info['ca_certificate_file']] : [];
        $ctx = stream_context_create(['http' => $http, 'ssl' => $ssl]);
        return json_decode(file_get_contents($this->info['url'] . $path, false, $ctx), true);
    }

    public function get(string $path): array
    {
        return json_decode(file_get_contents($this->info['url'] . $path), true);
    }

    public function stop(): int
    {
        proc_terminate($this->proc, 15);
        $code = proc_close($this->proc);
        // The simulator's key files (private ones among them) go with it.
        foreach (glob($this->dir . '/*') ?: [] as $f) {
            unlink($f);
        }
        @rmdir($this->dir);
        return $code;
    }
}

function pay_body(string $id, string $value = '1000', ?string $notify = null): array
{
    $b = [
        'paymentRequestId' => $id,
        'paymentAmount' => ['currency' => 'USD', 'value' => $value],
        'productCode' => 'CASHIER_PAYMENT',
        'paymentMethod' => ['paymentMethodType' => 'ALIPAY_CN'],
    ];
    if ($notify !== null) {
        $b['paymentNotifyUrl'] = $notify;
    }
    return $b;
}
