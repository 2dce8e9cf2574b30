"""What the checker says, as values: a message id and its arguments, rendered per language.

Rules, their helpers, the engine and the results never write a sentence themselves:
they return ``Message("OPEN-02.below-class", {...})`` and the sentence is looked up
in a gettext catalogue when it is shown. The catalogues are
``checker/locale/<lang>/LC_MESSAGES/findings.po``; their msgids are the symbolic ids
and English is a catalogue like any other (the one place the English text lives), so
that the rule code holds no user-facing text at all. They are read with Babel the
first time a language is asked for (no compiled .mo files are kept).

A message's text uses Python named format fields (``{door}``). Its arguments are:

- ``str``: text taken from the plan or the ruleset (handles, storey names, layers,
  attribute values, class names); never translated, and bidi-isolated when asked for
  so that a Latin handle keeps its order inside a Persian sentence;
- ``int``: a count, written with the language's digits;
- ``Number``: a measure with its format (``Number(0.6, ".2f")``), formatted and then
  written with the language's digits and decimal separator;
- ``Term``: a word the language translates (``Term("door")``, catalogue id
  ``term.door``);
- ``Listing``: items joined as the language joins a list (``a, b and c``);
- ``Capitalised``: an argument that opens a sentence (English capitalises it);
- ``Message``: a nested message, for reasons and phrases composed from parts.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass
from functools import cache
from pathlib import Path
from sys import intern
from types import MappingProxyType
from typing import Any
from collections.abc import Iterable, Mapping, Sequence

from babel.messages.pofile import read_po

from .numerals import localise_number

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "findings"
SOURCE_LANGUAGE = "en"

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"

# How Listing styles join their items: (separator, last separator), as catalogue ids.
LIST_STYLES: dict[str, tuple[str, str]] = {
    "and": ("list.separator", "list.and"),  # a, b and c
    "or": ("list.separator", "list.or"),  # a, b or c
    "comma": ("list.separator", "list.separator"),  # a, b, c
    "and-each": ("list.and", "list.and"),  # a and b and c
    "or-each": ("list.or", "list.or"),  # a or b or c
    "semicolon": ("list.semicolon", "list.semicolon"),  # a; b; c
    "sentences": ("list.sentences", "list.sentences"),  # sentences one after the other
}


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase the catalogue translates: ``Term("door")`` is ``term.door``."""

    id: str

    @property
    def catalogue_id(self) -> str:
        return f"term.{self.id}"

    def __str__(self) -> str:
        return render(self)  # the English text, as the JSON and the terminal show it

    def to_json(self) -> dict:
        return {"term": self.id}


@dataclass(frozen=True, slots=True)
class Number:
    """A number with the Python format it is written in (``g``, ``.2f``)."""

    value: float
    format: str = "g"

    def to_json(self) -> dict:
        return {"number": self.value, "format": self.format}


@dataclass(frozen=True, slots=True)
class Listing:
    """Items joined as a list; ``style`` is one of LIST_STYLES."""

    items: Sequence[Arg]  # kept as a tuple
    style: str = "and"

    def __post_init__(self) -> None:
        if self.style not in LIST_STYLES:
            raise ValueError(f"unknown list style {self.style!r}")
        object.__setattr__(self, "items", tuple(self.items))

    def __str__(self) -> str:
        return render(self)  # the English text, as the JSON and the terminal show it

    def to_json(self) -> dict:
        return {"list": [arg_to_json(item) for item in self.items], "style": self.style}


@dataclass(frozen=True, slots=True)
class Capitalised:
    """An argument that opens a sentence: English writes its first letter as a capital."""

    inner: Arg

    def __str__(self) -> str:
        return render(self)  # the English text, as the JSON and the terminal show it

    def to_json(self) -> dict:
        return {"capitalised": arg_to_json(self.inner)}


class Arguments(Mapping):
    """A message's arguments as a read-only mapping: a view of the message's own names
    and values (``Message.args``), made when asked."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: tuple[str, ...], values: tuple):
        self._names, self._values = names, values

    def __getitem__(self, name: str) -> Arg:
        try:
            return self._values[self._names.index(name)]
        except ValueError:
            raise KeyError(name) from None

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def items(self):  # each render walks them: pairs made at C speed, not looked up by name
        return _Pairs(self._names, self._values)

    def values(self):
        return self._values

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    __hash__ = None  # type: ignore[assignment] # as a dict's: Message hashes the items itself

    def __repr__(self) -> str:
        return repr(dict(self.items()))


class _Pairs:
    """``Arguments.items()``: the (name, value) pairs, walked as often as asked."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: tuple[str, ...], values: tuple):
        self._names, self._values = names, values

    def __iter__(self):
        return zip(self._names, self._values)

    def __len__(self) -> int:
        return len(self._names)


