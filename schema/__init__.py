"""Database schema: SQLModel tables (models.py) and Alembic migrations."""
