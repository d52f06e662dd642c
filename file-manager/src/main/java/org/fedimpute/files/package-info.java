/** file-manager: uploads, storage, signed downloads, genotype file validation and retention. */
package org.fedimpute.files;