# Each distinct tuple of argument names once: every message with the same names shares it.
_SHARED_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}


class Message:
    """A sentence or phrase by id, with its arguments (``args``, a mapping); immutable.

    A large plan's findings hold a million messages: each is one object with its id
    (interned: ids are few, and built with f-strings they were a string a message),
    the names of its arguments (a tuple shared with every message naming the same) and
    their values (in two slots when there are up to two, as in most messages). A
    dataclass with a dict and a read-only view of it was about 300 bytes a message;
    ``args`` is a view made when asked, ``pairs()`` what rendering walks. Equal when the
    ids and the arguments are, whatever the arguments' order.
    """

    # The values: of up to two arguments (most messages), each in a slot of its own, so
    # that no tuple is held for them; of more, the tuple of all in the first.
    __slots__ = ("id", "_names", "_first", "_second")
    id: str
    _names: tuple[str, ...]
    _first: Any
    _second: Any

    def __init__(self, id: str, args: Mapping[str, Arg] | None = None):
        args = {} if args is None else args
        for name, value in args.items():
            if not isinstance(value, ARG_TYPES) or isinstance(value, (bool, float)):
                # A float needs its format (Number), a bool a wording: neither has one text.
                raise TypeError(f"message {id}: argument {name} is a {type(value).__name__}")
        names, values = tuple(args), tuple(args.values())
        object.__setattr__(self, "id", intern(id))
        object.__setattr__(self, "_names", _SHARED_NAMES.setdefault(names, names))
        if len(values) > 2:
            object.__setattr__(self, "_first", values)
            object.__setattr__(self, "_second", None)
        else:
            object.__setattr__(self, "_first", values[0] if values else None)
            object.__setattr__(self, "_second", values[1] if len(values) == 2 else None)

    @property
    def _values(self) -> tuple:
        count = len(self._names)
        return self._first if count > 2 else (self._first, self._second)[:count]

    @property
    def args(self) -> Arguments:
        return Arguments(self._names, self._values)

    def pairs(self) -> Iterable[tuple[str, Arg]]:
        """The (name, value) of each argument, in order: what rendering and the JSON walk,
        without making the ``args`` view (a million messages are walked on a large plan)."""
        names = self._names
        count = len(names)
        if count == 1:
            return ((names[0], self._first),)
        if count == 2:
            return ((names[0], self._first), (names[1], self._second))
        return zip(names, self._first) if count else ()

    def __setattr__(self, name: str, value) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}: a Message is immutable")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}: a Message is immutable")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        if self.id != other.id:
            return False
        if self._names is other._names:  # the usual case: the same names in the same order
            return self._first == other._first and self._second == other._second
        return dict(self.pairs()) == dict(other.pairs())

    def __hash__(self) -> int:
        return hash((self.id, tuple(sorted(self.pairs(), key=lambda item: item[0]))))

    def __reduce__(self):
        return Message, (self.id, dict(self.pairs()))

    def __repr__(self) -> str:
        return f"Message(id={self.id!r}, args={dict(self.pairs())!r})"

    def __str__(self) -> str:
        return render(self)  # the English text, as the JSON and the terminal show it

    def to_json(self) -> dict:
        return {"message_id": self.id, "message_args": {name: arg_to_json(value) for name, value in self.pairs()}}


Arg = str | int | Number | Term | Listing | Capitalised | Message
ARG_TYPES = (str, int, Number, Term, Listing, Capitalised, Message)


def msg(id: str, **args: Arg) -> Message:
    """``Message(id, args)`` with the arguments as keywords."""
    return Message(id, args)


def arg_to_json(value: Arg):
    if isinstance(value, (str, int)):
        return value
    return value.to_json()


# ------------------------------------------------------------------ catalogues


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> tuple[str, ...]:
    return tuple(sorted(p.name for p in LOCALE_DIR.iterdir() if catalogue_path(p.name).is_file()))


