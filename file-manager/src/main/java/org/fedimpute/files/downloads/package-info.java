/**
 * Downloads: the authenticated stream with HTTP range support, and expiring signed links (an HMAC over the file,
 * the user and the expiry) that work without a token.
 */
package org.fedimpute.files.downloads;
