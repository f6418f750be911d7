"""prov: claim provenance and source attribution for news figures.

The domain library. Plain Python over a SQLAlchemy/SQLModel Session; it
never imports click or rich, so it can be used from any program.
"""

__version__ = "0.1.0"
