#ifndef SPOOR_CZLIB_SHIM_H
#define SPOOR_CZLIB_SHIM_H

/* zlib: gunzip for sitemap .xml.gz files (the fetcher leaves HTTP
Content-Encoding to libcurl) and gzip bodies in the fixture marketplace.
inflateInit2/deflateInit2 are macros; these wrappers make them callable. */

#include <zlib.h>

static inline int czlib_inflate_init2(z_stream *stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}

static inline int czlib_deflate_init2(z_stream *stream, int level, int window_bits) {
    return deflateInit2(stream, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
}

#endif
