"""Read the modelspace entities a plan holds by the thousand as light records, not ezdxf objects.

A plan of 100k entities is mostly walls (LWPOLYLINE, LINE), room names (TEXT) and door
and window blocks (INSERT with their ATTRIBs and SEQEND). ezdxf builds a full object for
each of them, and for each attribute: two thirds of the time a check took. Here the
ENTITIES section's tags are read first: an entity of those kinds that is plainly
written (the usual subclass markers, each tag we use once, straight polylines, no app
data but reactors, no proxy graphics; XDATA and reactors are typed and skipped) and
lands in the modelspace becomes a light record (handle, layer and the few values
extraction uses, already typed); every other tag goes
to ezdxf's own loader unchanged. INSERTs are taken only on layers whose role keeps the
reference whole (doors, windows, lights: ``claim_insert``), never MINSERT grids; every
other block reference is exploded by ezdxf as before.

``read_light(text, claim_insert)`` returns a ``ReadDrawing``: the ezdxf document of what
is left, whose ``modelspace()`` yields ezdxf entities and light records in file order.
The records are held packed (``_Packed``: the marshal bytes of their values, one after
another) and made again each time the modelspace is walked, so a large plan holds no
object per record while it is read and extracted.
The records answer the little of ezdxf's interface that other readers of the
modelspace use (``dxftype()``, ``dxf.name``, ``dxf.text``, ``dxf.get``, ``mcount``).
Where the file could read differently this way (the modelspace found elsewhere than
the tags said, handles ezdxf had to make up, two ENTITIES sections) ``LightUnavailable``
is raised and the reader reads the file ezdxf's whole way; extraction gives the same
result either way (tests/features/fast_reading.feature).
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal
from sys import intern

import numpy as np
from ezdxf.document import Drawing
from ezdxf.enums import MAP_TEXT_ALIGN_FLAGS_TO_ENUM, TextEntityAlignment
from ezdxf.lldxf.types import POINT_CODES, TYPE_TABLE, is_valid_handle

from .tags import compile_tags, raw_tags

Pair = tuple[int, str]
# AcDbEntity codes that say nothing extraction uses (colour, linetype, plot style...).
_ENTITY_IGNORED = frozenset({6, 62, 370, 48, 60, 420, 430, 440, 284, 347, 348, 380, 390})
_ENTITY_USED = frozenset({8, 67})
_Z_AXIS = (0.0, 0.0, 1.0)


class LightUnavailable(Exception):
    """The light reading cannot promise ezdxf's result for this file; read it ezdxf's way."""


class _Record:
    """A light modelspace entity; ``dxf`` is the record itself, as ``entity.dxf`` is ezdxf's namespace."""

    __slots__ = ("handle", "layer")
    KIND = ""
    handle: str
    layer: str

    @property
    def dxf(self):
        return self

    def dxftype(self) -> str:
        return self.KIND

    def get(self, name: str, default=None):
        value = getattr(self, name, None)
        return default if value is None else value


class LightLine(_Record):
    __slots__ = ("start", "end", "thickness")
    KIND = "LINE"
    start: tuple[float, ...]
    end: tuple[float, ...]
    thickness: float


class LightPolyline(_Record):
    """A bulge-free LWPOLYLINE in the WCS plane (extrusion +z)."""

    __slots__ = ("points", "closed", "elevation", "thickness")
    KIND = "LWPOLYLINE"
    points: list[tuple[float, float]]
    closed: bool
    elevation: float
    thickness: float


class LightText(_Record):
    __slots__ = ("text", "point", "height")
    KIND = "TEXT"
    text: str
    point: tuple[float, float]
    height: float


