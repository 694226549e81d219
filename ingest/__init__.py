"""The ingest: discover -> plan -> extract (in executors) -> load (one writer), recorded as a run.

Modules in the order a file meets them: `discover` (the files under the paths), `plan` (new, changed, unchanged
by path, content hash and extractor version), `extraction` (one file -> rows ready to store, in a worker),
`executors` (inline, a process pool with limits, Dask), `writer` (batches in transactions), `run` (the whole, under
the database's ingest lock).
"""
from extract.version import EXTRACTOR_VERSION
from ingest.discover import Discovery, discover, find_files
from ingest.executors import DEFAULT_LIMITS, Limits, make_executor
from ingest.extraction import FileResult, StorableFile, extract_file, prepare_file
from ingest.plan import Planned, plan, sha256_of, storable
from ingest.run import IngestOptions, IngestProgress, IngestReport, ingest

__all__ = [
    "DEFAULT_LIMITS",
    "EXTRACTOR_VERSION",
    "Discovery",
    "FileResult",
    "IngestOptions",
    "IngestProgress",
    "IngestReport",
    "Limits",
    "Planned",
    "StorableFile",
    "discover",
    "extract_file",
    "find_files",
    "ingest",
    "make_executor",
    "plan",
    "prepare_file",
    "sha256_of",
    "storable",
]
