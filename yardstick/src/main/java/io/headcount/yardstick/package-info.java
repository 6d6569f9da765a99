/**
 * The bench's yardstick: the like and the visitor sessions a team would write in an
 * afternoon with Spring Boot's starters, measured against Headcount's in the same run.
 */
@NullMarked
package io.headcount.yardstick;

import org.jspecify.annotations.NullMarked;
