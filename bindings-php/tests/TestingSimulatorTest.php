<?php
declare(strict_types=1);

use Antom\Testing\Simulator;
use PHPUnit\Framework\TestCase;

/** Antom\Testing\Simulator as a merchant's own suite uses it: a whole pay / notify / refund flow
 * against the simulator in this process (the webhook is Antom\Webhook::handle under `php -S`),
 * a fault left unknown and settled by inquiry, typed errors for bad controls and options. */
final class TestingSimulatorTest extends TestCase
{
    private static function order(string $id, ?string $notify = null): array
    {
        $o = ['paymentRequestId' => $id, 'productCode' => 'CASHIER_PAYMENT',
            'paymentAmount' => ['currency' => 'USD', 'value' => Antom\Amounts::toMinorUnits('USD', '19.99')],
            'paymentMethod' => ['paymentMethodType' => 'ALIPAY_CN']];
        if ($notify !== null) {
            $o['paymentNotifyUrl'] = $notify;
        }
        return $o;
    }

    public function testAWholeFlowInProcess(): void
    {
        $sim = new Simulator();
        $this->assertMatchesRegularExpression('#^http://127\.0\.0\.1:\d+$#', $sim->url());
        $log = sys_get_temp_dir() . '/antom-simhook-' . bin2hex(random_bytes(6));
        $sock = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) substr(strrchr(stream_socket_get_name($sock, false), ':'), 1);
        fclose($sock);
        $env = ['ANTOM_SIM_INFO' => json_encode($sim->info()), 'ANTOM_HOOK_LOG' => $log];
        $proc = proc_open([PHP_BINARY, '-d', 'extension=' . getenv('ANTOM_EXTENSION'), '-S', "127.0.0.1:$port",
            __DIR__ . '/webhook_sim_router.php'],
            [1 => ['file', '/dev/null', 'a'], 2 => ['file', '/dev/null', 'a']], $pipes, null, $env + getenv());
        for ($i = 0; $i < 100 && !@fsockopen('127.0.0.1', $port); $i++) {
            usleep(50000);
        }
        try {
            $client = $sim->client();
            $pay = $client->pay(self::order('php-t-1', "http://127.0.0.1:$port/antom/notify"));
            $this->assertSame(['U', true], [$pay->resultStatus, $pay->verified]);
            $paymentId = $pay->data->paymentId;
            $this->assertSame('PROCESSING', $sim->payment($paymentId)['paymentStatus']);
            $this->assertSame(['paymentId' => $paymentId, 'paymentStatus' => 'SUCCESS'], $sim->complete($paymentId));
            for ($i = 0; $i < 250 && !array_filter($sim->deliveries(), fn ($d) => $d['acked']); $i++) {
                usleep(20000);
            }
            $this->assertNotEmpty(array_filter($sim->deliveries(), fn ($d) => $d['acked']), 'acked');
            $seen = array_map(fn ($l) => json_decode($l, true), file($log));
            $this->assertSame(['kind' => 'PAYMENT_RESULT', 'model' => 'Antom\Models\PayResultNotify', 'paymentRequestId' => 'php-t-1'], $seen[0]);
            $refund = $client->refund(['refundRequestId' => 'php-t-1-r', 'paymentId' => $paymentId,
                'refundAmount' => ['currency' => 'USD', 'value' => '500']]);
            $this->assertSame(['S', true], [$refund->resultStatus, $refund->verified]);
            $this->assertSame('500', $sim->payment($paymentId)['refunded']);
        } finally {
            proc_terminate($proc);
            proc_close($proc);
            @unlink($log);
            $sim->stop();
        }
    }

    public function testAFaultLeavesTheOutcomeUnknownAndBadInputIsTyped(): void
    {
        $sim = new Simulator(['audit' => true]);
        $this->assertSame(['path' => '/payments/pay', 'code' => 9901, 'count' => 1], $sim->armFault('/payments/pay', 9901));
        $pay = $sim->client()->pay(self::order('php-t-2'));
        $this->assertSame(['U', 'UNKNOWN_EXCEPTION'], [$pay->resultStatus, $pay->resultCode]);
        $inq = $sim->client()->inquiryPayment(['paymentRequestId' => 'php-t-2']);
        $this->assertTrue($inq->verified);
        $sim->armFault('/payments/pay', 9905);
        try {
            $sim->client(['maxRetries' => 0])->pay(self::order('php-t-3'));
            $this->fail('a 500 on a pay must not pass');
        } catch (Antom\OutcomeUnknownException $e) {
            $this->assertSame('php-t-3', $e->getIdempotencyKey());
        }
        $this->assertTrue($sim->audit()['audit']);
        try {
            $sim->complete('nope');
            $this->fail('no such payment');
        } catch (Antom\InvalidInputException $e) {
            $this->assertStringContainsString('no such payment', $e->getMessage());
        }
        $sim->stop();
        $this->expectException(Antom\InvalidInputException::class);
        $sim->deliveries();
    }

    public function testBadOptionsAreTyped(): void
    {
        $this->expectException(Antom\InvalidInputException::class);
        $this->expectExceptionMessage('timeScale');
        new Simulator(['timeScale' => -1]);
    }
}
