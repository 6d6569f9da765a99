/**
 * Domain events every service publishes to Kafka: topic names, the versioned event
 * records, their JSON form, and an {@link io.headcount.platform.events.EventPublisher}
 * that never blocks a request.
 */
@NullMarked
package io.headcount.platform.events;

import org.jspecify.annotations.NullMarked;
