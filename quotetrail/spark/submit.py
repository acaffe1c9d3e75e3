"""Entry point for spark-submit: `spark-submit ... submit.py INPUT... --out DIR`.

The same as `quotetrail ingest --engine spark`, with the master taken from
spark-submit. Exits 7 when some inputs failed, as ingest does.
"""

from __future__ import annotations

import argparse
import sys

from quotetrail.errors import PARTIAL_FAILURE
from quotetrail.read import DEFAULT_MAX_FILE_BYTES


def main(argv: list[str] | None = None) -> int:
    from quotetrail import spark

    parser = argparse.ArgumentParser(prog="quotetrail-spark", description=__doc__)
    parser.add_argument("inputs", nargs="+", help="Paths, globs or Hadoop URIs to ingest.")
    parser.add_argument("--out", required=True, help="Directory or URI for the Parquet tables.")
    parser.add_argument("--outlet", default=None, help="Outlet for texts that carry none.")
    parser.add_argument("--max-file-bytes", type=int, default=DEFAULT_MAX_FILE_BYTES)
    parser.add_argument("--partitions", type=int, default=None, help="Tasks for the NLP stage.")
    args = parser.parse_args(argv)
    report = spark.run(
        args.inputs,
        args.out,
        outlet=args.outlet,
        max_file_bytes=args.max_file_bytes,
        partitions=args.partitions,
    )
    for failure in report.failures:
        print(f"failed {failure.source}: {failure.reason}", file=sys.stderr)
    counts = f"read {report.read}, new {report.new}, duplicate {report.duplicate}"
    print(f"{counts}, failed {report.failed}")
    return PARTIAL_FAILURE if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
