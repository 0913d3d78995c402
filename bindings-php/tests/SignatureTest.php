<?php
declare(strict_types=1);

use PHPUnit\Framework\TestCase;

final class SignatureTest extends TestCase
{
    private static function privateForms(array $v): array
    {
        return [$v['keys']['private_pkcs8_base64'], $v['keys']['private_pkcs1_base64'],
            file_get_contents(VECTORS . '/test_private_pkcs8.pem'), file_get_contents(VECTORS . '/test_private_pkcs1.pem')];
    }

    public function testEverySignCaseFromEveryKeyForm(): void
    {
        $v = antom_vectors();
        foreach (self::privateForms($v) as $key) {
            foreach ($v['sign_cases'] as $c) {
                $this->assertSame($c['signature_header'], Antom\Signature::signRequest($key, $c['method'], $c['path'], $c['client_id'], $c['time'], $c['body']), $c['name']);
            }
        }
    }

    public function testEverySpellingVerifiesFromEveryPublicForm(): void
    {
        $v = antom_vectors();
        $forms = [$v['keys']['public_spki_base64'], file_get_contents(VECTORS . '/test_public_spki.pem'),
            file_get_contents(VECTORS . '/test_public_pkcs1.pem'), file_get_contents(VECTORS . '/test_cert.pem')];
        foreach ($forms as $key) {
            foreach ($v['sign_cases'] as $c) {
                foreach (['signature_header', 'signature_urlencoded', 'signature_urlencoded_dotnet_lowercase', 'signature_base64'] as $f) {
                    $this->assertTrue(Antom\Signature::verify($key, $c['method'], $c['path'], $c['client_id'], $c['time'], $c['body'], $c[$f]), "{$c['name']} $f");
                }
            }
        }
        foreach ($v['verify_must_fail'] as $c) {
            if (isset($c['content_override'])) {
                continue;
            }
            $this->assertFalse(Antom\Signature::verify($forms[0], $c['method'], $c['path'], $c['client_id'], $c['time'], $c['body'], $c['signature_urlencoded']), $c['name']);
        }
    }

    public function testHeaderParseCases(): void
    {
        $v = antom_vectors();
        $c = $v['sign_cases'][0];
        foreach ($v['header_parse_cases'] as $h) {
            if (isset($h['error'])) {
                try {
                    Antom\Signature::verify($v['keys']['public_spki_base64'], 'POST', $c['path'], $c['client_id'], $c['time'], $c['body'], $h['header']);
                    $this->fail('expected an exception for ' . $h['header']);
                } catch (Antom\InvalidInputException $e) {
                    $this->assertSame('INVALID_HEADER', $e->getKind());
                    $this->assertStringContainsString($h['error'], $e->getMessage());
                }
            } else {
                $this->assertTrue(Antom\Signature::verify($v['keys']['public_spki_base64'], 'POST', $c['path'], $c['client_id'], $c['time'], $c['body'], $h['header']));
            }
        }
    }

    public function testWrongKeyFormsAndTypes(): void
    {
        foreach (['test_public_spki.pem' => 'public key', 'test_private_encrypted.pem' => 'encrypted', 'test_ec_private.pem' => 'not RSA', 'test_rsa1024.pem' => 'RSA-1024'] as $file => $expect) {
            try {
                Antom\Signature::signRequest(file_get_contents(VECTORS . '/' . $file), 'POST', '/p', 'c', 't', '{}');
                $this->fail("expected InvalidKeyException for $file");
            } catch (Antom\InvalidKeyException $e) {
                $this->assertSame('INVALID_KEY', $e->getKind());
                $this->assertStringContainsString($expect, $e->getMessage());
                $this->assertStringNotContainsString('MII', $e->getMessage());
            }
        }
        $this->expectException(TypeError::class);
        Antom\Signature::signRequest(['not', 'a', 'key'], 'POST', '/p', 'c', 't', '{}');
    }

