"""The dashboard kernel: accounts, SSO, the callback guard, filters, cache and
computing over the registered kinds."""

# The dashboard's texts join the message catalogue as soon as any part of the
# dashboard is loaded.
from dashboards.kernel import texts as _texts  # noqa: F401
