"""Connected components on Spark, for grouping by shared band keys.

Callers link every member of a (band key) bucket to the bucket's smallest
member (a star, never all pairs); components over those links are found by
iterated min-label propagation, all as DataFrame operations in the JVM.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import DataFrame


def components(nodes: DataFrame, links: DataFrame, max_rounds: int = 64) -> DataFrame:
    """(node, label): label is the smallest node id in the node's component.

    Min-label propagation: each round every node takes the smallest label among
    itself and its neighbours, until no label changes. Star links keep the
    diameter, and so the number of rounds, small.
    """
    from pyspark.sql import functions as F

    links = links.localCheckpoint()
    if links.isEmpty():
        return nodes.select("node").distinct().withColumn("label", F.col("node"))
    edges = (
        links.select(F.col("node").alias("src"), F.col("head").alias("dst"))
        .union(links.select(F.col("head").alias("src"), F.col("node").alias("dst")))
        .distinct()
        .localCheckpoint()
    )
    labels = nodes.select("node").distinct().withColumn("label", F.col("node")).localCheckpoint()
    for _ in range(max_rounds):
        offered = edges.join(labels.withColumnRenamed("node", "dst"), "dst").select(
            F.col("src").alias("node"), "label"
        )
        updated = labels.union(offered).groupBy("node").agg(F.min("label").alias("label"))
        updated = updated.localCheckpoint()
        old = labels.withColumnRenamed("label", "old")
        changed = updated.join(old, "node").filter(F.col("label") != F.col("old")).count()
        labels = updated
        if changed == 0:
            break
    return labels
