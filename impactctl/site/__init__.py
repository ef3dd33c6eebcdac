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
* ``config``       mkdocs.yml read and written, the configuration changes the plugin and
  ``--stage`` share, and MkDocs run.
* ``staging``      what a staged folder holds; ``setaside`` the Markdown extension its
  pages use, so raw HTML skips Markdown's parser in any builder.
* ``output``       which folders a build may replace, and replacing them whole.
* ``build``        ``impactctl site build`` (``--engine mkdocs|zensical``) / ``--stage`` /
  ``serve``.

Only ``plugin`` and ``config`` import MkDocs (and PyYAML). See docs/site.md.
"""