class LightInsert(_Record):
    """A single block reference (no MINSERT grid) with its attributes' (tag, text)."""

    __slots__ = ("name", "insert", "xscale", "yscale", "zscale", "rotation", "extrusion", "attribs")
    KIND = "INSERT"
    mcount = 1
    name: str
    insert: tuple[float, ...]
    xscale: float
    yscale: float
    zscale: float
    rotation: float
    extrusion: tuple[float, ...]
    # While read, whether ATTRIBs follow (bool, then None while gathered); once read, as
    # extraction sees it, their (tag, text) pairs.
    attribs: Any


LIGHT_TYPES = (LightLine, LightPolyline, LightText, LightInsert)


class _Packed:
    """The light records of a modelspace packed one after another into one buffer, each the
    marshal bytes of its values, with the layers, block names and attribute lists it shares
    with others kept once.

    A record is made again each time the modelspace is walked, and let go once used. Held
    as objects, the 500k-entity plan's records took 390 MB, and the pages they left free
    when the document went lay scattered among what extraction had made meanwhile (194 MB
    of free blocks that stayed resident); packed they take about 50 MB, freed in a piece.
    """

    __slots__ = ("data", "ends", "kinds", "names", "_name_index", "lists", "_list_index")

    def __init__(self) -> None:
        self.data = bytearray()
        self.ends = array("Q")  # where each record's bytes end
        self.kinds = array("B")  # each record's index in LIGHT_TYPES
        self.names: list[str] = []  # layers and block names, each once (interned)
        self._name_index: dict[str, int] = {}
        self.lists: list[tuple[tuple[str, str], ...]] = []  # attribute (tag, text) lists, each once
        self._list_index: dict[tuple[tuple[str, str], ...], int] = {}

    def __len__(self) -> int:
        return len(self.ends)

    def _name(self, name: str) -> int:
        index = self._name_index.get(name)
        if index is None:
            index = self._name_index[name] = len(self.names)
            self.names.append(name)
        return index

    def add(self, record) -> int:
        """Pack ``record``; its number in the store."""
        kind = type(record)
        layer = self._name(record.layer)
        if kind is LightPolyline:
            values: tuple = (record.handle, layer, record.points, record.closed, record.elevation, record.thickness)
        elif kind is LightInsert:
            attribs = tuple(record.attribs)
            index = self._list_index.get(attribs)
            if index is None:
                index = self._list_index[attribs] = len(self.lists)
                self.lists.append(attribs)
            values = (
                record.handle,
                layer,
                self._name(record.name),
                record.insert,
                record.xscale,
                record.yscale,
                record.zscale,
                record.rotation,
                record.extrusion,
                index,
            )
        elif kind is LightText:
            values = (record.handle, layer, record.text, record.point, record.height)
        else:
            values = (record.handle, layer, record.start, record.end, record.thickness)
        self.data += marshal.dumps(values)
        self.ends.append(len(self.data))
        self.kinds.append(LIGHT_TYPES.index(kind))
        return len(self.ends) - 1

    def record(self, number: int) -> LightLine | LightPolyline | LightText | LightInsert:
        """Record ``number`` made again: a new object, equal to the one packed."""
        start = self.ends[number - 1] if number else 0
        values = marshal.loads(self.data[start : self.ends[number]])
        kind = LIGHT_TYPES[self.kinds[number]]
        record: LightLine | LightPolyline | LightText | LightInsert
        if kind is LightPolyline:
            record = polyline = LightPolyline()
            polyline.points, polyline.closed, polyline.elevation, polyline.thickness = values[2:]
        elif kind is LightInsert:
            record = insert = LightInsert()
            insert.name = self.names[values[2]]
            insert.insert, insert.xscale, insert.yscale, insert.zscale, insert.rotation, insert.extrusion = values[3:9]
            insert.attribs = self.lists[values[9]]
        elif kind is LightText:
            record = text = LightText()
            text.text, text.point, text.height = values[2:]
        else:
            record = line = LightLine()
            line.start, line.end, line.thickness = values[2:]
        record.handle, record.layer = values[0], self.names[values[1]]
        return record


