@NullMarked
package io.headcount.yardstick;

import org.jspecify.annotations.NullMarked;
