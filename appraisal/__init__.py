"""appraise: options appraisal as code.

Nothing heavy is imported here, so that ``appraise --version`` and ``--help`` stay fast.
"""

__version__ = "0.1.0"
