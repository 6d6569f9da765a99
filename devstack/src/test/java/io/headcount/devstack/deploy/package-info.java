/** Tests of the deployment descriptors shipped beside the code (the Helm chart). */
package io.headcount.devstack.deploy;
