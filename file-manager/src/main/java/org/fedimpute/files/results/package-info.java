/** A job's results as a whole: their listing as CSV, and all of them in one zip streamed on demand. */
package org.fedimpute.files.results;
