"""themewatch: mine what people write about customer service.

The pipeline's stages live in the top-level packages ``extractors``,
``transforms``, ``warehouse`` and ``reports``; this package holds what they
share: the record contracts, settings, the Parquet lake layout and the CLI.
"""

__version__ = "0.1.0"
PIPELINE_VERSION = __version__
