"""What is being consulted on: consultation.toml, the roster of units and their names, the
draft's clause structure, and reading a consultation letter for ``init``. Returns are read
against these, so this sits below intake."""
