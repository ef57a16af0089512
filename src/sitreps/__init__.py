"""sitreps: news reports about armed conflict in, a sourced and geolocated event database out."""

__version__ = "0.1.0"
