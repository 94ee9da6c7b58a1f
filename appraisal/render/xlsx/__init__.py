"""Workbooks (Office Open XML spreadsheets) written with openpyxl: the scoresheet an assessor
fills in and the scored appraisal with live formulas (docs/spreadsheets.md)."""
