"""The version, in one place: the package metadata, ``impactctl --version`` and every cache
key read it from here (a module of its own, so reading it imports nothing else)."""

__version__ = "0.1.0"
