"""Database models of references."""
