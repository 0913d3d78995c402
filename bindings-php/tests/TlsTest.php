<?php
// The simulator over HTTPS: the client trusts its local CA only through `caCertificate`
// (certificates are always checked), and a whole payment runs over rustls.
declare(strict_types=1);

use PHPUnit\Framework\TestCase;

final class TlsTest extends TestCase
{
    public function testAPaymentOverHttpsTrustingOnlyTheSimulatorsCa(): void
    {
        $sim = new Sim(['--tls']);
        try {
            $this->assertStringStartsWith('https://127.0.0.1:', $sim->info['url']);
            try {
                $sim->client(['maxRetries' => 0])->pay(pay_body('php-tls-0'));
                $this->fail('a certificate from an unknown CA was accepted');
            } catch (Antom\TransportException $e) {
                $this->assertFalse($e->isOutcomeUnknown());
            }
            $client = $sim->client(['caCertificate' => file_get_contents($sim->info['ca_certificate_file'])]);
            $r = $client->pay(pay_body('php-tls-1'));
            $this->assertTrue($r->verified);
            $this->assertSame('PAYMENT_IN_PROCESS', $r->resultCode);
            $this->assertStringStartsWith('https://127.0.0.1:', $r->data['normalUrl']);
            $done = $sim->post('/sim/payments/' . $r->data['paymentId'] . '/complete');
            $this->assertSame('SUCCESS', $done['paymentStatus']);
            $final = $client->inquirePaymentUntilFinal('php-tls-1', 5.0);
            $this->assertTrue($final->verified);
            $this->assertSame('SUCCESS', $final->data['paymentStatus']);
            $refund = $client->refund(['refundRequestId' => 'php-tls-r-1', 'paymentId' => $r->data['paymentId'],
                'refundAmount' => ['currency' => 'USD', 'value' => '1000']]);
            $this->assertTrue($refund->verified && $refund->isSuccess);
        } finally {
            $sim->stop();
        }
    }
}
