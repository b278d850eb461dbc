"""`dermquiz analyze`: item statistics of a class's results, for the instructor who wrote the pack.

One idea per module: `csvread` (results CSVs, located errors), `sources` (CSVs and data dirs
merged, de-duplicated, selected), `formulas` (the statistics), `items` (per case and per
option), `flags`, `locate` (a case's FILE:LINE), and the outputs (`jsonout`, `csvout`,
`table`, `charts`, `html`). No Textual here.
"""
