#ifndef SPOOR_CCURL_SHIM_H
#define SPOOR_CCURL_SHIM_H

/* libcurl for Spoor's fetcher. curl_easy_setopt, curl_easy_getinfo and
curl_multi_setopt are variadic, which Swift cannot call: each option type
gets a typed static inline wrapper here. */

#include <curl/curl.h>

#endif
