<?php
declare(strict_types=1);

use Antom\Diagnostics;
use Antom\Testing\Simulator;
use PHPUnit\Framework\TestCase;

/** Antom\Diagnostics::onAttempt against the in-process simulator: one event per attempt (a
 * retried 500 gives two), no body, header value, signature or key in any, a throwing listener a
 * warning that leaves the call alone, null to stop. */
final class DiagnosticsTest extends TestCase
{
    protected function tearDown(): void
    {
        Diagnostics::onAttempt(null);
    }

    public function testOneEventPerAttemptAndNothingSecret(): void
    {
        $sim = new Simulator();
        $client = $sim->client();
        $events = [];
        Diagnostics::onAttempt(function (array $e) use (&$events) {
            $events[] = $e;
        });
        $sim->armFault('/payments/pay', 9905);
        $card = '4111111111111111';
        $pay = $client->pay(['paymentRequestId' => 'php-log-1', 'productCode' => 'CASHIER_PAYMENT',
            'paymentAmount' => ['currency' => 'USD', 'value' => '1000'],
            'paymentMethod' => ['paymentMethodType' => 'CARD', 'paymentMethodMetaData' => ['cardNo' => $card]]]);
        $this->assertSame('U', $pay->resultStatus);
        $this->assertCount(2, $events);
        [$first, $second] = $events;
        $this->assertSame(['POST', 1, 500, true], [$first['method'], $first['attempt'], $first['httpStatus'], $first['willRetry']]);
        $this->assertStringEndsWith('/v1/payments/pay', $first['path']);
        $this->assertSame([2, 200, 'U', 'php-log-1', false], [$second['attempt'], $second['httpStatus'], $second['resultStatus'], $second['idempotencyKey'], $second['willRetry']]);
        $this->assertIsInt($second['latencyMs']);
        $text = json_encode($events);
        $key = file_get_contents($sim->info()['merchant_private_key_file']);
        $keyBody = preg_replace('/-----[^-]+-----|\s/', '', $key);
        $this->assertStringNotContainsString($card, $text);
        $this->assertStringNotContainsString(substr($keyBody, 40, 40), $text);
        $this->assertStringNotContainsString('signature=', $text);

        // A listener that throws: a warning, and the call's answer is the call's.
        Diagnostics::onAttempt(function (array $e) {
            throw new RuntimeException('listener bug');
        });
        $warnings = [];
        set_error_handler(function (int $no, string $msg) use (&$warnings) {
            $warnings[] = $msg;
            return true;
        });
        try {
            $r = $client->inquiryPayment(['paymentRequestId' => 'php-log-1']);
        } finally {
            restore_error_handler();
        }
        $this->assertTrue($r->verified);
        $this->assertCount(1, $warnings);
        $this->assertStringContainsString('listener threw', $warnings[0]);

        // A listener may stop the events itself, from inside a delivery.
        $calls = 0;
        Diagnostics::onAttempt(function (array $e) use (&$calls) {
            $calls++;
            Diagnostics::onAttempt(null);
        });
        $warnings = [];
        set_error_handler(function (int $no, string $msg) use (&$warnings) {
            $warnings[] = $msg;
            return true;
        });
        try {
            $client->inquiryPayment(['paymentRequestId' => 'php-log-1']);
            $client->inquiryPayment(['paymentRequestId' => 'php-log-1']);
        } finally {
            restore_error_handler();
        }
        $this->assertSame([1, []], [$calls, $warnings]);

        Diagnostics::onAttempt(null);
        $events = [];
        $client->inquiryPayment(['paymentRequestId' => 'php-log-1']);
        $this->assertSame([], $events);
        $sim->stop();
    }

    /** exit() inside a listener ends the script, as it asked: the library does not take PHP's
     * unwinding for a listener bug and carry on. Run in its own process. */
    public function testExitInAListenerEndsTheScript(): void
    {
        $script = tempnam(sys_get_temp_dir(), 'antom-exit-');
        file_put_contents($script, <<<'PHP'
<?php
$sim = new Antom\Testing\Simulator();
Antom\Diagnostics::onAttempt(function (array $e) {
    echo "listener\n";
    exit(7);
});
$sim->client()->inquiryPayment(['paymentRequestId' => 'php-exit-1']);
echo "after the call\n";
PHP);
        $ext = getenv('ANTOM_EXTENSION') ?: ANTOM_ROOT . '/target/debug/libantom.so';
        $proc = proc_open([PHP_BINARY, '-n', '-d', 'extension=' . $ext, $script], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        $code = proc_close($proc);
        unlink($script);
        $this->assertSame(7, $code, "$out $err");
        $this->assertSame("listener\n", $out, $err);
    }

    public function testOnlyACallableOrNull(): void
    {
        $this->expectException(TypeError::class);
        Diagnostics::onAttempt('no such function here');
    }
}
