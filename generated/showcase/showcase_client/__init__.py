"""Typed async client for Showcase."""

__version__ = "2.1.0"
