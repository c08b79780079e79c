"""What a batch of master data holds (the API's path segment, the CLI's ``--kind``).

Apart from :mod:`orderhub.masterdata_rows` so that building the ``orderhub`` command's parser, which every
command does, does not build the row models.
"""

from enum import StrEnum


class Kind(StrEnum):
    """What a batch holds; the value is the API path segment and the CLI's ``--kind``."""

    CUSTOMERS = "customers"
    SHIP_TOS = "ship-tos"
    ITEMS = "items"
    PRICE_LISTS = "price-lists"
    CROSS_REFERENCES = "cross-references"