class LightModelspace:
    """The modelspace in file order: ezdxf entities and light records.

    ``order`` holds, in file order, the number of each packed record (0 and up) or, for
    ezdxf's entities, ``-1 - i`` for ``entities[i]``; without it the modelspace is
    ``entities`` alone."""

    def __init__(self, entities: list, packed: _Packed | None = None, order: array | None = None):
        self._entities = entities
        self._packed = packed
        self._order = order

    def __iter__(self) -> Iterator:
        if self._order is None:
            return iter(self._entities)
        return self._walk(self._order)

    def _walk(self, order: Iterable[int]) -> Iterator:
        record, entities = self._packed.record, self._entities  # type: ignore[union-attr]
        for number in order:
            yield record(number) if number >= 0 else entities[-1 - number]

    def __len__(self) -> int:
        return len(self._entities) if self._order is None else len(self._order)

    def __getitem__(self, index: int):
        if self._order is None:
            return self._entities[index]
        number = self._order[index]
        return self._packed.record(number) if number >= 0 else self._entities[-1 - number]  # type: ignore[union-attr]

    def kinds(self) -> Iterator[str]:
        """Each entity's DXF type in file order, without making the records."""
        if self._order is None:
            return (entity.dxftype() for entity in self._entities)
        names = [kind.KIND for kind in LIGHT_TYPES]
        kind_of, entities = self._packed.kinds, self._entities  # type: ignore[union-attr]
        return (names[kind_of[n]] if n >= 0 else entities[-1 - n].dxftype() for n in self._order)

    def of_kinds(self, kinds: set[str]) -> Iterable:
        """The entities whose DXF type is in ``kinds``, in file order; walked again each time
        it is iterated, so the records are made only while they are used."""
        if self._order is None:
            return [entity for entity in self._entities if entity.dxftype() in kinds]
        return _Picked(self, kinds)

    def query(self, query: str = "*") -> list:
        """The entities of the types named (space-separated DXF types, or ``*``); no attribute filters."""
        kinds = set(query.split())
        if "*" in kinds:
            return list(self)
        return [e for e in self if e.dxftype() in kinds]


class _Picked:
    """``LightModelspace.of_kinds``: walked again each time it is iterated."""

    def __init__(self, modelspace: LightModelspace, kinds: set[str]):
        self.modelspace, self.kinds = modelspace, kinds

    def __iter__(self) -> Iterator:
        modelspace, kinds = self.modelspace, self.kinds
        packed, entities = modelspace._packed, modelspace._entities
        wanted = [kind.KIND in kinds for kind in LIGHT_TYPES]
        record, kind_of = packed.record, packed.kinds  # type: ignore[union-attr]
        for number in modelspace._order:  # type: ignore[union-attr]
            if number >= 0:
                if wanted[kind_of[number]]:
                    yield record(number)
            elif entities[-1 - number].dxftype() in kinds:
                yield entities[-1 - number]


class ReadDrawing:
    """An ezdxf document whose modelspace also holds light records; everything else is the document's."""

    def __init__(self, doc: Drawing, modelspace: LightModelspace):
        self.drawing = doc
        self._modelspace = modelspace

    def modelspace(self) -> LightModelspace:
        return self._modelspace

    def __getattr__(self, name: str):
        return getattr(self.drawing, name)


def read_light(text: str, claim_insert: Callable[[str], bool]) -> ReadDrawing:
    """The decoded ASCII DXF ``text`` read with light records where it can (see the module's
    docstring); raises what ezdxf raises for a broken file, ``LightUnavailable`` where the
    light reading cannot promise ezdxf's result."""
    return read_light_pairs(raw_tags(text), claim_insert)


