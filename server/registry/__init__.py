"""The registry's own rules: vocabulary, field validation, household facts, CSV format."""
