<?php
// Runs tests/hostile.json, the hostile-input table every binding shares: each bad input is a
// typed exception of its row's kind (TypeError for a wrong type), thrown at once, with no key
// text in its message.
declare(strict_types=1);

use PHPUnit\Framework\TestCase;

final class HostileTest extends TestCase
{
    private static function closedPort(): int
    {
        $s = stream_socket_server('tcp://127.0.0.1:0');
        $name = stream_socket_get_name($s, false);
        fclose($s);
        return (int) substr($name, strrpos($name, ':') + 1);
    }

    private static function pem(): string
    {
        return file_get_contents(VECTORS . '/test_private_pkcs8.pem');
    }

    /** The row's input as PHP has it: a (byte) string, a number or nested arrays. */
    private static function value(array $spec)
    {
        if (array_key_exists('text', $spec)) {
            return $spec['text'];
        }
        if (isset($spec['bytes_hex'])) {
            return hex2bin($spec['bytes_hex']);
        }
        if (isset($spec['repeat'])) {
            return ($spec['prefix'] ?? '') . str_repeat($spec['repeat'], $spec['times']) . ($spec['suffix'] ?? '');
        }
        if (isset($spec['nested_text'])) {
            return '{"x":' . str_repeat('[', $spec['nested_text']) . str_repeat(']', $spec['nested_text']) . '}';
        }
        if (isset($spec['nested'])) {
            $deep = 'x';
            for ($i = 0; $i < $spec['nested']; $i++) {
                $deep = [$deep];
            }
            return $deep;
        }
        if (array_key_exists('number', $spec)) {
            return $spec['number'];
        }
        if (isset($spec['file'])) {
            return file_get_contents(VECTORS . '/' . $spec['file']);
        }
        if (isset($spec['test_key_insert'])) {
            $pem = self::pem();
            $mid = intdiv(strlen($pem), 2);
            return substr($pem, 0, $mid) . $spec['test_key_insert'] . substr($pem, $mid);
        }
        throw new LogicException('unknown input ' . json_encode($spec));
    }

    private static function client(array $extra = []): Antom\Client
    {
        return new Antom\Client($extra + [
            'clientId' => 'C1',
            'privateKey' => file_get_contents(VECTORS . '/test_private_merchant_pkcs8.pem'),
            'antomPublicKey' => file_get_contents(VECTORS . '/test_public_spki.pem'),
            'gatewayUrl' => 'http://127.0.0.1:' . self::closedPort(),
            'maxRetries' => 0,
        ]);
    }

    private static function run_row(array $row): void
    {
        $spec = $row['input'];
        $v = self::value($spec);
        switch ($row['op']) {
            case 'sign':
                Antom\Signature::signRequest($v, 'POST', '/p', 'C1', 't', '{}');
                return;
            case 'verify':
                Antom\Signature::verify(file_get_contents(VECTORS . '/test_public_spki.pem'), 'POST', '/p', 'C1', 't', '{}', $v);
                return;
            case 'notify':
                $headers = [];
                if (!empty($row['signed'])) {
                    $sig = Antom\Signature::signRequest(self::pem(), 'POST', '/notify', 'C1', 't', $v);
                    $headers = ['Client-Id' => 'C1', 'Request-Time' => 't', 'Signature' => $sig];
                }
                self::client()->verifyNotification('/notify', $headers, $v);
                return;
            case 'call':
                if (!empty($spec['field'])) {
                    $v = ['paymentRequestId' => 'big', 'x' => $v];
                } elseif (isset($spec['nested'])) {
                    $v = ['paymentRequestId' => 'deep', 'x' => $v];
                }
                self::client()->call('payments.pay', $v);
                return;
            case 'call_header':
                self::client()->inquiryPayment(['paymentRequestId' => 'h'], ['headers' => ['X-Hostile' => $v]]);
                return;
            case 'call_timeout':
                self::client()->inquiryPayment(['paymentRequestId' => 't'], ['timeout' => $v]);
                return;
            case 'client_timeout':
                self::client(['timeout' => $v]);
                return;
            case 'client_antom_key':
                new Antom\Client(['clientId' => 'C1', 'privateKey' => file_get_contents(VECTORS . '/test_private_merchant_pkcs8.pem'), 'antomPublicKey' => $v]);
                return;
        }
        throw new LogicException('unknown op ' . $row['op']);
    }

    public function testEveryRowOfTheHostileTable(): void
    {
        $table = json_decode(file_get_contents(ANTOM_ROOT . '/tests/hostile.json'), true);
        $errors = json_decode(file_get_contents(ANTOM_ROOT . '/tests/errors.json'), true);
        $keyLines = array_filter(explode("\n", self::pem()), fn ($l) => $l !== '' && !str_starts_with($l, '-----'));
        foreach ($table['rows'] as $row) {
            $id = $row["id"];
            try {
                self::run_row($row);
                $this->fail("$id: accepted");
            } catch (Throwable $e) {
                if ($row['kind'] === 'TYPE') {
                    $this->assertInstanceOf(TypeError::class, $e, "$id: " . get_class($e) . ': ' . $e->getMessage());
                } else {
                    $class = $errors['classes']['php'][$errors['families'][$row['kind']]];
                    $this->assertSame($class, get_class($e), "$id: " . $e->getMessage());
                    $this->assertSame($row['kind'], $e->getKind(), $id);
                }
                if (isset($row['message'])) {
                    $this->assertStringContainsString($row['message'], $e->getMessage(), $id);
                }
                $shown = $e->getMessage() . ' ' . (string) $e;
                $this->assertLessThan(8000, strlen($shown), "$id: the message repeats the input");
                foreach ($keyLines as $line) {
                    $this->assertStringNotContainsString($line, $shown, "$id: key text in the error");
                }
            }
        }
    }
}
