"""``python -m consolidate``: the same command, for PCs where the Scripts folder is not on PATH."""

from consolidate.cli import main

if __name__ == "__main__":
    main(prog_name="consolidate")
