"""The Spark session: local[*] by default, any master URL otherwise."""

from __future__ import annotations

import os
import shutil
import sys
from typing import TYPE_CHECKING

from quotetrail.errors import QuotetrailError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


class SparkUnavailable(QuotetrailError):
    """PySpark or Java is missing: the Spark engine cannot start."""


def available() -> str | None:
    """None when the Spark engine can run here, else the reason it cannot."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark is not installed. Run `pip install 'quotetrail[spark]'`."
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        return "Java is not installed (Spark needs Java 17+). Install a JDK or set JAVA_HOME."
    return None


def start(master: str | None = None, app_name: str = "quotetrail") -> SparkSession:
    """A session on `master` (local[*] when None) whose Python workers use this interpreter."""
    reason = available()
    if reason:
        raise SparkUnavailable(reason)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    # Under spark-submit the gateway already exists and carries the --master given there.
    submitted = master is None and "PYSPARK_GATEWAY_PORT" in os.environ
    if not submitted and (master or "local").startswith("local"):
        # Local workers must run this interpreter, the one with quotetrail and the model;
        # on a cluster, spark.pyspark.python names the executors' own.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    if not submitted:
        builder = builder.master(master or "local[*]")
    builder = (
        builder.config("spark.python.worker.reuse", "true")  # model loaded once per worker
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
    )
    if not submitted and (master or "local").startswith("local"):
        # Spark's default of 200 shuffle partitions is 200 tasks (each feeding a Python
        # worker) per shuffle; two per core keeps every core busy on one machine.
        builder = builder.config("spark.sql.shuffle.partitions", str(2 * (os.cpu_count() or 1)))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
