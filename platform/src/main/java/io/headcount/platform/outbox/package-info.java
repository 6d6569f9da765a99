/**
 * The transactional outbox: every state change and its event are written by one Lua
 * script call, the event as a record of a Redis Stream on the node that holds the state
 * (fields in {@link io.headcount.platform.outbox.OutboxRecord}); an
 * {@link io.headcount.platform.outbox.OutboxRelay} on every instance moves the records of
 * the streams it holds a short lease on to Kafka, and deletes them once Kafka
 * acknowledged them. A script must refuse its change when the stream holds
 * {@code headcount.outbox.max-backlog} records
 * ({@link io.headcount.platform.outbox.OutboxBacklogFullException}). docs/architecture.md
 * has the design and its cost, docs/events.md what consumers get.
 */
@NullMarked
package io.headcount.platform.outbox;

import org.jspecify.annotations.NullMarked;
