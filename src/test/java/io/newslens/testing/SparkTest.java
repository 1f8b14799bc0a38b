package io.newslens.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that uses Spark: it gets the JVM-wide shared {@code local[2]} session through
 * {@link SharedSpark} (declare a {@code SparkSession} parameter or call {@link SharedSpark#session()}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SharedSpark.class)
@Tag("spark")
public @interface SparkTest {}
