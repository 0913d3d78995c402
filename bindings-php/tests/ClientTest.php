<?php
declare(strict_types=1);

use PHPUnit\Framework\TestCase;

final class ClientTest extends TestCase
{
    private static Sim $sim;

    public static function setUpBeforeClass(): void
    {
        self::$sim = new Sim();
    }

    public static function tearDownAfterClass(): void
    {
        self::assertSame(0, self::$sim->stop());
    }

    public function testTheWholeFlow(): void
    {
        $client = self::$sim->client();
        $pay = $client->pay(pay_body('php-1'));
        $this->assertSame(['U', 'PAYMENT_IN_PROCESS', true, 1, 200], [$pay->resultStatus, $pay->resultCode, $pay->verified, $pay->attempts, $pay->httpStatus]);
        $this->assertSame('php-1', $pay->idempotencyKey);
        $this->assertArrayHasKey('signature', $pay->headers);
        $paymentId = $pay->data['paymentId'];
        $this->assertInstanceOf(Antom\Models\PayResponse::class, $pay->data);
        $this->assertSame($pay->data->paymentId, $paymentId);
        $this->assertEquals(json_decode($pay->raw, true), $pay->data->toArray());
        // `call` by name has no model to choose: the body stays the array.
        $this->assertSame(json_decode($pay->raw, true), $client->call('payments.pay', pay_body('php-1'))->data);
        $this->assertSame('SUCCESS', self::$sim->post("/sim/payments/$paymentId/complete")['paymentStatus']);
        $final = $client->inquirePaymentUntilFinal('php-1', 5.0);
        $this->assertSame('SUCCESS', $final->data['paymentStatus']);
        $refund = ['refundRequestId' => 'php-1-r', 'paymentId' => $paymentId, 'refundAmount' => ['currency' => 'USD', 'value' => '300']];
        $r = $client->refund($refund);
        $this->assertTrue($r->verified && $r->resultStatus === 'S');
        $this->assertSame($r->data['refundId'], $client->refund(json_encode($refund))->data['refundId'], 'idempotent on refundRequestId');
        $this->assertSame('SUCCESS', $client->inquiryRefund(['refundRequestId' => 'php-1-r'])->data['refundStatus']);
        $over = $client->call('payments.refund', ['refundRequestId' => 'php-1-r2', 'paymentId' => $paymentId, 'refundAmount' => ['currency' => 'USD', 'value' => '701']]);
        $this->assertSame('REFUND_AMOUNT_EXCEED', $over->resultCode);
        $this->assertSame('REPEAT_REQ_INCONSISTENT', $client->pay(pay_body('php-1', '999'))->resultCode);
    }

    public function testEveryFaultCode(): void
    {
        $client = self::$sim->client();
        $u = $client->pay(pay_body('pf-1', '9901'));
        $this->assertSame(['U', 'UNKNOWN_EXCEPTION'], [$u->resultStatus, $u->resultCode]);
        $this->assertSame('SUCCESS', $client->inquirePaymentUntilFinal('pf-1', 5.0)->data['paymentStatus']);
        try {
            self::$sim->client(['timeout' => 0.4, 'maxRetries' => 0])->pay(pay_body('pf-2', '9902'));
            $this->fail('9902');
        } catch (Antom\OutcomeUnknownException $e) {
            $this->assertSame('pf-2', $e->getIdempotencyKey());
        }
        try {
            $client->pay(pay_body('pf-3', '9903'));
            $this->fail('9903');
        } catch (Antom\SignatureException $e) {
            $this->assertSame('SIGNATURE_MISMATCH', $e->getKind());
            $this->assertStringContainsString('pf-3', $e->getRaw());
        }
        try {
            $client->pay(pay_body('pf-4', '9904'));
            $this->fail('9904');
        } catch (Antom\SignatureException $e) {
            $this->assertSame('UNSIGNED_RESPONSE', $e->getKind());
        }
        $this->assertSame(2, $client->pay(pay_body('pf-5', '9905'))->attempts);
        try {
            self::$sim->client(['maxRetries' => 0])->pay(pay_body('pf-5b', '9905'));
            $this->fail('9905');
        } catch (Antom\OutcomeUnknownException $e) {
            // A final 500 on a pay may hide a payment: outcome unknown, status and history kept.
            $this->assertSame(500, $e->getHttpStatus());
            $this->assertTrue($e->isOutcomeUnknown());
            $this->assertSame('pf-5b', $e->getIdempotencyKey());
            $this->assertSame(['attempt 1: HTTP 500'], $e->getAttemptHistory());
            $this->assertSame(1, $e->getAttempts());
        }
        // On an inquiry nothing can have happened: a plain status error.
        self::$sim->post('/sim/faults', ['path' => 'payments/inquiryPayment', 'code' => 9905]);
        try {
            self::$sim->client(['maxRetries' => 0])->inquiryPayment(['paymentRequestId' => 'pf-5b']);
            $this->fail('inquiry 9905');
        } catch (Antom\HttpStatusException $e) {
            $this->assertFalse($e->isOutcomeUnknown());
        }
        try {
            $client->pay(pay_body('pf-3b', '9903'));
            $this->fail('9903 flag');
        } catch (Antom\SignatureException $e) {
            $this->assertTrue($e->isOutcomeUnknown(), 'a bad signature on a pay: outcome unknown');
        }
        $f = $client->pay(pay_body('pf-6', '9906'));
        $this->assertSame(['F', 'USER_BALANCE_NOT_ENOUGH', true], [$f->resultStatus, $f->resultCode, $f->verified]);
        $this->assertSame([false, true, false], [$f->isSuccess, $f->isFailure, $f->isUnknown]);
        $this->assertSame([false, false, true], [$u->isSuccess, $u->isFailure, $u->isUnknown]);
    }

