"""orderhub's core: settings, store, pipeline, validation and CLI; it wires the parts together."""

__version__ = "0.1.0"
