"""JSON Schemas of what appraise writes (read with importlib.resources): ``notice-release.json``,
the OCDS release of ``appraise notice --format json`` (docs/tenders.md)."""