    public function testBadInputNeverCrashes(): void
    {
        $client = self::$sim->client();
        // 100,000 levels of nesting: a typed error, not a stack overflow.
        $deep = 'x';
        for ($i = 0; $i < 100000; $i++) {
            $deep = [$deep];
        }
        try {
            $client->pay(['paymentRequestId' => 'deep-1', 'x' => $deep]);
            $this->fail('expected InvalidInputException');
        } catch (Antom\InvalidInputException $e) {
            $this->assertStringContainsString('nested deeper', $e->getMessage());
        }
        foreach (['not json', str_repeat(' ', 2 * 1024 * 1024)] as $body) {
            try {
                $client->call('payments.pay', $body);
                $this->fail('expected InvalidInputException');
            } catch (Antom\InvalidInputException $e) {
                $this->assertSame('INVALID_INPUT', $e->getKind());
            }
        }
        try {
            $client->pay(['blob' => str_repeat('x', 2 * 1024 * 1024)]);
            $this->fail('2 MiB array body');
        } catch (Antom\InvalidInputException $e) {
            $this->assertStringContainsString('limit', $e->getMessage());
        }
        try {
            new Antom\Client(['clientId' => 'C', 'privateKey' => 'garbage', 'antomPublicKey' => 'x']);
            $this->fail('bad key');
        } catch (Antom\InvalidKeyException $e) {
            $this->assertSame('INVALID_KEY', $e->getKind());
        }
        try {
            self::$sim->client(['gatewayUrl' => 'http://example.com']);
            $this->fail('plain http');
        } catch (Antom\InvalidInputException $e) {
            $this->assertStringContainsString('loopback', $e->getMessage());
        }
        try {
            self::$sim->client(['bogus' => 1]);
            $this->fail('unknown option');
        } catch (Antom\InvalidInputException $e) {
            $this->assertStringContainsString('bogus', $e->getMessage());
        }
        // Enormous timeouts are typed errors (now + timeout used to overflow the clock).
        foreach ([1e19, INF, 7200.0] as $bad) {
            try {
                self::$sim->client(['timeout' => $bad]);
                $this->fail('timeout ' . $bad);
            } catch (Antom\InvalidInputException $e) {
                $this->assertSame('INVALID_INPUT', $e->getKind());
            }
        }
        try {
            $client->inquirePaymentUntilFinal('x', 1e19);
            $this->fail('polling timeout');
        } catch (Antom\InvalidInputException $e) {
            $this->assertSame('INVALID_INPUT', $e->getKind());
        }
        $this->expectException(TypeError::class);
        $client->call('payments.pay', 42);
    }

    public function testVarDumpShowsNoKeyMaterial(): void
    {
        $client = self::$sim->client();
        ob_start();
        var_dump($client);
        print_r($client);
        $out = ob_get_clean();
        $this->assertStringContainsString(self::$sim->info['client_id'], $out);
        $key = str_replace(["\n", '-----BEGIN PRIVATE KEY-----', '-----END PRIVATE KEY-----'], '', file_get_contents(self::$sim->info['merchant_private_key_file']));
        for ($i = 0; $i + 16 < strlen($key); $i += 16) {
            $this->assertStringNotContainsString(substr($key, $i, 16), $out);
        }
    }

    public function testTheClientSurvivesFork(): void
    {
        $client = self::$sim->client();
        $this->assertTrue($client->pay(pay_body('fork-parent'))->verified);
        $pid = pcntl_fork();
        if ($pid === 0) {
            $ok = $client->pay(pay_body('fork-child'))->verified;
            posix_kill(posix_getpid(), $ok ? SIGUSR1 : SIGUSR2);
            exit($ok ? 0 : 1);
        }
        pcntl_waitpid($pid, $status);
        $this->assertTrue(pcntl_wifsignaled($status) ? pcntl_wtermsig($status) === SIGUSR1 : pcntl_wexitstatus($status) === 0);
        $this->assertSame('PROCESSING', $client->inquiryPayment(['paymentRequestId' => 'fork-child'])->data['paymentStatus']);
    }

    private static function lastRequest(): array
    {
        $requests = self::$sim->get('/sim/requests')['requests'];
        return $requests[count($requests) - 1];
    }

