<?php
// The runtime of the generated models (models.php): construction by named arguments, the wire
// array in Antom's camelCase, parsing that keeps unknown fields. Shipped with the extension;
// load it with `require 'antom/Model.php'; require 'antom/models.php';` or composer's autoload.
declare(strict_types=1);

namespace Antom\Models;

abstract class Model implements \JsonSerializable
{
    /** @var array<string, array{0: ?string, 1: bool}> wire name => [model class or null, is a list] */
    public const FIELDS = [];

    /** @var array<string, mixed> fields this version does not know, kept for the round trip */
    public array $extra = [];

    /** The array Antom reads: unset fields left out, unknown fields kept from parsing. */
    public function toArray(): array
    {
        $out = $this->extra;
        foreach (static::FIELDS as $wire => $_) {
            $value = $this->{$wire};
            if ($value !== null) {
                $out[$wire] = self::dump($value);
            }
        }
        return $out;
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
            $value = $raw;
            if ($value !== null && $class !== null && is_array($value)) {
                $value = $list
                    ? array_map(fn ($v) => is_array($v) ? $class::fromArray($v) : $v, $value)
                    : $class::fromArray($value);
            }
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