def read_light_pairs(pairs: Iterable[Pair], claim_insert: Callable[[str], bool]) -> ReadDrawing:
    """``read_light`` of the raw tags ``pairs`` (``tags.raw_tags``), consumed as they come:
    a streamed file's records are built as its tags go by, only ezdxf's tags are kept."""
    splitter = _Splitter(claim_insert)
    doc = Drawing.from_tags(compile_tags(splitter.tags(pairs)))
    return ReadDrawing(doc, splitter.modelspace(doc))


class _Slot:
    """An entity left to ezdxf: where it sits in the file, and the layout its tags name."""

    __slots__ = ("handle", "in_modelspace")

    def __init__(self, handle: str | None, in_modelspace: bool):
        self.handle = handle
        self.in_modelspace = in_modelspace


class _Splitter:
    def __init__(self, claim_insert: Callable[[str], bool]):
        self.claim_insert = claim_insert
        self.packed = _Packed()
        self.slots: list[_Slot] = []
        # Records and slots in file order: a record's number in ``packed``, or -1 - i for slots[i].
        self.order = array("q")
        # The handles of the records and of the ATTRIBs and SEQENDs taken with them, as numbers
        # (a list of a million strings was 70 MB); the rare one past 64 bits as it is.
        self.claimed_handles = array("Q")
        self.long_handles: set[str] = set()
        self.model_key: str | None = None  # *Model_Space's and *Paper_Space's block record handles
        self.paper_key: str | None = None
        self.entity_sections = 0
        self._group: list | None = None  # an INSERT taken, its ATTRIBs and their tags, until SEQEND
        self._linked = False  # a POLYLINE or INSERT left to ezdxf waits for its SEQEND

    # ------------------------------------------------------------------ tag stream

    def tags(self, pairs: Iterable[Pair]) -> Iterator[Pair]:
        """The raw tags ezdxf is to see: all but those of the entities taken as records."""
        in_entities = False
        after_section = False
        entity: list[Pair] | None = None
        record_table: list[Pair] | None = None  # a BLOCK_RECORD table entry's tags
        for pair in pairs:
            code = pair[0]
            if code == 0:
                word = pair[1].strip()
                if in_entities:
                    if entity is not None:
                        yield from self._entity(entity)
                        entity = None
                    if word not in ("ENDSEC", "SECTION", "EOF"):
                        entity = [pair]
                        continue
                    yield from self._end_of_section()
                    in_entities = False
                if record_table is not None:
                    self._block_record(record_table)
                    record_table = None
                if word == "BLOCK_RECORD":
                    record_table = [pair]
                after_section = word == "SECTION"
                yield pair
                continue
            if entity is not None:
                entity.append(pair)
                continue
            if after_section and code == 2 and pair[1] == "ENTITIES":
                in_entities = True
                self.entity_sections += 1
            after_section = False
            if record_table is not None:
                record_table.append(pair)
            yield pair
        if entity is not None:
            yield from self._entity(entity)
        yield from self._end_of_section()

    def _block_record(self, tags: list[Pair]) -> None:
        handle = next((value for code, value in tags if code == 5), None)
        name = next((value for code, value in tags if code == 2), "")
        if name.lower() == "*model_space" and self.model_key is None:
            self.model_key = handle
        elif name.lower() == "*paper_space" and self.paper_key is None:
            self.paper_key = handle

    def _end_of_section(self) -> Iterator[Pair]:
        if self._group is not None:  # an INSERT's ATTRIBs with no SEQEND: ezdxf's to judge
            yield from self._release_group()
        self._linked = False

    def _release_group(self) -> Iterator[Pair]:
        group, self._group = self._group, None
        if group is None:  # callers release only a group they hold
            return
        record, pairs = group[0], group[1]
        self._slot(record.handle, True)
        for tags in pairs:
            yield from tags

    def _entity(self, pairs: list[Pair]) -> Iterator[Pair]:
        kind = pairs[0][1].strip()
        if self._group is not None:
            group = self._group
            if kind == "ATTRIB":
                attrib = _attrib(pairs)
                group[1].append(pairs)
                if attrib is None:
                    group[3] = False
                else:
                    group[2].append(attrib)
                return
            seqend = _seqend_handle(pairs) if kind == "SEQEND" and group[3] else False
            if seqend is not False:
                record = group[0]
                record.attribs = [(intern(tag), intern(text)) for tag, text, _ in group[2]]  # RC2, ROLE...: few values
                self._record(record)
                for _, _, handle in group[2]:
                    self._claim(handle)
                self._claim(seqend)
                self._group = None
                return
            group[1].append(pairs)
            if kind == "SEQEND":
                yield from self._release_group()
                return
            # Anything else before the SEQEND: ezdxf finds the structure broken, as before.
            yield from self._release_group()
            yield from pairs
            return
        if self._linked:
            if kind == "SEQEND":
                self._linked = False
            yield from pairs
            return
        record = None
        if self.model_key is not None:
            parse = _PARSERS.get(kind)
            if parse is not None:
                record = parse(pairs, self)
        if record is None:
            self._slot(*_slot_of(pairs, self.model_key, self.paper_key))
            if kind == "POLYLINE" or (kind == "INSERT" and _attribs_follow(pairs)):
                self._linked = True
            yield from pairs
            return
        if kind == "INSERT" and record.attribs:  # ATTRIBs follow: taken with them or not at all
            record.attribs = None
            self._group = [record, [pairs], [], True]
            return
        if kind == "INSERT":
            record.attribs = []
        self._record(record)

    def _slot(self, handle: str | None, in_modelspace: bool) -> None:
        self.order.append(-1 - len(self.slots))
        self.slots.append(_Slot(handle, in_modelspace))

    def _record(self, record) -> None:
        self.order.append(self.packed.add(record))
        self._claim(record.handle)

    def _claim(self, handle: str) -> None:
        """Note a handle taken from ezdxf (a valid one: a hexadecimal number, see ``_structure``)."""
        number = int(handle, 16)  # "-1A" is one too, to ezdxf
        if 0 <= number < 1 << 64:
            self.claimed_handles.append(number)
        else:
            self.long_handles.add(handle)

    # ------------------------------------------------------------------ the modelspace

    def modelspace(self, doc: Drawing) -> LightModelspace:
        """The records and ezdxf's modelspace entities in file order, or LightUnavailable."""
        if self.entity_sections > 1:
            raise LightUnavailable("several ENTITIES sections")  # ezdxf keeps the last one only
        ezdxf_entities = list(doc.modelspace())
        if not len(self.packed):
            return LightModelspace(ezdxf_entities)
        model = doc.block_records.get("*Model_Space")
        if model is None or model.dxf.handle != self.model_key:
            raise LightUnavailable("the modelspace is not the block record the tags name")
        if self._claimed_in(doc.entitydb):
            raise LightUnavailable("a handle taken by a light record is in ezdxf's database")
        order = array("q")
        index = 0
        slots = self.slots
        for number in self.order:
            if number >= 0:
                order.append(number)
                continue
            slot = slots[-1 - number]
            if not slot.in_modelspace:
                continue
            if index >= len(ezdxf_entities):
                raise LightUnavailable("fewer modelspace entities than expected")
            if slot.handle is None or ezdxf_entities[index].dxf.handle != slot.handle:
                raise LightUnavailable("a modelspace entity is not where its tags were")
            order.append(-1 - index)
            index += 1
        if index != len(ezdxf_entities):
            raise LightUnavailable("more modelspace entities than expected")
        return LightModelspace(ezdxf_entities, self.packed, order)

    def _claimed_in(self, database) -> bool:
        """Whether ezdxf's database holds a handle the records took: compared as numbers, so
        a handle written with other letter case or leading zeros counts too (the file is
        then read ezdxf's whole way, as for any such doubt)."""
        if any(handle in database for handle in self.long_handles):
            return True
        held = []
        for handle in database.keys():
            try:
                held.append(int(handle, 16))
            except (TypeError, ValueError):
                continue
        held_numbers = np.array([h for h in held if 0 <= h < 1 << 64], dtype=np.uint64)
        claimed = np.frombuffer(self.claimed_handles, dtype=np.uint64)  # array("Q"): 8 bytes each
        return bool(np.isin(claimed, held_numbers).any())


