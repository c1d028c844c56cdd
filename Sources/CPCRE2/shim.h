#ifndef SPOOR_CPCRE2_SHIM_H
#define SPOOR_CPCRE2_SHIM_H

/* Spoor uses the 8-bit (UTF-8) library only. pcre2.h requires the code unit
width before it is included; with it set, the generic names (pcre2_compile,
pcre2_code, ...) become macros over the _8 functions and types. Swift does not
import function-like or type-renaming macros, so Swift code calls the _8 names
directly (pcre2_compile_8, pcre2_code_8, pcre2_match_8, ...). */
#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif

#include <stdint.h>
#include <stddef.h>
#include <pcre2.h>

/* Constants that pcre2.h defines as casting expressions, (~(PCRE2_SIZE)0),
which the Swift importer does not turn into constants. */

/// PCRE2_UNSET: the value of an ovector slot for a group that did not take part.
static inline size_t cpcre2_unset(void) {
    return PCRE2_UNSET;
}

/// PCRE2_ZERO_TERMINATED: the length that tells PCRE2 to measure a NUL-terminated string.
static inline size_t cpcre2_zero_terminated(void) {
    return PCRE2_ZERO_TERMINATED;
}

/// Whether this build of libpcre2-8 has JIT support (pcre2_config(PCRE2_CONFIG_JIT)).
/// Wrapped so that Swift does not have to pass an untyped out-pointer.
static inline int cpcre2_jit_available(void) {
    uint32_t jit = 0;
    if (pcre2_config_8(PCRE2_CONFIG_JIT, &jit) < 0) return 0;
    return jit != 0;
}

/// A uint32_t item of pcre2_pattern_info(), or `fallback` when the request fails.
static inline uint32_t cpcre2_pattern_info_u32(const pcre2_code_8 *code, uint32_t what, uint32_t fallback) {
    uint32_t value = 0;
    if (pcre2_pattern_info_8(code, what, &value) != 0) return fallback;
    return value;
}

#endif /* SPOOR_CPCRE2_SHIM_H */
