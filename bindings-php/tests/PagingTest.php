<?php
declare(strict_types=1);

use Antom\Testing\Simulator;
use PHPUnit\Framework\TestCase;

/** Auto-pagination against the in-process simulator: foreach over every object, a page fetched
 * when the one before is used up; a page that is not a verified S throws, never ends the list. */
final class PagingTest extends TestCase
{
    private const HOLDS = 'payments.reserve.inquireHoldList';

    public function testListAllWalksEveryPage(): void
    {
        $sim = new Simulator();
        $client = $sim->client();
        for ($i = 0; $i < 5; $i++) {
            $hold = $client->call('payments.reserve.createHold', ['holdRequestId' => "php-page-$i",
                'holdAmount' => ['currency' => 'USD', 'value' => '100']]);
            $this->assertTrue($hold->isSuccess, $hold->raw);
        }
        $ids = [];
        foreach ($client->listAll(self::HOLDS, ['limit' => 2]) as $n => $hold) {
            $this->assertSame(count($ids), $n);
            $ids[] = $hold['holdId'];
        }
        $this->assertCount(5, array_unique($ids));
        $sorted = $ids;
        sort($sorted, SORT_STRING);
        $this->assertSame($sorted, $ids);
        $this->assertSame($ids, array_column(iterator_to_array($client->listAll(self::HOLDS, ['limit' => 3])), 'holdId'));

        $sizes = [];
        $page = null;
        do {
            $r = $client->listPage(self::HOLDS, ['limit' => 2], $page);
            $this->assertTrue($r->verified);
            $sizes[] = count($r->items);
            $page = $r->nextPage;
        } while ($page !== null);
        $this->assertSame([2, 2, 1], $sizes);
        $this->assertNull($client->call(self::HOLDS, ['limit' => 2])->nextPage);

        try {
            iterator_to_array($client->listAll(self::HOLDS, ['limit' => 500]));
            $this->fail('a verified F must throw');
        } catch (Antom\InvalidResponseException $e) {
            $this->assertSame('PARAM_ILLEGAL', $e->getResultCode());
        }
        $walk = $client->listAll(self::HOLDS, ['limit' => 2]);
        $walk->rewind();
        $this->assertTrue($walk->valid());
        $walk->next();
        $this->assertTrue($walk->valid());
        $walk->next();
        $sim->armFault('/payments/reserve/inquireHoldList', 9903);
        try {
            $walk->valid();
            $this->fail('a corrupted page must throw');
        } catch (Antom\SignatureException $e) {
            $this->assertStringContainsString('signature', $e->getMessage());
        }

        // A rewind whose first page fails forgets the old walk: the next valid() starts over
        // from the first object, never from where the old walk had got to.
        $walk = $client->listAll(self::HOLDS, ['limit' => 2]);
        foreach ($walk as $n => $hold) {
            if ($n === 2) {
                break;
            }
        }
        $sim->armFault('/payments/reserve/inquireHoldList', 9903);
        try {
            $walk->rewind();
            $this->fail('a corrupted first page must throw');
        } catch (Antom\SignatureException $e) {
        }
        $this->assertTrue($walk->valid());
        $this->assertSame($ids[0], $walk->current()['holdId']);
        $this->assertSame(0, $walk->key());
    }
}
