<?php
// Runs tests/errors.json, the error table every binding shares: each row's error must surface as
// its family's exception class, with its kind and fields.
declare(strict_types=1);

use PHPUnit\Framework\TestCase;

final class ErrorTableTest extends TestCase
{
    private static Sim $sim;
    private static array $table;

    public static function setUpBeforeClass(): void
    {
        self::$sim = new Sim();
        self::$table = json_decode(file_get_contents(ANTOM_ROOT . '/tests/errors.json'), true);
    }

    public static function tearDownAfterClass(): void
    {
        self::$sim->stop();
    }

    private static function closedPort(): int
    {
        $s = stream_socket_server('tcp://127.0.0.1:0');
        $name = stream_socket_get_name($s, false);
        fclose($s);
        return (int) substr($name, strrpos($name, ':') + 1);
    }

    private function trigger(array $c, int $n): void
    {
        switch ($c['trigger']) {
            case 'sign_bad_key':
                Antom\Signature::signRequest('garbage', 'POST', '/p', 'C1', '1', '{}');
                return;
            case 'verify_bad_header':
                Antom\Signature::verify(file_get_contents(VECTORS . '/test_public_spki.pem'), 'POST', '/p', 'C1', '1', '{}', 'algorithm=RSA512,signature=abc');
                return;
            case 'call_unknown_endpoint':
                self::$sim->client()->call('no.such.endpoint', []);
                return;
            case 'inquiry_closed_port':
                self::$sim->client(['gatewayUrl' => 'http://127.0.0.1:' . self::closedPort(), 'maxRetries' => 0])
                    ->inquiryPayment(['paymentRequestId' => 'x']);
                return;
            case 'inquiry_fault':
                self::$sim->post('/sim/faults', ['path' => 'payments/inquiryPayment', 'code' => $c['fault']]);
                $extra = isset($c['timeout_ms']) ? ['timeout' => $c['timeout_ms'] / 1000] : [];
                self::$sim->client(['maxRetries' => 0] + $extra)->inquiryPayment(['paymentRequestId' => 'x']);
                return;
            case 'pay_fault':
                self::$sim->client(['maxRetries' => 0])->pay(pay_body("et-php-$n", (string) $c['fault']));
                return;
        }
        $this->fail('unknown trigger ' . $c['trigger']);
    }

    public function testEveryRowOfTheSharedErrorTable(): void
    {
        foreach (self::$table['cases'] as $n => $c) {
            $expected = self::$table['classes']['php'][self::$table['families'][$c['kind']]];
            try {
                $this->trigger($c, $n);
                $this->fail($c['kind'] . ': nothing was thrown');
            } catch (Antom\AntomException $e) {
                $this->assertSame($expected, get_class($e), $c['kind']);
                $this->assertSame($c['kind'], $e->getKind());
                $this->assertSame($c['outcome_unknown'], $e->isOutcomeUnknown(), $c['kind']);
                if (isset($c['http_status'])) {
                    $this->assertSame($c['http_status'], $e->getHttpStatus(), $c['kind']);
                }
                if (!empty($c['idempotency_key'])) {
                    $this->assertSame("et-php-$n", $e->getIdempotencyKey(), $c['kind']);
                }
            }
        }
    }
}
