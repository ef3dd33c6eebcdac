"""The published site: a pure page generator and the two doors that lead to it.

* ``options``  what may be published, per organisation (``full``, ``levels``, ``none``).
* ``markdown`` contributor Markdown to sanitised HTML.
* ``measures`` component and overall maturity from the ratings.
* ``charts``   inline SVG charts (data in, SVG out).
* ``html``     small HTML builders (escaping, tables, links between pages).
* ``pages``    the page generator: a Repository (and its history) in, Markdown and CSV out.
* ``sources``  reads the repository, its git history and last-changed dates for the pages.
* ``plugin``   the MkDocs plugin (thin adapter over ``sources`` and ``pages``).
* ``build``    ``impactctl site build`` / ``serve`` / ``--stage``.

Only ``plugin`` and ``build`` import MkDocs.
"""
