"""The bundled report templates, shipped as the package ``appraisal.templates``.

``appendix.md.j2`` and ``appendix.html.j2`` render each report section through
``partials/<section id>.<format>.j2``; an appraisal folder's own ``templates/`` may hold files
of the same names to override them (see docs/report.md).
"""
