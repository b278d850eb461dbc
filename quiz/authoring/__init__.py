"""Tools for instructors: a new pack skeleton, the JSON Schema, the format reference, zipping."""
