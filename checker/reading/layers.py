"""Layer roles: which DXF layers hold walls, doors, windows, spaces and so on.

A mapping (a ``[layers]`` table in project.toml, or a TOML file given with
``--layers``) names the layers a municipality or an office uses; its patterns are
tried first and always win. Without one, the name itself is read
(``recognition.layer_names``): standard codes (NCS ``A-WALL``, CI/SfB ``A-21-G``)
and plain words in many languages (``Walls``, ``Wand (neu)``, ``دیوار``), with a
reason and a confidence; a name that says its layer holds no building element
(``A-WALL-DIMS``, ``Wall cabinet``) gets no role. The NCS patterns below are the
last resort. Mapping patterns are compared case-insensitively, and ``.``, ``_`` and
spaces count as ``-``, so ``A.Wall_Internal`` matches ``a-wall-internal``.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ..errors import ManifestError
from ..messages import Message, Term, msg
from .source import read_plan_file


class Role(str, Enum):
    WALLS = "walls"
    DOORS = "doors"
    WINDOWS = "windows"
    SPACES = "spaces"
    ACCESS = "access"  # flat roofs, balconies, climbing aids
    SITE = "site"  # site boundary
    PUBLIC = "public"  # street, public footpath
    FENCES = "fences"
    LIGHTS = "lights"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.WALLS: "walls",
    Role.DOORS: "doors",
    Role.WINDOWS: "windows",
    Role.SPACES: "spaces",
    Role.ACCESS: "access surfaces",
    Role.SITE: "site boundary",
    Role.PUBLIC: "public realm",
    Role.FENCES: "fences",
    Role.LIGHTS: "lights",
}

DEFAULT_PATTERNS: dict[Role, tuple[str, ...]] = {
    Role.WALLS: ("A-WALL*",),
    Role.DOORS: ("A-DOOR*",),
    Role.WINDOWS: ("A-GLAZ*", "A-WIND*"),
    Role.SPACES: ("A-AREA*",),
    Role.ACCESS: ("A-ROOF*", "A-BALC*"),
    Role.SITE: ("C-PROP*",),
    Role.PUBLIC: ("C-ROAD*", "C-PUBL*"),
    Role.FENCES: ("L-FENC*", "L-SITE-FENC*"),
    Role.LIGHTS: ("E-LITE*",),
}

# Roles whose presence makes a drawing a floor plan.
PLAN_ROLES = (Role.WALLS, Role.DOORS, Role.WINDOWS, Role.SPACES)

_SEPARATORS = re.compile(r"[._\s]+")


def normalise(name: str) -> str:
    return _SEPARATORS.sub("-", name.strip()).casefold()


@dataclass(frozen=True)
class LayerRole:
    """A layer's role and how it was known: ``how`` is ``mapping`` (the user's [layers]
    table) or ``layer-name`` (a standard code or a word the reader knows); ``reason``
    says so in words ("layer name 'Türen' = doors, German")."""

    role: Role | None
    how: str | None = None
    reason: Message | None = None
    confidence: float = 1.0
    noise: bool = False  # furniture, annotation: nothing the reading needs (no role)


NO_ROLE = LayerRole(None)


@dataclass(frozen=True)
class LayerMapping:
    """Patterns per role: the user's first, then the defaults."""

    user: tuple[tuple[Role | None, str], ...] = ()  # None: the table's "none"
    source: str | None = None  # where the user's patterns came from
    _compiled: tuple[tuple[Role | None, str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pairs: list[tuple[Role | None, str]] = [(role, normalise(p)) for role, p in self.user]
        pairs += [(role, normalise(p)) for role, patterns in DEFAULT_PATTERNS.items() for p in patterns]
        object.__setattr__(self, "_compiled", tuple(pairs))

    def role_of(self, layer: str) -> Role | None:
        return self.explain(layer).role

    def explain(self, layer: str) -> LayerRole:
        """The layer's role, how it was known and why: the user's patterns first, then
        what the name says (a standard code or a word), then the NCS patterns."""
        from .recognition.layer_names import read_layer_name  # it imports Role from here

        name = normalise(layer)
        user = len(self.user)
        for role, pattern in self._compiled[:user]:
            if fnmatch.fnmatchcase(name, pattern):
                if role is None:  # the table's "none": the user says nothing on it is to be read
                    return LayerRole(None, noise=True)
                return LayerRole(
                    role,
                    "mapping",
                    msg(
                        "layer.by-mapping", layer=layer, role=Term(f"layer-role.{role.value}"), source=self.source or ""
                    ),
                )
        reading = read_layer_name(layer)
        if reading.role is not None:
            return LayerRole(reading.role, "layer-name", reading.reason, reading.confidence)
        if reading.vetoed:
            # "A-WALL-DIMS", "A-DOOR-DEMO": the name says the layer holds no such element.
            return LayerRole(None, noise=reading.noise)
        for role, pattern in self._compiled[user:]:
            if role is not None and fnmatch.fnmatchcase(name, pattern):  # the defaults have no "none"
                return LayerRole(
                    role,
                    "layer-name",
                    msg("layer.by-standard", layer=layer, role=Term(f"layer-role.{role.value}"), standard="NCS"),
                )
        return LayerRole(None, noise=True) if reading.noise else NO_ROLE

    def merged(self, other: LayerMapping) -> LayerMapping:
        """This mapping with ``other``'s patterns tried first."""
        sources = [s for s in (other.source, self.source) if s]
        return LayerMapping(user=other.user + self.user, source=" + ".join(sources) or None)

    @classmethod
    def from_table(cls, table: object, where: str) -> LayerMapping:
        """Build from a ``{role: [pattern, ...]}`` table; ``where`` names it in errors."""
        if not isinstance(table, dict):
            raise ManifestError(f"{where}: the layer mapping must be a table of role = [layer names].")
        pairs: list[tuple[Role | None, str]] = []
        roles = {r.value: r for r in Role}
        for key, patterns in table.items():
            role = roles.get(str(key).lower())
            if role is None and str(key).lower() != "none":  # "none": layers that hold nothing to check
                raise ManifestError(f"{where}: unknown layer role {key!r}; the roles are {', '.join(roles)}.")
            if isinstance(patterns, str):
                patterns = [patterns]
            if not isinstance(patterns, list) or not all(isinstance(p, str) and p.strip() for p in patterns):
                raise ManifestError(f"{where}: {key} must be a layer name or a list of layer names.")
            pairs.extend((role, p) for p in patterns)
        return cls(user=tuple(pairs), source=where)

    @classmethod
    def from_file(cls, path: Path) -> LayerMapping:
        """Read a mapping file: a ``[layers]`` table, or role keys at the top level."""
        if not Path(path).exists() and not Path(path).is_symlink():
            raise ManifestError(f"Layer mapping file {path} does not exist.")
        try:
            # The safe read (issue 15): an ordinary file within the size limit, read once.
            data = tomllib.loads(read_plan_file(Path(path), str(path)).decode("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ManifestError(f"Layer mapping file {path} cannot be read: {exc}.") from None
        except tomllib.TOMLDecodeError as exc:
            raise ManifestError(f"Layer mapping file {path} is not valid TOML: {exc}.") from None
        table = data.get("layers", data)
        return cls.from_table(table, f"{Path(path).name} [layers]" if "layers" in data else Path(path).name)
