package io.newslens.ingest;

import static io.newslens.Columns.*;

import io.newslens.extract.Span;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The {@code extraction} struct of the ingested documents: {@link PageExtraction} as a Spark row. */
public final class PageExtractions {
  private PageExtractions() {}

  /** A dropped span of the page text: offsets into the ingested text (end exclusive) and the extractor's reason. */
  public static final StructType SPAN = new StructType()
      .add(START, DataTypes.IntegerType, false)
      .add(END, DataTypes.IntegerType, false)
      .add(REASON, DataTypes.StringType, false);

  /**
   * The struct as ingest writes it; the clean stage drops {@code dropped} once it has turned the spans into
   * boilerplate annotations.
   */
  public static final StructType WORK_SCHEMA = new StructType()
      .add(METHOD, DataTypes.StringType, true)
      .add(SCORE, DataTypes.DoubleType, false)
      .add(ENCODING_SOURCE, DataTypes.StringType, true)
      .add(BLOCKS, DataTypes.IntegerType, false)
      .add(DROPPED_BLOCKS, DataTypes.IntegerType, false)
      .add(PAGE_CHARS, DataTypes.IntegerType, false)
      .add(ARTICLE_CHARS, DataTypes.IntegerType, false)
      .add(DROPPED, new ArrayType(SPAN, false), false);

  static Row toRow(PageExtraction e) {
    if (e == null) return null;
    List<Row> spans = new ArrayList<>(e.dropped().size());
    for (Span s : e.dropped()) spans.add(RowFactory.create(s.start(), s.end(), s.reason()));
    return RowFactory.create(e.method(), e.score(), e.encodingSource(), e.blocks(), e.droppedBlocks(), e.pageChars(),
        e.articleChars(), scala.jdk.javaapi.CollectionConverters.asScala(spans).toSeq());
  }
}
