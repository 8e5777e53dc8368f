/**
 * The signed affinity cookie. Start with {@link tether.stickiness.cookie.SignedCookieStrategy} and its
 * {@link tether.stickiness.cookie.SignedCookieConfig}; {@link tether.stickiness.cookie.CookieCodec}
 * holds the token format and {@link tether.stickiness.cookie.SigningKeys} the HMAC keys.
 */
package tether.stickiness.cookie;
