<?php
declare(strict_types=1);

use PHPUnit\Framework\TestCase;

final class WebhookTest extends TestCase
{
    private function serve(Sim $sim, int $failFirst, string $log): array
    {
        $sock = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) explode(':', stream_socket_get_name($sock, false))[1];
        fclose($sock);
        $env = [
            'ANTOM_CLIENT_ID' => $sim->info['client_id'], 'ANTOM_MERCHANT_KEY' => $sim->info['merchant_private_key_file'],
            'ANTOM_ANTOM_KEY' => $sim->info['antom_public_key_file'], 'ANTOM_GATEWAY' => $sim->info['url'],
            'ANTOM_FAIL_FIRST' => (string) $failFirst, 'ANTOM_HOOK_LOG' => $log,
        ];
        $ext = ini_get('extension_dir') !== '' ? getenv('ANTOM_EXTENSION') : getenv('ANTOM_EXTENSION');
        $proc = proc_open([PHP_BINARY, '-d', 'extension=' . $ext, '-S', "127.0.0.1:$port", __DIR__ . '/webhook_router.php'],
            [1 => ['file', '/dev/null', 'a'], 2 => ['file', '/dev/null', 'a']], $pipes, null, $env + getenv());
        for ($i = 0; $i < 100; $i++) {
            if (@fsockopen('127.0.0.1', $port)) {
                break;
            }
            usleep(50000);
        }
        return [$proc, "http://127.0.0.1:$port/antom/notify?shop=1"];
    }

    private function lines(string $log, int $n): array
    {
        for ($i = 0; $i < 200 && (!file_exists($log) || count(file($log)) < $n); $i++) {
            usleep(25000);
        }
        return array_map(fn ($l) => json_decode($l, true), file_exists($log) ? file($log) : []);
    }

    public function testNotificationsAreVerifiedAckedAndRedelivered(): void
    {
        $sim = new Sim();
        $log = tempnam(sys_get_temp_dir(), 'antom-hook');
        unlink($log);
        [$proc, $url] = $this->serve($sim, 2, $log);
        try {
            $client = $sim->client();
            $pay = $client->pay(pay_body('hook-1', '1000', $url));
            $sim->post('/sim/payments/' . $pay->data['paymentId'] . '/complete');
            $got = $this->lines($log, 3);
            usleep(200000);
            $this->assertCount(3, $got);
            foreach ($got as $n) {
                $this->assertSame(['PAYMENT_RESULT', 'S', 'hook-1'], [$n['kind'], $n['status'], $n['data']['paymentRequestId']]);
            }
            $acks = array_map(fn ($d) => $d['acked'], $sim->get('/sim/notifications')['deliveries']);
            $this->assertSame([false, false, true], $acks);

            $bad = $client->pay(pay_body('hook-2', '9907', $url));
            $sim->post('/sim/payments/' . $bad->data['paymentId'] . '/complete');
            $got = $this->lines($log, 4);
            $this->assertSame('SIGNATURE_MISMATCH', $got[3]['error']);
        } finally {
            proc_terminate($proc);
            proc_close($proc);
            @unlink($log);
            $this->assertSame(0, $sim->stop());
        }
    }

    public function testMissedWebhooksAreRecoveredTyped(): void
    {
        $sim = new Sim();
        $client = $sim->client();
        // Nothing listens on this port: every delivery attempt fails.
        $server = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
        fclose($server);
        $pay = $client->pay(pay_body('php-rec-1', '1000', "http://127.0.0.1:$port/hooks/antom"));
        $sim->post('/sim/payments/' . $pay->data['paymentId'] . '/complete');
        $found = $client->recoverNotifications('2000-01-01T00:00:00Z', '2999-01-01T00:00:00Z');
        $this->assertCount(1, $found);
        $this->assertInstanceOf(Antom\Notification::class, $found[0]);
        $this->assertSame(['PAYMENT_RESULT', 'PayResultNotify', 'php-rec-1'], [$found[0]->kind, $found[0]->model, $found[0]->data['paymentRequestId']]);
        $typed = Antom\Models\PayResultNotify::fromArray($found[0]->data);
        $this->assertSame('S', $typed->result->resultStatus);
        $this->assertSame([], $client->recoverNotifications('1999-01-01T00:00:00Z', '1999-12-31T00:00:00Z'));
        $this->assertSame(0, $sim->stop());
    }
}
