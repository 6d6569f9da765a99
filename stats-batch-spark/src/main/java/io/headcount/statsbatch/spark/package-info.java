/**
 * The report SQL on Apache Spark: the engine stats-batch loads for
 * {@code --engine spark}, and the same report as a plain Spark application for
 * {@code spark-submit}.
 */
@NullMarked
package io.headcount.statsbatch.spark;

import org.jspecify.annotations.NullMarked;
