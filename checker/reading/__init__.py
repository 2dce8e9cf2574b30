"""Reading plans: everything between a file's bytes and the plan model.

One package, so that a second input format can sit beside DXF without touching the
rules or the outputs:

- ``manifest``  project.toml: project data, storeys, units, [layers], schedule;
- ``units``     the drawing unit, from the header, the user or the drawing's evidence;
- ``layers``    layer roles: the user's [layers] mapping first, then names;
- ``dxf/``      DXF only: open safely and recover (``reader``), walk modelspace in
                drawing units (``extract``), and the starter template (``starter``);
- ``recognition/`` what a convention-free drawing means: layer names in many
                languages, doors and windows from geometry, walls and rooms, units
                from evidence; each element with how it was found and how sure;
- ``build``     the edge: metres once, footprint, host walls, outside;
- ``load``      ties these together per storey and reports what happened.
"""

from .load import LoadReport, load_plan, load_spec, load_storey

__all__ = ["LoadReport", "load_plan", "load_spec", "load_storey"]