    public function testRequestOptionsApplyToOneCall(): void
    {
        $client = self::$sim->client();
        $r = $client->pay(pay_body('php-ro-1'), ['headers' => ['X-Trace-Id' => 'php-1'], 'timeout' => 5.0, 'maxRetries' => 1]);
        $this->assertTrue($r->verified);
        $last = self::lastRequest();
        $this->assertStringEndsWith('/payments/pay', $last['path']);
        $this->assertSame('php-1', $last['headers']['x-trace-id']);
        $client->inquiryPayment(['paymentRequestId' => 'php-ro-1']);
        $last = self::lastRequest();
        $this->assertArrayNotHasKey('x-trace-id', $last['headers']);
        $started = microtime(true);
        try {
            $client->pay(pay_body('php-ro-2', '9902'), ['timeout' => 0.3, 'maxRetries' => 0]);
            $this->fail('9902 with a per-call timeout');
        } catch (Antom\OutcomeUnknownException $e) {
            $this->assertSame('php-ro-2', $e->getIdempotencyKey());
        }
        $this->assertLessThan(1.4, microtime(true) - $started);
        $this->assertTrue($client->call('payments.inquiryPayment', ['paymentRequestId' => 'php-ro-1'], ['headers' => ['X-B' => '2']])->verified);
        $this->assertSame('2', self::lastRequest()['headers']['x-b']);
    }

    public function testBadRequestOptionsAreTypedErrors(): void
    {
        $client = self::$sim->client();
        $cases = [
            [['headers' => ['Signature' => 'forged']], 'signature header is set by the SDK'],
            [['headers' => ['Client-Id' => 'other']], 'client-id header is set by the SDK'],
            [['headers' => ['X-A' => "a\r\nInjected: 1"]], 'x-a header value'],
            [['maxRetries' => 1.5], 'maxRetries must be a whole number'],
            [['timeout' => 0], 'timeout must be a number of seconds greater than 0'],
            [['retries' => 1], "unknown call option 'retries'"],
        ];
        foreach ($cases as [$bad, $says]) {
            try {
                $client->inquiryPayment(['paymentRequestId' => 'php-ro-1'], $bad);
                $this->fail('accepted ' . json_encode($bad));
            } catch (Antom\InvalidInputException $e) {
                $this->assertStringContainsString($says, $e->getMessage());
            }
        }
    }

    public function testProductImagesUploadFromBytesAndFiles(): void
    {
        $client = self::$sim->client(['uploadUrl' => self::$sim->info['url']]);
        $image = str_repeat("\x89PNG\0\xff", 20000);
        $r = $client->uploadProductImage('prod-1', $image, 'tea.png');
        $this->assertTrue($r->verified);
        $this->assertSame('S', $r->resultStatus);
        $this->assertSame(hash('sha256', $image), $r->data['fileSha256']);
        $last = self::lastRequest();
        $this->assertStringStartsWith('multipart/form-data; boundary=', $last['headers']['content-type']);
        $this->assertGreaterThan(2 * strlen($image), $last['bodyBytes']);
        $file = tempnam(sys_get_temp_dir(), 'antom-img');
        file_put_contents($file, $image);
        try {
            $this->assertSame(hash('sha256', $image), $client->uploadProductImageFile('prod-1', $file)->data['fileSha256']);
        } finally {
            unlink($file);
        }
        try {
            $client->uploadProductImage('prod-1', str_repeat("\0", 2 * 1024 * 1024 + 1));
            $this->fail('an image over 2 MiB');
        } catch (Antom\InvalidInputException $e) {
            $this->assertStringContainsString('2 MiB', $e->getMessage());
        }
        try {
            self::$sim->client()->uploadProductImage('prod-1', $image);
            $this->fail('no upload gateway');
        } catch (Antom\InvalidInputException $e) {
            $this->assertStringContainsString('upload_url', $e->getMessage());
        }
    }

    public function testUsageEventsGoOverHttp2InASession(): void
    {
        $client = self::$sim->client();
        $session = $client->meterCreateSession(['requestId' => 'php-meter-1']);
        $this->assertTrue($session->verified);
        $id = $session->data['sessionId'];
        $batch = new Antom\Models\MeterUploadEventRequest(meters: [new Antom\Models\MeterEventBatch(
            eventName: 'api_calls',
            events: [new Antom\Models\Event(eventTimestamp: 1700000000000, idempotencyKey: 'php-ev-1')],
        )]);
        $r = $client->uploadMeterEvents($id, $batch);
        $this->assertSame(['S', false, 1], [$r->resultStatus, $r->verified, $r->attempts]);
        $last = self::lastRequest();
        $this->assertSame('HTTP/2.0', $last['httpVersion']);
        $this->assertSame($id, $last['headers']['x-session-id']);
        $this->assertArrayNotHasKey('signature', $last['headers']);
        $this->assertSame('SESSION_INVALID', $client->uploadMeterEvents('SIMSESSION-forged', ['meters' => []])->resultCode);
        $this->expectException(Antom\InvalidInputException::class);
        $client->uploadMeterEvents("s\r\nX-Injected: 1", ['meters' => []]);
    }
}
