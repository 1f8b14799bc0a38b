package io.newslens.state;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.newslens.output.OutputFolder;
import io.newslens.output.ParquetTables;
import io.newslens.output.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The ids of a refresh ({@code newslens update --refresh}): a full run staged as the next version of an output gives
 * its clusters and stories the ids a first run gives (the smallest doc_id, the first article's doc_id); this puts
 * back the ids the output already uses, by the rule an update follows ({@link ClusterIds}): a cluster or story
 * holding the id document of one or more current ones keeps the oldest of their ids, the others become aliases
 * ({@code merge}), members that left a cluster whose id stayed elsewhere are recorded ({@code split}); any other
 * cluster or story gets the full run's id, in use from this version. Rewrites, in the staging folder,
 * {@code duplicate_clusters}, {@code stories}, {@code story_articles}, {@code state/cluster_ids} and
 * {@code state/story_model} (ids, and {@code since} kept for kept ids), and writes {@code id_aliases}: the current
 * version's rows and this version's.
 *
 * <p>Only documents in a cluster or story of two or more, in the current version or in the refreshed one, are
 * brought to the driver (a document alone in both has its own doc_id as id in both).
 */
public final class KeptIds {
  private KeptIds() {}

  private static final StructType MAPPING = new StructType().add("_from", DataTypes.StringType, false)
      .add("_to", DataTypes.StringType, false);

  /**
   * @param current the published output's folder (the version being refreshed)
   * @param version the refresh's version
   * @return the manifest's {@code refresh.ids} section: per kind, the ids kept, created, merged away and split
   */
  public static Map<String, Object> apply(SparkSession spark, OutputFolder out, String current, int version) {
    List<Row> aliases = new ArrayList<>();
    Map<String, Object> section = new LinkedHashMap<>();

    // duplicate clusters: ids in use since the version state/cluster_ids says
    Dataset<Row> clusterSince = ParquetTables.read(spark, current + "/" + StateTables.CLUSTER_IDS)
        .filter(col(KIND).equalTo(StateTables.DUPLICATE_CLUSTER)).select(StateTables.ID, StateTables.SINCE);
    Map<String, String> clusters = keep(spark, ParquetTables.read(spark, current + "/" + Tables.DUPLICATE_CLUSTERS),
        read(spark, out, Tables.DUPLICATE_CLUSTERS), CLUSTER_ID, clusterSince, StateTables.DUPLICATE_CLUSTER,
        version, aliases, section);
    rewrite(spark, out, Tables.DUPLICATE_CLUSTERS, CLUSTER_ID, clusters, null, 0, null);
    rewrite(spark, out, StateTables.CLUSTER_IDS, StateTables.ID, clusters, StateTables.SINCE, version, clusterSince);

    // stories: ids in use since the version state/story_model says
    Dataset<Row> storySince = ParquetTables.read(spark, current + "/" + StateTables.STORY_MODEL)
        .select(STORY_ID, StateTables.SINCE);
    Map<String, String> stories = keep(spark, ParquetTables.read(spark, current + "/" + Tables.STORY_ARTICLES),
        read(spark, out, Tables.STORY_ARTICLES), STORY_ID, storySince, StateTables.STORY, version, aliases, section);
    rewrite(spark, out, Tables.STORY_ARTICLES, STORY_ID, stories, null, 0, null);
    rewrite(spark, out, Tables.STORIES, STORY_ID, stories, null, 0, null);
    rewrite(spark, out, StateTables.STORY_MODEL, STORY_ID, stories, StateTables.SINCE, version, storySince);

    // id_aliases: the current version's rows, then this version's
    Dataset<Row> previous = ParquetTables.read(spark, current + "/" + Tables.ID_ALIASES);
    Column[] order = java.util.Arrays.stream(previous.columns()).map(c -> col(c)).toArray(Column[]::new);
    previous.unionByName(spark.createDataFrame(aliases, StateTables.ID_ALIASES_SCHEMA).select(order)).coalesce(1)
        .write().mode(SaveMode.Overwrite).parquet(out.table(Tables.ID_ALIASES));
    return section;
  }

  /**
   * Decides the kept ids of one kind.
   *
   * @return the full run's id → the kept id, for every id that changes
   */
  private static Map<String, String> keep(SparkSession spark, Dataset<Row> before, Dataset<Row> after,
      String idColumn, Dataset<Row> since, String kind, int version, List<Row> aliases, Map<String, Object> section) {
    Dataset<Row> b = before.select(col(DOC_ID), col(idColumn).as("_old"),
        count(lit(1)).over(org.apache.spark.sql.expressions.Window.partitionBy(idColumn)).as("_old_n"));
    Dataset<Row> a = after.select(col(DOC_ID), col(idColumn).as("_new"),
        count(lit(1)).over(org.apache.spark.sql.expressions.Window.partitionBy(idColumn)).as("_new_n"));
    Map<String, List<String>> members = new TreeMap<>(); // full run's id → members
    Map<String, String> oldIds = new HashMap<>();
    for (Row r : a.join(b, new String[] {DOC_ID}, "full_outer")
        .filter(col("_old_n").gt(1).or(col("_new_n").gt(1)))
        .select(DOC_ID, "_new", "_old").collectAsList()) {
      if (r.isNullAt(1)) continue; // a document the refresh no longer has (its input dropped it): nothing to name
      members.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(0));
      if (!r.isNullAt(2)) oldIds.put(r.getString(0), r.getString(2));
    }
    // the since of those old ids only (a semi join: the stored ids stay in Spark)
    List<Row> ids = new ArrayList<>();
    for (String id : new java.util.TreeSet<>(oldIds.values())) ids.add(RowFactory.create(id));
    Dataset<Row> wanted = spark.createDataFrame(ids, new StructType().add("_id", DataTypes.StringType, false));
    Map<String, Integer> known = new HashMap<>();
    for (Row r : since.join(broadcast(wanted), since.col(since.columns()[0]).equalTo(col("_id")), "left_semi")
        .collectAsList()) {
      known.put(r.getString(0), r.getInt(1));
    }
    for (String id : oldIds.values()) known.putIfAbsent(id, version); // an id without a since: as young as can be
    ClusterIds.Result r = ClusterIds.assign(members, oldIds, known);
    Map<String, String> change = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : members.entrySet()) {
      String kept = r.ids().get(e.getValue().get(0));
      if (!kept.equals(e.getKey())) change.put(e.getKey(), kept);
    }
    for (ClusterIds.Alias x : r.aliases()) {
      aliases.add(RowFactory.create(kind, x.oldId(), x.newId(), x.event(), version));
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("renamed_to_kept_ids", change.size());
    s.put("created", r.created().size());
    s.put("merged_away", r.retired().size());
    s.put("split", r.aliases().stream().filter(x -> x.event().equals(StateTables.SPLIT)).count());
    section.put(kind, s);
    return change;
  }

  /**
   * Rewrites a staged table with its id column mapped ({@code change}: full run's id → kept id); with a since column,
   * a kept id keeps the version it has been in use since, any other id is in use from this version.
   */
  private static void rewrite(SparkSession spark, OutputFolder out, String table, String idColumn,
      Map<String, String> change, String sinceColumn, int version, Dataset<Row> since) {
    if (change.isEmpty() && sinceColumn == null) return;
    List<Row> rows = new ArrayList<>();
    change.forEach((from, to) -> rows.add(RowFactory.create(from, to)));
    Dataset<Row> t = read(spark, out, table);
    Column[] order = java.util.Arrays.stream(t.columns()).map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> mapped = t.join(broadcast(spark.createDataFrame(rows, MAPPING)),
            t.col(idColumn).equalTo(col("_from")), "left")
        .withColumn(idColumn, coalesce(col("_to"), col(idColumn))).drop("_from", "_to");
    if (sinceColumn != null) {
      Dataset<Row> kept = since.toDF("_id", "_since");
      mapped = mapped.join(kept, mapped.col(idColumn).equalTo(col("_id")), "left")
          .withColumn(sinceColumn, coalesce(col("_since"), lit(version))).drop("_id", "_since");
    }
    String staged = out.table(table);
    String fresh = staged + "._kept";
    mapped.select(order).write().mode(SaveMode.Overwrite).parquet(fresh);
    try {
      FileSystem fs = out.fileSystem();
      if (!fs.delete(new Path(staged), true) || !fs.rename(new Path(fresh), new Path(staged))) {
        throw new IOException("cannot replace " + staged + " with " + fresh);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Dataset<Row> read(SparkSession spark, OutputFolder out, String table) {
    return ParquetTables.read(spark, out.table(table));
  }
}
