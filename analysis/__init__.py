"""Pure Python analysis of workshop input: no Flask, no database."""
