/** The nightly audit reports: where they live and the API that lists them. */
@NullMarked
package io.headcount.statsbatch.reports;

import org.jspecify.annotations.NullMarked;
