package org.tasni.download;

import java.net.URI;
import tech.tablesaw.api.Table;

/**
 * A TAP query's rows and how they came.
 *
 * @param table    the rows
 * @param overflow true if the result may be truncated: QUERY_STATUS=OVERFLOW, or as many rows as MAXREC. The
 *                 caller must split the query (a smaller cone, sub-tiles), never use it as complete
 * @param attempts HTTP requests made, retries included (for an async query: creating, starting, waiting, fetching)
 * @param retries  of those, the ones that repeated a failed request
 * @param bytes    bytes received for the result
 * @param job      the async job URL, or null for a sync query
 */
public record TapResult(Table table, boolean overflow, int attempts, int retries, long bytes, URI job) {}
