/**
 * Cross-cutting configuration: the platform's property defaults and the shared
 * {@link java.time.Clock}.
 */
@NullMarked
package io.headcount.platform.config;

import org.jspecify.annotations.NullMarked;
