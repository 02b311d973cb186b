"""wbkg: a knowledge graph of UK defence and security cooperation with the Western Balkans."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("wbkg")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"
