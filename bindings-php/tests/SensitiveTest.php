<?php
// An antom exception points at the caller (file, line, trace) like the engine's own, and its key
// arguments and options arrays never reach the trace, even with
// zend.exception_ignore_args=0 (PHP's development setting, and what error trackers read through
// getTrace()). Run in a child PHP started with that setting, so the whole request sees it.
declare(strict_types=1);

use PHPUnit\Framework\TestCase;

final class SensitiveTest extends TestCase
{
    private const SCRIPT = <<<'PHP'
<?php
$pem = file_get_contents($argv[1]);
$broken = substr($pem, 0, 400) . "\0" . substr($pem, 400);
$out = [];
$keep = function (Throwable $e) use (&$out) {
    $out[] = get_class($e) . "\n" . (string) $e . "\n" . var_export($e->getTrace(), true) . "\n" . print_r($e->getTrace(), true);
};
try { Antom\Signature::signRequest($broken, 'POST-MARKER', '/p', 'C1', 't', '{}'); } catch (Throwable $e) { $keep($e); }
try { new Antom\Client(['clientId' => 'C1', 'privateKey' => $pem, 'antomPublicKey' => 'not a key', 'agentToken' => 'AGENT-SECRET']); } catch (Throwable $e) { $keep($e); }
try {
    $c = new Antom\Client(['clientId' => 'C1', 'privateKey' => $pem, 'antomPublicKey' => file_get_contents($argv[2]), 'gatewayUrl' => 'http://127.0.0.1:9', 'maxRetries' => 0]);
    $c->inquiryPayment(['paymentRequestId' => 'ORDER-MARKER'], ['headers' => ['Agent-Token' => 'PER-CALL-SECRET'], 'timeout' => -1]);
} catch (Throwable $e) { $keep($e); }
echo implode("\n=====\n", $out);
PHP;

    public function testKeysAndOptionsAreSensitiveParametersInEveryTrace(): void
    {
        $script = tempnam(sys_get_temp_dir(), 'antom-sensitive-');
        file_put_contents($script, self::SCRIPT);
        $ext = getenv('ANTOM_EXTENSION') ?: ANTOM_ROOT . '/target/debug/libantom.so';
        $cmd = [PHP_BINARY, '-n', '-d', 'extension=' . $ext, '-d', 'zend.exception_ignore_args=0', $script,
            VECTORS . '/test_private_merchant_pkcs8.pem', VECTORS . '/test_public_spki.pem'];
        $proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        $shown = stream_get_contents($pipes[1]);
        $errors = stream_get_contents($pipes[2]);
        proc_close($proc);
        unlink($script);

        $this->assertSame(2, substr_count($shown, "\n=====\n"), "three exceptions were caught: $shown $errors");
        // The exceptions point at the caller's line, and their traces carry arguments (this
        // setting is on): the other ones are shown.
        $this->assertStringContainsString("in $script:8", $shown);
        $this->assertStringContainsString("#0 $script(8): Antom\\Signature::signRequest(Object(SensitiveParameterValue), 'POST-MARKER'", $shown);
        $this->assertStringContainsString('POST-MARKER', $shown);
        $this->assertStringContainsString('ORDER-MARKER', $shown);
        // The key text and the options arrays are replaced.
        $this->assertStringContainsString('SensitiveParameterValue', $shown);
        $pem = file_get_contents(VECTORS . '/test_private_merchant_pkcs8.pem');
        foreach (explode("\n", $pem) as $line) {
            if ($line !== '' && !str_starts_with($line, '-----')) {
                $this->assertStringNotContainsString(substr($line, 0, 20), $shown, 'key text in a trace');
            }
        }
        $this->assertStringNotContainsString('AGENT-SECRET', $shown);
        $this->assertStringNotContainsString('PER-CALL-SECRET', $shown);
    }
}
