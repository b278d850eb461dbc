"""Deterministic schematic drawing of H&E histology and clinical images.

The package is split one idea per module: `noise` (deterministic textures in
micrometre space), `view` (magnification and field of view), `canvas` (stain
density layers), `stains` (density to colour), `skin` and friends (tissue),
`scenes` (what each built-in case shows) and `clinical` (clinical schematics).
"""
