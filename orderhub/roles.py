"""The roles an API token holds (what each may do is :data:`orderhub.tokens.PERMISSIONS`).

Apart from :mod:`orderhub.tokens` so that the ``orderhub`` command can offer the role names without loading
the store: every command builds the whole argument parser, and ``orderhub validate`` should cost no more
than validating.
"""

from enum import StrEnum


class Role(StrEnum):
    ERP = "erp"
    REVIEWER = "reviewer"
    ADMIN = "admin"
