"""Gongkai's Pelican plugins: one package per concern (see docs/architecture.md)."""
