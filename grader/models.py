"""Database models of grader."""