# ---------------------------------------------------------------------- parsing


def _structure(pairs: list[Pair]):
    """(handle, owner, subclass markers after the first, AcDbEntity tags, [subclass tags...])
    for an entity with nothing but a handle and an owner before AcDbEntity, its values
    typed as ezdxf's tag compiler types them; None otherwise, and wherever the compiler
    would fail (the tags then go to it and fail there). One pass over the tags."""
    handle = owner = None
    names: list[str] = []
    classes: list[list] = []
    current: list | None = None
    type_of = TYPE_TABLE.get
    points = POINT_CODES
    index, size = 1, len(pairs)
    xdata = False  # from the first 1001 on, every tag is XDATA (ExtendedTags), typed but unused
    reactors = False  # inside the base class's (102, "{ACAD_REACTORS") group: typed but unused
    try:
        while index < size:
            code, value = pairs[index]
            index += 1
            if reactors:
                if code == 102 and value in ("}", "ACAD_REACTORS}"):
                    reactors = False
                    continue
            elif code == 1001:
                xdata = True
            if 300 <= code < 320 or code == 1004:
                return None  # binary data: ezdxf's
            if not (xdata or reactors):
                if code == 102:
                    if current is None and value == "{ACAD_REACTORS":
                        reactors = True  # the reactors (dimensions, groups...) are nothing extraction uses
                        continue
                    return None  # other app data (an extension dictionary...): ezdxf's
                if code == 100:
                    names.append(value)
                    current = []
                    classes.append(current)
                    continue
                if code >= 1000 or code == 101:
                    return None  # embedded objects: ezdxf's
            if code in points:
                if index >= size or pairs[index][0] != code + 10:
                    return None
                x, y = float(value), float(pairs[index][1])
                index += 1
                if index < size and pairs[index][0] == code + 20:
                    typed: object = (x, y, float(pairs[index][1]))
                    index += 1
                else:
                    typed = (x, y)
            else:
                cast = type_of(code, str)
                if cast is str:
                    typed = value
                else:
                    try:
                        typed = cast(value)
                    except ValueError:
                        if cast is not int:
                            return None
                        typed = int(float(value))  # ProE writes integers as floats
            if xdata or reactors:
                continue
            if current is not None:
                current.append((code, typed))
            elif code == 5 and handle is None:
                handle = typed
            elif code == 330 and owner is None:
                owner = typed
            else:
                return None  # a second handle or owner, or any other tag before AcDbEntity
    except ValueError:
        return None
    if reactors:
        return None  # no closing (102, "}"): ezdxf refuses the structure
    if handle is None or handle == "0" or not is_valid_handle(handle) or not names or names[0] != "AcDbEntity":
        return None  # no handle: ezdxf would make one up; an invalid one: its database refuses it
    return handle, owner, tuple(names[1:]), classes[0], classes[1:]


