/** Tests of devstack against the real servers it starts. */
package io.headcount.devstack;
