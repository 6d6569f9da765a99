/**
 * The archive: Kafka's four event topics written exactly once to Parquet files,
 * partitioned by event date and hour and named by topic, partition and offset range.
 */
@NullMarked
package io.headcount.statsbatch.archive;

import org.jspecify.annotations.NullMarked;
