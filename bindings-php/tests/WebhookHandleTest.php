<?php
declare(strict_types=1);

use PHPUnit\Framework\TestCase;

/** Antom\Webhook::handle in a real server (`php -S`): `antom check webhook` passes every line,
 * a handler that throws gets 500 and no ack, and the handler sees only verified notifications. */
final class WebhookHandleTest extends TestCase
{
    private const ACK = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}';

    /** @return array{0: resource, 1: string} */
    private function serve(string $log, bool $throwFirst): array
    {
        $sock = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) substr(strrchr(stream_socket_get_name($sock, false), ':'), 1);
        fclose($sock);
        $env = ['ANTOM_VECTORS' => VECTORS, 'ANTOM_HOOK_LOG' => $log, 'ANTOM_THROW_FIRST' => $throwFirst ? '1' : '0'];
        $proc = proc_open([PHP_BINARY, '-d', 'extension=' . getenv('ANTOM_EXTENSION'), '-S', "127.0.0.1:$port",
            __DIR__ . '/webhook_handle_router.php'],
            [1 => ['file', '/dev/null', 'a'], 2 => ['file', '/dev/null', 'a']], $pipes, null, $env + getenv());
        for ($i = 0; $i < 100 && !@fsockopen('127.0.0.1', $port); $i++) {
            usleep(50000);
        }
        return [$proc, "http://127.0.0.1:$port/antom/notify"];
    }

    /** @return list<array<string, string>> */
    private static function seen(string $log): array
    {
        return array_map(fn ($l) => json_decode($l, true), file_exists($log) ? file($log) : []);
    }

    public function testAntomCheckWebhookPassesEveryLine(): void
    {
        $log = sys_get_temp_dir() . '/antom-handle-' . bin2hex(random_bytes(6));
        [$proc, $url] = $this->serve($log, false);
        try {
            $bin = getenv('ANTOM_BIN') ?: ANTOM_ROOT . '/target/debug/antom';
            exec(escapeshellarg($bin) . ' check webhook ' . escapeshellarg($url) . ' --antom-private-key '
                . escapeshellarg(VECTORS . '/test_private_pkcs8.pem') . ' --client-id M1 2>&1', $out, $code);
            $this->assertSame(0, $code, implode("\n", $out));
            // Six families, a redelivery and an unknown kind were handled, typed; no forgery was.
            $seen = self::seen($log);
            $this->assertCount(8, $seen);
            $models = array_column($seen, 'model');
            $this->assertContains('Antom\Models\PayResultNotify', $models);
            $this->assertContains('Antom\Models\BaseNotify', $models);
        } finally {
            proc_terminate($proc);
            proc_close($proc);
            @unlink($log);
        }
    }

    private static function post(string $url, string $body, string $signedPath): array
    {
        $t = '2026-12-06T00:00:00Z';
        $sig = Antom\Signature::signRequest(file_get_contents(VECTORS . '/test_private_pkcs8.pem'), 'POST', $signedPath, 'M1', $t, $body);
        $ctx = stream_context_create(['http' => ['method' => 'POST', 'ignore_errors' => true, 'content' => $body,
            'header' => "Client-Id: M1\r\nRequest-Time: $t\r\nSignature: $sig\r\nContent-Type: application/json\r\n"]]);
        $text = file_get_contents($url, false, $ctx);
        preg_match('/^HTTP\/\S+ (\d+)/', $http_response_header[0], $m);
        return [(int) $m[1], $text];
    }

    public function testAHandlerThatThrowsGets500AndNoAckThenTheRedeliveryIsAcked(): void
    {
        $log = sys_get_temp_dir() . '/antom-handle-' . bin2hex(random_bytes(6));
        [$proc, $url] = $this->serve($log, true);
        $body = '{"notifyType":"PAYMENT_RESULT","paymentRequestId":"w-1","result":{"resultStatus":"S","resultCode":"SUCCESS"}}';
        try {
            $first = self::post($url, $body, '/antom/notify');
            $again = self::post($url, $body, '/antom/notify');
            $elsewhere = self::post($url, $body, '/elsewhere');
        } finally {
            proc_terminate($proc);
            proc_close($proc);
        }
        $this->assertSame(500, $first[0]);
        $this->assertStringNotContainsString('SUCCESS', $first[1]);
        $this->assertSame([200, self::ACK], $again);
        $this->assertSame(401, $elsewhere[0]);
        $this->assertCount(2, self::seen($log));
        @unlink($log);
    }

    public function testAnswerSaysWhatToSendWithoutARequest(): void
    {
        $client = new Antom\Client(['clientId' => 'M1',
            'privateKey' => file_get_contents(VECTORS . '/test_private_merchant_pkcs8.pem'),
            'antomPublicKey' => file_get_contents(VECTORS . '/test_public_spki.pem')]);
        $called = false;
        $previous = ini_set('error_log', '/dev/null'); // the refusal is logged; keep the run quiet
        $r = Antom\Webhook::answer($client, '/n', ['Client-Id' => 'M1'], '{}', function () use (&$called) {
            $called = true;
        });
        ini_set('error_log', (string) $previous);
        $this->assertSame(401, $r['status']);
        $this->assertFalse($called);
    }
}
