"""Bytes → canonical documents. One sub-package per format; :mod:`parsers.registry` lists them."""
