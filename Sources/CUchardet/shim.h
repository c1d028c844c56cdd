#ifndef SPOOR_CUCHARDET_SHIM_H
#define SPOOR_CUCHARDET_SHIM_H

/* libuchardet (Mozilla's universal charset detector, Debian's libuchardet-dev) for Spoor's
charset decoder: it names the real encoding of a page whose declared charset decodes with many
errors. pkg-config's -I points into include/uchardet. */

#include <stddef.h>
#include <uchardet.h>

/* uchardet_handle_data takes `const char *`; the decoder holds bytes. Feeds `length` bytes and
returns non-zero on failure (out of memory). */
static inline int spoor_uchardet_feed(uchardet_t detector, const unsigned char *bytes, size_t length) {
    return uchardet_handle_data(detector, (const char *)bytes, length);
}

#endif
