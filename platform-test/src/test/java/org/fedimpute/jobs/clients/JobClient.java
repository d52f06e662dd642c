package org.fedimpute.jobs.clients;

/** Architecture fixture: a class of another service. */
public class JobClient {}
