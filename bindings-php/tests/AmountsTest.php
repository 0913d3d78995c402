<?php
declare(strict_types=1);

use PHPUnit\Framework\TestCase;

/** Amounts by currency, from the shared table every binding runs (tests/amounts.json). */
final class AmountsTest extends TestCase
{
    private static function table(): array
    {
        return json_decode(file_get_contents(ANTOM_ROOT . '/tests/amounts.json'), true);
    }

    public function testRoundTripsByEachCurrencyExponent(): void
    {
        $t = self::table();
        foreach ($t['round_trip'] as [$currency, $decimal, $minor]) {
            $this->assertSame($minor, Antom\Amounts::toMinorUnits($currency, $decimal), "$currency $decimal");
            $this->assertSame($decimal, Antom\Amounts::fromMinorUnits($currency, $minor), "$currency $minor");
        }
        foreach ($t['to_minor'] as [$currency, $decimal, $minor]) {
            $this->assertSame($minor, Antom\Amounts::toMinorUnits($currency, $decimal), "$currency $decimal");
        }
        foreach ($t['from_minor'] as [$currency, $minor, $decimal]) {
            $this->assertSame($decimal, Antom\Amounts::fromMinorUnits($currency, $minor), "$currency $minor");
        }
    }

    public function testWhatCannotBeExactIsAnInvalidInputExceptionNeverRounded(): void
    {
        $t = self::table();
        foreach ($t['to_minor_refused'] as [$currency, $decimal]) {
            try {
                Antom\Amounts::toMinorUnits($currency, $decimal);
                $this->fail("accepted $currency '$decimal'");
            } catch (Antom\InvalidInputException $e) {
                $this->assertSame('INVALID_INPUT', $e->getKind());
            }
        }
        foreach ($t['from_minor_refused'] as [$currency, $minor]) {
            try {
                Antom\Amounts::fromMinorUnits($currency, $minor);
                $this->fail("accepted $currency '$minor'");
            } catch (Antom\InvalidInputException $e) {
                $this->assertSame('INVALID_INPUT', $e->getKind());
            }
        }
    }
}