def _once(tags: list, used: frozenset, allowed: frozenset) -> dict | None:
    """The ``used`` codes' values when each appears at most once and every other code is in ``allowed``."""
    found: dict = {}
    for code, value in tags:
        if code in used:
            if code in found:
                return None
            found[code] = value
        elif code not in allowed:
            return None
    return found


def _common(pairs: list[Pair], splitter: _Splitter, markers: tuple[tuple[str, ...], ...]):
    """(handle, layer, subclasses after AcDbEntity) for a modelspace entity written with one
    of ``markers``; None when it is not plainly written or does not land in the modelspace."""
    parsed = _structure(pairs)
    if parsed is None:
        return None
    handle, owner, names, entity_tags, classes = parsed
    if names not in markers:
        return None
    entity = _once(entity_tags, _ENTITY_USED, _ENTITY_IGNORED)
    if entity is None:
        return None
    # ezdxf's rule (EntitySection._build): the owner decides, else the paperspace flag.
    if owner is not None and owner != splitter.model_key:
        return None
    if owner is None and entity.get(67):
        return None
    # Interned: a plan's hundred thousand records name a few dozen layers (memory of big files).
    return handle, intern(entity.get(8) or "0"), classes


_LINE_USED = frozenset({10, 11, 39})
_LINE_ALLOWED = frozenset({210})


