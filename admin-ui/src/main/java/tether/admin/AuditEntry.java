package tether.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One change made through the API: when, by whom (the token's name, and whether by bearer token or
 * console session), what was asked, and the state before and after (null where there was none).
 */
record AuditEntry(
    Instant at, String who, String via, String method, String path, String request,
    JsonNode before, JsonNode after) {}
