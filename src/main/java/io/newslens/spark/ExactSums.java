package io.newslens.spark;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Sums of doubles that do not depend on how the rows were partitioned. A double sum depends on the order of its
 * additions, and that order follows the partitions: the same run on local[2] with 2 or 16 shuffle partitions, or
 * on two executors, gave topic shares that differed in the 17th digit, so the tables were not the same row for
 * row. A decimal sum is exact, hence the same in any order: values are rounded once to 24 decimals (far below a
 * double's precision for the weights and shares we sum, all under 1e14), summed exactly, and turned back into a
 * double.
 */
public final class ExactSums {
  private ExactSums() {}

  static final DecimalType EXACT = DataTypes.createDecimalType(38, 24);

  /** The sum of a double column, the same whatever the partitioning; null over no non-null value. */
  public static Column sum(Column c) {
    return org.apache.spark.sql.functions.sum(c.cast(EXACT)).cast(DataTypes.DoubleType);
  }

  /** The mean of the non-null values of a double column, the same whatever the partitioning; null over none. */
  public static Column avg(Column c) {
    Column n = count(c);
    return when(n.gt(0), sum(c.cast(EXACT)).cast(DataTypes.DoubleType).divide(n));
  }
}
