"""Gongkai command line: ``python -m gongkai <command>`` (what the Makefile calls)."""
