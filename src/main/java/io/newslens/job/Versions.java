package io.newslens.job;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Versions of everything that shapes a run's results, for the manifest. */
public final class Versions {
  private Versions() {}

  public static String newslens() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-dev";
  }

  public static Map<String, String> all(SparkSession spark) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("newslens", newslens());
    m.put("spark", spark.version());
    m.put("scala", scala.util.Properties.versionNumberString());
    m.put("java", System.getProperty("java.version"));
    m.put("lucene", org.apache.lucene.util.Version.LATEST.toString());
    m.put("master", spark.sparkContext().master());
    return m;
  }
}
