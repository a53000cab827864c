/**
 * API: the one validator every entry point uses (dry-run, create, update, command line). {@link
 * io.kubemin.validation.Validator} checks an {@link io.kubemin.model.Application} and returns every
 * error at once, each with a JSON path, a stable code from {@link
 * io.kubemin.validation.ValidationCodes} and a message naming the rule.
 */
package io.kubemin.validation;
