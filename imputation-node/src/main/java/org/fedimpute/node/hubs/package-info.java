/** The hubs allowed to call the node's WES API, each known by the SHA-256 of its bearer token. */
package org.fedimpute.node.hubs;
