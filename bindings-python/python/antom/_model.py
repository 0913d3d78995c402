"""The runtime of the generated models (`antom.models`): construction by keyword, the wire
form in Antom's camelCase, parsing that keeps unknown fields and unknown enum values."""
from __future__ import annotations

import enum
import sys
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Dict, Iterator, Mapping, Optional, Tuple, Type, TypeVar

_M = TypeVar("_M", bound="Model")

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:  # type checkers read the fields' annotations; at run time Model.__init__ checks names

    def dataclass_transform(**_: Any) -> Callable[[Any], Any]:
        return lambda cls: cls


@dataclass_transform(kw_only_default=True)
class Model:
    """A typed Antom object. Attributes are snake_case; `to_wire()` gives Antom's JSON, and
    `model["camelCaseName"]` reads the wire form, as the plain dict did."""

    #: (attribute, wire name, type spec) for every field.
    _FIELDS: ClassVar[Tuple[Tuple[str, str, Any], ...]] = ()
    #: Fields of a parsed object this version does not know, by wire name.
    _extra: ClassVar[Dict[str, Any]]

    def __init__(self, **values: Any) -> None:
        for attr, _, _ in self._FIELDS:
            object.__setattr__(self, attr, values.pop(attr, None))
        if values:
            raise TypeError(f"{type(self).__name__} has no field {sorted(values)[0]!r}")
        object.__setattr__(self, "_extra", {})

    def to_wire(self) -> Dict[str, Any]:
        """The JSON object Antom reads: camelCase names, unset fields left out, unknown fields
        kept from parsing."""
        out = dict(self._extra)
        for attr, wire, _ in self._FIELDS:
            value = getattr(self, attr)
            if value is not None:
                out[wire] = _dump(value)
        return out

    @classmethod
    def from_wire(cls: Type[_M], data: Mapping[str, Any]) -> _M:
        """Parses Antom's JSON; fields this version does not know stay readable by wire name."""
        obj = cls.__new__(cls)
        known = set()
        for attr, wire, spec in cls._FIELDS:
            known.add(wire)
            object.__setattr__(obj, attr, _load(spec, data.get(wire)))
        object.__setattr__(obj, "_extra", {k: v for k, v in data.items() if k not in known})
        return obj

    def __getitem__(self, wire: str) -> Any:
        return self.to_wire()[wire]

    def get(self, wire: str, default: Any = None) -> Any:
        return self.to_wire().get(wire, default)

    def __contains__(self, wire: object) -> bool:
        return wire in self.to_wire()

    def __iter__(self) -> Iterator[str]:
        return iter(self.to_wire())

    def __eq__(self, other: object) -> bool:
        # Equal to the same model, or to the wire dict it stands for (code that had dicts).
        if isinstance(other, Model):
            return type(other) is type(self) and self.to_wire() == other.to_wire()
        if isinstance(other, Mapping):
            return self.to_wire() == dict(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{a}={getattr(self, a)!r}" for a, _, _ in self._FIELDS if getattr(self, a) is not None)
        return f"{type(self).__name__}({shown})"


def _resolve(name: str) -> Any:
    return getattr(sys.modules["antom.models"], name)


def _load(spec: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(spec, tuple):  # ("list", inner)
        return [_load(spec[1], v) for v in value] if isinstance(value, list) else value
    if isinstance(spec, str):
        target = _resolve(spec)
        if isinstance(target, type) and issubclass(target, enum.Enum):
            try:
                return target(value)
            except ValueError:
                return value  # a value Antom added later: kept as text, never an error
        if isinstance(value, Mapping):
            return target.from_wire(value)
    return value


def _dump(value: Any) -> Any:
    if isinstance(value, Model):
        return value.to_wire()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def wire(body: Optional[Any]) -> Any:
    """A request body as the native client takes it: a model becomes its wire dict."""
    return body.to_wire() if isinstance(body, Model) else body
