/**
 * Validation of uploaded genotype files: one streaming pass over a VCF that reports, with line numbers and a
 * concrete fix for each problem, everything an imputation server would otherwise refuse hours later.
 *
 * <p>Entry points: {@link org.fedimpute.files.validation.GenotypeValidator} (synchronous) and
 * {@link org.fedimpute.files.validation.ValidationRunner} (bounded, asynchronous, timed); both answer a
 * {@link org.fedimpute.files.validation.ValidationReport}.
 */
package org.fedimpute.files.validation;
