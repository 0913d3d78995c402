<?php
// The generated models (models/src, embedded in the extension, which loads each on first use:
// no require here): every shared sample round-trips, construction is by named arguments, a
// model is accepted as a request body and a typed method's data is its response model.
declare(strict_types=1);

use Antom\Models\{Amount, PaymentMethod, PayRequest, PayResponse, ProductCodeType};
use PHPUnit\Framework\TestCase;

final class ModelsTest extends TestCase
{
    public function testEverySampleRoundTrips(): void
    {
        $text = file_get_contents(ANTOM_ROOT . '/tests/models/samples.json');
        $arrays = json_decode($text, true)['samples'];
        $objects = json_decode($text)->samples; // keeps {} apart from []
        $this->assertCount(641, $arrays);
        foreach ($arrays as $name => $sample) {
            $class = 'Antom\\Models\\' . $name;
            $this->assertTrue(class_exists($class), $name);
            $typed = $class::fromArray($sample);
            // Parity with the schema: every field of the sample (each of the type's fields) is typed.
            $this->assertSame([], $typed->extra, "$name: untyped fields");
            $this->assertEquals($objects->{$name}, json_decode(json_encode($typed)), $name);
        }
    }

    public function testNamedArgumentsAndTheWireForm(): void
    {
        $req = new PayRequest(
            paymentRequestId: 'o-1',
            paymentAmount: new Amount(currency: 'USD', value: '1000'),
            productCode: ProductCodeType::CASHIER_PAYMENT,
        );
        $this->assertSame(
            ['paymentAmount' => ['currency' => 'USD', 'value' => '1000'], 'paymentRequestId' => 'o-1', 'productCode' => 'CASHIER_PAYMENT'],
            $req->toArray()
        );
        $this->expectException(\Error::class);
        new Amount(curency: 'USD');
    }

    public function testAValueOfTheOtherFormIsKeptAsReceived(): void
    {
        // One official SDK types a tax amount as an Amount, two as a string: both parse.
        $typed = Antom\Models\TaxBreakdown::fromArray(['taxAmount' => ['currency' => 'USD', 'value' => '10'], 'taxRate' => '0.1']);
        $this->assertSame('10', $typed->taxAmount->value);
        $plain = Antom\Models\TaxBreakdown::fromArray(['taxAmount' => '10.00', 'taxRate' => '0.1', 'inclusive' => 'yes']);
        $this->assertNull($plain->taxAmount);
        $this->assertSame('0.1', $plain->taxRate);
        $this->assertEquals(['taxAmount' => '10.00', 'inclusive' => 'yes'], $plain->extra);
        $this->assertEquals(['taxAmount' => '10.00', 'taxRate' => '0.1', 'inclusive' => 'yes'], $plain->toArray());
    }

    public function testUnknownFieldsAreKept(): void
    {
        $r = PayResponse::fromArray(['paymentId' => 'p', 'brandNew' => ['a' => 1]]);
        $this->assertSame('p', $r->paymentId);
        $this->assertSame(['a' => 1], $r->extra['brandNew']);
        $this->assertSame(['brandNew' => ['a' => 1], 'paymentId' => 'p'], $r->toArray());
    }

    public function testATypedPayThroughTheSimulator(): void
    {
        $sim = new Sim();
        $client = $sim->client();
        $r = $client->pay(new PayRequest(
            paymentRequestId: 'php-typed-1',
            paymentAmount: new Amount(currency: 'USD', value: '1000'),
            productCode: ProductCodeType::CASHIER_PAYMENT,
            paymentMethod: new PaymentMethod(paymentMethodType: 'ALIPAY_CN'),
        ));
        $this->assertTrue($r->verified);
        $paid = $r->data;
        $this->assertInstanceOf(PayResponse::class, $paid);
        $this->assertNotNull($paid->paymentId);
        $this->assertSame('1000', $paid->paymentAmount->value);
        // Array-style reads, as before the models: the same values.
        $this->assertSame($paid->paymentId, $r->data['paymentId']);
        $this->assertSame('1000', $r->data['paymentAmount']['value']);
        $this->assertTrue(isset($r->data['paymentAmount']));
        $this->assertFalse(isset($r->data['noSuchField']));
        // Parsed once: the same object at every read, so a change to it stays.
        $this->assertSame($r->data, $r->data);
        $this->assertSame(['paymentRequestId' => 'php-typed-1'], array_intersect_key(iterator_to_array($r->data), ['paymentRequestId' => 1]));
        $this->assertSame(0, $sim->stop());
    }

    /** tests/models/endpoints.json: every typed method against the simulator; the reply is
     * verified, parses into the endpoint's response class and writes the same JSON back. */
    public function testEveryTypedMethodParsesTheSimulatorsReply(): void
    {
        $methods = json_decode(file_get_contents(ANTOM_ROOT . '/tests/models/endpoints.json'), true)['methods'];
        $this->assertCount(167, $methods);
        $sim = new Sim();
        $client = $sim->client();
        foreach ($methods as $e) {
            $r = $client->{$e['camel']}($e['body']);
            $this->assertTrue($r->verified, $e['endpoint']);
            if (!$e['lifecycle']) {
                $this->assertSame('S', $r->resultStatus, $e['endpoint'] . ': ' . $r->raw);
            }
            $class = 'Antom\\Models\\' . $e['response'];
            $typed = $r->data;
            $this->assertInstanceOf($class, $typed, $e['endpoint']);
            $this->assertSame([], $typed->extra, $e['endpoint'] . ': untyped fields');
            $this->assertEquals(json_decode($r->raw), json_decode(json_encode($typed)), $e['endpoint']);
        }
        $this->assertSame(0, $sim->stop());
    }

    public function testNestedModelsEmptyOrInArraysAreSentAndACycleIsAnError(): void
    {
        $sim = new Sim();
        $client = $sim->client();
        // An empty nested model is {} (not []), and a model may sit inside a plain array body.
        $r = $client->pay(new PayRequest(paymentRequestId: 'php-nested-1', paymentAmount: new Amount(currency: 'USD', value: '1000'),
            productCode: ProductCodeType::CASHIER_PAYMENT, paymentMethod: new PaymentMethod(paymentMethodType: 'ALIPAY_CN'), env: new Antom\Models\Env()));
        $this->assertTrue($r->verified);
        $r = $client->call('payments.pay', ['paymentRequestId' => 'php-nested-2', 'paymentAmount' => new Amount(currency: 'USD', value: '1000'),
            'productCode' => 'CASHIER_PAYMENT', 'paymentMethod' => (object) ['paymentMethodType' => 'ALIPAY_CN']]);
        $this->assertSame('1000', $r->data['paymentAmount']['value']);
        $this->assertSame(0, $sim->stop());
        $goods = new Antom\Models\Goods(goodsName: 'loop');
        $goods->crossSell = $goods;
        $this->expectException(\ValueError::class);
        $goods->toArray();
    }
}
