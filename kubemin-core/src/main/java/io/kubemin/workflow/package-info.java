/** API: tasks, their states and job records, as stored and reported. */
package io.kubemin.workflow;
