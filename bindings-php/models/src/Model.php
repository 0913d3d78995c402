<?php
// The runtime of the generated models (one file each beside this one): construction by named
// arguments, the wire array in Antom's camelCase, parsing that keeps unknown fields, and reads
// in array style. The extension embeds these files and loads each class on first use; this
// folder is also the Composer package `antom/models` (PSR-4), for IDEs and static analysers.
declare(strict_types=1);

namespace Antom\Models;

/**
 * A typed object of Antom's API. It also reads like the wire array it came from:
 * `$r->data['paymentAmount']['value']` is `$r->data->paymentAmount->value`, and a field this
 * version does not know is read by its wire name from `extra`.
 *
 * @implements \ArrayAccess<string, mixed>
 * @implements \IteratorAggregate<string, mixed>
 */
abstract class Model implements \JsonSerializable, \ArrayAccess, \IteratorAggregate
{
    /** @var array<string, array{0: ?string, 1: bool}> wire name => [model class or null, is a list] */
    public const FIELDS = [];

    /** @var array<string, mixed> fields this version does not know, kept for the round trip */
    public array $extra = [];

    /** How deep toArray() goes: a model holding itself is an error, never a stack overflow. */
    private static int $depth = 0;

    /**
     * The array Antom reads: unset fields left out, unknown fields kept from parsing; nested
     * models as arrays (an empty one as an empty object). Deeper than 128 levels: ValueError.
     */
    public function toArray(): array
    {
        if (++self::$depth > 128) {
            self::$depth--;
            throw new \ValueError('the model is nested deeper than 128 levels (does it hold itself?)');
        }
        try {
            $out = [];
            foreach ($this->extra as $key => $value) {
                $out[$key] = self::dump($value);
            }
            foreach (static::FIELDS as $wire => $_) {
                $value = $this->{$wire};
                if ($value !== null) {
                    $out[$wire] = self::dump($value);
                }
            }
            return $out;
        } finally {
            self::$depth--;
        }
    }

    public function jsonSerialize(): mixed
    {
        $out = $this->toArray();
        return $out === [] ? new \stdClass() : $out;
    }

    /**
     * Parses Antom's array; fields this version does not know stay in `extra`, and so does a
     * known field whose value is not of the schema's type (the official SDKs disagree on some:
     * a tax amount is an Amount in one and a string in two): one odd field never makes an
     * answer unreadable, and it is written back as received.
     */
    public static function fromArray(array $data): static
    {
        $obj = (new \ReflectionClass(static::class))->newInstanceWithoutConstructor();
        $extra = [];
        foreach (static::FIELDS as $wire => [$class, $list]) {
            $raw = $data[$wire] ?? null;
            unset($data[$wire]);
            $value = self::load($raw, $class, $list);
            try {
                $obj->{$wire} = $value;
            } catch (\TypeError) {
                $obj->{$wire} = null;
                $extra[$wire] = $raw;
            }
        }
        $obj->extra = $data + $extra;
        return $obj;
    }

    public function offsetExists(mixed $offset): bool
    {
        return $this->offsetGet($offset) !== null;
    }

    public function offsetGet(mixed $offset): mixed
    {
        // A typed field's value of the other form is in extra: read as received.
        if (is_string($offset) && array_key_exists($offset, static::FIELDS) && $this->{$offset} !== null) {
            return $this->{$offset};
        }
        return $this->extra[$offset] ?? null;
    }

    /** A typed field takes an array for a nested model as fromArray would; others land in extra. */
    public function offsetSet(mixed $offset, mixed $value): void
    {
        if (!is_string($offset)) {
            throw new \TypeError('a field name must be a string');
        }
        if (!array_key_exists($offset, static::FIELDS)) {
            $this->extra[$offset] = $value;
            return;
        }
        unset($this->extra[$offset]);
        $this->{$offset} = self::load($value, ...static::FIELDS[$offset]);
    }

    public function offsetUnset(mixed $offset): void
    {
        if (is_string($offset) && array_key_exists($offset, static::FIELDS)) {
            $this->{$offset} = null;
        }
        unset($this->extra[$offset]);
    }

    /** The fields that are set, by wire name, with nested models as objects; then `extra`. */
    public function getIterator(): \ArrayIterator
    {
        $set = [];
        foreach (static::FIELDS as $wire => $_) {
            if ($this->{$wire} !== null) {
                $set[$wire] = $this->{$wire};
            }
        }
        return new \ArrayIterator($set + $this->extra);
    }

    /** A field's value with its arrays read into `$class` (each item of a list). */
    private static function load(mixed $value, ?string $class, bool $list): mixed
    {
        if ($class === null || !is_array($value)) {
            return $value;
        }
        return $list
            ? array_map(fn ($v) => is_array($v) ? $class::fromArray($v) : $v, $value)
            : $class::fromArray($value);
    }

    private static function dump(mixed $value): mixed
    {
        if ($value instanceof Model) {
            return $value->jsonSerialize();
        }
        if (is_array($value)) {
            return array_map(fn ($v) => self::dump($v), $value);
        }
        return $value;
    }
}
