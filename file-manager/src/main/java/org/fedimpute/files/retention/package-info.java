/** Retention: files live for a configured time by kind, their owners are warned ahead, then they are deleted. */
package org.fedimpute.files.retention;
