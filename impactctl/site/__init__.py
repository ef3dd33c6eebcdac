"""The published site: a pure page generator and the two doors that lead to it.

* ``options``      what may be published, per organisation (``full``, ``levels``, ``none``).
* ``markdown``     contributor Markdown to sanitised HTML (Python-Markdown, then nh3).
* ``measures``     component and overall maturity scores from the ratings.
* ``charts``       inline SVG charts (data in, SVG out).
* ``html``         small HTML builders: escaping, data tables, links between pages.
* ``style``        the stylesheet for the generated HTML.
* ``pages``        the generator's entry points (``generate``, ``site_nav``) and shared context;
  ``organisation``, ``system`` and ``reference`` write the pages themselves.
* ``sources``      reads the repository, its change log and last-changed dates (the only I/O).
* ``plugin``       the MkDocs plugin: a thin adapter over ``sources`` and ``pages``.
* ``build``        ``impactctl site build`` / ``--stage`` / ``serve``.

Only ``plugin`` and ``build`` import MkDocs. See docs/site.md.
"""
