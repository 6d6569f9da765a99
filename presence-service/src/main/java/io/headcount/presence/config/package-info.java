/** Cross-cutting configuration: presence's properties. */
@NullMarked
package io.headcount.presence.config;

import org.jspecify.annotations.NullMarked;
