"""Reading: from bytes on disk or in git to a checked model of the repository.

The road, in order: ``layout`` (which file is what), ``files`` (safe reading), ``yaml``
(the checking parser), ``wellformed`` (JSON Schema), ``entries`` (the cacheable result),
``build`` (the domain objects), with ``cache`` keeping entries and ``repository`` driving
it all for the work tree or one side of a diff.
"""
