"""A folder of returns → `Return` records: walk and unpack, cache, read the form, recognise
replies and the tool's own papers, identify the unit."""
