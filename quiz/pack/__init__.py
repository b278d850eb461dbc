"""Case packs: the format v1 models, the YAML reader, the loader and its checks."""
