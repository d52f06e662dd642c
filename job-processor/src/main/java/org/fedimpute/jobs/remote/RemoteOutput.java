package org.fedimpute.jobs.remote;

/**
 * One result file a finished remote job offers.
 *
 * @param name the file name to store it under
 * @param location where to fetch it: for Cloudgene {@code /share/results/{hash}/{name}} relative to the server's
 *     root, for WES the output URL
 * @param declaredSize the size the server declared in bytes, or -1 where it gave none (Cloudgene gives "82 MB")
 */
public record RemoteOutput(String name, String location, long declaredSize) {}
