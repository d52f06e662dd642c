/**
 * File records: who owns each stored file, what it is for, its checksums and lifetime, who may see it, and its
 * removal from storage and database.
 */
package org.fedimpute.files.records;
