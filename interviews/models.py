"""Database models of interviews."""