def _line(pairs: list[Pair], splitter: _Splitter) -> LightLine | None:
    common = _common(pairs, splitter, (("AcDbLine",),))
    if common is None:
        return None
    handle, layer, (tags,) = common
    found = _once(tags, _LINE_USED, _LINE_ALLOWED)
    if found is None or 10 not in found or 11 not in found:
        return None
    record = LightLine()
    record.handle, record.layer = handle, layer
    record.start, record.end = found[10], found[11]
    record.thickness = found.get(39, 0.0)
    return record


_POLYLINE_ALLOWED = frozenset({90, 43, 91, 40, 41})


def _polyline(pairs: list[Pair], splitter: _Splitter) -> LightPolyline | None:
    common = _common(pairs, splitter, (("AcDbPolyline",),))
    if common is None:
        return None
    handle, layer, (tags,) = common
    points: list[tuple[float, float]] = []
    flags = elevation = thickness = None
    for code, value in tags:
        if code == 10:
            points.append((value[0], value[1]))
        elif code == 42:
            if value:
                return None  # an arc: ezdxf's way (bulge arcs, flattening)
        elif code == 70 and flags is None:
            flags = value
        elif code == 38 and elevation is None:
            elevation = value
        elif code == 39 and thickness is None:
            thickness = value
        elif code == 210:
            if tuple(value) != _Z_AXIS:
                return None  # tilted or mirrored: ezdxf's OCS
        elif code not in _POLYLINE_ALLOWED:
            return None
    record = LightPolyline()
    record.handle, record.layer = handle, layer
    record.points = points
    record.closed = bool((flags or 0) & 1)
    record.elevation = elevation if elevation is not None else 0.0
    record.thickness = thickness if thickness is not None else 0.0
    return record


_TEXT_USED = frozenset({1, 10, 11, 40, 72, 73, 210})
_TEXT_ALLOWED = frozenset({39, 50, 41, 51, 7, 71})


def _text(pairs: list[Pair], splitter: _Splitter) -> LightText | None:
    common = _common(pairs, splitter, (("AcDbText", "AcDbText"), ("AcDbText",)))
    if common is None:
        return None
    handle, layer, classes = common
    found = _once([tag for tags in classes for tag in tags], _TEXT_USED, _TEXT_ALLOWED)
    if found is None or 10 not in found or 1 not in found:
        return None
    if 210 in found and tuple(found[210]) != _Z_AXIS:
        return None
    # Text.get_placement: the alignment point unless the text is left-aligned, fitted or aligned.
    halign, valign = found.get(72, 0), found.get(73, 0)
    if halign > 2:
        valign = 0
    align = MAP_TEXT_ALIGN_FLAGS_TO_ENUM.get((halign, valign), TextEntityAlignment.LEFT)
    insert = found[10]
    if align in (TextEntityAlignment.LEFT, TextEntityAlignment.FIT, TextEntityAlignment.ALIGNED):
        point = insert
    else:
        point = found.get(11, insert)
    record = LightText()
    record.handle, record.layer = handle, layer
    record.text = found[1]
    record.point = (float(point[0]), float(point[1]))
    record.height = found.get(40, 0.0)
    return record


