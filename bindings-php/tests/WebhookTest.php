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
        $typed = $found[0]->data;
        $this->assertInstanceOf(Antom\Models\PayResultNotify::class, $typed);
        $this->assertSame('S', $typed->result->resultStatus);
        $this->assertSame(['php-rec-1', '1000'], [$typed->paymentRequestId, $typed->paymentAmount->value]);
        $this->assertSame([], $client->recoverNotifications('1999-01-01T00:00:00Z', '1999-12-31T00:00:00Z'));
        $this->assertSame(0, $sim->stop());
    }

    /** Every notification family, signed here: `$n->data` is its model, typed; one field of the
     * other form is kept as received and the rest stays readable. */
    public function testEveryNotificationFamilyIsItsModel(): void
    {
        $key = file_get_contents(VECTORS . '/test_private_pkcs8.pem');
        $client = new Antom\Client(['clientId' => 'M1', 'privateKey' => file_get_contents(VECTORS . '/test_private_merchant_pkcs8.pem'),
            'antomPublicKey' => file_get_contents(VECTORS . '/test_public_spki.pem')]);
        $t = '2024-01-01T00:00:00Z';
        $verify = fn (string $body) => $client->verifyNotification('/n', ['Client-Id' => 'M1', 'Request-Time' => $t,
            'Signature' => Antom\Signature::signRequest($key, 'POST', '/n', 'M1', $t, $body)], $body);
        $families = [
            ['{"notifyType":"PAYMENT_RESULT","paymentRequestId":"o1","paymentId":"p1","paymentAmount":{"currency":"USD","value":"1000"}}', 'PayResultNotify'],
            ['{"notifyType":"CAPTURE_RESULT","captureRequestId":"c1","captureAmount":{"currency":"USD","value":"1"}}', 'CaptureResultNotify'],
            ['{"notifyType":"REFUND_RESULT","refundRequestId":"r1","refundStatus":"SUCCESS"}', 'RefundNotify'],
            ['{"authorizationNotifyType":"AUTHCODE_CREATED","authCode":"a1"}', 'AuthNotify'],
            ['{"disputeNotificationType":"DISPUTE_CREATED","disputeId":"d1"}', 'DisputeNotify'],
            ['{"notifyType":"VAULTING_RESULT","vaultingRequestId":"v1"}', 'VaultingNotify'],
            ['{"paymentId":"p1"}', 'BaseNotify'],
        ];
        foreach ($families as [$body, $model]) {
            $n = $verify($body);
            $this->assertSame($model, $n->model, $body);
            $this->assertInstanceOf('Antom\\Models\\' . $model, $n->data, $body);
            if ($model !== 'BaseNotify') { // the unknown kind keeps everything in extra
                $this->assertSame([], $n->data->extra, "$body: untyped fields");
            }
            $this->assertEquals(json_decode($body, true), $n->data->toArray());
        }
        $paid = $verify('{"notifyType":"PAYMENT_RESULT","paymentRequestId":"o1","paymentId":"p1","paymentAmount":{"currency":"USD","value":"1000"}}')->data;
        $this->assertInstanceOf(Antom\Models\PayResultNotify::class, $paid);
        $this->assertSame(['o1', 'p1', '1000', 'USD'], [$paid->paymentRequestId, $paid->paymentId, $paid->paymentAmount->value, $paid->paymentAmount->currency]);
        $this->assertSame('p1', $paid['paymentId'], 'array-style reads still work');
        $odd = $verify('{"notifyType":"PAYMENT_RESULT","paymentRequestId":"o1","paymentAmount":"1000"}')->data;
        $this->assertSame('o1', $odd->paymentRequestId);
        $this->assertNull($odd->paymentAmount);
        $this->assertSame('1000', $odd['paymentAmount'], 'kept as received');
    }
}