    public function testAMalformedPemArmourNeverPutsTheKeyInTheError(): void
    {
        $pem = file_get_contents(VECTORS . '/test_private_pkcs8.pem');
        $lines = explode("\n", trim($pem));
        $body = implode('', array_slice($lines, 1, -1));
        $broken = [
            str_replace('-----BEGIN PRIVATE KEY-----', '-----BEGIN PRIVATE KEY----', $pem),
            str_replace('-----BEGIN PRIVATE KEY-----', '-----BEGIN PRIVATE KEY', $pem),
            str_replace('-----END PRIVATE KEY-----', '-----END PRIVATE KEY', $pem),
        ];
        foreach ($broken as $b) {
            try {
                Antom\Signature::signRequest($b, 'POST', '/p', 'C', '1', '{}');
                $this->fail('a broken key was accepted');
            } catch (Antom\InvalidKeyException $e) {
                $text = preg_replace('/\s+/', '', $e->getMessage() . (string) $e);
                $leaked = false;
                for ($i = 0; $i + 16 <= strlen($body); $i++) {
                    if (str_contains($text, substr($body, $i, 16))) {
                        $leaked = true;
                        break;
                    }
                }
                // Say where, never what: the failure message must not print key text.
                $this->assertFalse($leaked, 'the error quotes the key');
            }
        }
    }

    public function testAMessageSignedForAnotherPathIsRefused(): void
    {
        $key = file_get_contents(VECTORS . '/test_private_pkcs8.pem');
        $client = new Antom\Client(['clientId' => 'M1', 'privateKey' => file_get_contents(VECTORS . '/test_private_merchant_pkcs8.pem'), 'antomPublicKey' => file_get_contents(VECTORS . '/test_public_spki.pem')]);
        $api = '/ams/api/v1/payments/inquiryPayment';
        $body = '{"notifyType":"PAYMENT_RESULT","paymentRequestId":"o1"}';
        $t = '2024-01-01T00:00:00Z';
        $headers = ['client-id' => 'M1', 'request-time' => $t, 'signature' => Antom\Signature::signRequest($key, 'POST', $api, 'M1', $t, $body)];
        $hostile = ["/antom/notify?next=https://x$api", "/antom/notify#https://x$api", "//x$api",
                    "https://shop.example/antom/notify?u=https://x$api", '/ams%2Fapi%2Fv1%2Fpayments%2FinquiryPayment', "?$api"];
        foreach ($hostile as $target) {
            try {
                $client->verifyNotification($target, $headers, $body);
                $this->fail("accepted: $target");
            } catch (Antom\AntomException $e) {
                $this->assertContains($e->getKind(), ['SIGNATURE_MISMATCH', 'INVALID_INPUT'], $target);
            }
        }
        $this->assertSame('PAYMENT_RESULT', $client->verifyNotification($api, $headers, $body)->kind);
    }

    public function testTheAckIsExact(): void
    {
        $this->assertSame('{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}', Antom\Notification::ACK);
    }

    public function testTheStubMatchesTheExtension(): void
    {
        $stub = file_get_contents(__DIR__ . '/../antom.stub.php');
        // Each class under the namespace declared before it; its body up to its closing brace.
        preg_match_all('/^namespace\s+([\w\\\\]+);|^\s*(?:final\s+)?class\s+(\w+)\b[^{]*\{(.*?)\n\}/ms', $stub, $items, PREG_SET_ORDER);
        $namespace = '';
        $bodies = [];
        foreach ($items as $m) {
            if ($m[1] !== '') {
                $namespace = $m[1];
            } else {
                $bodies[$namespace . '\\' . $m[2]] = $m[3];
            }
        }
        $declared = array_keys($bodies);
        $actual = array_values(array_filter(get_declared_classes(), fn ($c) => str_starts_with($c, 'Antom\\') && !str_starts_with($c, 'Antom\\Models\\')));
        sort($declared);
        sort($actual);
        $this->assertSame($actual, $declared, 'classes');
        $this->assertContains('Antom\\Testing\\Simulator', $actual);
        foreach ($actual as $class) {
            $r = new ReflectionClass($class);
            $own = array_map(fn ($m) => $m->getName(), array_filter($r->getMethods(), fn ($m) => $m->getDeclaringClass()->getName() === $class));
            preg_match_all('/function\s+(\w+)\s*\(([^)]*)\)/', $bodies[$class], $fns, PREG_SET_ORDER);
            $expected = array_map(fn ($f) => $f[1], $fns);
            sort($own);
            sort($expected);
            $this->assertSame($own, $expected, "methods of $class");
            // Parameter names too: PHP 8 callers pass arguments by name.
            foreach ($fns as $f) {
                preg_match_all('/\$(\w+)/', $f[2], $params);
                $names = array_map(fn ($p) => $p->getName(), $r->getMethod($f[1])->getParameters());
                $this->assertSame($names, $params[1], "parameters of $class::{$f[1]}");
            }
        }
    }
}
