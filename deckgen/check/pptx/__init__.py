"""pptx: read a deck's DrawingML as the checker needs it (python-pptx and lxml, read-only).

`slide` opens a deck and gathers each slide's context, `shapes` flattens the shape tree with
absolute boxes, `text` resolves inherited run properties, `fill` what is painted behind text,
`colour` theme colours, `fonts` the measuring font for a typeface, `fit` how much room text needs,
`xml` namespaces and lenient attribute readers.
"""
