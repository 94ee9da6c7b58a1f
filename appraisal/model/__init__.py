"""The input model: what the appraisal's files may hold, as validated pydantic models."""
