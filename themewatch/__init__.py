"""themewatch: mine what people write about customer service.

The pipeline's stages live in the top-level packages ``extractors``,
``transforms``, ``warehouse`` and ``reports``; this package holds what they
share: the record contracts, settings, the Parquet lake layout and the CLI.
"""

__version__ = "0.1.0"
#: Bump when a code change alters the tags or languages the same text gets (language ID,
#: text normalisation, matching): every tagged partition made before is then re-tagged,
#: as after a taxonomy edit. 2: "other" for German and non-Latin scripts, typographic
#: apostrophes inside words.
TAGGING_REVISION = 2
#: Recorded on every raw and tagged document and run record.
PIPELINE_VERSION = f"{__version__}+tagging.{TAGGING_REVISION}"
