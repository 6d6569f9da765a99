/** Cross-cutting configuration: presence properties and the Redis connections the features share. */
package io.headcount.presence.config;
