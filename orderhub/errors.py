"""Errors the core raises by what happens next (see DESIGN.md): configuration errors are fatal."""

from __future__ import annotations


class ConfigError(Exception):
    """Configuration that cannot work: fatal, the hub stops with this message."""
