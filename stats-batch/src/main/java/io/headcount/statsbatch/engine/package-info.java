/**
 * The query engines the report SQL runs on (embedded DuckDB by default, Apache Spark to
 * scale out) and the small dialect layer where they differ.
 */
@NullMarked
package io.headcount.statsbatch.engine;

import org.jspecify.annotations.NullMarked;
