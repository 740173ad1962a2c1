"""newsreader: a terminal reader for news articles that shows who said what."""

__version__ = "0.1.0"

# Bump when the analysis output changes for the same text and model: it keys the cache.
PIPELINE_VERSION = "33"