@cache
def catalogue(language: str) -> Mapping[str, str]:
    """The texts of ``language`` by message id; fuzzy and empty entries are left out
    (as msgfmt leaves them out), so they fall back to English."""
    path = catalogue_path(language)
    if not path.is_file():
        raise ValueError(f"there is no findings catalogue for {language!r}")
    with path.open("rb") as handle:
        po = read_po(handle, locale=language, domain=DOMAIN)
    # Plural entries (tuple ids) are none of ours: every message is one sentence.
    return MappingProxyType(
        {
            m.id: m.string
            for m in po
            if isinstance(m.id, str) and isinstance(m.string, str) and m.id and m.string and not m.fuzzy
        }
    )


def text_of(message_id: str, language: str) -> str:
    """The catalogue text of ``message_id``: the language's, else the English."""
    texts = catalogue(language)
    if message_id in texts:
        return texts[message_id]
    source = catalogue(SOURCE_LANGUAGE)
    if message_id not in source:
        raise KeyError(f"message id {message_id!r} is not in the {DOMAIN} catalogue")
    return source[message_id]


# ------------------------------------------------------------------ rendering


def render(message: Arg, language: str = SOURCE_LANGUAGE, *, isolate: bool = False) -> str:
    """``message`` (a Message, or any argument of one) as text in ``language``.

    With ``isolate`` every plain-text argument (what the plan or ruleset says) is
    wrapped in Unicode isolate controls, for a page that mixes scripts: a handle or a
    Persian storey name keeps its own direction inside the sentence. The controls have
    no glyph; the JSON and the terminal get the text without them.
    """
    return _render_arg(message, language, isolate)


def _render_arg(value: Arg, language: str, isolate: bool) -> str:
    if isinstance(value, Message):
        values = {name: _render_arg(arg, language, isolate) for name, arg in value.pairs()}
        return text_of(value.id, language).format_map(values)
    if isinstance(value, str):
        return f"{FIRST_STRONG_ISOLATE}{value}{POP_DIRECTIONAL_ISOLATE}" if isolate and value else value
    if isinstance(value, int):
        return localise_number(str(value), language)
    if isinstance(value, Number):
        return localise_number(format(value.value, value.format), language)
    if isinstance(value, Term):
        return text_of(value.catalogue_id, language)
    if isinstance(value, Listing):
        return _joined([_render_arg(item, language, isolate) for item in value.items], value.style, language)
    if isinstance(value, Capitalised):
        text = _render_arg(value.inner, language, isolate)
        start = 1 if text.startswith(FIRST_STRONG_ISOLATE) else 0
        return text[:start] + text[start : start + 1].upper() + text[start + 1 :]
    raise TypeError(f"cannot render a {type(value).__name__}")


def _joined(items: list[str], style: str, language: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    separator_id, last_id = LIST_STYLES[style]
    separator, last = text_of(separator_id, language), text_of(last_id, language)
    return separator.join(items[:-1]) + last + items[-1]


def message_ids(message: Message) -> Iterable[str]:
    """Every catalogue id ``message`` uses: its own, its terms', its nested messages'."""
    yield message.id
    for _, value in message.pairs():
        yield from arg_ids(value)


def arg_ids(value: Arg) -> Iterable[str]:
    if isinstance(value, Message):
        yield from message_ids(value)
    elif isinstance(value, Term):
        yield value.catalogue_id
    elif isinstance(value, Listing):
        yield from LIST_STYLES[value.style]
        for item in value.items:
            yield from arg_ids(item)
    elif isinstance(value, Capitalised):
        yield from arg_ids(value.inner)


def arg_from_json(value) -> Arg:
    """An argument back from its JSON form (``arg_to_json``): the JSON results carry
    enough to say each finding again, in any language."""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return value
    if isinstance(value, dict):
        if "message_id" in value:
            return message_from_json(value["message_id"], value["message_args"])
        if "number" in value:
            return Number(value["number"], value["format"])
        if "term" in value:
            return Term(value["term"])
        if "list" in value:
            return Listing(tuple(arg_from_json(item) for item in value["list"]), value["style"])
        if "capitalised" in value:
            return Capitalised(arg_from_json(value["capitalised"]))
    raise ValueError(f"not a message argument: {value!r}")


def message_from_json(message_id: str, message_args: Mapping) -> Message:
    """A finding's ``message_id`` and ``message_args`` from the JSON results as a Message."""
    return Message(message_id, {name: arg_from_json(value) for name, value in message_args.items()})
