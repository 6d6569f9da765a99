/** The nightly audit reports: where they live and the API that lists them. */
package io.headcount.statsbatch.reports;
