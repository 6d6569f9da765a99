/** User presence and site visitors. */
package io.headcount.presence;