_INSERT_USED = frozenset({66, 2, 10, 41, 42, 43, 50, 210})
_INSERT_ALLOWED = frozenset({38})


def _insert(pairs: list[Pair], splitter: _Splitter) -> LightInsert | None:
    common = _common(pairs, splitter, (("AcDbBlockReference",),))
    if common is None:
        return None
    handle, layer, (tags,) = common
    found = _once(tags, _INSERT_USED, _INSERT_ALLOWED)  # no 70/71/44/45: no MINSERT grids
    if found is None or 2 not in found or not splitter.claim_insert(layer):
        return None
    record = LightInsert()
    record.handle, record.layer = handle, layer
    record.name = found[2]
    record.insert = found.get(10, (0.0, 0.0, 0.0))
    record.xscale = found.get(41, 1)
    record.yscale = found.get(42, 1)
    record.zscale = found.get(43, 1)
    record.rotation = found.get(50, 0)
    record.extrusion = found.get(210, _Z_AXIS)
    record.attribs = bool(found.get(66, 0))  # for the splitter: do ATTRIBs follow?
    return record


def _attrib(pairs: list[Pair]):
    """(tag, text, handle) of an ATTRIB written plainly, or None."""
    parsed = _structure(pairs)
    if parsed is None or parsed[2] != ("AcDbText", "AcDbAttribute"):
        return None
    handle, _, _, entity_tags, (text_tags, attrib_tags) = parsed
    if _once(entity_tags, _ENTITY_USED, _ENTITY_IGNORED) is None:
        return None
    text = [value for code, value in text_tags if code == 1]
    tag = [value for code, value in attrib_tags if code == 2]
    if (
        len(text) != 1
        or len(tag) != 1
        or any(code == 2 for code, _ in text_tags)
        or any(code == 1 for code, _ in attrib_tags)
    ):
        return None
    return tag[0], text[0], handle


def _seqend_handle(pairs: list[Pair]) -> str | Literal[False]:
    """The SEQEND's handle when it is plainly written, else False."""
    parsed = _structure(pairs)
    if parsed is None or parsed[2] != () or _once(parsed[3], _ENTITY_USED, _ENTITY_IGNORED) is None:
        return False
    return parsed[0]


def _attribs_follow(pairs: list[Pair]) -> bool:
    """ezdxf's ``dxf.get("attribs_follow", 0)`` for an INSERT left to it (the last 66 wins)."""
    value = 0
    for code, raw in pairs:
        if code == 1001:
            break  # XDATA: not the INSERT's own tags
        if code == 66:
            try:
                value = int(raw)
            except ValueError:
                try:
                    value = int(float(raw))
                except ValueError:
                    return False  # the compiler refuses the file anyway
    return bool(value)


def _slot_of(pairs: list[Pair], model_key: str | None, paper_key: str | None) -> tuple[str | None, bool]:
    """(handle, in the modelspace?) of an entity left to ezdxf, by ezdxf's rule: the owner
    decides, else the paperspace flag. Checked against ezdxf's modelspace afterwards."""
    handle = owner = None
    paperspace = False
    base = True
    app_data = False  # inside a (102, "{...") group: reactors' 330s are not the owner
    for code, value in pairs[1:]:
        if code == 1001:
            break  # XDATA: not the entity's own tags
        if code == 100 or code >= 1000:
            base = False
        if code == 102:
            app_data = value.startswith("{")
            continue
        if app_data:
            continue
        if base and code == 5 and handle is None:
            handle = value
        elif base and code == 330 and owner is None:
            owner = value
        elif code == 67:
            try:
                paperspace = bool(int(value))
            except ValueError:
                paperspace = False
    if owner == model_key and owner is not None:
        return handle, True
    if owner == paper_key and owner is not None:
        return handle, False
    return handle, not paperspace


_PARSERS = {"LINE": _line, "LWPOLYLINE": _polyline, "TEXT": _text, "INSERT": _insert}
