"""quotetrail: who said what, when, and who reported it."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("quotetrail")
except PackageNotFoundError:  # running from a checkout without install
    __version__ = "0.0.0"
