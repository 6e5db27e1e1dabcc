"""Pure Python exports of a workshop snapshot: no Flask, no database."""
