"""Typed async client for Swagger Petstore."""

__version__ = "1.0.19"
