/** Cross-cutting configuration: properties, the Redis connection, metrics. */
package io.headcount.counter.config;
