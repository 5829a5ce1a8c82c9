#ifndef CCRYPTO_SHIM_H
#define CCRYPTO_SHIM_H
/* OpenSSL's digests (libssl-dev, which libpq-dev already depends on): SHA-256 with the CPU's
   SHA extensions, ten times the portable Swift version on an import's file digests. */
#include <openssl/evp.h>
/* HMAC-SHA-256: the signature on alert webhooks' bodies. */
#include <openssl/hmac.h>
#endif
